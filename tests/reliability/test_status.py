"""`dipnews status` and the dashboard count landed articles and reconcile runs the same way."""

from __future__ import annotations

import json
import os

from click.testing import CliRunner

from extract.cli import cli


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], obj={})


def test_status_counts_landed_articles_and_reruns_reconcile_in_status_and_dashboard(fixture_corpus, tmp_path):
    wh = tmp_path / "wh"
    outside = tmp_path / "outside.txt"
    outside.write_text(" date 2024-01-01 Outside\nPresident Ruto visited Ghana on Monday.\n")
    os.symlink(outside, fixture_corpus / "escape.txt")
    for n in range(2):  # so that 4 quarantined inputs stay under the gate's quarantine ratio
        (fixture_corpus / f"ghana-togo-{n}.txt").write_text(
            f" date 2024-06-0{n + 1} Ghana and Togo ministers meet\nGhanaian Foreign Minister Samuel Okudzeto "
            f"Ablakwa met Togolese Foreign Minister Robert Dussey in Accra on day {n}.\n")
    for _ in range(2):  # a first night and a rerun with nothing new
        result = invoke("run", "--source", fixture_corpus, "--warehouse", wh)
        assert result.exit_code == 0, result.output
    report = json.loads(invoke("status", "--warehouse", wh, "--json").output)
    import duckdb

    with duckdb.connect(str(wh / "diplomacy.duckdb"), read_only=True) as con:
        articles = con.execute("select count(*) from marts.dim_articles").fetchone()[0]
    first, rerun = report["runs"][1], report["runs"][0]
    assert report["landed"] == articles == first["articles_loaded"] == 13
    assert first["articles_quarantined"] == 4  # 3 malformed files and the symlink leaving the directory
    assert rerun["articles_unchanged"] == 13 and rerun["articles_loaded"] == 0
    assert all(r["reconciles"] for r in report["runs"])
    listed = invoke("quarantine", "list", "--warehouse", wh).output
    assert "symlink leaves the source directory" in listed and "escape.txt" in listed

    from dashboard import queries

    runs = queries.runs(queries.Warehouse.at(wh))
    assert len(runs) == 2 and runs["reconciles"].all()
