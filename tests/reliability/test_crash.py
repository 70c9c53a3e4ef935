"""SIGKILL the run process (alone, as the OOM killer does) at points spread over a whole
run, again and again: no process of the killed run may outlive it, the next run must
start at once, every run that completes must give exactly the marts of a clean run, and
the published file must always be a complete database."""

from __future__ import annotations

import fcntl
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


def processes_of(wh) -> list[int]:
    """Pids of every live process whose command line names this warehouse (the run and
    any worker it forked: forked workers keep their parent's command line)."""
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            cmdline = open(f"/proc/{entry}/cmdline", "rb").read()  # noqa: SIM115 - one read
            state = open(f"/proc/{entry}/stat").read().rsplit(")", 1)[1].split()[0]  # noqa: SIM115
        except OSError:
            continue
        if str(wh).encode() in cmdline and state != "Z":
            pids.append(int(entry))
    return pids


def children_of(pid: int) -> list[int]:
    try:
        return [int(p) for p in open(f"/proc/{pid}/task/{pid}/children").read().split()]  # noqa: SIM115
    except OSError:
        return []


def lock_is_free(wh) -> bool:
    lock = wh / ".lock"
    if not lock.exists():
        return True
    with open(lock, "a+") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        fcntl.flock(fh, fcntl.LOCK_UN)
        return True


def wait_until_gone(wh, seconds: float = 10.0) -> float:
    """Seconds until no process of the killed run is left (fails after ``seconds``)."""
    started = time.monotonic()
    while processes_of(wh):
        if time.monotonic() - started > seconds:
            left = processes_of(wh)
            for pid in left:  # clean up for the next tests, then fail
                os.kill(pid, signal.SIGKILL)
            pytest.fail(f"processes of the killed run still alive after {seconds} s: {left}")
        time.sleep(0.05)
    return time.monotonic() - started


def start_run(corpus, wh, env) -> subprocess.Popen:
    # Its own session, so that the kill below can only hit the run process itself:
    # nothing but the pipeline's own code can take its workers down with it.
    return subprocess.Popen([DIPNEWS, "run", "--source", str(corpus), "--warehouse", str(wh)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, start_new_session=True)


def test_sigkill_of_the_run_alone_during_extraction_leaves_no_worker_and_no_lock(fixture_corpus, tmp_path):
    """What the OOM killer does: SIGKILL to the run process only, while its extraction
    workers are alive. They must be gone within 10 s, the lock free, and a rerun at once
    must publish the marts of a clean run."""
    clean = tmp_path / "clean"
    assert dipnews("run", "--source", fixture_corpus, "--warehouse", clean).returncode == 0
    wh = tmp_path / "wh"
    env = {k: v for k, v in os.environ.items() if not k.startswith("DIPNEWS_")}
    proc = start_run(fixture_corpus, wh, env)
    deadline = time.monotonic() + 300
    while not (workers := [c for c in children_of(proc.pid) if c in processes_of(wh)]):
        assert proc.poll() is None, "the run ended before it started extraction workers"
        assert time.monotonic() < deadline
        time.sleep(0.005)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    gone_after = wait_until_gone(wh)  # the workers included
    assert lock_is_free(wh)
    rerun = dipnews("run", "--source", fixture_corpus, "--warehouse", wh)
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    assert marts_snapshot(wh / "diplomacy.duckdb") == marts_snapshot(clean / "diplomacy.duckdb")
    print(f"{len(workers)} worker(s) gone {gone_after:.2f} s after the kill")


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
    completed = 0
    slowest_exit = 0.0
    for trial in range(TRIALS):
        # Stratified over a little more than a run's length, so every stage gets its
        # share of kills and some runs complete.
        delay = 1.25 * duration * (trial + rng.random()) / TRIALS
        # Each trial is the rerun of the one before: it must start at once (no lock
        # left behind by a worker of the killed run) ...
        assert lock_is_free(wh), f"trial {trial}: the warehouse is still locked"
        proc = start_run(fixture_corpus, wh, env)
        try:
            proc.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)  # the run process alone, not its group
            proc.wait()
            slowest_exit = max(slowest_exit, wait_until_gone(wh))
        else:
            # ... and a run that was not killed ends with the marts of a clean run.
            assert proc.returncode == 0, f"trial {trial}: the rerun failed"
            assert marts_snapshot(wh / "diplomacy.duckdb") == expected
            completed += 1
        stage = stage_reached(wh)
        reached[stage] = reached.get(stage, 0) + 1
        assert_published_is_whole(wh)

    final = dipnews("run", "--source", fixture_corpus, "--warehouse", wh)
    assert final.returncode == 0, final.stderr[-3000:]
    assert marts_snapshot(wh / "diplomacy.duckdb") == expected  # no row lost, none duplicated
    assert not list(wh.rglob(".*.tmp")), "temporary files survived the rerun"
    print(f"{TRIALS} kills, stage reached: {reached}; {completed} runs completed; "
          f"slowest exit of a killed run's processes {slowest_exit:.2f} s")
    assert len(reached) >= 3, reached  # kills landed in several different stages
