"""A short Markdown report of the published marts (run after each publish)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from extract.warehouse import Layout, atomic_write_bytes


def _table(rows: list[tuple], headers: list[str]) -> list[str]:
    out = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    for row in rows:
        # Article-derived text is data: pipes and newlines must not break the table.
        cells = [str(v).replace("|", "\\|").replace("\n", " ") for v in row]
        out.append("| " + " | ".join(cells) + " |")
    return out


def write_daily_report(layout: Layout) -> Path:
    with duckdb.connect(str(layout.published), read_only=True) as con:
        counts = con.execute(
            "select (select count(*) from marts.fct_visits), (select count(*) from marts.fct_meetings), "
            "(select count(*) from marts.fct_statements), (select count(*) from marts.dim_articles)"
        ).fetchone()
        pairs = con.execute(
            "select country_a, country_b, sum(visits), sum(meetings), sum(statements), round(avg(avg_tone), 2) "
            "from marts.mart_bilateral_monthly group by 1, 2 order by sum(visits + meetings + statements) desc, 1, 2 "
            "limit 10"
        ).fetchall()
        actors = con.execute(
            "select a.name, a.country, sum(x.visits), sum(x.meetings), sum(x.statements) "
            "from marts.mart_actor_activity x join marts.dim_actors a using (actor_id) "
            "group by 1, 2 order by sum(x.visits + x.meetings + x.statements) desc, 1 limit 10"
        ).fetchall()
    lines = [
        "# dipnews report",
        "",
        f"{counts[3]} articles; {counts[0]} visits, {counts[1]} meetings, {counts[2]} statements.",
        "",
        "## Most active country pairs",
        *_table(pairs, ["country a", "country b", "visits", "meetings", "statements", "avg tone"]),
        "",
        "## Most active actors",
        *_table(actors, ["actor", "country", "visits", "meetings", "statements"]),
        "",
    ]
    path = layout.root / "reports" / "latest.md"
    atomic_write_bytes(path, "\n".join(lines).encode())
    return path
