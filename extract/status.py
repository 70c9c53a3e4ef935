"""``dipnews status``: the last runs, their counts, and what the gate said."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq

from extract.gate import RESULT_SCHEMA
from extract.runs import all_runs, safe
from extract.warehouse import Layout


def _count_rows(files: list[Path]) -> int:
    return sum(pq.ParquetFile(f).metadata.num_rows for f in files)


def landed_article_count(layout: Layout) -> int:
    """Articles in landing (every part file), copies of another source's and evicted ones left out."""
    from extract.exclusions import evicted, landed_rows
    from extract.landing import CorruptFile

    try:
        gone = set(evicted(layout))
        return len({aid for aid, _source, _uri, _part in landed_rows(layout) if aid not in gone})
    except CorruptFile:  # status is what one runs when things break: count what can be read
        total = 0
        for part in layout.landing_articles.glob("source=*/*/part-*.parquet"):
            try:
                total += pq.ParquetFile(part).metadata.num_rows
            except Exception:  # noqa: BLE001 - an unreadable part counts nothing
                continue
        return total


def status_report(layout: Layout, limit: int = 10) -> dict:
    runs = all_runs(layout)[-limit:]
    landed = landed_article_count(layout)
    quarantined = _count_rows(sorted(layout.quarantine.glob("source=*/quarantine.parquet")))
    lines = [f"warehouse {layout.root}", f"  landed articles: {landed}; quarantined inputs: {quarantined}"]
    if layout.published.exists():
        lines.append(f"  published: {layout.published} ({layout.published.stat().st_size} bytes)")
    else:
        lines.append("  published: nothing yet (run `dipnews run`)")
    report: dict = {"landed": landed, "quarantined": quarantined, "runs": []}
    lines.append("")
    lines.append(f"{'run':44} {'status':12} {'seen':>5} {'new':>5} {'old':>5} {'quar':>5} {'dup':>4} {'skip':>5} "
                 f"{'visits':>6} {'meet':>5} {'stmt':>5}  ok")
    for r in reversed(runs):
        reconciles = r.reconciles()
        lines.append(
            f"{r.run_id[:44]:44} {r.status:12} {r.articles_seen:5} {r.articles_loaded:5} {r.articles_unchanged:5} "
            f"{r.articles_quarantined:5} {r.articles_duplicate:4} {r.articles_skipped:5} {r.visits:6} {r.meetings:5} "
            f"{r.statements:5}  {'yes' if reconciles else 'NO'}"
        )
        gate_file = layout.gate_dir / f"{safe(r.run_id)}.parquet"
        failed: list[dict] = []
        if gate_file.exists():
            rows = pq.read_table(gate_file, schema=RESULT_SCHEMA).to_pylist()
            failed = [g for g in rows if not g["success"]]
        report["runs"].append({**r.__dict__, "reconciles": reconciles, "gate_failures": failed})
        if r.message and r.status != "published":
            lines.append(f"    {r.message}")
        for g in failed[:10]:
            col = f" [{g['column_name']}]" if g["column_name"] else ""
            lines.append(f"    {g['severity']:8} {g['suite']}: {g['expectation']}{col}: {g['observed']}")
    lines.append("")
    lines.append("columns: seen = new + old (already landed) + quar(antined) + dup(licate) + skip(ped: outside window)")
    report["text"] = "\n".join(lines)
    return report


TRY_SQL = "select * from marts.mart_bilateral_monthly order by visits + meetings + statements desc limit 5"


def try_hint(layout: Layout) -> str:
    """A one-line query an analyst can paste (read-only, so it never blocks a publish)."""
    return f".venv/bin/python -c \"import duckdb; print(duckdb.connect('{layout.published}', read_only=True).sql({TRY_SQL!r}))\""


def last_run_summary(layout: Layout) -> str:
    """What `make run` prints at the end: counts, gate, published file, a query to try."""
    runs = all_runs(layout)
    if not runs:
        return f"no run recorded in {layout.root}"
    r = runs[-1]
    lines = [
        f"run {r.run_id}: {r.status}",
        f"  articles:  {r.articles_seen} seen = {r.articles_loaded} loaded + {r.articles_unchanged} already landed + "
        f"{r.articles_quarantined} quarantined + {r.articles_duplicate} duplicate + {r.articles_skipped} outside window",
        f"  events:    {r.visits} visits, {r.meetings} meetings, {r.statements} statements",
        f"  gate:      {'passed' if r.status == 'published' else 'FAILED'} ({r.stages.get('gate', {}).get('summary', r.message)})",
    ]
    gate_file = layout.gate_dir / f"{safe(r.run_id)}.parquet"
    if r.status != "published" and gate_file.exists():
        for g in pq.read_table(gate_file, schema=RESULT_SCHEMA).to_pylist():
            if not g["success"] and g["severity"] == "critical":
                lines.append(f"    - {g['suite']}: {g['expectation']} {g['column_name'] or ''}: {g['observed']}")
    if layout.published.exists():
        lines += [
            f"  published: {layout.published.resolve()}",
            f"  data docs: {(layout.data_docs / 'index.html').resolve()}",
            "  try:",
            "    " + try_hint(layout),
        ]
    return "\n".join(lines)
