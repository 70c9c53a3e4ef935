"""Landing: raw articles and quarantined inputs as immutable Parquet files.

Articles are partitioned by source and publication month
(``landing/articles/source=S/published_month=M/``). Each flush adds one *part* file
per partition holding only the articles not landed there before, named by a hash of
their ids. Article text in a part is never changed; the only rewrite is
``extract.dedup`` setting ``canonical_id``/``duplicate_reason`` when a syndicated copy
is found (the part is then re-extracted). So a rerun over the same inputs adds
nothing, a nightly run costs in proportion to its new articles (extraction works
part by part), and a killed run leaves whole files or none (atomic rename).

A "partition key" in this module names one part file:
``source=S/published_month=M/part-<hash>``.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from extract.articles import Article, Rejected, printable, unencodable
from extract.sources.base import PullItem, Skipped
from extract.warehouse import Layout, atomic_write_bytes

ARTICLE_SCHEMA = pa.schema(
    [
        ("article_id", pa.string()),
        ("canonical_id", pa.string()),
        ("duplicate_reason", pa.string()),
        ("source_name", pa.string()),
        ("source_uri", pa.string()),
        ("url", pa.string()),
        ("published_date", pa.date32()),
        ("title", pa.string()),
        ("highlights", pa.list_(pa.string())),
        ("body", pa.string()),
        ("raw_text", pa.string()),
        ("content_hash", pa.string()),
        ("word_count", pa.int32()),
    ]
)

QUARANTINE_SCHEMA = pa.schema(
    [
        ("input_id", pa.string()),
        ("source_name", pa.string()),
        ("source_uri", pa.string()),
        ("reason", pa.string()),
        ("size_bytes", pa.int64()),
        ("raw", pa.binary()),
    ]
)

# Flush partitions once this many articles are buffered: memory stays bounded
# (~100 MB) on a 100k-article backfill, and parts stay few.
FLUSH_EVERY = 20000


@dataclass
class LandingStats:
    seen: int = 0
    loaded: int = 0
    unchanged: int = 0
    duplicate: int = 0
    quarantined: int = 0
    skipped: int = 0
    quarantined_new: int = 0  # of the quarantined, those not quarantined by an earlier run
    reasons: dict[str, int] = field(default_factory=dict)
    partitions: set[str] = field(default_factory=set)
    dedup: dict = field(default_factory=dict)  # what mark_duplicates found
    failed_sources: list[dict] = field(default_factory=list)  # sources that could not be read

    def reconciles(self) -> bool:
        return self.seen == self.loaded + self.unchanged + self.duplicate + self.quarantined + self.skipped

    def as_dict(self) -> dict:
        return {
            "seen": self.seen,
            "loaded": self.loaded,
            "unchanged": self.unchanged,
            "duplicate": self.duplicate,
            "quarantined": self.quarantined,
            "skipped": self.skipped,
            "quarantined_new": self.quarantined_new,
            "reasons": dict(sorted(self.reasons.items())),
            "partitions": sorted(self.partitions),
            "dedup": self.dedup,
            "failed_sources": self.failed_sources,
        }

    @classmethod
    def from_dict(cls, data: dict) -> LandingStats:
        """The inverse of :meth:`as_dict` (stats travel between Airflow tasks as XCom)."""
        stats = cls(**{k: v for k, v in data.items()
                       if k not in ("reasons", "partitions", "dedup", "failed_sources")})
        stats.reasons = dict(data.get("reasons", {}))
        stats.failed_sources = list(data.get("failed_sources", []))
        stats.partitions = set(data.get("partitions", ()))
        stats.dedup = dict(data.get("dedup", {}))
        return stats

    def merge(self, other: LandingStats) -> None:
        for name in ("seen", "loaded", "unchanged", "duplicate", "quarantined", "skipped", "quarantined_new"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for reason, n in other.reasons.items():
            self.reasons[reason] = self.reasons.get(reason, 0) + n
        self.partitions |= other.partitions
        self.failed_sources += other.failed_sources


def partition_key(source_name: str, month: str) -> str:
    return f"source={source_name}/published_month={month}"


def article_partition_path(layout: Layout, key: str) -> Path:
    """The file of one part key (``source=S/published_month=M/part-H``)."""
    return layout.landing_articles / f"{key}.parquet"


class CorruptFile(RuntimeError):
    """A landed file cannot be read: restore it from the source or remove it."""


def _read(path: Path, **kwargs) -> pa.Table:
    try:
        return pq.read_table(path, **kwargs)
    except (pa.ArrowException, OSError) as exc:
        raise CorruptFile(f"{path} is not a readable Parquet file ({exc}); remove it and pull again") from exc


def known_article_ids(layout: Layout, partition_dir: str) -> set[str]:
    """Ids already landed in a source/month partition (reads only the id column)."""
    ids: set[str] = set()
    for part in sorted((layout.landing_articles / partition_dir).glob("part-*.parquet")):
        ids.update(_read(part, columns=["article_id"]).column("article_id").to_pylist())
    return ids


def _article_row(a: Article) -> dict:
    return {
        "article_id": a.article_id,
        "canonical_id": a.canonical_id,
        "duplicate_reason": a.duplicate_reason,
        "source_name": a.source_name,
        "source_uri": a.source_uri,
        "url": a.url,
        "published_date": a.published_date,
        "title": a.title,
        "highlights": list(a.highlights),
        "body": a.body,
        "raw_text": a.raw_text,
        "content_hash": a.content_hash,
        "word_count": a.word_count,
    }


def write_table(path: Path, table: pa.Table) -> None:
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd")
    atomic_write_bytes(path, sink.getvalue().to_pybytes())


def read_table(path: Path, schema: pa.Schema) -> pa.Table:
    if not path.exists():
        return schema.empty_table()
    return _read(path, schema=schema)


class Lander:
    """Buffers pull items and writes them into their partitions."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.stats = LandingStats()
        self._articles: dict[str, dict[str, Article]] = defaultdict(dict)
        self._rejected: dict[str, dict[str, Rejected]] = defaultdict(dict)
        self._copies: dict[str, list[dict]] = defaultdict(list)
        self._landed_elsewhere: dict[str, dict[str, tuple[str, str]]] = {}
        self._buffered = 0

    def _kept_copy(self, item: Article) -> tuple[str, str] | None:
        """(source, uri) of the same text already landed from another source, if any."""
        # The id hashes the publication date, so a copy can only have landed in the
        # same month: read that month's parts, not the whole history (a night's cost
        # must follow the night).
        month = item.published_date.strftime("%Y-%m")
        if month not in self._landed_elsewhere:
            from extract.exclusions import landed_sources

            self._landed_elsewhere[month] = landed_sources(self.layout, month)
        kept = self._landed_elsewhere[month].get(item.article_id)
        return kept if kept and kept[0] != item.source_name else None

    def add(self, item: PullItem) -> None:
        self.stats.seen += 1
        if isinstance(item, Skipped):
            self.stats.skipped += 1
            return
        if isinstance(item, Article):
            # Last line of defence for every source: one item Parquet cannot store must
            # cost that item, never the batch.
            bad = unencodable(item.title, item.body, item.url, item.source_uri, item.raw_text, *item.highlights)
            if bad:
                item = Rejected(item.source_name, printable(item.source_uri), bad,
                                printable(item.raw_text).encode("utf-8"))
        if isinstance(item, Rejected) and unencodable(item.reason, item.source_uri):
            item = Rejected(item.source_name, printable(item.source_uri), printable(item.reason), item.raw)
        if isinstance(item, Rejected):
            self.stats.quarantined += 1
            key = item.reason.split(":")[0]
            self.stats.reasons[key] = self.stats.reasons.get(key, 0) + 1
            self._rejected[item.source_name][item.input_id] = item
            return
        kept = self._kept_copy(item)
        if kept:
            # The same text landed from another source: one article, whatever source
            # name carries it (a second copy would collide on every mention id).
            self.stats.duplicate += 1
            self._copies[item.source_name].append({
                "article_id": item.article_id, "source_name": item.source_name, "source_uri": item.source_uri,
                "kept_source_name": kept[0], "kept_source_uri": kept[1], "landed": False,
                "reason": f"duplicate: same text as article {item.article_id} already landed from source "
                          f"{kept[0]} ({kept[1]})"})
            return
        key = partition_key(item.source_name, item.published_date.strftime("%Y-%m"))
        bucket = self._articles[key]
        if item.article_id in bucket:
            # The same text twice in one source and month: keep the first by URI.
            self.stats.duplicate += 1
            if item.source_uri < bucket[item.article_id].source_uri:
                bucket[item.article_id] = item
            return
        bucket[item.article_id] = item
        self._buffered += 1
        if self._buffered >= FLUSH_EVERY:
            self.flush()

    def add_all(self, items: Iterable[PullItem]) -> None:
        for item in items:
            self.add(item)

    def flush(self) -> None:
        for key, bucket in self._articles.items():
            self._merge_articles(key, bucket)
        for source, rejected in self._rejected.items():
            self._merge_quarantine(source, rejected)
        if self._copies:
            from extract.exclusions import record_refused_copies

            for source, rows in self._copies.items():
                record_refused_copies(self.layout, source, rows)
        self._articles.clear()
        self._rejected.clear()
        self._copies.clear()
        self._buffered = 0

    def _merge_articles(self, key: str, bucket: dict[str, Article]) -> None:
        known = known_article_ids(self.layout, key)
        new = sorted((a for aid, a in bucket.items() if aid not in known), key=lambda a: a.article_id)
        self.stats.unchanged += len(bucket) - len(new)
        self.stats.loaded += len(new)
        if not new:
            return
        # Named and sorted by the ids it holds: the same new articles always give the
        # same, byte-identical part.
        digest = hashlib.sha256("".join(a.article_id for a in new).encode()).hexdigest()[:16]
        part = f"{key}/part-{digest}"
        write_table(article_partition_path(self.layout, part),
                    pa.Table.from_pylist([_article_row(a) for a in new], ARTICLE_SCHEMA))
        self.stats.partitions.add(part)

    def _merge_quarantine(self, source: str, rejected: dict[str, Rejected]) -> None:
        path = self.layout.quarantine / f"source={source}" / "quarantine.parquet"
        existing = read_table(path, QUARANTINE_SCHEMA)
        known = set(existing.column("input_id").to_pylist())
        rows = [
            {
                "input_id": r.input_id,
                "source_name": r.source_name,
                "source_uri": r.source_uri,
                "reason": r.reason,
                "size_bytes": len(r.raw),
                "raw": r.raw,
            }
            for iid, r in rejected.items()
            if iid not in known
        ]
        self.stats.quarantined_new += len(rows)
        if not rows:
            return
        merged = pa.concat_tables([existing, pa.Table.from_pylist(rows, QUARANTINE_SCHEMA)]).sort_by("input_id")
        write_table(path, merged)


def landed_partitions(layout: Layout, month: str = "*") -> list[str]:
    """Every article part key present in landing (of one publication month: ``YYYY-MM``)."""
    root = layout.landing_articles
    return sorted(str(p.relative_to(root).with_suffix(""))
                  for p in root.glob(f"source=*/published_month={month}/part-*.parquet"))


def read_partition(layout: Layout, key: str, columns: list[str] | None = None) -> pa.Table:
    """One landed part; ``columns`` to skip what the caller does not need (raw_text)."""
    if columns is None:
        return read_table(article_partition_path(layout, key), ARTICLE_SCHEMA)
    return _read(article_partition_path(layout, key), schema=ARTICLE_SCHEMA, columns=columns)


def ensure_schema_files(layout: Layout) -> None:
    """A zero-row file per landing table, so dbt sources resolve on an empty warehouse."""
    for path, schema in (
        (layout.landing_articles / "_empty.parquet", ARTICLE_SCHEMA),
        (layout.quarantine / "_empty.parquet", QUARANTINE_SCHEMA),
    ):
        if not path.exists():
            write_table(path, schema.empty_table())
    from extract.exclusions import ensure_schema_files as ensure_side_tables

    ensure_side_tables(layout)
