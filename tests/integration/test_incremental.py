"""dbt facts build incrementally: three nightly batches give exactly the marts of one
--full-refresh build over the same articles, and so do rewritten or removed files."""

from __future__ import annotations

import shutil

from click.testing import CliRunner

from extract.cli import cli
from tests.conftest import SAMPLE_ARTICLES
from tests.contract import marts_snapshot


def invoke(*args):
    result = CliRunner().invoke(cli, [*map(str, args)], obj={})
    assert result.exit_code == 0, result.output
    return result


def test_three_incremental_batches_equal_a_full_refresh(tmp_path):
    files = sorted(p for p in SAMPLE_ARTICLES.glob("*.txt") if not p.name.startswith("malformed-"))
    batches = [files[0::3], files[1::3], files[2::3]]
    wh = tmp_path / "wh"
    build_db = wh / "work" / "build.duckdb"
    for i, batch in enumerate(batches):
        src = tmp_path / f"batch{i}"
        src.mkdir()
        for f in batch:
            shutil.copy(f, src / f.name)
        invoke("run", "--source", src, "--warehouse", wh)
    incremental = marts_snapshot(build_db)

    invoke("build", "--warehouse", wh, "--full-refresh")
    full = marts_snapshot(build_db)
    assert sum(len(rows) for rows in full.values()) > 0
    assert incremental == full
    facts = marts_snapshot(build_db, bookkeeping=False)

    # Files rewritten or removed under the build: one landing part deleted (its
    # extraction outputs become orphans), another touched (so it is re-extracted and its
    # files rewritten with new stamps). The incremental build drops and reloads exactly
    # those files' rows, and still equals a full refresh.
    parts = sorted((wh / "landing" / "articles").glob("source=*/published_month=*/part-*.parquet"))
    assert len(parts) >= 2
    parts[0].unlink()
    parts[-1].touch()
    invoke("extract", "--warehouse", wh)
    invoke("build", "--warehouse", wh)
    after_changes = marts_snapshot(build_db)
    assert len(after_changes["dim_articles"]) < len(full["dim_articles"])
    invoke("build", "--warehouse", wh, "--full-refresh")
    assert after_changes == marts_snapshot(build_db)

    # Same articles landed in one go into a fresh warehouse: same marts again (the
    # bookkeeping hashes differ: they cover file paths and times).
    once = tmp_path / "once"
    together = tmp_path / "together"
    together.mkdir()
    for f in files:
        shutil.copy(f, together / f.name)
    invoke("run", "--source", together, "--warehouse", once)
    assert _without_paths(marts_snapshot(once / "diplomacy.duckdb")) == _without_paths(facts)


def _without_paths(snapshot):
    # source_name/source_uri differ between the batch folders and the single folder.
    return {t: rows for t, rows in snapshot.items() if t != "dim_articles"}
