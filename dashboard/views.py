"""One render function per page. Data goes through `queries`, charts through `charts`.

Article text (titles, quotes, evidence, names) is only passed to `st.table`,
`st.dataframe` and widget option labels, which render plain text; anything shown via
a Markdown-rendering call goes through `md_escape` first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from dashboard import charts, queries, state
from dashboard.queries import EVENT_TYPES, Filters, Warehouse
from dashboard.text import fmt_tone, for_display, md_escape, safe_link

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
        picked = st.altair_chart(charts.monthly_events(activity, selectable=True), width="stretch",
                                 on_select="rerun", key="month_pick")
        _month_link(picked, f)

    left, right = st.columns(2)
    with left:
        st.subheader("Latest articles")
        articles = queries.latest_articles(wh, f)
        if articles.empty:
            st.info(NOTHING_SELECTED)
        else:
            articles = for_display(articles, {"published_date": None}).rename(
                columns={"published_date": "Published", "source_name": "Source", "title": "Title"}
            )
            st.table(articles, hide_index=True)
    with right:
        st.subheader("Latest statements")
        quotes = queries.latest_statements(wh, f)
        if quotes.empty:
            st.info(NOTHING_SELECTED)
        else:
            quotes = for_display(quotes, {"statement_date": "date_precision"}).rename(
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


def _month_link(event: object, f: Filters) -> None:
    """A clicked bar links to the Events view of that month and type, with the evidence."""
    try:
        points = event.selection["bar"]  # type: ignore[attr-defined,index]
    except (AttributeError, KeyError, TypeError):
        return
    for point in points or []:
        try:
            first = dt.date.fromisoformat(f"{point['month_key']}-01")
        except (KeyError, TypeError, ValueError):
            continue
        etype = point.get("event_type")
        if etype not in EVENT_TYPES:
            continue
        last = (pd.Timestamp(first) + pd.offsets.MonthEnd(0)).date()
        query = {"view": "events", "from": max(first, f.start).isoformat(),
                 "to": min(last, f.end).isoformat(), "types": etype}
        if f.country:
            query["country"] = f.country
        st.markdown(f"[The {etype}s of {first.strftime('%b %Y')}, with their evidence and sources]"
                    f"(?{urlencode(query)})")


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
    state.valid_choice("pair", list(labels))
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
    picked = _selectable(
        table[["Country A", "Country B", "Visits", "Meetings", "Statements", "Total", "Avg tone"]],
        key="bilateral_rows",
        column_config={"Avg tone": st.column_config.NumberColumn(format="%+.2f")},
    )
    if picked:
        row = pairs.iloc[picked[0]]
        found = queries.pair_events(wh, f)
        match = found[(found.country_a == min(row.country_a, row.country_b))
                      & (found.country_b == max(row.country_a, row.country_b))]
        state.set_evidence(list(match["event_keys"].iloc[0]) if len(match) else [])
    evidence_panel(wh, "Pick a pair above to see the sentences and articles behind its visits and meetings.")


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
        placeholder="–",
    )

    names = dict(zip(top["actor_id"], top["name"], strict=True))
    state.valid_choice("actor", list(names))
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
        shown = for_display(timeline, {"date": "date_precision"}).rename(
            columns={"date": "Date", "event_type": "Type", "details": "Details"}
        )
        picked = _selectable(shown[["Date", "Type", "Details"]], key="actor_rows")
        _pick(picked, [[f"{t}:{e}"] for t, e in zip(timeline["event_type"], timeline["event_id"], strict=True)])
        evidence_panel(wh, "Pick a row above to see the sentence and article it comes from.")


# ---------------------------------------------------------------- events


def events(wh: Warehouse, f: Filters) -> None:
    st.header("Events")
    c1, c2, c3 = st.columns([2, 3, 2])
    state.valid_choices("types", list(EVENT_TYPES))
    state.use("search")
    state.use("min_conf")
    st.session_state.setdefault("types", list(EVENT_TYPES))
    st.session_state.setdefault("min_conf", 0.0)
    types = c1.multiselect("Event types", list(EVENT_TYPES), key="types")
    search = c2.text_input("Search summary, evidence and title", key="search")
    min_conf = c3.slider("Minimum confidence", 0.0, 1.0, step=0.05, key="min_conf")

    found = queries.events(wh, f, tuple(types), search.strip(), float(min_conf))
    if found.empty:
        st.info(NOTHING_SELECTED if types else "Pick at least one event type.")
        return

    st.caption(f"{len(found)} event mentions (event × article), newest first.")
    # Only http(s) URLs become links; file paths and anything else stay plain text.
    links = [safe_link(u, s) for u, s in zip(found["url"], found["source_uri"], strict=True)]
    table = for_display(found, {"event_date": "date_precision"})
    table["link"] = links
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
        placeholder="–",
        column_config=_evidence_columns(),
    )


# ---------------------------------------------------------------- data quality


def _evidence_columns() -> dict:
    """How every evidence table shows its sentence, link and confidence (one place)."""
    return {
        "Evidence": st.column_config.TextColumn(width="large"),
        "Link": st.column_config.LinkColumn(display_text="open article"),
        "Confidence": st.column_config.NumberColumn(format="%.2f"),
    }


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
    # `reconciles` comes with the query: every input seen ends loaded, already landed,
    # quarantined, duplicate or skipped (the definition `dipnews status` uses).
    shown = runs.copy()
    st.dataframe(_as_dates(shown, ["window_start", "window_end"]), hide_index=True, placeholder="–")

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
    st.dataframe(results, hide_index=True, placeholder="–")


# ---------------------------------------------------------------- evidence

_TYPE_LABELS = {None: "All event types", "visit": "Visits", "meeting": "Meetings",
                "statement": "Statements"}


def _picked_rows(event: object) -> list[int]:
    """Row positions selected in a `st.dataframe(on_select="rerun")` (none under AppTest)."""
    try:
        return list(event.selection.rows)  # type: ignore[attr-defined]
    except AttributeError:
        return []


def _selectable(table: pd.DataFrame, key: str, **kwargs: object) -> list[int]:
    """A dataframe whose rows can be picked (one at a time); returns the picked positions."""
    event = st.dataframe(
        table, hide_index=True, on_select="rerun", selection_mode="single-row", key=key,
        placeholder="–", **kwargs,
    )
    return _picked_rows(event)


def _pick(rows: list[int], keys: list[list[str]]) -> None:
    """A picked row replaces the page's evidence with that row's events."""
    if rows:
        state.set_evidence(keys[rows[0]])


def evidence_panel(wh: Warehouse, hint: str) -> None:
    """The sentences and source articles behind the picked row (kept in the URL as `ev`)."""
    keys = state.evidence_keys()
    st.subheader("Evidence")
    if not keys:
        st.caption(hint)
        return
    found = queries.evidence(wh, tuple(keys))
    if found.empty:
        st.info("No evidence recorded for the picked events in this warehouse.")
        return
    links = [safe_link(u, s) for u, s in zip(found["url"], found["source_uri"], strict=True)]
    table = for_display(found, {"published_date": None})
    table["link"] = links
    st.caption(f"{len(found)} sentence(s) from {found['title'].nunique()} article(s).")
    st.dataframe(
        table.rename(columns={
            "event_type": "Type", "evidence": "Evidence", "title": "Article",
            "published_date": "Published", "source_name": "Source", "link": "Link",
            "rule": "Rule", "confidence": "Confidence", "source_uri": "Source URI",
        })[["Type", "Evidence", "Link", "Article", "Published", "Source", "Rule", "Confidence", "Source URI"]],
        hide_index=True,
        placeholder="–",
        column_config=_evidence_columns(),
    )


def _event_type_filter(options: list[str | None]) -> str | None:
    state.valid_choice("etype", options)
    return st.selectbox("Event type", options, format_func=lambda t: _TYPE_LABELS.get(t, str(t)),
                        key="etype")


# ---------------------------------------------------------------- map


def world_map(wh: Warehouse, f: Filters) -> None:
    st.header("Map")
    etype = _event_type_filter([None, *EVENT_TYPES])
    activity = queries.country_activity(wh, f, etype)
    if activity.empty:
        st.info(NOTHING_SELECTED)
        return
    flows = queries.visit_flows(wh, f) if etype in (None, "visit") else queries.visit_flows(wh, f).head(0)
    st.caption(
        "Circles: events per country (an event counts for every country in it). "
        "Arcs: visits, from the visitor's country (blue) to the host's (orange). "
        "Click an arc, or pick a row below, for the evidence; click a country for its page."
    )
    picked_map = st.pydeck_chart(charts.activity_map(activity, flows), height=520, on_select="rerun",
                                 selection_mode="single-object", key="map_pick")
    _map_pick(picked_map, activity, flows, f)

    left, right = st.columns(2)
    with left:
        st.subheader("Countries by activity")
        st.dataframe(
            activity.rename(columns={"name": "Country", "visits": "Visits", "meetings": "Meetings",
                                     "statements": "Statements", "events": "Events"}).drop(columns=["iso3"]),
            hide_index=True, placeholder="–",
        )
    with right:
        st.subheader("Visits, visitor → host")
        if flows.empty:
            st.info("No visits in the selected range.")
        else:
            picked = _selectable(
                flows.rename(columns={"visitor_name": "Visitor country", "host_name": "Host country",
                                      "visits": "Visits", "planned": "Planned"})[
                    ["Visitor country", "Host country", "Visits", "Planned"]],
                key="map_flows",
            )
            _pick(picked, [[f"visit:{v}" for v in ids] for ids in flows["visit_ids"]])
    evidence_panel(wh, "Pick a visit flow above to see the sentences and articles it comes from.")


def _map_pick(event: object, activity: pd.DataFrame, flows: pd.DataFrame, f: Filters) -> None:
    """A clicked arc shows its visits' evidence; a clicked country links to its page."""
    try:
        objects = dict(event.selection["objects"])  # type: ignore[attr-defined,index]
    except (AttributeError, KeyError, TypeError):
        return
    for arc in objects.get("visits") or []:
        match = flows[(flows.visitor_country == arc.get("visitor_country"))
                      & (flows.host_country == arc.get("host_country"))]
        if len(match):
            state.set_evidence([f"visit:{v}" for v in match["visit_ids"].iloc[0]])
    for circle in objects.get("countries") or []:
        iso3 = circle.get("iso3")
        if iso3 in set(activity["iso3"]):
            name = activity.loc[activity.iso3 == iso3, "name"].iloc[0]
            query = urlencode({"view": "country", "c": iso3, "from": f.start.isoformat(), "to": f.end.isoformat()})
            st.markdown(f"[{md_escape(name)}: open the country page](?{query})")


# ---------------------------------------------------------------- country


def country(wh: Warehouse, f: Filters) -> None:
    st.header("Country")
    active = queries.country_activity(wh, f)
    if active.empty:
        st.info(NOTHING_SELECTED)
        return
    names = dict(zip(active["iso3"], active["name"], strict=True))
    default = f.country if f.country in names else active["iso3"].iloc[0]
    state.valid_choice("profile", list(names), default=default)
    iso3 = st.selectbox("Country (most active first)", list(names),
                        format_func=lambda c: f"{names.get(c, c)} ({c})", key="profile")
    name = names[iso3]

    visits = queries.country_visits(wh, f, iso3)
    meetings = queries.country_meetings(wh, f, iso3)
    statements = queries.country_statements(wh, f, iso3)
    inbound, outbound = visits[visits.direction == "inbound"], visits[visits.direction == "outbound"]
    cols = st.columns(5)
    cols[0].metric("Visits received", len(inbound))
    cols[1].metric("Visits abroad", len(outbound))
    cols[2].metric("Meetings", len(meetings))
    cols[3].metric("Statements", len(statements))
    scored = statements["tone"].dropna()
    cols[4].metric("Average tone", fmt_tone(scored.mean()) if len(scored) else "–")

    visit_cols = {"visit_date": "Date", "visitor_name": "Visitor", "visitor_country": "From",
                  "host_country": "To", "city": "City", "is_planned": "Planned"}
    left, right = st.columns(2)
    for column, rows, title, key in ((left, inbound, f"Visits received: to {name}", "country_in"),
                                     (right, outbound, f"Visits abroad: from {name}", "country_out")):
        with column:
            st.subheader(md_escape(title))
            if rows.empty:
                st.info("None in the selected range.")
                continue
            shown = for_display(rows, {"visit_date": "date_precision"}).rename(columns=visit_cols)
            picked = _selectable(shown[list(visit_cols.values())], key=key)
            _pick(picked, [[f"visit:{e}"] for e in rows["event_id"]])

    st.subheader("Top counterparts")
    partners = queries.counterparts(wh, f, iso3)
    if partners.empty:
        st.info("No bilateral activity in the selected range.")
    else:
        c1, c2 = st.columns([3, 2])
        with c1:
            picked = st.altair_chart(
                charts.bars(partners, "name", "total", "Visits, meetings and statements",
                            height=max(160, 30 * len(partners)), pick="iso3"),
                width="stretch", on_select="rerun", key="partner_pick")
        with c2:
            st.dataframe(partners.rename(columns={"name": "Country", "visits": "Visits", "meetings": "Meetings",
                                                  "statements": "Statements", "total": "Total"})
                         .drop(columns=["iso3"]), hide_index=True, placeholder="–")
        _partner_pick(wh, f, picked, iso3, name, dict(zip(partners["iso3"], partners["name"], strict=True)))

    st.subheader("Meetings by mode and track")
    if meetings.empty:
        st.info("No meetings in the selected range.")
    else:
        m1, m2 = st.columns(2)
        modes = meetings.assign(mode=meetings["mode"].fillna("unknown").str.replace("_", " "))
        tracks = meetings.assign(track="track " + meetings["track"].fillna("?").astype(str))
        # A click on a bar: the evidence of that mode's (or track's) meetings.
        for column, rows, field, key in ((m1, modes, "mode", "mode_pick"), (m2, tracks, "track", "track_pick")):
            with column:
                event = st.altair_chart(
                    charts.bars(rows.groupby(field, as_index=False).size(), field, "size", "Meetings", pick=field),
                    width="stretch", on_select="rerun", key=key)
            value = _selected(event, "bar", field)
            if value is not None:
                state.set_evidence([f"meeting:{e}" for e in rows.loc[rows[field] == value, "event_id"]])
        shown = for_display(meetings, {"meeting_date": "date_precision"})
        shown["mode"] = shown["mode"].str.replace("_", " ")
        shown = shown.rename(columns={"meeting_date": "Date", "participants": "Participants", "city": "City",
                                      "place": "Country", "mode": "Mode", "track": "Track",
                                      "is_planned": "Planned"})
        picked = _selectable(shown[["Date", "Participants", "City", "Country", "Mode", "Track", "Planned"]],
                             key="country_meetings")
        _pick(picked, [[f"meeting:{e}"] for e in meetings["event_id"]])

    st.subheader("Statements and their tone")
    if statements.empty:
        st.info("No statements in the selected range.")
    else:
        tone = queries.country_tone_monthly(wh, f, iso3)
        if tone.empty:
            st.caption("No scored statements in the selected range.")
        else:
            event = st.altair_chart(charts.tone_trend(tone, selectable=True), width="stretch",
                                    on_select="rerun", key="tone_pick")
            month = _selected(event, "point", "month_key")
            if month is not None:
                in_month = pd.to_datetime(statements["statement_date"]).dt.strftime("%Y-%m") == month
                state.set_evidence([f"statement:{e}" for e in statements.loc[in_month, "event_id"]])
        shown = for_display(statements, {"statement_date": "date_precision"})
        shown["tone"] = [fmt_tone(t) for t in statements["tone"]]
        shown = shown.rename(columns={"statement_date": "Date", "speaker_name": "Speaker", "quote": "Quote",
                                      "tone": "Tone", "is_direct": "Direct quote"})
        picked = _selectable(shown[["Date", "Speaker", "Quote", "Tone", "Direct quote"]], key="country_statements",
                             column_config={"Quote": st.column_config.TextColumn(width="large")})
        _pick(picked, [[f"statement:{e}"] for e in statements["event_id"]])
    evidence_panel(wh, "Pick a visit, meeting or statement above to see its sentences and articles.")


def _selected(event: object, name: str, field: str) -> str | None:
    """The value of `field` in the chart selection `name` (None: nothing clicked)."""
    try:
        points = event.selection[name]  # type: ignore[attr-defined,index]
    except (AttributeError, KeyError, TypeError):
        return None
    for point in points or []:
        if isinstance(point, dict) and point.get(field) is not None:
            return str(point[field])
    return None


def _partner_pick(wh: Warehouse, f: Filters, event: object, iso3: str, name: str,
                  partners: dict[str, str]) -> None:
    """A clicked counterpart: the pair's visits and meetings as evidence, a link to the pair."""
    try:
        points = event.selection["bar"]  # type: ignore[attr-defined,index]
    except (AttributeError, KeyError, TypeError):
        return
    other = next((p.get("iso3") for p in points or [] if isinstance(p, dict) and p.get("iso3") in partners), None)
    if other is None:
        return
    a, b = sorted((iso3, other))
    pairs = queries.pair_events(wh, f)
    row = pairs[(pairs.country_a == a) & (pairs.country_b == b)]
    if len(row):
        state.set_evidence(list(row["event_keys"].iloc[0]))
    query = urlencode({"view": "bilateral", "pair": f"{a}-{b}", "from": f.start.isoformat(), "to": f.end.isoformat()})
    st.markdown(f"{md_escape(name)} and {md_escape(partners[other])}: their visits and meetings are in the "
                f"evidence below; [the pair month by month](?{query})")


# ---------------------------------------------------------------- network


def network(wh: Warehouse, f: Filters) -> None:
    st.header("Network")
    etype = _event_type_filter([None, "visit", "meeting"])
    pairs = queries.pair_events(wh, f, etype)
    if pairs.empty:
        st.info(NOTHING_SELECTED)
        return
    nodes, edges = charts.network_layout(pairs)
    cols = st.columns(3)
    cols[0].metric("Countries", len(nodes))
    cols[1].metric("Country pairs", len(edges))
    cols[2].metric("Pair events", int(pairs["events"].sum()))
    st.caption(
        "Country pairs linked by visits and meetings (a meeting of three countries links each "
        "of its three pairs). Thicker lines: more events; larger circles: more active countries. "
        "Click a country to keep its pairs; pick a pair below for its evidence."
    )
    event = st.altair_chart(charts.network(nodes, edges), width="stretch", on_select="rerun", key="net_pick")
    focus = _network_pick(event, set(nodes["iso3"]))
    if focus:
        name = nodes.loc[nodes.iso3 == focus, "name"].iloc[0]
        query = urlencode({"view": "country", "c": focus, "from": f.start.isoformat(), "to": f.end.isoformat()})
        st.markdown(f"{md_escape(name)}'s pairs below. [Open its country page](?{query})")
        pairs = pairs[(pairs.country_a == focus) | (pairs.country_b == focus)].reset_index(drop=True)
    st.subheader("Pairs by events")
    shown = pairs.rename(columns={"name_a": "Country A", "name_b": "Country B", "visits": "Visits",
                                  "meetings": "Meetings", "events": "Events"})
    picked = _selectable(shown[["Country A", "Country B", "Visits", "Meetings", "Events"]], key="network_pairs")
    _pick(picked, [list(k) for k in pairs["event_keys"]])
    evidence_panel(wh, "Pick a pair above to see the sentences and articles behind its events.")


def _network_pick(event: object, known: set[str]) -> str | None:
    """The country clicked in the network chart, if any."""
    try:
        points = event.selection["country"]  # type: ignore[attr-defined,index]
    except (AttributeError, KeyError, TypeError):
        return None
    for point in points or []:
        iso3 = point.get("iso3") if isinstance(point, dict) else None
        if iso3 in known:
            return str(iso3)
    return None


# ---------------------------------------------------------------- summits


def summits(wh: Warehouse, f: Filters) -> None:
    st.header("Summits")
    found = queries.multilateral_meetings(wh, f)
    st.caption("Summits and multilateral meetings: three or more parties, countries (however many of their officials attend) "
               "or organisations. Pick one for its participants and evidence.")
    if found.empty:
        st.info(NOTHING_SELECTED)
        return
    cols = st.columns(3)
    cols[0].metric("Multilateral meetings", len(found))
    cols[1].metric("Countries taking part", len({c for cs in found["participant_countries"] for c in cs if c}))
    cols[2].metric("Largest (parties)", int(found["parties"].max()))
    shown = for_display(found, {"meeting_date": "date_precision"})
    shown["mode"] = shown["mode"].str.replace("_", " ")
    shown = shown.rename(columns={"meeting_date": "Date", "city": "City", "place": "Country",
                                  "parties": "Parties", "participants": "Participants",
                                  "participant_countries": "Countries of participants",
                                  "mode": "Mode", "track": "Track", "is_planned": "Planned",
                                  "article_count": "Articles"})
    picked = _selectable(
        shown[["Date", "Country", "City", "Parties", "Participants", "Countries of participants", "Mode",
               "Track", "Planned", "Articles"]],
        key="summit_rows",
        column_config={"Participants": st.column_config.TextColumn(width="large")},
    )
    _pick(picked, [[f"meeting:{e}"] for e in found["event_id"]])
    evidence_panel(wh, "Pick a meeting above to see the sentences and articles it comes from.")
