"""Extraction outputs as Parquet: one file per table and landing part.

A landing part is extracted as a whole and its output files replaced, so
re-running extraction for the same articles rewrites identical files.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa

from extract.articles import Article
from extract.extraction.model import EXTRACTOR_VERSION, Actor, ArticleExtraction, Evidence
from extract.landing import write_table
from extract.warehouse import Layout

_EVIDENCE = [
    ("evidence", pa.string()),
    ("char_start", pa.int32()),
    ("char_end", pa.int32()),
    ("rule", pa.string()),
    ("confidence", pa.float64()),
    ("extractor_version", pa.string()),
]
_ARTICLE = [("article_id", pa.string()), ("canonical_id", pa.string()), ("published_date", pa.date32())]

SCHEMAS: dict[str, pa.Schema] = {
    "actor_mentions": pa.schema(
        _ARTICLE
        + [
            ("name", pa.string()),
            ("kind", pa.string()),
            ("country", pa.string()),
            ("title", pa.string()),
            ("is_government", pa.bool_()),
            ("aliases", pa.list_(pa.string())),
        ]
    ),
    "visits": pa.schema(
        [("mention_id", pa.string())]
        + _ARTICLE
        + [
            ("visitor_name", pa.string()),
            ("visitor_country", pa.string()),
            ("visitor_title", pa.string()),
            ("host_country", pa.string()),
            ("city", pa.string()),
            ("event_date", pa.date32()),
            ("date_precision", pa.string()),
            ("is_planned", pa.bool_()),
        ]
        + _EVIDENCE
    ),
    "meetings": pa.schema(
        [("mention_id", pa.string())]
        + _ARTICLE
        + [
            ("country", pa.string()),
            ("city", pa.string()),
            ("event_date", pa.date32()),
            ("date_precision", pa.string()),
            ("mode", pa.string()),
            ("track", pa.string()),
            ("is_planned", pa.bool_()),
        ]
        + _EVIDENCE
    ),
    "meeting_participants": pa.schema(
        [("mention_id", pa.string())]
        + _ARTICLE
        + [
            ("name", pa.string()),
            ("kind", pa.string()),
            ("country", pa.string()),
            ("title", pa.string()),
            ("is_government", pa.bool_()),
        ]
    ),
    "statements": pa.schema(
        [("mention_id", pa.string())]
        + _ARTICLE
        + [
            ("speaker_name", pa.string()),
            ("speaker_kind", pa.string()),
            ("speaker_country", pa.string()),
            ("speaker_title", pa.string()),
            ("quote", pa.string()),
            ("quote_start", pa.int32()),
            ("quote_end", pa.int32()),
            ("is_direct", pa.bool_()),
            ("event_date", pa.date32()),
            ("date_precision", pa.string()),
            ("named_countries", pa.list_(pa.string())),
            ("tone", pa.float64()),
        ]
        + _EVIDENCE
    ),
}
TABLES = tuple(SCHEMAS)


def mention_id(article_id: str, kind: str, *parts: object) -> str:
    """Deterministic id of one event mention in one article."""
    key = "\x1f".join([article_id, kind, *map(str, parts)])
    return hashlib.sha256(key.encode()).hexdigest()[:20]


class _ArticleIds:
    """Mention ids of one article, unique even when two events share their key.

    The key (names, place, character offset) is what makes an id stable across runs, but
    two events can share it: a sentence that reports a trip and a talk planned for it,
    or two rules that read one sentence differently. A repeated key gets an ordinal, so
    the grain of every mention table holds whatever the extractor returns: one odd
    article must never fail the build's uniqueness tests, and so every later night.
    """

    def __init__(self, article_id: str) -> None:
        self.article_id = article_id
        self.seen: dict[str, int] = {}

    def __call__(self, kind: str, *parts: object) -> str:
        mid = mention_id(self.article_id, kind, *parts)
        n = self.seen.get(mid, 0) + 1
        self.seen[mid] = n
        return mid if n == 1 else mention_id(self.article_id, kind, *parts, f"#{n}")


def _evidence(e: Evidence) -> dict:
    return {
        "evidence": e.sentence,
        "char_start": e.char_start,
        "char_end": e.char_end,
        "rule": e.rule,
        "confidence": e.confidence,
        "extractor_version": EXTRACTOR_VERSION,
    }


def _actor_cols(a: Actor) -> dict:
    return {"name": a.name, "kind": a.kind, "country": a.country, "title": a.title, "is_government": a.is_government}


def rows_for(article: Article, ex: ArticleExtraction) -> dict[str, list[dict]]:
    """Flatten one article's extraction into rows per table."""
    base = {"article_id": article.article_id, "canonical_id": article.canonical_id, "published_date": article.published_date}
    rows: dict[str, list[dict]] = {t: [] for t in TABLES}
    ids = _ArticleIds(article.article_id)
    for actor in ex.actors:
        rows["actor_mentions"].append({**base, **_actor_cols(actor), "aliases": list(actor.aliases)})
    for v in ex.visits:
        mid = ids("visit", v.visitor.name, v.host_country, v.evidence.char_start)
        rows["visits"].append(
            {
                "mention_id": mid,
                **base,
                "visitor_name": v.visitor.name,
                "visitor_country": v.visitor.country,
                "visitor_title": v.visitor.title,
                "host_country": v.host_country,
                "city": v.city,
                "event_date": v.date,
                "date_precision": v.date_precision,
                "is_planned": v.is_planned,
                **_evidence(v.evidence),
            }
        )
    for m in ex.meetings:
        names = sorted(p.name for p in m.participants)
        mid = ids("meeting", *names, m.evidence.char_start)
        rows["meetings"].append(
            {
                "mention_id": mid,
                **base,
                "country": m.country,
                "city": m.city,
                "event_date": m.date,
                "date_precision": m.date_precision,
                "mode": m.mode,
                "track": m.track,
                "is_planned": m.is_planned,
                **_evidence(m.evidence),
            }
        )
        for p in m.participants:
            rows["meeting_participants"].append({"mention_id": mid, **base, **_actor_cols(p)})
    for s in ex.statements:
        mid = ids("statement", s.speaker.name, s.quote_start, s.quote_end)
        rows["statements"].append(
            {
                "mention_id": mid,
                **base,
                "speaker_name": s.speaker.name,
                "speaker_kind": s.speaker.kind,
                "speaker_country": s.speaker.country,
                "speaker_title": s.speaker.title,
                "quote": s.quote,
                "quote_start": s.quote_start,
                "quote_end": s.quote_end,
                "is_direct": s.is_direct,
                "event_date": s.date,
                "date_precision": s.date_precision,
                "named_countries": list(s.named_countries),
                "tone": s.tone,
                **_evidence(s.evidence),
            }
        )
    return rows


def output_path(layout: Layout, table: str, partition: str) -> Path:
    """Extraction output of one landing part: same source/month/part path, per table."""
    return layout.extracted / table / f"{partition}.parquet"


def write_partition(layout: Layout, partition: str, rows: dict[str, list[dict]]) -> dict[str, int]:
    counts = {}
    for table, schema in SCHEMAS.items():
        data = sorted(rows.get(table, []), key=lambda r: (r["article_id"], r.get("mention_id") or r.get("name") or ""))
        write_table(output_path(layout, table, partition), pa.Table.from_pylist(data, schema))
        counts[table] = len(data)
    return counts


def ensure_schema_files(layout: Layout) -> None:
    """A zero-row file per table, so dbt sources resolve on an empty warehouse."""
    for table, schema in SCHEMAS.items():
        path = layout.extracted / table / "_empty.parquet"
        if not path.exists():
            write_table(path, schema.empty_table())


def collect(articles: Iterable[tuple[Article, ArticleExtraction]]) -> dict[str, list[dict]]:
    rows: dict[str, list[dict]] = {t: [] for t in TABLES}
    for article, ex in articles:
        for table, table_rows in rows_for(article, ex).items():
            rows[table].extend(table_rows)
    return rows
