"""One render function per page. Data goes through `queries`, charts through `charts`.

Article text (titles, quotes, evidence, names) is only passed to `st.table`,
`st.dataframe` and widget option labels, which render plain text; anything shown via
a Markdown-rendering call goes through `md_escape` first.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import streamlit as st

from dashboard import charts, queries
from dashboard.queries import EVENT_TYPES, Filters, Warehouse
from dashboard.text import md_escape, safe_link

NO_DATA = "No data yet: run `make run`"
NOTHING_SELECTED = "Nothing matches the selected dates and country."


def _as_dates(df: pd.DataFrame, columns: Iterable[str]) -> pd.DataFrame:
    """Show DATE columns as dates, not as midnight timestamps."""
    out = df.copy()
    for col in columns:
        out[col] = pd.to_datetime(out[col]).dt.date
    return out


def _signed(value: float | None) -> str:
    return "–" if value is None or pd.isna(value) else f"{value:+.2f}"


def _chart(chart: object) -> None:
    st.altair_chart(chart, width="stretch")


# ---------------------------------------------------------------- overview


def overview(wh: Warehouse, f: Filters) -> None:
    st.header("Overview")
    counts = queries.event_counts(wh, f)
    cols = st.columns(5)
    if "ops.runs" in queries.tables(wh):
        published, total = queries.run_counts(wh)
        cols[0].metric("Runs (published / all)", f"{published} / {total}")
    else:
        cols[0].metric("Runs (published / all)", "–")
    cols[1].metric("Articles", queries.article_count(wh, f))
    cols[2].metric("Visits", counts["visit"])
    cols[3].metric("Meetings", counts["meeting"])
    cols[4].metric("Statements", counts["statement"])

    st.subheader("Activity by month")
    activity = queries.monthly_activity(wh, f)
    if activity.empty:
        st.info(NOTHING_SELECTED)
    else:
        _chart(charts.monthly_events(activity))

    left, right = st.columns(2)
    with left:
        st.subheader("Latest articles")
        articles = queries.latest_articles(wh, f)
        if articles.empty:
            st.info(NOTHING_SELECTED)
        else:
            articles = _as_dates(articles, ["published_date"]).rename(
                columns={"published_date": "Published", "source_name": "Source", "title": "Title"}
            )
            st.table(articles, hide_index=True)
    with right:
        st.subheader("Latest statements")
        quotes = queries.latest_statements(wh, f)
        if quotes.empty:
            st.info(NOTHING_SELECTED)
        else:
            quotes = _as_dates(quotes, ["statement_date"]).rename(
                columns={
                    "statement_date": "Date",
                    "speaker_name": "Speaker",
                    "quote": "Quote",
                    "tone": "Tone",
                }
            )
            # st.table prints floats with four decimals; tone needs two and a sign.
            quotes["Tone"] = [_signed(t) for t in quotes["Tone"]]
            st.table(quotes, hide_index=True)


# ---------------------------------------------------------------- bilateral


def bilateral(wh: Warehouse, f: Filters) -> None:
    st.header("Bilateral")
    pairs = queries.bilateral_pairs(wh, f)
    if pairs.empty:
        st.info(NOTHING_SELECTED)
        return

    labels = {
        (row.country_a, row.country_b): f"{row.name_a} – {row.name_b}"
        for row in pairs.itertuples(index=False)
    }
    a, b = st.selectbox(
        "Country pair (most active first)",
        list(labels),
        format_func=lambda pair: labels.get(pair, " – ".join(pair)),
        key="pair",
    )
    monthly = queries.bilateral_monthly(wh, f, a, b)
    cols = st.columns(4)
    cols[0].metric("Visits", int(monthly["visits"].sum()))
    cols[1].metric("Meetings", int(monthly["meetings"].sum()))
    cols[2].metric("Statements", int(monthly["statements"].sum()))
    tone = pairs.loc[(pairs.country_a == a) & (pairs.country_b == b), "avg_tone"]
    cols[3].metric("Average tone", _signed(tone.iloc[0]) if len(tone) else "–")

    st.subheader("Visits, meetings and statements by month")
    _chart(charts.monthly_events_wide(monthly))
    st.subheader("Tone of statements")
    if monthly["avg_tone"].isna().all():
        st.info("No scored statements for this pair in the selected range.")
    else:
        _chart(charts.tone_trend(monthly))

    st.subheader("Most active pairs")
    table = pairs.rename(
        columns={
            "name_a": "Country A",
            "name_b": "Country B",
            "visits": "Visits",
            "meetings": "Meetings",
            "statements": "Statements",
            "total": "Total",
            "avg_tone": "Avg tone",
        }
    )
    st.dataframe(
        table[["Country A", "Country B", "Visits", "Meetings", "Statements", "Total", "Avg tone"]],
        hide_index=True,
        column_config={"Avg tone": st.column_config.NumberColumn(format="%+.2f")},
    )


# ---------------------------------------------------------------- actors


def actors(wh: Warehouse, f: Filters) -> None:
    st.header("Actors")
    top = queries.top_actors(wh, f)
    if top.empty:
        st.info(NOTHING_SELECTED)
        return

    st.subheader("Most active actors")
    st.dataframe(
        top.rename(
            columns={
                "name": "Name",
                "kind": "Kind",
                "country": "Country",
                "title": "Title",
                "visits": "Visits",
                "meetings": "Meetings",
                "statements": "Statements",
                "total": "Total",
            }
        ).drop(columns=["actor_id"]),
        hide_index=True,
    )

    names = dict(zip(top["actor_id"], top["name"], strict=True))
    actor_id = st.selectbox(
        "Actor", list(names), format_func=lambda a: names.get(a, a), key="actor"
    )
    st.subheader("Timeline")
    monthly = queries.actor_monthly(wh, f, actor_id)
    _chart(charts.monthly_events_wide(monthly, height=220))
    timeline = queries.actor_events(wh, f, actor_id)
    if timeline.empty:
        st.info(NOTHING_SELECTED)
    else:
        st.dataframe(
            _as_dates(timeline, ["date"]).rename(
                columns={"date": "Date", "event_type": "Type", "details": "Details"}
            ),
            hide_index=True,
        )


# ---------------------------------------------------------------- events


def events(wh: Warehouse, f: Filters) -> None:
    st.header("Events")
    c1, c2, c3 = st.columns([2, 3, 2])
    types = c1.multiselect("Event types", list(EVENT_TYPES), default=list(EVENT_TYPES), key="types")
    search = c2.text_input("Search summary, evidence and title", key="search")
    min_conf = c3.slider("Minimum confidence", 0.0, 1.0, 0.0, 0.05, key="min_conf")

    found = queries.events(wh, f, tuple(types), search.strip(), float(min_conf))
    if found.empty:
        st.info(NOTHING_SELECTED if types else "Pick at least one event type.")
        return

    st.caption(f"{len(found)} event mentions (event × article), newest first.")
    table = _as_dates(found, ["event_date"])
    # Only http(s) URLs become links; file paths and anything else stay plain text.
    table["link"] = [
        safe_link(u, s) for u, s in zip(table["url"], table["source_uri"], strict=True)
    ]
    table = table.rename(
        columns={
            "event_date": "Date",
            "event_type": "Type",
            "summary": "Event",
            "evidence": "Evidence",
            "confidence": "Confidence",
            "title": "Article",
            "source_name": "Source",
            "source_uri": "Source URI",
            "link": "Link",
            "rule": "Rule",
        }
    )
    st.dataframe(
        table[
            [
                "Date",
                "Type",
                "Event",
                "Evidence",
                "Confidence",
                "Article",
                "Source",
                "Link",
                "Source URI",
                "Rule",
            ]
        ],
        hide_index=True,
        column_config={
            "Confidence": st.column_config.NumberColumn(format="%.2f"),
            "Link": st.column_config.LinkColumn(display_text="open article"),
            "Evidence": st.column_config.TextColumn(width="large"),
        },
    )


# ---------------------------------------------------------------- data quality


_STATUS_WORDS = {"published": "was published", "gate_failed": "failed the gate", "failed": "failed"}


def data_quality(wh: Warehouse) -> None:
    st.header("Data quality")
    present = queries.tables(wh)
    if "ops.runs" not in present:
        st.info(NO_DATA)
        st.caption("This warehouse has no run history (ops.runs) yet.")
        return
    runs = queries.runs(wh)
    if runs.empty:
        st.info(NO_DATA)
        return

    last = runs.iloc[0]
    status = str(last["status"])
    said = f"Last run {last['run_id']} {_STATUS_WORDS.get(status, status)}"
    if pd.notna(last["message"]) and str(last["message"]).strip():
        said += f": {last['message']}"
    (st.success if status == "published" else st.error)(md_escape(said))

    st.subheader("Last runs")
    shown = runs.copy()
    # Every article seen must end loaded, quarantined or duplicate (DESIGN.md).
    shown["reconciles"] = (
        shown["articles_loaded"] + shown["articles_quarantined"] + shown["articles_duplicate"]
        == shown["articles_seen"]
    )
    st.dataframe(_as_dates(shown, ["window_start", "window_end"]), hide_index=True)

    if "ops.gate_results" not in present:
        st.caption("No gate results (ops.gate_results) in this warehouse.")
        return
    st.subheader("Gate results")
    run_id = st.selectbox("Run", list(runs["run_id"]), key="gate_run")
    results = queries.gate_results(wh, run_id)
    if results.empty:
        st.info("No gate results recorded for this run.")
        return
    failed = results[~results["success"].eq(True)]
    for severity, show in (("critical", st.error), ("warning", st.warning)):
        rows = failed[failed["severity"] == severity]
        if rows.empty:
            continue
        lines = [
            md_escape(
                f"{r.suite} / {r.expectation}"
                + (f" on {r.column_name}" if pd.notna(r.column_name) else "")
                + (f" (observed: {r.observed})" if pd.notna(r.observed) else "")
            )
            for r in rows.itertuples(index=False)
        ]
        show(f"{len(rows)} {severity} failure(s):  \n" + "  \n".join(lines))
    if failed.empty:
        st.success(f"All {len(results)} expectations passed.")
    st.dataframe(results, hide_index=True)
