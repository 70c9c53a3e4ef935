"""Poison inputs: each one is quarantined with its reason, the rest of the night lands,
and the next clean night publishes. Real files, real runs, the real published DuckDB."""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from extract.cli import cli
from extract.landing import ARTICLE_SCHEMA, write_table
from tests.contract import marts_snapshot


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], obj={})


def run(wh, *sources):
    return invoke("run", *[x for s in sources for x in ("--source", s)], "--warehouse", wh)


def quarantine(wh) -> list[dict]:
    result = invoke("quarantine", "list", "--warehouse", wh, "--json")
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines() if line.strip()]


def article_ids(wh) -> set[str]:
    with duckdb.connect(str(wh / "diplomacy.duckdb"), read_only=True) as con:
        return {r[0] for r in con.execute("select article_id from marts.dim_articles").fetchall()}


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    """One clean run over the fixture corpus: the marts every poisoned night must end equal to."""
    from tests.conftest import FIXTURE_ARTICLES

    base = tmp_path_factory.mktemp("poison")
    corpus = base / "articles"
    shutil.copytree(FIXTURE_ARTICLES, corpus)
    wh = base / "clean"
    result = run(wh, corpus)
    assert result.exit_code == 0, result.output
    return {"corpus": corpus, "wh": wh, "marts": marts_snapshot(wh / "diplomacy.duckdb")}


@pytest.fixture
def warehouse(clean, tmp_path):
    """A private copy of the clean warehouse, as a night after the clean one finds it."""
    wh = tmp_path / "wh"
    shutil.copytree(clean["wh"], wh)
    return wh


def test_the_same_article_under_two_source_names_is_one_article(clean, warehouse, tmp_path):
    # The same files under another source name (`dipnews run --source seeds/articles` after `make run`).
    copy = tmp_path / "wire-copy"
    shutil.copytree(clean["corpus"], copy)
    again = run(warehouse, copy)
    assert again.exit_code == 0, again.output
    assert "0 loaded" in again.output and "11 duplicate" in again.output, again.output
    assert marts_snapshot(warehouse / "diplomacy.duckdb") == clean["marts"]
    dups = [q for q in quarantine(warehouse) if q["kind"] == "duplicate"]
    assert len(dups) == 11 and all(q["source"] == "wire-copy" for q in dups)
    assert all("same text as article" in q["reason"] for q in dups)
    # The next clean night publishes too.
    assert run(warehouse, clean["corpus"]).exit_code == 0


def test_copies_already_landed_twice_are_left_out(clean, warehouse, tmp_path):
    """A warehouse where a copy landed under a second source name anyway (parallel pulls,
    or landed before the rule): staging leaves it out, no mention id collides."""
    part = sorted((warehouse / "landing/articles").glob("source=articles/*/part-*.parquet"))[0]
    twin = warehouse / "landing/articles" / "source=twin" / part.parent.name / part.name
    twin.parent.mkdir(parents=True)
    rows = pq.read_table(part).to_pylist()
    table = pa.Table.from_pylist([{**r, "source_name": "twin"} for r in rows], ARTICLE_SCHEMA)
    write_table(twin, table)
    night = run(warehouse, clean["corpus"])
    assert night.exit_code == 0, night.output
    assert marts_snapshot(warehouse / "diplomacy.duckdb") == clean["marts"]
    assert {q["source"] for q in quarantine(warehouse) if q["kind"] == "duplicate"} == {"twin"}


def test_an_article_dated_in_the_future_is_quarantined_at_parse_time(clean, warehouse, tmp_path):
    corpus = tmp_path / "poison"
    corpus.mkdir()
    future = (date.today() + timedelta(days=3)).isoformat()
    (corpus / "from-the-future.txt").write_text(
        f" date {future} Kenyan President visits Ghana\nKenyan President William Ruto visited Ghana on Monday.\n")
    (corpus / "wire-future.jsonl").write_text(json.dumps(
        {"published": "2099-01-01", "title": "Far future", "body": "President Ruto visited Ghana on Monday."}) + "\n")
    (corpus / "too-old.txt").write_text(" date 1899-12-31 Old news\nPresident Ruto visited Ghana on Monday.\n")
    night = run(warehouse, clean["corpus"], corpus)
    assert night.exit_code == 0, night.output
    assert marts_snapshot(warehouse / "diplomacy.duckdb") == clean["marts"]
    reasons = {q["uri"].rsplit("/", 1)[-1]: q["reason"] for q in quarantine(warehouse)}
    assert "in the future" in reasons["from-the-future.txt"]
    assert "in the future" in reasons["wire-future.jsonl#L1"]
    assert "before 1900-01-01" in reasons["too-old.txt"]
    assert run(warehouse, clean["corpus"]).exit_code == 0


def test_a_lone_surrogate_costs_its_line_only(clean, warehouse, tmp_path):
    corpus = tmp_path / "poison"
    corpus.mkdir()
    good = {"published": "2024-06-07", "title": "Ghana and Togo ministers meet",
            "body": "Ghanaian Foreign Minister Samuel Okudzeto Ablakwa met his Togolese counterpart in Accra on "
                    "Friday.\nThe two discussed border trade, the ministry said."}
    lines = [json.dumps(good), '{"published": "2024-06-07", "title": "Bad \\ud800 title", "body": "Some text."}',
             json.dumps({**good, "title": "Ghana and Togo ministers meet again", "published": "2024-06-08"})]
    (corpus / "surrogate.jsonl").write_text("\n".join(lines) + "\n")
    night = run(warehouse, clean["corpus"], corpus)
    assert night.exit_code == 0, night.output
    assert "2 loaded" in night.output, night.output  # both good lines of the batch
    bad = [q for q in quarantine(warehouse) if q["uri"].endswith("surrogate.jsonl#L2")]
    assert len(bad) == 1 and "lone surrogate U+D800" in bad[0]["reason"], bad
    assert run(warehouse, clean["corpus"]).exit_code == 0


def test_only_http_links_are_published(clean, warehouse, tmp_path):
    corpus = tmp_path / "links"
    corpus.mkdir()
    body = ("Ghanaian Foreign Minister Samuel Okudzeto Ablakwa met his Togolese counterpart in Accra on Friday.\n"
            "The two discussed border trade, the ministry said.")
    lines = [{"published": "2024-06-07", "title": f"Ghana and Togo, part {n}", "body": body, "url": url}
             for n, url in enumerate(["javascript:alert(document.cookie)", "data:text/html,<script>x</script>",
                                      "https://news.example/ghana-togo"])]
    (corpus / "links.jsonl").write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    night = run(warehouse, clean["corpus"], corpus)
    assert night.exit_code == 0, night.output
    with duckdb.connect(str(warehouse / "diplomacy.duckdb"), read_only=True) as con:
        urls = dict(con.execute("select title, url from marts.dim_articles where title like 'Ghana and Togo%'")
                    .fetchall())
    assert urls == {"Ghana and Togo, part 0": None, "Ghana and Togo, part 1": None,
                    "Ghana and Togo, part 2": "https://news.example/ghana-togo"}


def test_a_missing_source_directory_is_one_failed_source(clean, warehouse, tmp_path):
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "ghana-togo-2024-06-07.txt").write_text(
        " date 2024-06-07 Ghana and Togo ministers meet\nGhanaian Foreign Minister Samuel Okudzeto Ablakwa met "
        "Togolese Foreign Minister Robert Dussey in Accra on Friday.\n")
    night = run(warehouse, tmp_path / "no-such-dir", extra)
    assert night.exit_code == 0, night.output
    assert "FAILED source no-such-dir" in night.output and "no such file or directory" in night.output
    assert len(article_ids(warehouse)) == len(clean["marts"]["dim_articles"]) + 1
    status = invoke("status", "--warehouse", warehouse, "--json")
    last = json.loads(status.output)["runs"][0]
    assert last["status"] == "published" and "1 of 2 source(s) failed" in last["message"]


def test_a_landed_row_that_fails_the_gate_is_quarantined_not_blocking(clean, warehouse):
    """A row landed before the parse-time rules (dated 2099): the gate pins the failure on
    it, quarantines it, and the night publishes without it; the next night too."""
    part = sorted((warehouse / "landing/articles").glob("source=articles/*/part-*.parquet"))[0]
    poison = {"article_id": "0123456789abcdef", "canonical_id": "0123456789abcdef", "duplicate_reason": None,
              "source_name": "articles", "source_uri": "/legacy/poison.txt", "url": "javascript:alert(1)",
              "published_date": date(2099, 1, 1), "title": "From the future",
              "highlights": [], "body": "Kenyan President William Ruto visited Ghana on Monday.",
              "raw_text": "x", "content_hash": "0" * 64, "word_count": 9}
    write_table(part.parent.parent / "published_month=2099-01" / "part-legacy.parquet",
                pa.Table.from_pylist([poison], ARTICLE_SCHEMA))
    night = run(warehouse, clean["corpus"])
    assert night.exit_code == 0, night.output
    assert "quarantined by the gate: 1 article(s)" in night.output
    assert marts_snapshot(warehouse / "diplomacy.duckdb") == clean["marts"]
    evicted = [q for q in quarantine(warehouse) if q["kind"] == "evicted"]
    assert [q["id"] for q in evicted] == ["0123456789abcdef"]
    assert "gate: landed_articles: expect_column_values_to_be_between [days_before_today]" in evicted[0]["reason"]
    assert run(warehouse, clean["corpus"]).exit_code == 0


def test_evict_takes_one_article_out_and_is_recorded(clean, warehouse):
    victim = sorted(article_ids(warehouse))[0]
    result = invoke("evict", victim, "--warehouse", warehouse, "--reason", "satire, not news")
    assert result.exit_code == 0, result.output
    night = run(warehouse, clean["corpus"])
    assert night.exit_code == 0, night.output
    assert victim not in article_ids(warehouse)
    assert len(article_ids(warehouse)) == len(clean["marts"]["dim_articles"]) - 1
    with duckdb.connect(str(warehouse / "diplomacy.duckdb"), read_only=True) as con:
        assert con.execute("select count(*) from marts.fct_event_mentions where article_id = ?",
                           [victim]).fetchone()[0] == 0
        runs = con.execute("select status, message from ops.runs where status = 'evicted'").fetchall()
    assert len(runs) == 1 and victim in runs[0][1] and "satire" in runs[0][1]
    listed = [q for q in quarantine(warehouse) if q["kind"] == "evicted"]
    assert [q["id"] for q in listed] == [victim] and "satire, not news" in listed[0]["reason"]
    unknown = invoke("evict", "ffffffffffffffff", "--warehouse", warehouse)
    assert unknown.exit_code == 1 and "no landed article" in unknown.output


def test_an_article_the_extractor_crashes_on_is_evicted_not_blocking(clean, warehouse, tmp_path, monkeypatch):
    """A rule that raises on one article (a fault injected into the real extractor, which
    runs for every other article): the night publishes without it, the article is
    evicted with the error as reason, and later nights neither re-extract nor fail on it."""
    from extract.extraction import Extractor

    real = Extractor.extract

    def breaks_on_one(self, article):
        if "Zanzibar ferry" in article.body:
            raise RuntimeError("boom in a rule")
        return real(self, article)

    monkeypatch.setattr(Extractor, "extract", breaks_on_one)
    corpus = tmp_path / "crash"
    corpus.mkdir()
    (corpus / "ferry-2024-06-07.txt").write_text(
        " date 2024-06-07 Ferry talks\nTanzanian President Samia Suluhu Hassan met Kenyan President William Ruto "
        "in Dar es Salaam on Friday to discuss the Zanzibar ferry.\n")
    (corpus / "togo-2024-06-07.txt").write_text(
        " date 2024-06-07 Ghana and Togo ministers meet\nGhanaian Foreign Minister Samuel Okudzeto Ablakwa met "
        "Togolese Foreign Minister Robert Dussey in Accra on Friday.\n")
    night = run(warehouse, clean["corpus"], corpus)
    assert night.exit_code == 0, night.output
    assert "quarantined by extraction: 1 article(s)" in night.output, night.output
    assert "run " in night.output and ": published" in night.output, night.output
    evicted = [q for q in quarantine(warehouse) if q["kind"] == "evicted"]
    assert len(evicted) == 1 and "extraction failed: RuntimeError: boom in a rule" in evicted[0]["reason"], evicted
    ids = article_ids(warehouse)
    assert evicted[0]["id"] not in ids
    assert len(ids) == len(clean["marts"]["dim_articles"]) + 1  # the other new article landed and published
    monkeypatch.setattr(Extractor, "extract", real)
    again = run(warehouse, clean["corpus"], corpus)
    assert again.exit_code == 0, again.output
    assert "quarantined by extraction" not in again.output
    assert evicted[0]["id"] not in article_ids(warehouse)
