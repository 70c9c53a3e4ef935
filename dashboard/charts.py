"""Altair chart specs. Pure functions of DataFrames: no Streamlit, no SQL.

Only numbers, dates and the fixed event-type names reach the charts (never article
text), so tooltips cannot carry markup from the news.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from dashboard.queries import EVENT_TYPES

# The same colour for an event type on every page.
_EVENT_SCALE = alt.Scale(domain=list(EVENT_TYPES), range=["#4c78a8", "#f58518", "#54a24b"])
_WIDE_TO_TYPE = {"visits": "visit", "meetings": "meeting", "statements": "statement"}


def _months(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    out["month"] = pd.to_datetime(out["month"])
    return out


def monthly_events(df: pd.DataFrame, height: int = 260) -> alt.Chart:
    """Stacked monthly bars from long rows (month, event_type, events)."""
    # Ordinal year-month: one evenly sized bar per month, labelled "Jan 2024".
    month = alt.X("yearmonth(month):O", title="Month", axis=alt.Axis(labelAngle=0))
    data = _months(df)
    # Stack in the legend's order (visit at the bottom), not alphabetically.
    data["stack"] = data["event_type"].map({t: i for i, t in enumerate(EVENT_TYPES)})
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=month,
            y=alt.Y("sum(events):Q", title="Events"),
            color=alt.Color("event_type:N", scale=_EVENT_SCALE, title="Event type"),
            order=alt.Order("stack:Q", sort="ascending"),
            tooltip=[
                alt.Tooltip("yearmonth(month):O", title="Month"),
                alt.Tooltip("event_type:N", title="Type"),
                alt.Tooltip("sum(events):Q", title="Events"),
            ],
        )
        .properties(height=height)
    )


def monthly_events_wide(df: pd.DataFrame, height: int = 260) -> alt.Chart:
    """Same chart from wide rows (month, visits, meetings, statements), as the marts store them."""
    long = df.melt(
        id_vars=["month"],
        value_vars=list(_WIDE_TO_TYPE),
        var_name="event_type",
        value_name="events",
    )
    long["event_type"] = long["event_type"].map(_WIDE_TO_TYPE)
    return monthly_events(long, height=height)


def tone_trend(df: pd.DataFrame, height: int = 200) -> alt.LayerChart:
    """Average statement tone per month on a fixed -1..1 axis, with the neutral line."""
    data = _months(df.dropna(subset=["avg_tone"]))
    line = (
        alt.Chart(data)
        .mark_line(point=True)
        .encode(
            x=alt.X("yearmonth(month):T", title="Month"),
            y=alt.Y("avg_tone:Q", title="Average tone", scale=alt.Scale(domain=[-1, 1])),
            tooltip=[
                alt.Tooltip("yearmonth(month):T", title="Month"),
                alt.Tooltip("avg_tone:Q", title="Tone", format=".2f"),
            ],
        )
    )
    neutral = alt.Chart(pd.DataFrame({"y": [0.0]})).mark_rule(strokeDash=[4, 4]).encode(y="y:Q")
    return (neutral + line).properties(height=height)
