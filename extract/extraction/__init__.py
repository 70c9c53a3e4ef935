"""Rule-based extraction of visits, meetings and statements from one article.

Usage::

    from extract.extraction import Extractor
    extraction = Extractor().extract(article)

The extractor is deterministic, does no I/O per article (the gazetteer and the sentiment
lexicon load once per process) and runs in time linear in the article's length: every
look-around window of the rules is bounded.

Components (each returns its results to the next; see ``docs/extraction.md``):
:mod:`sentences`, :mod:`datelines`, :mod:`mentions` (with the :mod:`people` scanner),
:mod:`affiliation`, :mod:`resolution`, :mod:`coreference`, :mod:`clause_dates` (held by
:class:`document.Document`), then :mod:`statements`, :mod:`meetings` and :mod:`visits`.
Word lists are data in ``vocab/`` (:mod:`vocab`); tense and denial cues are :mod:`cues`.
"""

from __future__ import annotations

from extract.articles import Article
from extract.extraction.document import Document
from extract.extraction.meetings import extract_meetings
from extract.extraction.model import (
    EXTRACTOR_VERSION,
    Actor,
    ArticleExtraction,
    Evidence,
    Meeting,
    Statement,
    Visit,
    actor_of,
)
from extract.extraction.statements import extract_statements
from extract.extraction.visits import extract_visits
from extract.gazetteer import Gazetteer

__all__ = [
    "EXTRACTOR_VERSION",
    "Actor",
    "ArticleExtraction",
    "Evidence",
    "Extractor",
    "Meeting",
    "Statement",
    "Visit",
]


class Extractor:
    """Extracts events from articles; one instance can be reused for many articles."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer if gazetteer is not None else Gazetteer.load()

    def extract(self, article: Article) -> ArticleExtraction:
        result = ArticleExtraction(article_id=article.article_id)
        if not article.body or not article.body.strip():
            return result
        doc = Document(article, self.gazetteer)
        statements = extract_statements(doc)
        findings = extract_meetings(doc)
        visits, meetings = extract_visits(doc, findings)
        result.statements = statements
        result.meetings = meetings
        result.visits = visits
        # the actors that take part in some event (and every named person), once each: the
        # first entity of a name; an actor is built only for those kept (speed)
        involved = {s.speaker.name for s in statements} | {v.visitor.name for v in visits} | {
            p.name for m in meetings for p in m.participants}
        seen: dict[tuple[str, str], Actor] = {}
        for ent in doc.mentions.table.entities:
            if ent.strength <= 0 and ent.kind == "person":
                continue
            key = ("person" if ent.kind == "person" else "organization", ent.name)
            if key in seen or (key[0] != "person" and ent.name not in involved):
                continue
            seen[key] = actor_of(ent)
        result.actors = list(seen.values())
        return result
