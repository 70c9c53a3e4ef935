"""The mentions of one article: persons, organisations and places, sorted by offset.

The scanner (:mod:`people`) reads the title and highlights (they teach names but are never
event sources) and the body; the entity table links short forms to full names. Later
components (coreference) add mentions of their own ("the visiting minister", "the MEA")
through :meth:`Mentions.add_agents`, so every rule looks agents up in one index.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import replace

from extract.articles import Article
from extract.extraction.people import EntityTable, Mention, MentionScanner
from extract.extraction.vocab import VOCAB
from extract.gazetteer import Gazetteer, Organization

_SCANNERS: dict[int, tuple[Gazetteer, MentionScanner]] = {}


def scanner_for(gz: Gazetteer) -> MentionScanner:
    """One mention scanner per gazetteer (building its look-up sets costs milliseconds).

    The scanner reads organisations from the seeds plus the vocabulary's metonyms ("Foggy
    Bottom", "Zhongnanhai"): a copy of the gazetteer's table, the shared one is untouched."""
    got = _SCANNERS.get(id(gz))
    if got is None or got[0] is not gz:
        orgs = dict(gz.orgs)
        for mt in VOCAB.metonyms:
            orgs.setdefault(mt.name, Organization(mt.organisation, mt.iso3, "government"))
        widened = replace(gz, orgs=orgs, max_org_words=max(gz.max_org_words, *(
            len(mt.name.split()) for mt in VOCAB.metonyms)) if VOCAB.metonyms else gz.max_org_words)
        got = (gz, MentionScanner(widened))
        if len(_SCANNERS) > 8:
            _SCANNERS.clear()
        _SCANNERS[id(gz)] = got
    return got[1]


class Mentions:
    def __init__(self, article: Article, scanner: MentionScanner) -> None:
        orgs: list = []
        persons: list = []
        titled: list[Mention] = []
        for text in (article.title, *article.highlights):
            scanner.scan(text, 0, False, [], orgs, persons, [])
        places: list[Mention] = []
        scanner.scan(article.body, 0, True, places, orgs, persons, titled)
        self.table = EntityTable()
        self.person_mentions, self.org_mentions = self.table.build(persons, orgs)
        self.places = places
        self.titled = titled
        self._index()

    def _index(self) -> None:
        self.agents: list[Mention] = sorted(self.person_mentions + self.org_mentions,
                                            key=lambda m: m.start)
        self._agent_starts = [m.start for m in self.agents]
        self.places.sort(key=lambda m: m.start)
        self._place_starts = [m.start for m in self.places]

    def add_agents(self, extra: list[Mention]) -> None:
        """Mentions found by coreference; a span already covered by a mention is skipped."""
        if not extra:
            return
        taken = [(m.start, m.end) for m in self.agents]
        for m in extra:
            i = bisect_left(self._agent_starts, m.start)
            clash = any(not (e <= m.start or s >= m.end) for s, e in taken[max(0, i - 2):i + 2])
            if clash:
                continue
            (self.person_mentions if m.kind == "person" else self.org_mentions).append(m)
        self.person_mentions.sort(key=lambda m: m.start)
        self.org_mentions.sort(key=lambda m: m.start)
        self._index()

    def add_places(self, extra: list[Mention]) -> None:
        if extra:
            self.places = self.places + extra
            self._index()

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
