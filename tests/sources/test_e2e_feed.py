"""Acceptance: ``dipnews run --source http://127.0.0.1:PORT/feed.xml`` loads the pages'
articles and extracts their events; a second run loads nothing new.

The real CLI and the real pipeline (pull, extract, dbt build, gate, publish) against
the local fixture server, with the default politeness settings (1 s between requests).
"""

from __future__ import annotations

import os

import duckdb
import pytest
from click.testing import CliRunner

from extract.cli import cli

pytestmark = pytest.mark.timeout(300)


def run(url: str, warehouse) -> object:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DIPNEWS_")}
    return CliRunner(env=env).invoke(cli, ["run", "--source", url, "--warehouse", str(warehouse)], obj={},
                                     catch_exceptions=False)


def test_feed_run_loads_pages_extracts_events_and_a_rerun_loads_nothing(site, tmp_path):
    wh = tmp_path / "warehouse"
    first = run(site.url("/feed.xml"), wh)
    assert first.exit_code == 0, first.output
    assert "3 seen, 3 loaded" in first.output and "gate:     passed" in first.output
    with duckdb.connect(str(wh / "diplomacy.duckdb"), read_only=True) as con:
        urls = {r[0] for r in con.execute("select url from marts.dim_articles").fetchall()}
        assert urls == {site.url(f"/pages/{p}.html") for p in ("norway-kenya", "brazil-south-africa", "japan-vietnam")}
        sources = {r[0] for r in con.execute("select source_uri from marts.dim_articles").fetchall()}
        assert sources == urls
        facts = {t: con.execute(f"select count(*) from marts.{t}").fetchone()[0]  # noqa: S608 - fixed names
                 for t in ("fct_visits", "fct_meetings", "fct_statements")}
    assert all(facts.values()), facts  # a visit (Eide to Kenya), meetings and quotes in every story
    pages = sum(site.hits(f"/pages/{p}.html") for p in ("norway-kenya", "brazil-south-africa", "japan-vietnam"))
    assert pages == 3

    second = run(site.url("/feed.xml"), wh)
    assert second.exit_code == 0, second.output
    assert "0 seen, 0 loaded" in second.output
    assert [r.headers.get("if-none-match") for r in site.requests if r.path == "/feed.xml"] == [None, '"rss-v1"']
    assert sum(site.hits(f"/pages/{p}.html") for p in ("norway-kenya", "brazil-south-africa", "japan-vietnam")) == 3


def test_unreadable_feed_fails_the_run_with_a_clear_message(server, tmp_path):
    server.add("/feed.xml", status=404)
    result = CliRunner().invoke(cli, ["run", "--source", server.url("/feed.xml"), "--warehouse", str(tmp_path / "wh")],
                                obj={})
    assert result.exit_code != 0
    assert f"cannot be read: {server.url('/feed.xml')}: HTTP 404" in result.output
