"""A person's country and title from the office or organisation they hold or represent.

"Professor X of Fudan University" (the institution's country), "X, Russia's foreign
minister," (an apposition), "Indian External Affairs Minister X, Commerce Minister Y" (a
demonym opening a list), "the delegation of the Russian Federation led by X", "the foreign
ministers of Brazil and Japan, A and B" (respectively). Runs once per article, after the
mentions are read and before any event rule.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from extract.extraction.lexicon import HONORIFICS
from extract.extraction.mentions import Mentions
from extract.extraction.people import MentionScanner, apposition_attributes
from extract.gazetteer import Gazetteer

_TITLE_OF_TAIL = re.compile(
    r"\b[Tt]he\s+(?P<title>[A-Z][\w\-]*(?:\s+(?:[A-Z][\w\-]*|of|for|and|the)){0,6}?)\s+of\s+(?:the\s+)?"
    r"(?P<place>(?:[A-Z][\w\-]*\s+(?:of\s+(?:the\s+)?)?){0,4}[A-Z][\w\-]*)"
    r",\s+(?:(?:H\.E\.|Mr\.?|Mrs\.?|Ms\.?|Dr\.?)\s+)?$")
# "... was led by X, and Ukraine's by Y": the second delegation, its verb elided
# the word boundary as a look-behind after "and": a literal start, found by a fast
# substring search (speed; the same matches)
_AND_THEIRS_BY = re.compile(r"and(?<!\wand)\s+(?P<c1>[A-Z][\w\-]+)['’]s\s+(?P<c2>)by\s+")
_OF_ORG = re.compile(r"(?:\s+of|,\s+(?:a|an|the)\s+(?:[\w\-]+\s+){0,3}?(?:at|of|with))\s+(?:the\s+)?"
                     r"(?:(?P<based>[A-Z][\w\-]*(?:\s[A-Z][\w\-]*)?)-based\s+)?")
_OF_COUNTRY = re.compile(r"\s+of\s+(?:the\s+)?(?=[A-Z])")
_LIST_GAP = re.compile(r"(?:,\s*(?:and\s+)?|\s+and\s+)(?:(?:[A-Z][\w\-]*|and|of|for|the)\s+){0,6}?(?:[a-z\-]+\s+)?[A-Za-z\-]+\s+")
_COORD_GAP = re.compile(r"\s*(?:,|and|,\s*and)\s*(?:[a-z\-]+\s+){0,2}")
_RESPECTIVE = re.compile(r"\b(?:ministers|leaders|presidents|prime\s+ministers|envoys|ambassadors|counterparts|"
                         r"heads\s+of\s+state|chiefs)\s+(?:from|of)\s+")
_DELEGATION_OF = re.compile(
    r"\b(?:[Tt]he|[Aa]n?|and\s+the)\s+(?:(?P<c1>[A-Z][\w\-\.]+)\s+)?(?:[\w\-]+\s+){0,3}?(?:delegation|side|team)\s+"
    r"(?:of\s+(?:the\s+)?(?P<c2>[A-Z][\w\-’']*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w\-’']*){0,6})\s+)?(?:was\s+|is\s+)?(?:(?:led|headed)\s+)?by\s+")
_HONORIFICS_LOWER = frozenset(h.lower() for h in HONORIFICS)


def only_titles(scanner: MentionScanner, text: str) -> bool:
    """Whether ``text`` holds only title words, articles, honorifics and places
    ("the Russian Foreign Minister", "South Korean President"): nothing that could be
    another name."""
    raw = [w.strip(",") for w in text.split()]
    tw = scanner.title_words
    places = scanner.gz.places
    i = 0
    while i < len(raw):
        w = raw[i]
        lw = w.lower()
        if i + 1 < len(raw) and places.get(f"{w} {raw[i + 1]}") is not None:
            i += 2  # "South Korean", "New Zealand"
            continue
        if not lw or lw in tw or lw in ("the", "a", "an", "of", "'s", "’s") or lw in _HONORIFICS_LOWER or \
                places.get(lw.capitalize()) is not None or lw.upper() in places:
            i += 1
            continue
        return False
    return True


class Affiliation:
    def __init__(self, body: str, gz: Gazetteer, scanner: MentionScanner, mentions: Mentions) -> None:
        self.body = body
        self.gz = gz
        self.scanner = scanner
        self.mentions = mentions
        self.delegation_leaders: list = []

    def assign(self) -> list:  # the leaders of the article's delegations, for "the two delegations met"
        self._title_of_country()
        self._apply_appositions()
        self._share_list_country()
        self._delegation_countries()
        self._respective_countries()
        return self.delegation_leaders

    def _title_of_country(self) -> None:
        """ "the Foreign Minister of Georgia, Nino Beridze", "the Minister of Foreign Affairs
        of the Federal Republic of Somalia, H.E. X": the country before the name."""
        body = self.body
        for m in self.mentions.person_mentions:
            ent = m.entity
            if ent is None or ent.country or body.rfind(",", max(0, m.start - 12), m.start) < 0:
                continue  # the pattern ends in ", " (and an honorific) right before the name
            tm = _TITLE_OF_TAIL.search(body, max(0, m.start - 140), m.start)
            if not tm or not any(w.lower() in self.scanner.title_words for w in tm.group("title").split()):
                continue
            places = [p for p in self.mentions.places_in(tm.start("place"), tm.end("place"))
                      if p.place.kind == "country"]
            if places:
                ent.country = places[-1].place.iso3

    def _apply_appositions(self) -> None:
        body = self.body
        org_starts = [o.start for o in self.mentions.org_mentions]
        for m in self.mentions.person_mentions:
            ent = m.entity
            if ent is None or (ent.country and ent.title):
                continue
            if not ent.country and (ent.title or ent.role):
                # "President Abdel Fattah al-Sisi of Egypt": a titled person of a country
                cm = _OF_COUNTRY.match(body, m.end, min(len(body), m.end + 60))
                if cm:
                    ps = [p for p in self.mentions.places_in(cm.end(), cm.end() + 40)
                          if p.start == cm.end() and p.place.kind == "country" and not p.place.ambiguous]
                    if ps and not body.startswith(("'s", "’s"), ps[0].end):
                        ent.country = ps[0].place.iso3
            if not ent.country:
                # "Professor X of Fudan University", "X, a senior fellow at the
                # Washington-based Center ...": the institution's country
                om = _OF_ORG.match(body, m.end, min(len(body), m.end + 90))
                if om:
                    i = bisect_left(org_starts, om.end())
                    if i < len(self.mentions.org_mentions) and self.mentions.org_mentions[i].start == om.end():
                        org = self.mentions.org_mentions[i].entity
                        if org is not None and org.country:
                            ent.country = org.country
                    elif om.group("based"):
                        p = self.gz.places.get(om.group("based"))
                        if p is not None and not p.ambiguous:
                            ent.country = p.iso3
            if m.end < len(body) and body[m.end] == "," and not self._titles_next_name(m.end):
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

    def _titles_next_name(self, pos: int) -> bool:
        """ "King X, Japanese Prime Minister Y flew on": the words after the comma title the
        next name, they are no apposition of the name before."""
        nxt = self.mentions.agents_in(pos + 1, min(len(self.body), pos + 80))
        nxt = [x for x in nxt if x.kind == "person"][:1]
        if not nxt:
            return False
        gap = self.body[pos + 1:nxt[0].start]
        return bool(gap.strip()) and "," not in gap and only_titles(self.scanner, gap)

    def _respective_countries(self) -> None:
        """ "the foreign ministers of Brazil, Germany and Japan, A, B and C": each name
        takes the country at its position in the list."""
        body = self.body
        for m in _RESPECTIVE.finditer(body):
            lo = m.end()
            places = []
            for p in self.mentions.places_in(lo, lo + 200):
                if p.place.kind == "demonym" or (places and not _COORD_GAP.fullmatch(body[lo:p.start])) or (
                        not places and p.start != lo and body[lo:p.start] != "the "):
                    break
                places.append(p)
                lo = p.end
            if len(places) < 2 or not body.startswith(", ", lo):
                continue
            persons = []
            for x in self.mentions.person_mentions:
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
        starts = [m.start for m in self.mentions.person_mentions]
        if "delegation" not in body and " side" not in body and " team" not in body and "'s by" not in body \
                and "’s by" not in body:
            return  # (the scan below tries every "the"/"a" of the body)
        for m in [*_DELEGATION_OF.finditer(body), *_AND_THEIRS_BY.finditer(body)]:
            if not re.search(r"\b(?:led|headed)\s+by\s+$", m.group()) and not m.group().startswith("and"):
                continue  # "... and the Russian side by Y" (the verb is in the clause before)
            p = self.gz.places.get(m.group("c1") or m.group("c2") or "")
            if p is None and m.group("c2"):
                # "the delegation of the Mazhilis of the Parliament of Kazakhstan led by X": the
                # country named last in that span
                inner = [x.place for x in self.mentions.places_in(m.start("c2"), m.end("c2"))
                         if x.place.kind == "country"] or [
                    q for q in (self.gz.places.get(w) for w in m.group("c2").split()) if q is not None and q.kind == "country"]
                p = inner[-1] if inner else None
            if p is None or p.ambiguous:
                continue
            i = bisect_left(starts, m.end())
            if i < len(self.mentions.person_mentions):
                x = self.mentions.person_mentions[i]
                gap = body[m.end():x.start]
                if x.entity is not None and len(gap) <= 90 and "," not in gap.rstrip(", ")[:-1] \
                        and self.scanner is not None and (not gap.strip() or only_titles(self.scanner, gap.replace(",", " ")) or
                                                          re.fullmatch(r"[\w\s’'\-\.]{0,80}?,\s*", gap)
                                                          or re.fullmatch(r"(?:[a-z][\w\-]*\s+){1,4}", gap)):
                    if not x.entity.country:
                        x.entity.country = p.iso3
                    if x.entity not in self.delegation_leaders:
                        self.delegation_leaders.append(x.entity)

    def _share_list_country(self) -> None:
        """ "Indian External Affairs Minister X, Commerce Minister Y and Trade Minister Z": the
        demonym opening a list of ministers covers every minister of the list."""
        ms = self.mentions.person_mentions
        tw = self.scanner.title_words
        for prev, nxt in zip(ms, ms[1:], strict=False):
            a, b = prev.entity, nxt.entity
            if a is None or b is None or a is b or not a.country or b.country or not b.title:
                continue
            if ((a.role or "") in ("head_of_state", "head_of_government", "royal") or
                    (b.role or "") in ("head_of_state", "head_of_government", "royal")) and \
                    not re.fullmatch(r"\s+and\s+[A-Z][\w\-]*\s+", self.body[prev.end:nxt.start]):
                continue  # but "Chinese President X and Premier Y": both Chinese
            gap = self.body[prev.end:nxt.start]
            m = _LIST_GAP.fullmatch(gap)
            if not m or gap.rstrip().split()[-1].lower() not in tw:
                continue
            b.country = a.country
