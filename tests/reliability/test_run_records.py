"""Run records tell the truth: a run killed while publishing is never recorded as
published, and the next run marks it interrupted."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.reliability.conftest import dipnews

# `dipnews run` in a real process that SIGKILLs itself at the moment of the swap: what
# the OOM killer or a power cut would do at the worst time.
KILL_AT_SWAP = """
import os, signal, sys
import extract.publish as publish
def killed(src, dst):
    os.kill(os.getpid(), signal.SIGKILL)
publish.os = type(sys)("os_shim")
publish.os.__dict__.update({k: getattr(os, k) for k in dir(os) if not k.startswith("__")})
publish.os.replace = killed
from extract.cli import main
sys.argv = ["dipnews", *sys.argv[1:]]
main()
"""


def records(wh) -> dict[str, dict]:
    out = {}
    for path in (wh / "ops" / "runs").glob("*.json"):
        data = json.loads(path.read_text())
        out[data["run_id"]] = data
    return out


def test_a_run_killed_during_publish_is_not_recorded_as_published(fixture_corpus, tmp_path):
    wh = tmp_path / "wh"
    first = dipnews("run", "--source", fixture_corpus, "--warehouse", wh, "--run-id", "first")
    assert first.returncode == 0, first.stderr[-2000:]
    before = (wh / "diplomacy.duckdb").read_bytes()

    env = {k: v for k, v in os.environ.items() if not k.startswith("DIPNEWS_")}
    killed = subprocess.run([sys.executable, "-c", KILL_AT_SWAP, "run", "--source", str(fixture_corpus),
                             "--warehouse", str(wh), "--run-id", "killed"], capture_output=True, text=True,
                            env=env, timeout=600)
    assert killed.returncode == -9, killed.stderr[-2000:]
    assert records(wh)["killed"]["status"] == "publishing"  # never "published": the swap did not happen
    assert (wh / "diplomacy.duckdb").read_bytes() == before

    after = dipnews("run", "--source", fixture_corpus, "--warehouse", wh, "--run-id", "after")
    assert after.returncode == 0, after.stderr[-2000:]
    runs = records(wh)
    assert runs["killed"]["status"] == "interrupted"
    assert "publishing" in runs["killed"]["message"]
    assert runs["after"]["status"] == "published" and runs["first"]["status"] == "published"
    import duckdb

    with duckdb.connect(str(wh / "diplomacy.duckdb"), read_only=True) as con:
        published = dict(con.execute("select run_id, status from ops.runs").fetchall())
    # In the published file its own run is published (the file exists only once swapped in).
    assert published == {"first": "published", "killed": "interrupted", "after": "published"}
