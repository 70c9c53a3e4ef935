"""One article prepared for the event rules: segmentation, mentions, resolution.

:class:`Document` holds the body's sentences and quotations, the place, person and
organisation mentions (sorted by offset), and answers the questions every event rule
asks: who is the agent just before this verb, who comes right after it, what does "he",
"the minister" or "the statement" refer to here, which date and place belong to a clause.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date

from extract.articles import Article
from extract.extraction.dates import _DATE_RE, DateMention
from extract.extraction.dates import resolve as resolve_date
from extract.extraction.lexicon import SPEECH_FILLERS, UNNAMED_SPEAKER_HEADS
from extract.extraction.people import (
    Entity,
    EntityTable,
    Mention,
    MentionScanner,
    apposition_attributes,
)
from extract.extraction.sentences import Segmentation, Sentence
from extract.gazetteer import Gazetteer

_FILLER_TAIL = re.compile(
    r"(?:\s*,?\s+(?:{}|on\s+\w+day|in\s+a\s+statement|in\s+an\s+interview|(?-i:[a-z]+ly))\b)+\s*$".format("|".join(
        re.escape(f) for f in sorted(SPEECH_FILLERS, key=len, reverse=True))), re.IGNORECASE)
_PRONOUN_TAIL = re.compile(r"(?<![\w’'])(he|she|He|She)\s*$")
_WHO_TAIL = re.compile(r",\s*who(?:\s+(?:also|later|then|had|has|have|previously|earlier))*\s*$")
_PRONOUN_HEAD = re.compile(r"^\s*(he|she)\b")
_ORG_DESC_HEADS = ("ministry", "department", "embassy", "government", "statement", "readout",
                   "communique", "communiqué", "agency", "committee", "council", "office",
                   "commission", "society", "institute", "foundation", "company", "group",
                   "union", "organisation", "organization", "party", "bank", "administration",
                   "secretariat", "cabinet", "kremlin", "presidency", "consulate", "mission",
                   "think tank", "university", "court", "army", "military", "police", "club",
                   "federation", "association", "delegation")
_STATEMENT_HEADS = frozenset({"statement", "readout", "communique", "communiqué"})
_DESC_TAIL = re.compile(r"(?<![\w’'])([Tt]he|[Aa]|[Aa]n)\s+((?:[\w’'\-]+\s+){0,4}?)([a-z][\w\-]*)\s*$")
_DESC_HEAD = re.compile(r"^\s*([Tt]he|[Aa]|[Aa]n)\s+((?:[\w’'\-]+\s+){0,4}?)([a-z][\w\-]*)\b")
_APPOS_BETWEEN = re.compile(r"\s*,[^“”\"]{1,220},\s*$")
_CLAUSE_BREAK = re.compile(
    r"\s(?:since|after|before|when|while|until|whereas|although|though|because|ahead of)\s|"
    r"(?<!such)(?<!well)\sas\s(?!(?:well|part|a\s+result|soon|long|much|many|far|of|if)\b)|"
    r",\s+(?:which|who|where|as|but)\s|;|\s—\s|\s–\s|\s-\s")


_DATELINE = re.compile(
    r"\s*(?P<city>[A-Z][A-Za-z.'’\- ]{1,30}?)(?:/[A-Z][A-Za-z ]{1,20})?"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z. ]{1,25}?))?"
    r"(?:,\s*(?:\d{1,2}(?:st|nd|rd|th)?\s+)?[A-Z][a-z]{2,8}\.?(?:\s+\d{1,2})?(?:,\s*\d{4})?\.?)?"
    r"\s*(?:\([A-Za-z\- ]{1,20}\)|/[A-Z]+/\.?)?\s*(?:—|–|--|-|:)\s")


_SCANNERS: dict[int, tuple[Gazetteer, MentionScanner]] = {}


def scanner_for(gz: Gazetteer) -> MentionScanner:
    """One mention scanner per gazetteer (building its look-up sets costs milliseconds)."""
    got = _SCANNERS.get(id(gz))
    if got is None or got[0] is not gz:
        got = (gz, MentionScanner(gz))
        if len(_SCANNERS) > 8:
            _SCANNERS.clear()
        _SCANNERS[id(gz)] = got
    return got[1]


@dataclass(slots=True)
class Agent:
    """Who a rule found at a position: a resolved entity, or a reason there is none."""

    entity: Entity | None
    start: int
    end: int
    how: str  # name | pronoun | description | unnamed


class Document:
    def __init__(self, article: Article, gz: Gazetteer) -> None:
        self.article = article
        self.body = article.body
        self.pub: date = article.published_date
        self.gz = gz
        self.seg = Segmentation(self.body)
        self.sentences: list[Sentence] = self.seg.sentences
        self.scanner = scanner_for(gz)
        orgs: list = []
        persons: list = []
        titled: list[Mention] = []
        # title and highlights teach names ("Liu Jianchao") but are never event sources
        for text in (article.title, *article.highlights):
            self.scanner.scan(text, 0, False, [], orgs, persons, [])
        body_places: list[Mention] = []
        self.scanner.scan(self.body, 0, True, body_places, orgs, persons, titled)
        self.table = EntityTable()
        self.person_mentions, self.org_mentions = self.table.build(persons, orgs)
        self.places = body_places
        self.titled = titled
        self._apply_appositions()
        self.agents: list[Mention] = sorted(self.person_mentions + self.org_mentions,
                                            key=lambda m: m.start)
        self._agent_starts = [m.start for m in self.agents]
        self._place_starts = [m.start for m in self.places]
        self.last_speaker: tuple[Entity, int] | None = None
        self.statement_orgs: list[tuple[int, Entity]] = []
        # (guest, host country, city, date, precision, evidence) from "X received/hosted Y"
        self.hosted_guests: list = []
        self._dates_cache: dict[tuple[int, bool], list[DateMention]] = {}
        self._date_matches: list[re.Match[str]] | None = None
        self._date_starts: list[int] = []
        self._clause_cache: dict[int, list[tuple[int, int]]] = {}
        self.dateline: tuple[str, str | None] | None = self._dateline()

    def _dateline(self) -> tuple[str, str | None] | None:
        """(iso3, city) of a dateline opening the body: "KAZAN, Russia, Oct 23 (Reuters) -"."""
        m = _DATELINE.match(self.body[:160])
        if not m:
            return None
        city = m.group("city").strip()
        region = (m.group("region") or "").strip()
        if region:
            p = self.gz.places.get(region) or self.gz.places.get(region.title())
            if p is not None and p.kind == "country":
                return p.iso3, None
        titled = " ".join(w if w.lower() in ("de", "da", "do", "du", "al", "el", "la", "le")
                          else w.capitalize() for w in city.lower().split())
        titled2 = "-".join(w.capitalize() for w in titled.split("-"))
        for form in (city, city.title(), titled, titled2):
            p = self.gz.places.get(form)
            if p is not None and p.kind != "demonym":
                return p.iso3, (form if p.kind in ("city", "capital") else None)
        if region:
            p = self.gz.places.get(region) or self.gz.places.get(region.title())
            if p is not None and p.kind != "demonym":
                return p.iso3, None
        return None

    # ---------------------------------------------------------------- attributes
    def _apply_appositions(self) -> None:
        body = self.body
        for m in self.person_mentions:
            ent = m.entity
            if ent is None or (ent.country and ent.title):
                continue
            if m.end < len(body) and body[m.end] == ",":
                title, country = apposition_attributes(self.scanner, body, m.end)
                if title or country:
                    gov = None
                    if title:
                        low = title.lower()
                        gov = False if "former" in low else None
                        t = self.gz.titles.get(low)
                        if t is not None and gov is None:
                            gov = t.is_government and t.role != "non_government"
                    ent.absorb(country, title, None, gov)

    # ---------------------------------------------------------------- look-ups
    def agents_in(self, lo: int, hi: int) -> list[Mention]:
        i = bisect_left(self._agent_starts, lo)
        out = []
        while i < len(self.agents) and self.agents[i].start < hi:
            out.append(self.agents[i])
            i += 1
        return out

    def places_in(self, lo: int, hi: int) -> list[Mention]:
        i = bisect_left(self._place_starts, lo)
        out = []
        while i < len(self.places) and self.places[i].start < hi:
            out.append(self.places[i])
            i += 1
        return out

    def agent_ending_at(self, pos: int) -> Mention | None:
        """The person/org mention that ends exactly at ``pos``."""
        i = bisect_right(self._agent_starts, pos) - 1
        stop = max(-1, i - 6)
        while i > stop:
            m = self.agents[i]
            if m.end == pos:
                return m
            i -= 1
        return None

    def dates(self, sent: Sentence, future: bool) -> list[DateMention]:
        key = (sent.index, future)
        got = self._dates_cache.get(key)
        if got is None:
            if self._date_matches is None:
                self._date_matches = list(_DATE_RE.finditer(self.body))
                self._date_starts = [m.start() for m in self._date_matches]
            i = bisect_left(self._date_starts, sent.start)
            got = []
            while i < len(self._date_matches) and self._date_matches[i].start() < sent.end:
                m = self._date_matches[i]
                i += 1
                if m.end() > sent.end:
                    break
                value, precision = resolve_date(m, self.pub, future)
                if value is not None:
                    got.append(DateMention(m.start(), m.end(), value, precision, m.group()))
            self._dates_cache[key] = got
        return got

    def clause_bounds(self, sent: Sentence, pos: int) -> tuple[int, int]:
        """The clause of ``sent`` around ``pos``: between subordinators and semicolons."""
        breaks = self._clause_cache.get(sent.index)
        if breaks is None:
            breaks = [(sent.start + m.start(), sent.start + m.end()) for m in _CLAUSE_BREAK.finditer(sent.text)]
            self._clause_cache[sent.index] = breaks
        lo, hi = sent.start, sent.end
        for bs, be in breaks:
            if be <= pos:
                lo = bs + 1
            elif bs >= pos:
                hi = bs
                break
        return lo, hi

    def date_for(self, sent: Sentence, pos: int, future: bool, lo: int | None = None,
                 hi: int | None = None) -> tuple[date | None, str]:
        """The date of the clause around ``pos``, or the publication month when none."""
        d, prec, _ = self.event_date(sent, pos, future, lo, hi)
        return d, prec

    def event_date(self, sent: Sentence, pos: int, future: bool, lo: int | None = None,
                   hi: int | None = None) -> tuple[date | None, str, bool]:
        """(date, precision, explicit): the date expression of the clause around ``pos``,
        nearest first; without one, past events get the publication month (news reports
        recent events) and planned events no date."""
        clo, chi = self.clause_bounds(sent, pos)
        if lo is not None:
            clo = max(clo, lo)
        if hi is not None:
            chi = min(chi, hi)
        best: DateMention | None = None
        best_d = 10**9
        for dm in self.dates(sent, future):
            if dm.start >= clo and dm.end <= chi and not self.in_quote(dm.start):
                dist = abs(dm.start - pos)
                if dist < best_d:
                    best, best_d = dm, dist
        if best is not None:
            return best.value, best.precision, True
        if future:
            return None, "unknown", False
        return date(self.pub.year, self.pub.month, 1), "month", False

    def in_quote(self, pos: int) -> bool:
        return self.seg.quote_at(pos) is not None

    # ---------------------------------------------------------------- agents
    def agent_before(self, sent: Sentence, pos: int, allow_apposition: bool = True) -> Agent | None:
        """The speaker/actor whose phrase ends right before ``pos`` (a verb)."""
        lo = max(sent.start, pos - 260)
        prefix = self.body[lo:pos]
        fm = _FILLER_TAIL.search(prefix)
        cut = lo + (fm.start() if fm else len(prefix))
        while cut > lo and self.body[cut - 1] == " ":
            cut -= 1
        head = self.body[lo:cut]
        # a relative clause: "Kojo Asante-Mensah, who urged ..."
        wm = _WHO_TAIL.search(head)
        if wm:
            cut = lo + wm.start()
            head = self.body[lo:cut]
        # a name right there
        m = self.agent_ending_at(cut)
        if m is not None:
            return Agent(m.entity, m.start, m.end, "name")
        pm = _PRONOUN_TAIL.search(head)
        if pm:
            ent = self.resolve_pronoun(sent, lo + pm.start(), pm.group(1).lower())
            return Agent(ent, lo + pm.start(), cut, "pronoun")
        dm = _DESC_TAIL.search(head)
        if dm:
            return self._description(sent, lo + dm.start(), cut, dm.group(1), dm.group(2), dm.group(3))
        # an apposition between the name and the verb: "Lavrov, Russia's foreign minister, said"
        if allow_apposition and head.endswith(","):
            for am in list(reversed(self.agents_in(lo, cut)))[:5]:
                if self.in_quote(am.start):
                    break
                if _APPOS_BETWEEN.match(self.body, am.end, cut) and re.search(
                        r"\b[a-z]{2,}", self.body[am.end:cut]):
                    before = self.body[max(sent.start, am.start - 12):am.start]
                    if re.search(r"\b(?:with|by|of|to|and|from|for)\s+(?:\S+\s+){0,2}$", before):
                        continue
                    return Agent(am.entity, am.start, am.end, "name")
        # a bare plural/unnamed subject ("officials said")
        tail = head.rsplit(None, 1)[-1].lower() if head.strip() else ""
        if tail in UNNAMED_SPEAKER_HEADS:
            return Agent(None, cut - len(tail), cut, "unnamed")
        return None

    def agent_after(self, sent: Sentence, pos: int) -> Agent | None:
        """The speaker right after ``pos`` (inverted attribution: '..., said Liu')."""
        hi = min(sent.end, pos + 120)
        text = self.body[pos:hi]
        pm = _PRONOUN_HEAD.match(text)
        if pm:
            ent = self.resolve_pronoun(sent, pos + pm.start(1), pm.group(1).lower())
            return Agent(ent, pos + pm.start(1), pos + pm.end(1), "pronoun")
        cands = self.agents_in(pos, hi)
        for m in cands[:4]:
            between = self.body[pos:m.start]
            if re.fullmatch(r"[\s,]*(?:(?:the|a|an|[A-Z][\w’'\-]*|[a-z\-]+(?:['’]s)?)\s+){0,6}?", between) and (
                    m.start - pos) < 90:
                if m.kind == "org":
                    # "said Chinese Foreign Ministry spokesperson Mao Ning": prefer the person
                    for m2 in cands:
                        if m2.kind == "person" and m2.start > m.end and m2.start - m.end < 40 and \
                                re.fullmatch(r"\s+(?:[a-z\-]+\s+){1,3}", self.body[m.end:m2.start]):
                            return Agent(m2.entity, m2.start, m2.end, "name")
                if between.strip() and not self._only_titles(between):
                    continue
                return Agent(m.entity, m.start, m.end, "name")
        dm = _DESC_HEAD.match(text)
        if dm:
            return self._description(sent, pos + dm.start(1), pos + dm.end(), dm.group(1), dm.group(2),
                                     dm.group(3))
        return None

    def _only_titles(self, text: str) -> bool:
        words = [w.strip(",").lower() for w in text.split()]
        tw = self.scanner.title_words
        return all(w in tw or w in ("the", "a", "an", "of", "'s", "’s") or
                   self.gz.places.get(w.capitalize()) is not None or w.upper() in self.gz.places
                   for w in words if w)

    def _description(self, sent: Sentence, start: int, end: int, det: str, mods: str,
                     head: str) -> Agent | None:
        words = mods.split()
        if head in UNNAMED_SPEAKER_HEADS or any(w.lower() in ("two", "both", "three", "several")
                                                for w in words):
            return Agent(None, start, end, "unnamed")
        if det.lower() in ("a", "an"):
            # "a spokesperson said": unnamed (an organisation word may carry it below)
            if head in _ORG_DESC_HEADS:
                pass
            else:
                return Agent(None, start, end, "unnamed")
        country = None
        for w in words:
            p = self.gz.places.get(re.sub(r"['’]s$", "", w))
            if p is not None:
                country = p.iso3
        if head in _ORG_DESC_HEADS or head in _STATEMENT_HEADS:
            ent = self.resolve_org_description(start, head, country, words)
            return Agent(ent, start, end, "description")
        if head in self.scanner.title_words or head in ("leader", "premier", "chancellor"):
            ent = self.resolve_person_description(start, head, country)
            return Agent(ent, start, end, "description")
        return None

    # ---------------------------------------------------------------- coreference
    def resolve_pronoun(self, sent: Sentence, pos: int, pronoun: str) -> Entity | None:
        gender = "m" if pronoun in ("he", "him", "his") else "f"

        def ok(e: Entity | None) -> bool:
            return e is not None and e.kind == "person" and (e.gender in (None, gender))

        # an earlier person in the same sentence (outside quotes)
        same = [m for m in self.agents_in(sent.start, pos)
                if m.kind == "person" and not self.in_quote(m.start)]
        if same and ok(same[0].entity):
            return same[0].entity
        if self.last_speaker is not None:
            ent, idx = self.last_speaker
            if sent.index - idx <= 2 and ok(ent):
                return ent
        for k in range(sent.index - 1, max(-1, sent.index - 4), -1):
            prev = self.sentences[k]
            cands = [m for m in self.agents_in(prev.start, prev.end)
                     if m.kind == "person" and not self.in_quote(m.start)]
            for m in cands:
                if ok(m.entity):
                    return m.entity
        return None

    def resolve_person_description(self, pos: int, head: str, country: str | None) -> Entity | None:
        best = None
        for m in reversed(self.agents_in(max(0, pos - 3000), pos)):
            e = m.entity
            if e is None or e.kind != "person":
                continue
            if country and e.country and e.country != country:
                continue
            title = (e.title or "").lower()
            role = e.role or ""
            if head in title or (head == "leader" and role in ("head_of_state", "head_of_government", "party", "royal")) \
                    or (head == "president" and role == "head_of_state") or (
                    head == "premier" and role == "head_of_government"):
                return e
            if best is None and country and e.country == country and head in ("leader", "official"):
                best = e
        return best

    def resolve_org_description(self, pos: int, head: str, country: str | None,
                                mods: list[str]) -> Entity | None:
        if head in _STATEMENT_HEADS:
            for p, ent in reversed(self.statement_orgs):
                if p < pos:
                    return ent
        for m in reversed(self.agents_in(max(0, pos - 5000), pos)):
            e = m.entity
            if e is None or e.kind != "organization":
                continue
            if head in _STATEMENT_HEADS:
                return e if e.is_government is not False else None
            if head in e.name.lower():
                return e
        if head in _STATEMENT_HEADS:
            return None
        # an unseen organisation named by a lowercase description with a country
        if country and head in ("ministry", "department", "embassy", "government", "military",
                                "army", "cabinet", "presidency", "office", "agency"):
            words = [w for w in mods if w.lower() not in ("the",)]
            name = " ".join([*words, head])
            key = "desc:" + name.lower()
            ent = self.table.org_by_name.get(key)
            if ent is None:
                ent = Entity(len(self.table.entities), name, "organization", tuple(name.split()),
                             country=country, org_kind="government", is_government=True, strength=1)
                self.table.entities.append(ent)
                self.table.org_by_name[key] = ent
            return ent
        return None
