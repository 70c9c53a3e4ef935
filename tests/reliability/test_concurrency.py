"""Two runs on one warehouse: the second refuses at once, the first is unharmed."""

from __future__ import annotations

import os
import subprocess
import time

import duckdb

from tests.reliability.conftest import DIPNEWS


def test_second_run_refuses_while_first_holds_the_lock(fixture_corpus, tmp_path):
    wh = tmp_path / "wh"
    env = {k: v for k, v in os.environ.items() if not k.startswith("DIPNEWS_")}
    args = [DIPNEWS, "run", "--source", str(fixture_corpus), "--warehouse", str(wh)]
    first = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    # Wait until the first run holds the lock (it writes its pid into the lock file).
    deadline = time.time() + 60
    while time.time() < deadline and not ((wh / ".lock").exists() and (wh / ".lock").read_text().strip()):
        time.sleep(0.05)
    second = subprocess.run(args, capture_output=True, text=True, env=env, timeout=120)
    out, err = first.communicate(timeout=600)
    assert second.returncode == 1
    assert "is locked by a running pipeline" in second.stderr
    assert first.returncode == 0, err[-2000:]
    with duckdb.connect(str(wh / "diplomacy.duckdb"), read_only=True) as con:
        assert con.execute("select count(*) from marts.dim_articles").fetchone()[0] == 11
    # The lock is released with the process: the next run starts normally.
    third = subprocess.run(args, capture_output=True, text=True, env=env, timeout=600)
    assert third.returncode == 0, third.stderr[-2000:]
