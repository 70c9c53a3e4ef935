"""Hostile strings flow through as data: no SQL is built from article text or names."""

from __future__ import annotations

import duckdb

from tests.reliability.conftest import dipnews

HOSTILE = "x'); DROP TABLE marts.fct_visits; --"


def test_hostile_names_and_quotes_are_data(tmp_path):
    corpus = tmp_path / "it's a \"corpus\""
    corpus.mkdir()
    (corpus / "obrien-visit.txt").write_text(
        f" date 2024-03-05 Irish minister O'Brien visits Tokyo; {HOSTILE}\n"
        "Irish Foreign Minister Sean O'Brien arrived in Tokyo on Monday for a three-day visit to Japan.\n"
        "O'Brien held talks with Japanese Foreign Minister Yoko Kamikawa on Tuesday.\n"
        f"\"{HOSTILE} is not a policy,\" O'Brien told reporters after the meeting.\n"
    )
    (corpus / "second.txt").write_text(
        " date 2024-03-06 Kenya and Ghana sign trade pact\n"
        "Kenyan President William Ruto met Ghanaian President Nana Akufo-Addo in Accra on Tuesday.\n"
        "\"This pact opens our markets to each other,\" Ruto said.\n"
    )
    wh = tmp_path / "wh'; drop"
    result = dipnews("run", "--source", corpus, "--warehouse", wh)
    assert result.returncode == 0, result.stdout + result.stderr
    with duckdb.connect(str(wh / "diplomacy.duckdb"), read_only=True) as con:
        assert con.execute("select count(*) from marts.fct_visits").fetchone()[0] >= 1
        titles = [r[0] for r in con.execute("select title from marts.dim_articles").fetchall()]
        assert any(HOSTILE in t for t in titles)
        quotes = [r[0] for r in con.execute("select quote from marts.fct_statements").fetchall()]
        assert any(HOSTILE in q for q in quotes), quotes
        names = {r[0] for r in con.execute("select name from marts.dim_actors").fetchall()}
        assert "Sean O'Brien" in names
        uris = [r[0] for r in con.execute("select source_uri from marts.dim_articles").fetchall()]
        assert all("it's a \"corpus\"" in u for u in uris)
    status = dipnews("status", "--warehouse", wh)
    assert status.returncode == 0


def test_no_sql_is_formatted_from_variables_outside_reviewed_places(root):
    """ruff's S608 (SQL built by string formatting) is enabled for the whole code base;
    the few f-string queries use catalogue names, each marked and explained."""
    import subprocess
    import sys
    from pathlib import Path

    ruff = Path(sys.executable).with_name("ruff")
    result = subprocess.run([str(ruff), "check", "--select", "S608", "extract", "dashboard", "dags"],
                            capture_output=True, text=True, cwd=root)
    assert result.returncode == 0, result.stdout
