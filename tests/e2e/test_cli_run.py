"""The CLI pipeline end to end over the bundled sample corpus (real stages, real files)."""

from __future__ import annotations

import duckdb
import pyarrow.parquet as pq
from click.testing import CliRunner

from extract.cli import cli
from tests.conftest import SAMPLE_ARTICLES
from tests.contract import CONTRACT, DATE_COLUMNS, marts_snapshot


def test_sample_run_publishes_every_contract_table_and_column(sample_run):
    result = sample_run["result"]
    assert result.exit_code == 0, result.output
    assert "gate:     passed" in result.output
    db = sample_run["warehouse"] / "diplomacy.duckdb"
    with duckdb.connect(str(db), read_only=True) as con:
        for table, columns in CONTRACT.items():
            described = {r[0]: r[1] for r in con.execute(f"describe marts.{table}").fetchall()}
            missing = [c for c in columns if c not in described]
            assert not missing, f"marts.{table} lacks {missing}"
            for c in columns:
                if c in DATE_COLUMNS:
                    assert described[c] == "DATE", f"{table}.{c} is {described[c]}"
        for fact in ("fct_visits", "fct_meetings", "fct_statements", "fct_event_mentions"):
            assert con.execute(f"select count(*) from marts.{fact}").fetchone()[0] > 0, fact  # noqa: S608
        assert con.execute("select count(*) from marts.dim_countries").fetchone()[0] == 249
        assert con.execute("select count(*) from ops.runs where status = 'published'").fetchone()[0] >= 1
        # The sample corpus is from 2023-24: source freshness warns, and only warns.
        freshness = con.execute(
            "select severity, success from ops.gate_results where expectation = 'source freshness: articles'"
        ).fetchall()
        assert freshness == [("warning", False)]
        # Every ISO code in the facts is a real country.
        bad = con.execute(
            "select host_country from marts.fct_visits where host_country not in (select iso3 from marts.dim_countries)"
        ).fetchall()
        assert bad == []


def test_inputs_reconcile_and_malformed_files_are_quarantined(sample_run):
    wh = sample_run["warehouse"]
    files = [p for p in SAMPLE_ARTICLES.rglob("*") if p.suffix in (".txt", ".jsonl", ".html") and p.is_file()]
    status = CliRunner().invoke(cli, ["status", "--warehouse", str(wh), "--json"], obj={})
    import json

    run = json.loads(status.output)["runs"][0]
    assert run["reconciles"]
    assert run["articles_seen"] == len(files)
    assert run["articles_quarantined"] >= 3
    quarantined = pq.read_table(next((wh / "landing" / "quarantine").glob("source=*/quarantine.parquet")))
    reasons = dict(zip(quarantined.column("source_uri").to_pylist(), quarantined.column("reason").to_pylist(),
                       strict=True))
    assert all(reasons.values())
    assert {p.rsplit("/", 1)[1] for p in reasons} >= {p.name for p in files if p.name.startswith("malformed-")}


def test_second_run_is_idempotent(sample_run, tmp_path):
    first = marts_snapshot(sample_run["warehouse"] / "diplomacy.duckdb")
    again = CliRunner().invoke(
        cli, ["run", "--source", str(SAMPLE_ARTICLES), "--warehouse", str(sample_run["warehouse"])], obj={}
    )
    assert again.exit_code == 0, again.output
    assert "0 loaded" in again.output
    assert marts_snapshot(sample_run["warehouse"] / "diplomacy.duckdb") == first


def test_marts_are_exported_as_parquet(sample_run):
    # One file per mart and month: marts/<table>/period=YYYY-MM/data.parquet.
    out = sample_run["warehouse"] / "marts"
    assert {p.parents[1].name for p in out.glob("*/period=*/data.parquet")} >= set(CONTRACT)
    assert sum(pq.read_table(p).num_rows for p in out.glob("fct_visits/period=*/data.parquet")) > 0
    assert {p.name for p in out.glob("dim_actors/*")} == {"period=all"}


def test_status_explain_and_eval(sample_run, root):
    wh = sample_run["warehouse"]
    runner = CliRunner()
    status = runner.invoke(cli, ["status", "--warehouse", str(wh)], obj={})
    assert status.exit_code == 0 and "published" in status.output
    article = sorted(SAMPLE_ARTICLES.glob("*.txt"))[0]
    explained = runner.invoke(cli, ["explain", str(article)], obj={})
    assert explained.exit_code == 0 and "statements (" in explained.output
    evaluated = runner.invoke(cli, ["eval", "--warehouse", str(wh), "--gold", str(root / "tests/gold/sample.jsonl"),
                                    "--json"], obj={})
    assert evaluated.exit_code == 0, evaluated.output
    import json

    scores = json.loads(evaluated.output)
    # The published (deduplicated) warehouse scores like the extractor itself does:
    # cross-article merging must not lose or invent events.
    for kind in ("visits", "meetings", "statements"):
        assert scores[kind]["precision"] >= 0.85, (kind, scores[kind])
        assert scores[kind]["recall"] >= 0.6, (kind, scores[kind])
