"""A night run stage by stage (`dipnews pull`, `extract`, `build`, `validate`, `publish`)
leaves exactly what `dipnews run` leaves: the same marts, the same run record (in
ops/runs and in the published file's ops.runs) and the same gate results."""

from __future__ import annotations

import json

import duckdb
from click.testing import CliRunner

from extract.cli import cli
from tests.contract import marts_snapshot

# What differs between two runs of the same night: when they ran, and where.
TIMES = ("started_at", "finished_at")


def invoke(*args):
    result = CliRunner().invoke(cli, [*map(str, args)], obj={})
    assert result.exit_code == 0, result.output
    return result


def record(wh, run_id="night"):
    data = json.loads((wh / "ops" / "runs" / f"{run_id}.json").read_text())
    for key in TIMES:
        assert data.pop(key)
    assert data["stages"]["publish"].pop("path") == str(wh / "diplomacy.duckdb")
    return data


def ops(wh, table):
    with duckdb.connect(str(wh / "diplomacy.duckdb"), read_only=True) as con:
        star = f"* exclude ({', '.join(TIMES)})" if table == "runs" else "*"
        rows = con.execute(f"select {star} from ops.{table}").fetchall()  # noqa: S608 - fixed names
    return sorted(rows, key=repr)


def test_stage_commands_leave_what_run_leaves(fixture_corpus, tmp_path):
    whole, staged = tmp_path / "run", tmp_path / "stages"
    invoke("run", "--source", fixture_corpus, "--warehouse", whole, "--run-id", "night")

    invoke("pull", "--source", fixture_corpus, "--warehouse", staged, "--run-id", "night")
    for stage in ("extract", "build", "validate"):
        invoke(stage, "--warehouse", staged)
        status = json.loads((staged / "ops" / "runs" / "night.json").read_text())["status"]
        assert status == "running", (stage, status)  # one run, continued by each stage
    invoke("publish", "--warehouse", staged)

    assert record(staged) == record(whole)
    assert record(staged)["status"] == "published"
    assert sorted(p.name for p in (staged / "ops" / "runs").iterdir()) == ["night.json"]
    assert not (staged / "ops" / "current_run.json").exists()  # the run is over
    assert marts_snapshot(staged / "diplomacy.duckdb") == marts_snapshot(whole / "diplomacy.duckdb")
    assert ops(staged, "runs") == ops(whole, "runs")
    assert ops(staged, "gate_results") == ops(whole, "gate_results")


def test_publish_needs_a_run_that_passed_the_gate(fixture_corpus, tmp_path):
    wh = tmp_path / "wh"
    invoke("pull", "--source", fixture_corpus, "--warehouse", wh)
    invoke("extract", "--warehouse", wh)
    invoke("build", "--warehouse", wh)
    refused = CliRunner().invoke(cli, ["publish", "--warehouse", str(wh)], obj={})
    assert refused.exit_code != 0 and "nothing to publish" in refused.output
    assert not (wh / "diplomacy.duckdb").exists()
