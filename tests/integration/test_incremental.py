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
    # Publish applied each night's changed rows to a copy of the last published file:
    # the result is the work database's marts, and so is the Parquet copy, month by month.
    published = marts_snapshot(wh / "diplomacy.duckdb")
    assert published == marts_snapshot(build_db, bookkeeping=False)
    assert parquet_snapshot(wh) == published

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
    # Published on top of the last published file: rows of the removed articles deleted.
    invoke("validate", "--warehouse", wh)
    invoke("publish", "--warehouse", wh)
    assert marts_snapshot(wh / "diplomacy.duckdb") == marts_snapshot(build_db, bookkeeping=False)
    assert parquet_snapshot(wh) == marts_snapshot(wh / "diplomacy.duckdb")
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


def parquet_snapshot(wh):
    """The marts as read back from their Parquet copy (one file per mart and month)."""
    import duckdb

    snapshot = {}
    with duckdb.connect() as con:
        for table in sorted(p.name for p in (wh / "marts").iterdir() if p.is_dir()):
            glob = str(wh / "marts" / table / "*" / "*.parquet")
            rows = con.execute(f"select * exclude (period) from read_parquet('{glob}', hive_partitioning = true)").fetchall()  # noqa: S608
            snapshot[table] = sorted(rows, key=repr)
    return snapshot


def _without_paths(snapshot):
    # source_name/source_uri differ between the batch folders and the single folder.
    return {t: rows for t, rows in snapshot.items() if t != "dim_articles"}


def test_an_edited_model_recomputes_its_old_rows_on_the_next_incremental_build(tmp_path, monkeypatch):
    # An upgrade that edits models must not leave old rows computed the old way: the
    # models stamp rows with their own code, so the next plain build redoes them.
    import duckdb

    root = SAMPLE_ARTICLES.parents[1]
    project = tmp_path / "dbt_project"
    shutil.copytree(root / "dbt_project", project, ignore=shutil.ignore_patterns("target", "logs"))
    shutil.copytree(root / "seeds", project / "seeds", ignore=shutil.ignore_patterns("articles"))
    config = project / "dbt_project.yml"
    config.write_text(config.read_text().replace('seed-paths: ["../seeds"]', 'seed-paths: ["seeds"]'))
    monkeypatch.setenv("DIPNEWS_DBT_PROJECT", str(project))

    src = tmp_path / "articles"
    src.mkdir()
    for f in sorted(p for p in SAMPLE_ARTICLES.glob("*.txt") if not p.name.startswith("malformed-"))[:12]:
        shutil.copy(f, src / f.name)
    wh = tmp_path / "wh"
    invoke("run", "--source", src, "--warehouse", wh)

    mentions = project / "models" / "intermediate" / "mentions" / "int_statement_mentions.sql"
    mentions.write_text(mentions.read_text().replace(
        "    files.source_file,\n", "    'edited' as edition,\n    files.source_file,\n", 1))
    visits = project / "models" / "marts" / "fct_visits.sql"
    visits.write_text(visits.read_text().replace(
        "round(confidence.confidence, 4) as confidence", "round(confidence.confidence, 1) as confidence"))
    invoke("build", "--warehouse", wh)

    build_db = wh / "work" / "build.duckdb"
    with duckdb.connect(str(build_db), read_only=True) as con:
        rows, edited = con.execute(
            "select count(*), count(*) filter (where edition = 'edited') from intermediate.int_statement_mentions"
        ).fetchone()
        confidences = [r[0] for r in con.execute("select confidence from marts.fct_visits").fetchall()]
    assert rows > 0 and edited == rows
    assert confidences and all(c == round(c, 1) for c in confidences)
    incremental = marts_snapshot(build_db)
    invoke("build", "--warehouse", wh, "--full-refresh")
    assert marts_snapshot(build_db) == incremental
