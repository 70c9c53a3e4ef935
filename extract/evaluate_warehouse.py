"""``make eval``: score the published warehouse against gold annotations.

The published events are turned back into the gold JSON format, one object per
article (the article key is the source file's stem), then scored by
:func:`extract.evaluate.score` (the matching rules of docs/annotation.md).
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from extract.extraction.dates import format_date
from extract.warehouse import Layout


def predictions(layout: Layout) -> dict[str, dict]:
    """Events per article stem, in the gold format."""
    if not layout.published.exists():
        raise FileNotFoundError(f"{layout.published} does not exist: run `make run` first")
    out: dict[str, dict] = {}
    with duckdb.connect(str(layout.published), read_only=True) as con:
        articles = con.execute("select article_id, source_uri, published_date from marts.dim_articles").fetchall()
        stems = {}
        for article_id, uri, published in articles:
            stem = Path(uri.split("#", 1)[0]).stem
            stems[article_id] = stem
            out.setdefault(stem, {"article": stem, "published": published.isoformat(),
                                  "visits": [], "meetings": [], "statements": []})
        for row in con.execute(
            "select m.article_id, v.visitor_name, v.visitor_country, v.host_country, v.city, v.visit_date, "
            "v.date_precision, v.is_planned from marts.fct_event_mentions m join marts.fct_visits v "
            "on m.event_type = 'visit' and m.event_id = v.visit_id"
        ).fetchall():
            out[stems[row[0]]]["visits"].append(
                {"visitor": row[1], "visitor_country": row[2], "host_country": row[3], "city": row[4],
                 "date": format_date(row[5], row[6]), "planned": row[7]}
            )
        for row in con.execute(
            "select m.article_id, f.participants, f.country, f.city, f.meeting_date, f.date_precision, f.mode, "
            "f.is_planned from marts.fct_event_mentions m join marts.fct_meetings f "
            "on m.event_type = 'meeting' and m.event_id = f.meeting_id"
        ).fetchall():
            out[stems[row[0]]]["meetings"].append(
                {"participants": list(row[1]), "country": row[2], "city": row[3], "date": format_date(row[4], row[5]),
                 "mode": row[6], "planned": row[7]}
            )
        for row in con.execute(
            "select m.article_id, s.speaker_name, s.speaker_country, s.quote, s.is_direct "
            "from marts.fct_event_mentions m join marts.fct_statements s "
            "on m.event_type = 'statement' and m.event_id = s.statement_id"
        ).fetchall():
            out[stems[row[0]]]["statements"].append(
                {"speaker": row[1], "speaker_country": row[2], "quote": row[3], "direct": row[4]}
            )
    return out


def evaluate_warehouse(layout: Layout, gold_path: Path, as_json: bool = False) -> str:
    from extract.evaluate import score

    gold = [json.loads(line) for line in gold_path.read_text().splitlines() if line.strip()]
    predicted_by_stem = predictions(layout)
    predicted = [predicted_by_stem.get(g["article"], {"article": g["article"], "visits": [], "meetings": [],
                                                      "statements": []}) for g in gold]
    report = score(gold, predicted)
    if as_json:
        return json.dumps(report.to_dict(), indent=1)
    missing = sum(1 for g in gold if g["article"] not in predicted_by_stem)
    text = report.table()
    if missing:
        text += f"\n(note: {missing} gold article(s) not in the warehouse; their events count as missed)"
    return text
