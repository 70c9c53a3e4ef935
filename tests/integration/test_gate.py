"""Write-audit-publish: a bad night never reaches readers, and names what was wrong."""

from __future__ import annotations

import hashlib
import shutil
from datetime import date
from pathlib import Path

import pyarrow as pa
from click.testing import CliRunner

from extract.cli import cli
from extract.extracted import SCHEMAS
from extract.landing import ARTICLE_SCHEMA, write_table
from tests.contract import marts_snapshot


def run(corpus, warehouse):
    return CliRunner().invoke(cli, ["run", "--source", str(corpus), "--warehouse", str(warehouse)], obj={})


def sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def evidence(**extra):
    return {"evidence": "x", "char_start": 0, "char_end": 1, "rule": "injected", "confidence": 0.9,
            "extractor_version": "test", **extra}


def inject_faults(wh) -> list:
    """Faults a broken feed or extractor could produce, written where the stages write."""
    day = date(2024, 6, 4)
    article = {"article_id": "ffffffffffffffff", "canonical_id": "ffffffffffffffff", "duplicate_reason": None,
               "source_name": "faulty", "source_uri": "/x/dup.txt", "url": None, "published_date": day,
               "title": "Duplicated", "highlights": [], "body": "Some body text.", "raw_text": "x",
               "content_hash": "f" * 64, "word_count": 3}
    empty = {**article, "article_id": "eeeeeeeeeeeeeeee", "canonical_id": "eeeeeeeeeeeeeeee", "body": "",
             "title": "Empty body", "word_count": 0}
    landing = wh / "landing/articles/source=faulty/published_month=2024-06/articles.parquet"
    write_table(landing, pa.Table.from_pylist([article, article, empty], ARTICLE_SCHEMA))
    base = {"article_id": "ffffffffffffffff", "canonical_id": "ffffffffffffffff", "published_date": day}
    part = "source=injected/published_month=2024-06"
    visits = [
        {"mention_id": "inj-v1", **base, "visitor_name": "Pat Example", "visitor_country": "KEN",
         "visitor_title": None, "host_country": "KEN", "city": None, "event_date": day, "date_precision": "day",
         "is_planned": False, **evidence()},
        {"mention_id": "inj-v2", **base, "visitor_name": "Sam Example", "visitor_country": "KEN",
         "visitor_title": None, "host_country": "XXX", "city": None, "event_date": day, "date_precision": "day",
         "is_planned": False, **evidence()},
    ]
    meeting = [{"mention_id": "inj-m1", **base, "country": "KEN", "city": None, "event_date": day,
                "date_precision": "day", "mode": "in_person", "track": "1", "is_planned": False, **evidence()}]
    participants = [{"mention_id": "inj-m1", **base, "name": "Pat Example", "kind": "person", "country": "KEN",
                     "title": None, "is_government": True}]
    written = [landing]
    for table, rows in (("visits", visits), ("meetings", meeting), ("meeting_participants", participants)):
        path = wh / "extracted" / table / part / f"{table}.parquet"
        write_table(path, pa.Table.from_pylist(rows, SCHEMAS[table]))
        written.append(path)
    return written


def test_injected_faults_fail_the_gate_and_leave_the_published_file_untouched(fixture_corpus, tmp_path):
    wh = tmp_path / "wh"
    first = run(fixture_corpus, wh)
    assert first.exit_code == 0, first.output
    published = wh / "diplomacy.duckdb"
    before_hash, before = sha(published), marts_snapshot(published)

    injected = inject_faults(wh)
    bad = run(fixture_corpus, wh)
    assert bad.exit_code == 1, bad.output
    assert "gate:     FAILED" in bad.output and "published file is unchanged" in bad.output
    assert sha(published) == before_hash  # byte-identical

    status = CliRunner().invoke(cli, ["status", "--warehouse", str(wh)], obj={}).output
    for named in (
        "landed_articles: expect_compound_columns_to_be_unique",  # duplicate ids
        "landed_articles: expect_column_values_to_be_between [body_length]",  # empty body
        "extracted_visits: expect_column_values_to_be_in_set [visits_own_country]",  # visiting own country
        "extracted_visits: expect_column_values_to_be_in_set [host_country]",  # unknown country code
        "extracted_meetings: expect_column_values_to_be_between [participants]",  # one participant
    ):
        assert named in status, f"{named!r} not reported:\n{status}"

    # The faults are removed (the feed is fixed): the next run publishes again.
    for path in injected:
        path.unlink()
    shutil.rmtree(wh / "extracted" / "articles", ignore_errors=True)
    for manifest in (wh / "extracted" / "_manifest").glob("source=faulty*"):
        manifest.unlink()
    for leftover in (wh / "extracted").glob("*/source=faulty"):
        shutil.rmtree(leftover)
    good = run(fixture_corpus, wh)
    assert good.exit_code == 0, good.output
    assert marts_snapshot(published) == before


def test_a_night_that_collapses_to_nothing_fails(fixture_corpus, tmp_path):
    wh = tmp_path / "wh"
    assert run(fixture_corpus, wh).exit_code == 0
    before = sha(wh / "diplomacy.duckdb")
    # The extractor "regresses": every extracted event disappears.
    for table in ("visits", "meetings", "meeting_participants", "statements"):
        for path in (wh / "extracted" / table).glob("source=*/*/*.parquet"):
            write_table(path, SCHEMAS[table].empty_table())
    result = CliRunner().invoke(cli, ["build", "--warehouse", str(wh)], obj={})
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(cli, ["validate", "--warehouse", str(wh)], obj={})
    assert result.exit_code == 1
    assert "table_invariants: expect_column_values_to_be_between fct_statements_rows" in result.output  # row count
    assert sha(wh / "diplomacy.duckdb") == before


def test_the_gate_reads_only_rows_it_has_not_validated(fixture_corpus, tmp_path):
    """After a passing gate the next one reads only new or rewritten input files and the
    mart rows the published file lacks; a changed suite makes it read everything again."""
    import json

    import duckdb
    import pyarrow.parquet as pq

    from extract.gate import gate_scope, load_suites, suite_query
    from extract.warehouse import Layout

    wh = tmp_path / "wh"
    assert run(fixture_corpus, wh).exit_code == 0
    layout = Layout(wh)
    scope = gate_scope(layout)
    assert scope.files == set() and scope.published and not scope.full
    with duckdb.connect(str(layout.build_db), read_only=True) as con:
        suites = {s["name"]: s for s in load_suites()}
        scoped = suite_query(con, suites["extracted_visits"], scope)
        assert "gate_new_files" in scoped and "from staging.stg_extracted__visits as r" in scoped
        assert "gate_published.ops.published_rows" in suite_query(con, suites["mart_visits"], scope)
        assert suite_query(con, suites["mart_visits"], None) == suites["mart_visits"]["meta"]["query"]

    # A new file is read; a mention id it shares with an already validated file fails the
    # gate through the whole-table invariant (the new rows alone look fine).
    [old] = sorted((wh / "extracted" / "visits").glob("source=*/*/*.parquet"))[:1]
    reused = pq.read_table(old).slice(0, 1)
    new = wh / "extracted" / "visits" / "source=injected" / "published_month=2024-06" / "visits.parquet"
    write_table(new, reused)
    assert f"../{new.relative_to(wh).as_posix()}" in gate_scope(layout).files
    result = CliRunner().invoke(cli, ["validate", "--warehouse", str(wh)], obj={})  # staging views see it
    assert result.exit_code == 1, result.output
    assert "visit_mention_ids_reused" in result.output

    # Another version of a suite: every row is read again.
    suites_dir = tmp_path / "suites"
    shutil.copytree(Path(__file__).resolve().parents[2] / "expectations", suites_dir)
    spec = json.loads((suites_dir / "mart_visits.json").read_text())
    spec["notes"] += " (edited)"
    (suites_dir / "mart_visits.json").write_text(json.dumps(spec))
    assert gate_scope(layout, suites_dir).full
