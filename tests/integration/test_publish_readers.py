"""Readers in other processes keep working while the pipeline publishes repeatedly."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from click.testing import CliRunner

from extract.cli import cli
from extract.publish import publish
from extract.warehouse import Layout

READER = textwrap.dedent(
    """
    import json, sys, time, duckdb
    path, deadline = sys.argv[1], time.time() + float(sys.argv[2])
    ok = errors = 0
    seen = set()
    messages = []
    while time.time() < deadline:
        try:
            with duckdb.connect(path, read_only=True) as con:
                visits = con.execute("select count(*) from marts.fct_visits").fetchone()[0]
                runs = con.execute("select count(*) from ops.runs").fetchone()[0]
                tables = con.execute("select count(*) from duckdb_tables() where schema_name = 'marts'").fetchone()[0]
            seen.add((visits, tables))
            ok += 1
        except Exception as exc:  # every failure is reported, none hidden
            errors += 1
            messages.append(str(exc)[:200])
    print(json.dumps({"ok": ok, "errors": errors, "seen": sorted(seen), "messages": messages[:3]}))
    """
)


def test_readers_never_fail_during_publishes(fixture_corpus, tmp_path):
    wh = tmp_path / "wh"
    assert CliRunner().invoke(cli, ["run", "--source", str(fixture_corpus), "--warehouse", str(wh)],
                              obj={}).exit_code == 0
    layout = Layout(wh)
    readers = [
        subprocess.Popen([sys.executable, "-c", READER, str(layout.published), "6"], stdout=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    publishes = 0
    try:
        while any(r.poll() is None for r in readers) and publishes < 200:
            publish(layout, f"republish-{publishes}")
            publishes += 1
    finally:
        outputs = [json.loads(r.communicate(timeout=60)[0]) for r in readers]
    assert publishes >= 5
    for out in outputs:
        assert out["errors"] == 0, out["messages"]
        assert out["ok"] > 0
        # Every read saw the complete marts: the same counts each time, all tables there.
        assert len(out["seen"]) == 1 and out["seen"][0][1] >= 10
