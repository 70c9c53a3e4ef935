"""One article prepared for the event rules: the pieces every rule reads.

A :class:`Document` holds, each built once per article by its own component:

* ``seg`` / ``sentences``: paragraphs, sentences and quotations (:mod:`sentences`);
* ``dateline``: the place the body is filed from (:mod:`datelines`);
* ``mentions``: persons, organisations and places, sorted by offset (:mod:`mentions`),
  with their countries assigned (:mod:`affiliation`) and completed by coreference
  (:mod:`coreference`: offices, acronyms, metonyms, landmarks, "here");
* ``resolve``: agents before/after a position, pronouns and descriptions
  (:mod:`resolution`);
* ``dates``: the date of the clause around a position (:mod:`clause_dates`).

It holds no state of the rules themselves: each rule component returns its results and
the next one receives them (see :class:`extract.extraction.Extractor`).
"""

from __future__ import annotations

import re
from datetime import date

from extract.articles import Article
from extract.extraction.affiliation import Affiliation
from extract.extraction.clause_dates import ClauseDates
from extract.extraction.coreference import Coreference
from extract.extraction.datelines import Dateline, dateline_end, read_dateline
from extract.extraction.mentions import Mentions, scanner_for
from extract.extraction.resolution import Agent, Resolution
from extract.extraction.sentences import Segmentation, Sentence
from extract.gazetteer import Gazetteer

__all__ = ["Agent", "Document"]

_WORD_RX = re.compile(r"\w+(?:-\w+)*")


class Document:
    def __init__(self, article: Article, gz: Gazetteer) -> None:
        self.article = article
        self.body = article.body
        self.pub: date = article.published_date
        self.gz = gz
        self.seg = Segmentation(self.body)
        self.sentences: list[Sentence] = self.seg.sentences
        self.scanner = scanner_for(gz)
        self.dateline: Dateline | None = read_dateline(self.body, gz, self.pub)
        self.body_start = dateline_end(self.body, self.dateline)
        self.mentions = Mentions(article, self.scanner)
        # "the Russian delegation was led by X": X, for "the two delegations met"
        self.delegation_leaders = Affiliation(self.body, gz, self.scanner, self.mentions).assign()
        self.resolve = Resolution(self.body, self.seg, gz, self.scanner, self.mentions, self.dateline)
        # not kept: it refers back to the Document, and the cycle would keep every article's
        # pieces alive until the cyclic collector runs (speed: plain reference counting
        # frees them when the article is done)
        Coreference(self, article).complete()
        # relative dates ("today", "on Tuesday") count from the dateline's day when it has one
        anchor = self.dateline.day if self.dateline is not None and self.dateline.day else self.pub
        self.dates = ClauseDates(self.body, self.seg, anchor, self.pub)
        self._words: dict[int, frozenset[str]] = {}

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
