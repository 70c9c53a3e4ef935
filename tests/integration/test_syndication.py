"""Syndicated copies: one canonical article per story, and (almost) no duplicate events.

The corpus is a slice of the sample plus a reprint of each story the way wire copy
is reprinted: a new headline, no highlights, a trailing boilerplate sentence."""

from __future__ import annotations

import shutil

import duckdb
from click.testing import CliRunner

from extract.cli import cli
from tests.conftest import SAMPLE_ARTICLES

FACTS = ("fct_visits", "fct_meetings", "fct_statements")


def reprint(text: str, n: int) -> str:
    first, *rest = text.splitlines()
    date_line = first.split()[0:2]
    body = [line for line in rest if not line.startswith("- ")]
    body.append(f"This story was distributed by a news agency and reprinted by outlet number {n}.")
    return " " + " ".join(date_line) + f" REPRINT {n}: {' '.join(first.split()[2:])}\n" + "\n".join(body) + "\n"


def counts(wh) -> dict[str, int]:
    with duckdb.connect(str(wh / "diplomacy.duckdb"), read_only=True) as con:
        out = {t: con.execute(f"select count(*) from marts.{t}").fetchone()[0] for t in FACTS}  # noqa: S608
        out["canonical_articles"] = con.execute(
            "select count(distinct canonical_article_id) from marts.dim_articles").fetchone()[0]
        out["articles"] = con.execute("select count(*) from marts.dim_articles").fetchone()[0]
    return out


def test_reprints_collapse_to_one_story_and_add_under_two_percent_events(tmp_path):
    originals = sorted(p for p in SAMPLE_ARTICLES.glob("*.txt") if not p.name.startswith("malformed-"))[:20]
    plain, syndicated = tmp_path / "plain", tmp_path / "syndicated"
    plain.mkdir()
    syndicated.mkdir()
    for p in originals:
        shutil.copy(p, plain / p.name)
        shutil.copy(p, syndicated / p.name)
        (syndicated / f"reprint-{p.name}").write_text(reprint(p.read_text(), 1))
    runner = CliRunner()
    for src in (plain, syndicated):
        result = runner.invoke(cli, ["run", "--source", str(src), "--warehouse", str(tmp_path / f"wh-{src.name}")],
                               obj={})
        assert result.exit_code == 0, result.output
    base, synd = counts(tmp_path / "wh-plain"), counts(tmp_path / "wh-syndicated")
    assert synd["articles"] == 2 * base["articles"]
    assert synd["canonical_articles"] == base["canonical_articles"]  # one canonical article per story
    events = sum(base[t] for t in FACTS)
    extra = sum(synd[t] for t in FACTS) - events
    assert events > 50
    assert extra / events < 0.02, (base, synd)
