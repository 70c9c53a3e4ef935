"""What extraction produces for one article: actors and events, each with evidence.

These dataclasses are the boundary between the extractor and the pipeline stage that
writes them to Parquet; dbt reads nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

# Bump when rules change: every event row records the version that produced it.
EXTRACTOR_VERSION = "0.4.0"

DATE_PRECISIONS = ("day", "month", "year", "unknown")
MODES = ("in_person", "phone", "video")
TRACKS = ("1", "1.5", "2")


@dataclass(frozen=True)
class Evidence:
    sentence: str  # the sentence(s) the event was read from
    char_start: int  # offsets of that sentence into Article.body
    char_end: int
    rule: str  # name of the rule that fired, for `dipnews explain`
    confidence: float  # in [0, 1]


@dataclass(frozen=True)
class Actor:
    name: str  # full resolved name ("Liu Jianchao", "Asia Society")
    kind: str  # "person" | "organization"
    country: str | None = None  # ISO3 it serves/represents; None for international bodies
    title: str | None = None  # "foreign minister", "former treasury secretary" ...
    is_government: bool | None = None  # officials True, non-government figures False
    aliases: tuple[str, ...] = ()  # other forms seen in the article ("Liu", "Mr Liu")


@dataclass(frozen=True)
class Visit:
    visitor: Actor
    host_country: str
    city: str | None
    date: date | None
    date_precision: str
    is_planned: bool
    evidence: Evidence


@dataclass(frozen=True)
class Meeting:
    participants: tuple[Actor, ...]
    country: str | None
    city: str | None
    date: date | None
    date_precision: str
    mode: str
    track: str
    is_planned: bool
    evidence: Evidence


@dataclass(frozen=True)
class Statement:
    speaker: Actor
    quote: str  # verbatim span of Article.body
    quote_start: int
    quote_end: int
    is_direct: bool
    date: date | None
    date_precision: str
    named_countries: tuple[str, ...]  # ISO3 codes the statement mentions
    tone: float  # in [-1, 1]
    evidence: Evidence


@dataclass
class ArticleExtraction:
    article_id: str
    actors: list[Actor] = field(default_factory=list)
    visits: list[Visit] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)


def actor_of(ent: Any) -> Actor:
    """The published actor of an article entity (:class:`people.Entity`)."""
    return Actor(
        name=ent.name,
        kind="person" if ent.kind == "person" else "organization",
        country=ent.country,
        title=ent.title,
        is_government=ent.is_government,
        aliases=tuple(sorted(ent.aliases)),
    )
