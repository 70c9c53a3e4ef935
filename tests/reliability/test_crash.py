"""SIGKILL the pipeline at points spread over a whole run, again and again; the rerun
must give exactly the marts of a clean run, and the published file must always be a
complete database."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import time

import duckdb
import pytest

from tests.contract import CONTRACT, marts_snapshot
from tests.reliability.conftest import DIPNEWS, dipnews

TRIALS = 20


def stage_reached(wh) -> str:
    """The last stage the killed run had finished, from its run record."""
    records = sorted((wh / "ops" / "runs").glob("*.json"), key=lambda p: p.stat().st_mtime)
    if not records:
        return "start"
    record = json.loads(records[-1].read_text())
    if record["status"] != "running":
        return record["status"]
    done = [s for s in ("pull", "extract", "build", "gate", "publish") if s in record.get("stages", {})]
    return f"after {done[-1]}" if done else "in pull"


def assert_published_is_whole(wh) -> None:
    published = wh / "diplomacy.duckdb"
    if not published.exists():
        return
    with duckdb.connect(str(published), read_only=True) as con:
        tables = {r[0] for r in con.execute("select table_name from duckdb_tables() where schema_name = 'marts'")
                  .fetchall()}
        assert set(CONTRACT) <= tables
        for table in CONTRACT:
            con.execute(f"select count(*) from marts.{table}").fetchone()  # noqa: S608 - fixed names


@pytest.mark.timeout(1500)
def test_sigkill_at_random_points_loses_and_duplicates_nothing(fixture_corpus, tmp_path):
    clean = tmp_path / "clean"
    started = time.monotonic()
    assert dipnews("run", "--source", fixture_corpus, "--warehouse", clean).returncode == 0
    duration = time.monotonic() - started
    expected = marts_snapshot(clean / "diplomacy.duckdb")

    wh = tmp_path / "crashed"
    env = {k: v for k, v in os.environ.items() if not k.startswith("DIPNEWS_")}
    rng = random.Random(1129)
    reached: dict[str, int] = {}
    for trial in range(TRIALS):
        # Stratified over the run's length, so every stage gets its share of kills.
        delay = duration * (trial + rng.random()) / TRIALS
        proc = subprocess.Popen([DIPNEWS, "run", "--source", str(fixture_corpus), "--warehouse", str(wh)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                                start_new_session=True)
        try:
            proc.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # the run and any extraction workers
            proc.wait()
        stage = stage_reached(wh)
        reached[stage] = reached.get(stage, 0) + 1
        assert_published_is_whole(wh)

    final = dipnews("run", "--source", fixture_corpus, "--warehouse", wh)
    assert final.returncode == 0, final.stderr[-3000:]
    assert marts_snapshot(wh / "diplomacy.duckdb") == expected  # no row lost, none duplicated
    assert not list(wh.rglob(".*.tmp")), "temporary files survived the rerun"
    print(f"{TRIALS} kills, stage reached: {reached}")
    assert len(reached) >= 3, reached  # kills landed in several different stages
