"""Articles kept out of the marts without touching landing: copies and evictions.

Landing files are immutable, so an article that must not count (again) is listed in a
side table that staging anti-joins and extraction skips:

* **copies** (``landing/copies/``): the same text (same content-hash ``article_id``)
  carried by a second source. A copy found while pulling is not landed at all
  (``refused-<source>.parquet``, appended); copies that did land twice (parallel pulls
  in Airflow, or a warehouse landed before this rule) are listed in ``landed.parquet``,
  recomputed after every pull: the copy kept is the first by source name and URI, a
  rule that depends on the copies only, not on the order they arrived in.
* **evictions** (``landing/evictions/evictions.parquet``): articles an operator took out
  with ``dipnews evict ARTICLE_ID`` for a case no rule foresaw. Recorded with the reason
  and time, plus a run record (status ``evicted``) that the next publish copies into ``ops.runs``.

Extraction leaves excluded articles out of a part's outputs (the part's extraction
fingerprint includes them, so a new exclusion re-extracts the part), so no mention of
an excluded article reaches the marts and no mention id is produced twice.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from extract.landing import QUARANTINE_SCHEMA, landed_partitions, read_table, write_table
from extract.warehouse import Layout, atomic_write_bytes

COPY_SCHEMA = pa.schema(
    [
        ("article_id", pa.string()),
        ("source_name", pa.string()),
        ("source_uri", pa.string()),
        ("kept_source_name", pa.string()),
        ("kept_source_uri", pa.string()),
        ("landed", pa.bool_()),  # false: refused at pull; true: landed twice, left out by staging
        ("reason", pa.string()),
    ]
)
EVICTION_SCHEMA = pa.schema(
    [("article_id", pa.string()), ("reason", pa.string()), ("evicted_at", pa.timestamp("s"))]
)


def copies_dir(layout: Layout) -> Path:
    return layout.landing / "copies"


def evictions_path(layout: Layout) -> Path:
    return layout.landing / "evictions" / "evictions.parquet"


def ensure_schema_files(layout: Layout) -> None:
    for path, schema in ((copies_dir(layout) / "_empty.parquet", COPY_SCHEMA),
                         (layout.landing / "evictions" / "_empty.parquet", EVICTION_SCHEMA)):
        if not path.exists():
            write_table(path, schema.empty_table())


def _source_of(part: str) -> str:
    return part.split("/", 1)[0].removeprefix("source=")


def landed_rows(layout: Layout, month: str = "*") -> list[tuple[str, str, str, str]]:
    """(article_id, source_name, source_uri, part) of every landed article (id and URI columns
    only), or of one publication month's (``YYYY-MM``)."""
    from extract.landing import read_partition

    rows = []
    for part in landed_partitions(layout, month):
        table = read_partition(layout, part, ["article_id", "source_uri"])
        source = _source_of(part)
        rows += [(aid, source, uri, part) for aid, uri in zip(table.column("article_id").to_pylist(),
                                                              table.column("source_uri").to_pylist(), strict=True)]
    return rows


def landed_sources(layout: Layout, month: str = "*") -> dict[str, tuple[str, str]]:
    """article_id -> (source_name, source_uri) of the copy kept, over all landed parts
    (or one publication month's)."""
    kept: dict[str, tuple[str, str]] = {}
    for aid, source, uri, _part in landed_rows(layout, month):
        if aid not in kept or (source, uri) < kept[aid]:
            kept[aid] = (source, uri)
    return kept


def record_refused_copies(layout: Layout, source: str, rows: list[dict]) -> None:
    """Append copies refused at pull time to the source's side table (idempotent)."""
    if not rows:
        return
    path = copies_dir(layout) / f"refused-{source}.parquet"
    existing = read_table(path, COPY_SCHEMA)
    known = set(zip(existing.column("article_id").to_pylist(), existing.column("source_uri").to_pylist(),
                    strict=True))
    new = [r for r in rows if (r["article_id"], r["source_uri"]) not in known]
    if not new:
        return
    merged = pa.concat_tables([existing, pa.Table.from_pylist(new, COPY_SCHEMA)]).sort_by(
        [("article_id", "ascending"), ("source_uri", "ascending")])
    write_table(path, merged)


def resolve_landed_copies(layout: Layout) -> dict[str, set[str]]:
    """Recompute ``landed.parquet``; return the article ids to leave out, per landing part."""
    by_id: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for aid, source, uri, part in landed_rows(layout):
        by_id[aid].append((source, uri, part))
    excluded: dict[str, set[str]] = defaultdict(set)
    rows = []
    for aid, copies in sorted(by_id.items()):
        sources = {c[0] for c in copies}
        if len(sources) < 2:
            continue
        copies.sort()
        kept = copies[0]
        for source, uri, part in copies[1:]:
            if source == kept[0]:
                continue  # cannot happen (one id per source), kept for safety
            excluded[part].add(aid)
            rows.append({"article_id": aid, "source_name": source, "source_uri": uri, "kept_source_name": kept[0],
                         "kept_source_uri": kept[1], "landed": True,
                         "reason": f"duplicate: same text as article {aid} from source {kept[0]} ({kept[1]})"})
    table = pa.Table.from_pylist(rows, COPY_SCHEMA)
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd")
    data = sink.getvalue().to_pybytes()
    path = copies_dir(layout) / "landed.parquet"
    if not path.exists() or path.read_bytes() != data:
        atomic_write_bytes(path, data)
    return excluded


def evicted(layout: Layout) -> dict[str, str]:
    """article_id -> reason of every evicted article."""
    table = read_table(evictions_path(layout), EVICTION_SCHEMA)
    return dict(zip(table.column("article_id").to_pylist(), table.column("reason").to_pylist(), strict=True))


def evict(layout: Layout, article_id: str, reason: str) -> bool:
    """Add one article to the evictions; False when it was evicted already."""
    path = evictions_path(layout)
    existing = read_table(path, EVICTION_SCHEMA)
    if article_id in set(existing.column("article_id").to_pylist()):
        return False
    row = {"article_id": article_id, "reason": reason,
           "evicted_at": datetime.now(UTC).replace(tzinfo=None, microsecond=0)}
    write_table(path, pa.concat_tables([existing, pa.Table.from_pylist([row], EVICTION_SCHEMA)]))
    return True


def excluded_by_part(layout: Layout) -> dict[str, set[str]]:
    """Article ids extraction leaves out, per landing part (landed copies and evictions)."""
    excluded = resolve_landed_copies(layout)
    gone = set(evicted(layout))
    if gone:
        for aid, _source, _uri, part in landed_rows(layout):
            if aid in gone:
                excluded[part].add(aid)
    return excluded


def exclusion_stamp(ids: set[str] | frozenset[str]) -> str:
    return hashlib.sha256("\n".join(sorted(ids)).encode()).hexdigest()[:16] if ids else ""


def quarantine_listing(layout: Layout, source: str | None = None) -> list[dict]:
    """Everything kept out, with its reason: quarantined inputs, copies, evictions."""
    out: list[dict] = []
    for path in sorted(layout.quarantine.glob("source=*/quarantine.parquet")):
        for r in read_table(path, QUARANTINE_SCHEMA).select(["input_id", "source_name", "source_uri",
                                                             "reason"]).to_pylist():
            out.append({"kind": "quarantined", "id": r["input_id"], "source": r["source_name"],
                        "uri": r["source_uri"], "reason": r["reason"]})
    for path in sorted(copies_dir(layout).glob("*.parquet")):
        if path.name == "_empty.parquet":
            continue
        for r in read_table(path, COPY_SCHEMA).to_pylist():
            out.append({"kind": "duplicate", "id": r["article_id"], "source": r["source_name"],
                        "uri": r["source_uri"], "reason": r["reason"]})
    for r in read_table(evictions_path(layout), EVICTION_SCHEMA).to_pylist():
        out.append({"kind": "evicted", "id": r["article_id"], "source": "", "uri": "",
                    "reason": f"evicted {r['evicted_at']:%Y-%m-%d %H:%M:%S}: {r['reason']}"})
    if source:
        out = [r for r in out if r["source"] == source]
    return out
