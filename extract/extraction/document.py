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
from datetime import date, timedelta

from extract.articles import Article
from extract.extraction.dates import _DATE_RE, DateMention
from extract.extraction.dates import resolve as resolve_date
from extract.extraction.lexicon import HONORIFICS, SPEECH_FILLERS, UNNAMED_SPEAKER_HEADS
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
    r"(?:\s*,?\s+(?:{}|on\s+\w+day|in\s+a\s+statement|in\s+an\s+interview|(?-i:[a-z]+ly)|"
    r"on\s+(?-i:[A-Z][a-z]{{2,8}}\.?)\s+\d{{1,2}}|on\s+\d{{1,2}}\s+(?-i:[A-Z][a-z]{{2,8}})|today|yesterday|"
    r"(?:this|last)\s+(?:week|month))\b)+\s*$".format("|".join(
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
_POSS_DESC_TAIL = re.compile(r"(?<![\w’'])([A-Z][\w\-]+)['’]s\s+((?:[a-z][\w\-]*\s+){0,3}?)([a-z][\w\-]*)\s*$")
_DESC_HEAD = re.compile(r"^\s*([Tt]he|[Aa]|[Aa]n)\s+((?:[\w’'\-]+\s+){0,4}?)([a-z][\w\-]*)\b")
_APPOS_BETWEEN = re.compile(r"\s*,[^“”\"]{1,220},\s*$")
_CLAUSE_BREAK = re.compile(
    r"\s(?:since|after|before|when|while|until|whereas|although|though|because|ahead of)\s|"
    r"(?<!such)(?<!well)\sas\s(?!(?:well|part|a\s+result|soon|long|much|many|far|of|if)\b)|"
    r",\s+(?:which|who|where|as|but)\s|;|\s—\s|\s–\s|\s-\s")


_OF_ORG = re.compile(r"(?:\s+of|,\s+(?:a|an|the)\s+(?:[\w\-]+\s+){0,3}?(?:at|of|with))\s+(?:the\s+)?"
                     r"(?:(?P<based>[A-Z][\w\-]*(?:\s[A-Z][\w\-]*)?)-based\s+)?")
_SINCE = re.compile(r"\bsince\b[^,;.]{0,34}$|^\S*\s*since\b", re.I)
_WHEN_AT = re.compile(r"\s*(?:when|where|after|following)\b")
_LIST_GAP = re.compile(r"(?:,\s*(?:and\s+)?|\s+and\s+)(?:(?:[A-Z][\w\-]*|and|of|for|the)\s+){0,6}?(?:[a-z\-]+\s+)?[A-Za-z\-]+\s+")
_DATE_HINT = re.compile(r"\d|[Dd]ay|[Nn]ight|[Mm]orning|[Aa]fternoon|[Ee]vening|[Ww]eek|[Mm]onth|[Yy]ear|"
                        r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
_COORD_GAP = re.compile(r"\s*(?:,|and|,\s*and)\s*(?:[a-z\-]+\s+){0,2}")
_RESPECTIVE = re.compile(r"\b(?:ministers|leaders|presidents|prime\s+ministers|envoys|ambassadors|counterparts|"
                         r"heads\s+of\s+state|chiefs)\s+(?:from|of)\s+")
_LED_BY = re.compile(r"\b(?:led|headed|chaired)\s+by\s+(?:[\w’'\-\.]+\s+){0,4}$")
_ANAPHORIC_DATE = re.compile(r"\b((?:later|earlier)\s+that\s+(?:month|day)|that\s+(?:same\s+)?(?:month|day)|"
                             r"the\s+same\s+day|the\s+(?:next|following)\s+day)\b", re.I)
_NOT_HEADS = frozenset("and or but nor of to in on at for with by from as than that which who".split())
_HONORIFICS_LOWER = frozenset(h.lower() for h in HONORIFICS)
_DELEGATION_OF = re.compile(
    r"\b(?:[Tt]he|[Aa]n?)\s+(?:(?P<c1>[A-Z][\w\-]+)\s+)?(?:[\w\-]+\s+){0,3}?(?:delegation|side|team)\s+"
    r"(?:of\s+(?:the\s+)?(?P<c2>[A-Z][\w\-’']*(?:\s+[A-Z][\w\-’']*){0,4})\s+)?(?:was\s+|is\s+)?(?:led|headed)\s+by\s+")
_WORD_RX = re.compile(r"\w+(?:-\w+)*")
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
        self._share_list_country()
        self._delegation_countries()
        self.agents: list[Mention] = sorted(self.person_mentions + self.org_mentions,
                                            key=lambda m: m.start)
        self._agent_starts = [m.start for m in self.agents]
        self._place_starts = [m.start for m in self.places]
        self._respective_countries()
        self.last_speaker: tuple[Entity, int] | None = None
        # "statements" while statements are read; then "events": a pronoun in an event
        # sentence is not resolved to the last quoted speaker
        self.phase = "statements"
        self.statement_orgs: list[tuple[int, Entity]] = []
        # (guest, host country, city, date, precision, evidence) from "X received/hosted Y"
        self.hosted_guests: list = []
        self._dates_cache: dict[tuple[int, bool], list[DateMention]] = {}
        self._sent_dates: dict[int, list[re.Match[str]]] = {}
        self._clause_cache: dict[int, list[tuple[int, int]]] = {}
        self.body_start = 0
        self.dateline: tuple[str, str | None] | None = self._dateline()
        self.inferred_country: dict[int, str] = {}
        self._words: dict[int, frozenset[str]] = {}
        self.dateline_placed: set[int] = set()  # ids of meetings placed by the dateline alone

    def _dateline(self) -> tuple[str, str | None] | None:
        """(iso3, city) of a dateline opening the body: "KAZAN, Russia, Oct 23 (Reuters) -"."""
        m = _DATELINE.match(self.body[:160])
        if not m:
            return None
        self.body_start = m.end()  # where the first sentence's own words begin
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
        org_starts = [o.start for o in self.org_mentions]
        for m in self.person_mentions:
            ent = m.entity
            if ent is None or (ent.country and ent.title):
                continue
            if not ent.country:
                # "Professor X of Fudan University", "X, a senior fellow at the
                # Washington-based Center ...": the institution's country
                om = _OF_ORG.match(body, m.end, min(len(body), m.end + 90))
                if om:
                    i = bisect_left(org_starts, om.end())
                    if i < len(self.org_mentions) and self.org_mentions[i].start == om.end():
                        org = self.org_mentions[i].entity
                        if org is not None and org.country:
                            ent.country = org.country
                    elif om.group("based"):
                        p = self.gz.places.get(om.group("based"))
                        if p is not None and not p.ambiguous:
                            ent.country = p.iso3
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

    # ---------------------------------------------------------------- countries
    def country_of(self, ent: Entity | None) -> str | None:
        """The country a person or organisation serves, stated or inferred.

        Stated: the entity's own country. Inferred, for a government official whose
        country the article never states: the dateline's country. News names the
        officials of its own side by title alone ("Foreign Minister X" in a paper datelined
        in that country) and marks foreigners with a demonym or a country. International
        officials (UN, EU, AU ...) have none.
        """
        if ent is None:
            return None
        if ent.country:
            return ent.country
        got = self.inferred_country.get(ent.id)
        if got is not None:
            return got or None
        out = ""
        if ent.kind == "person" and self.dateline and ent.role != "international_official" and \
                ent.strength >= 2 and (ent.is_government or ent.title):
            # titled right before the name ("Finance Minister X"), as a paper titles its own
            out = self.dateline[0]
        self.inferred_country[ent.id] = out
        return out or None

    def _respective_countries(self) -> None:
        """ "the foreign ministers of Brazil, Germany and Japan, A, B and C": each name
        takes the country at its position in the list."""
        body = self.body
        for m in _RESPECTIVE.finditer(body):
            lo = m.end()
            places = []
            for p in self.places_in(lo, lo + 200):
                if p.place.kind == "demonym" or (places and not _COORD_GAP.fullmatch(body[lo:p.start])) or (
                        not places and p.start != lo and body[lo:p.start] != "the "):
                    break
                places.append(p)
                lo = p.end
            if len(places) < 2 or not body.startswith(", ", lo):
                continue
            persons = []
            for x in self.person_mentions:
                if x.start < lo:
                    continue
                if x.start > lo + 200 or x.entity is None:
                    break
                gap = body[lo:x.start]
                if persons and not _COORD_GAP.fullmatch(gap) or not persons and gap.strip(" ,"):
                    break
                persons.append(x)
                lo = x.end
                if len(persons) == len(places):
                    break
            if len(persons) == len(places):
                for p, x in zip(places, persons, strict=True):
                    if not x.entity.country:
                        x.entity.country = p.place.iso3

    def _delegation_countries(self) -> None:
        """ "the delegation of the Russian Federation led by X", "the Iranian delegation was
        led by X", "the US side was headed by Y": the leader is of that country."""
        body = self.body
        starts = [m.start for m in self.person_mentions]
        for m in _DELEGATION_OF.finditer(body):
            p = self.gz.places.get(m.group("c1") or m.group("c2") or "")
            if p is None or p.ambiguous:
                continue
            i = bisect_left(starts, m.end())
            if i < len(self.person_mentions):
                x = self.person_mentions[i]
                gap = body[m.end():x.start]
                if x.entity is not None and not x.entity.country and len(gap) <= 90 and "," not in gap.rstrip(", ")[:-1] \
                        and self.scanner is not None and (not gap.strip() or self._only_titles(gap.replace(",", " ")) or
                                                          re.fullmatch(r"[\w\s’'\-\.]{0,80}?,\s*", gap)):
                    x.entity.country = p.iso3

    def _share_list_country(self) -> None:
        """ "Indian External Affairs Minister X, Commerce Minister Y and Trade Minister Z": the
        demonym opening a list of ministers covers every minister of the list."""
        ms = self.person_mentions
        tw = self.scanner.title_words
        for prev, nxt in zip(ms, ms[1:], strict=False):
            a, b = prev.entity, nxt.entity
            if a is None or b is None or a is b or not a.country or b.country or not b.title:
                continue
            if (a.role or "") in ("head_of_state", "head_of_government", "royal") or \
                    (b.role or "") in ("head_of_state", "head_of_government", "royal"):
                continue
            gap = self.body[prev.end:nxt.start]
            m = _LIST_GAP.fullmatch(gap)
            if not m or gap.rstrip().split()[-1].lower() not in tw:
                continue
            b.country = a.country

    def relative_group(self, sent: Sentence, pos: int) -> list[Entity]:
        """The coordinated persons ending at ``pos`` (before ", who ..."): "X and Y",
        "golfers X and Y and businessman Z", "X, the leader of the DA"."""
        out: list[Entity] = []
        end = pos
        for m in reversed(self.agents_in(max(sent.start, pos - 240), pos)):
            if m.kind != "person" or m.entity is None or self.in_quote(m.start):
                break
            gap = self.body[m.end:end]
            if end == pos:
                if gap.strip(" ") and not re.fullmatch(r",\s*(?:the|a|an)\s+[^,]{1,60}", gap):
                    break
            elif not _COORD_GAP.fullmatch(gap):
                break
            out.append(m.entity)
            end = m.start
        return out[::-1]

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
            # scanned per sentence, and only for sentences some rule asks about
            matches = self._sent_dates.get(sent.index)
            if matches is None:
                # every date expression holds a digit, a month, or one of these words
                matches = list(_DATE_RE.finditer(self.body, sent.start, sent.end)) if \
                    _DATE_HINT.search(sent.text) else []
                self._sent_dates[sent.index] = matches
            got = []
            for m in matches:
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

    def after_report(self, d: date | None, precision: str) -> bool:
        """Whether an event is dated after the article's own date (a later day, or a
        later month when only the month is known). Such a trip or meeting can only be
        a planned one, whatever tense cue the patterns missed ("will pay a 2-day state
        visit to Vietnam starting next week"): a report cannot describe a finished event
        that has not happened yet."""
        if d is None:
            return False
        if precision == "day":
            return d > self.pub
        return precision == "month" and (d.year, d.month) > (self.pub.year, self.pub.month)

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
                if _SINCE.search(self.body, max(sent.start, dm.start - 40), dm.start + 6):
                    continue  # "the first visit since 2018", "since taking office in May"
                dist = abs(dm.start - pos)
                if dist < best_d:
                    best, best_d = dm, dist
        if best is None and clo > sent.start and _WHEN_AT.match(self.body, clo, clo + 10):
            # "Macron's visit to Lagos in July 2018, when he held talks ...": the date of
            # the clause the "when" clause hangs on
            for dm in self.dates(sent, future):
                if dm.end <= clo and not self.in_quote(dm.start):
                    best = dm
        if best is not None:
            return best.value, best.precision, True
        am = _ANAPHORIC_DATE.search(self.body, clo, chi) if not future else None
        if am is not None:
            # "later that month", "the same day", "the following day": from the date
            # mentioned last before this sentence
            prev = self._previous_date(sent)
            if prev is not None:
                kind = am.group(1).lower()
                if "month" in kind:
                    return date(prev.value.year, prev.value.month, 1), "month", True
                if prev.precision == "day":
                    if "next" in kind or "following" in kind:
                        return prev.value + timedelta(days=1), "day", True
                    if "day" in kind:
                        return prev.value, "day", True
        if future:
            return None, "unknown", False
        return date(self.pub.year, self.pub.month, 1), "month", False

    def _previous_date(self, sent: Sentence) -> DateMention | None:
        for k in range(sent.index - 1, max(-1, sent.index - 6), -1):
            ds = [dm for dm in self.dates(self.sentences[k], False)
                  if not self.in_quote(dm.start) and dm.precision in ("day", "month")
                  and not _SINCE.search(self.body, max(0, dm.start - 40), dm.start + 6)]
            if ds:
                return ds[-1]
        return None

    def words(self, sent: Sentence) -> frozenset[str]:
        """The lowercase words of a sentence: rules skip sentences without their cue words
        (a set look-up is far cheaper than running a large alternation)."""
        got = self._words.get(sent.index)
        if got is None:
            got = frozenset(_WORD_RX.findall(sent.text.lower()))
            self._words[sent.index] = got
        return got

    def in_quote(self, pos: int) -> bool:
        return self.seg.quote_at(pos) is not None

    # ---------------------------------------------------------------- agents
    def agent_before(self, sent: Sentence, pos: int, allow_apposition: bool = True) -> Agent | None:
        """The speaker/actor whose phrase ends right before ``pos`` (a verb)."""
        lo = max(sent.start, pos - 260)
        body = self.body
        # the tail patterns are anchored at the end: search short windows (speed)
        fm = _FILLER_TAIL.search(body, max(lo, pos - 70), pos)
        cut = fm.start() if fm else pos
        while cut > lo and body[cut - 1] == " ":
            cut -= 1
        # a relative clause: "Kojo Asante-Mensah, who urged ..."
        wm = _WHO_TAIL.search(body, max(lo, cut - 60), cut)
        if wm:
            cut = wm.start()
        hl = max(lo, cut - 120)
        head = body[hl:cut]
        # a name right there
        m = self.agent_ending_at(cut)
        if m is not None:
            if m.text.lower() in UNNAMED_SPEAKER_HEADS:
                return Agent(None, m.start, m.end, "unnamed")  # "Organisers said"
            return Agent(m.entity, m.start, m.end, "name")
        pm = _PRONOUN_TAIL.search(head, max(0, len(head) - 12))
        if pm:
            # "..., she said": the words before are hers, so a name inside them is not her
            trailing = bool(re.search(r"[,”\"]\s*$", head[max(0, pm.start() - 6):pm.start()]))
            ent = self.resolve_pronoun(sent, hl + pm.start(), pm.group(1).lower(), trailing)
            return Agent(ent, hl + pm.start(), cut, "pronoun")
        dm = _DESC_TAIL.search(head, max(0, len(head) - 70))
        if dm:
            return self._description(sent, hl + dm.start(), cut, dm.group(1), dm.group(2), dm.group(3))
        pd = _POSS_DESC_TAIL.search(head, max(0, len(head) - 70))
        if pd and pd.group(3) in _ORG_DESC_HEADS and self.gz.places.get(pd.group(1)) is not None:
            # "Iran's foreign ministry said": the country's body
            return self._description(sent, hl + pd.start(), cut, "the", f"{pd.group(1)} {pd.group(2)}", pd.group(3))
        # an apposition between the name and the verb: "Lavrov, Russia's foreign minister, said"
        # (also when a filler took the closing comma: "X, chief of Y, on July 26 received")
        if allow_apposition and not head.endswith(",") and body.startswith(",", cut):
            cut += 1
            head = body[hl:cut]
        if allow_apposition and head.endswith(","):
            for am in list(reversed(self.agents_in(lo, cut)))[:8]:
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
            mods, head, end = dm.group(2), dm.group(3), dm.end()
            # the head is the last noun of the phrase: "the Egyptian foreign ministry"
            while True:
                nx = re.match(r"\s+([a-z][\w\-]*)\b", text[end:])
                if not nx or not (nx.group(1) in _ORG_DESC_HEADS or nx.group(1) in self.scanner.title_words):
                    break
                mods, head, end = f"{mods}{head} ", nx.group(1), end + nx.end()
            return self._description(sent, pos + dm.start(1), pos + end, dm.group(1), mods, head)
        return None

    def _only_titles(self, text: str) -> bool:
        words = [w.strip(",").lower() for w in text.split()]
        tw = self.scanner.title_words
        return all(w in tw or w in ("the", "a", "an", "of", "'s", "’s") or w in _HONORIFICS_LOWER or
                   self.gz.places.get(w.capitalize()) is not None or w.upper() in self.gz.places
                   for w in words if w)

    def _description(self, sent: Sentence, start: int, end: int, det: str, mods: str,
                     head: str) -> Agent | None:
        words = mods.split()
        if head in _NOT_HEADS:
            return None  # "a two-day state visit and": no description ends in a function word
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
        if head in ("delegation", "side", "team") and country and det.lower() == "the":
            # "The Russian delegation arrived ...": the person who leads it
            ent = self.delegation_leader(start, country)
            if ent is not None:
                return Agent(ent, start, end, "description")
        if head in _ORG_DESC_HEADS or head in _STATEMENT_HEADS:
            ent = self.resolve_org_description(start, head, country, words)
            return Agent(ent, start, end, "description")
        if head in self.scanner.title_words or head in ("leader", "premier", "chancellor"):
            ent = self.resolve_person_description(start, head, country, tuple(words))
            return Agent(ent, start, end, "description")
        return None

    # ---------------------------------------------------------------- coreference
    def resolve_pronoun(self, sent: Sentence, pos: int, pronoun: str, trailing: bool = False) -> Entity | None:
        gender = "m" if pronoun in ("he", "him", "his") else "f"

        def ok(e: Entity | None) -> bool:
            return e is not None and e.kind == "person" and (e.gender in (None, gender))

        # an earlier person in the same sentence (outside quotes)
        same = [m for m in self.agents_in(sent.start, pos)
                if m.kind == "person" and not self.in_quote(m.start)]
        speaker = self.last_speaker if self.phase == "statements" else None
        if trailing and speaker is not None and 0 <= sent.index - speaker[1] <= 2 \
                and ok(speaker[0]):
            return speaker[0]
        if same and ok(same[0].entity):
            return same[0].entity
        if speaker is not None:
            ent, idx = speaker
            if 0 <= sent.index - idx <= 2 and ok(ent):
                return ent
        for k in range(sent.index - 1, max(-1, sent.index - 4), -1):
            prev = self.sentences[k]
            cands = [m for m in self.agents_in(prev.start, prev.end)
                     if m.kind == "person" and not self.in_quote(m.start)]
            for m in cands:
                if ok(m.entity):
                    return m.entity
        return None

    def delegation_leader(self, pos: int, country: str) -> Entity | None:
        """The named leader of a country's delegation reported before ``pos``
        ("... the delegation of the Russian Federation led by X")."""
        best = None
        for m in reversed(self.agents_in(max(0, pos - 4000), pos)):
            e = m.entity
            if e is None or e.kind != "person" or self.in_quote(m.start) or self.country_of(e) != country:
                continue
            if _LED_BY.search(self.body, max(0, m.start - 30), m.start):
                return e
            if best is None and e.strength >= 2:
                best = e
        return best

    def resolve_person_description(self, pos: int, head: str, country: str | None,
                                   mods: tuple[str, ...] = ()) -> Entity | None:
        # "the prime minister" is the prime minister, not the finance minister named last
        title_mods = [w.lower() for w in mods if w.lower() in self.scanner.title_words and w.lower() not in (
            "former", "new", "visiting", "top", "senior")]
        if title_mods:
            phrase = " ".join([*title_mods, head])
            for m in reversed(self.agents_in(max(0, pos - 3000), pos)):
                e = m.entity
                if e is None or e.kind != "person" or (country and self.country_of(e) not in (None, country)):
                    continue
                if phrase in (e.title or "").lower():
                    return e
        best = None
        for m in reversed(self.agents_in(max(0, pos - 3000), pos)):
            e = m.entity
            if e is None or e.kind != "person":
                continue
            if country and self.country_of(e) not in (None, country):
                continue  # "the Indian minister": of that country, stated or inferred
            title = (e.title or "").lower()
            role = e.role or ""
            if head in ("chief", "head", "boss", "leader") and role == "international_official" and not country:
                return e  # "the UN chief"
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
