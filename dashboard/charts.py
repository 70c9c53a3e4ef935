"""Chart specs (Altair, pydeck). Pure functions of DataFrames: no Streamlit, no SQL.

Only numbers, dates, country names from the gazetteer and the fixed event-type names
reach the charts (never article text), so tooltips cannot carry markup from the news.
"""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

import altair as alt
import networkx as nx
import pandas as pd
import pydeck as pdk

from dashboard.queries import EVENT_TYPES

# The same colour for an event type on every page.
_EVENT_SCALE = alt.Scale(domain=list(EVENT_TYPES), range=["#4c78a8", "#f58518", "#54a24b"])
_WIDE_TO_TYPE = {"visits": "visit", "meetings": "meeting", "statements": "statement"}


def _months(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    out["month"] = pd.to_datetime(out["month"])
    return out


def monthly_events(df: pd.DataFrame, height: int = 260, selectable: bool = False) -> alt.Chart:
    """Stacked monthly bars from long rows (month, event_type, events).

    `selectable`: a click on a bar selects its month and type (the selection "bar", with
    `month_key` "YYYY-MM" and `event_type`) for Streamlit's `on_select`.
    """
    # Ordinal year-month: one evenly sized bar per month, labelled "Jan 2024".
    month = alt.X("yearmonth(month):O", title="Month", axis=alt.Axis(labelAngle=0))
    data = _months(df)
    # Stack in the legend's order (visit at the bottom), not alphabetically.
    data["stack"] = data["event_type"].map({t: i for i, t in enumerate(EVENT_TYPES)})
    data["month_key"] = data["month"].dt.strftime("%Y-%m")
    chart = (
        alt.Chart(data)
        .mark_bar(cursor="pointer" if selectable else "default")
        .encode(
            x=month,
            y=alt.Y("sum(events):Q", title="Events"),
            color=alt.Color("event_type:N", scale=_EVENT_SCALE, title="Event type"),
            order=alt.Order("stack:Q", sort="ascending"),
            detail="month_key:N",  # one per month: splits nothing, carries the key
            tooltip=[
                alt.Tooltip("yearmonth(month):O", title="Month"),
                alt.Tooltip("event_type:N", title="Type"),
                alt.Tooltip("sum(events):Q", title="Events"),
            ],
        )
        .properties(height=height)
    )
    if selectable:
        chart = chart.add_params(alt.selection_point(name="bar", fields=["month_key", "event_type"], on="click"))
    return chart


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


def tone_trend(df: pd.DataFrame, height: int = 200, selectable: bool = False) -> alt.LayerChart:
    """Average statement tone per month on a fixed -1..1 axis, with the neutral line.

    `selectable`: a click on a month's point selects it (the selection "point", `month_key`).
    """
    data = _months(df.dropna(subset=["avg_tone"]))
    data["month_key"] = data["month"].dt.strftime("%Y-%m")
    line = (
        alt.Chart(data)
        .mark_line(point=alt.OverlayMarkDef(size=80, cursor="pointer" if selectable else "default"))
        .encode(
            x=alt.X("yearmonth(month):T", title="Month"),
            y=alt.Y("avg_tone:Q", title="Average tone", scale=alt.Scale(domain=[-1, 1])),
            detail="month_key:N",
            tooltip=[
                alt.Tooltip("yearmonth(month):T", title="Month"),
                alt.Tooltip("avg_tone:Q", title="Tone", format=".2f"),
            ],
        )
    )
    if selectable:
        line = line.add_params(alt.selection_point(name="point", fields=["month_key"], on="click"))
    neutral = alt.Chart(pd.DataFrame({"y": [0.0]})).mark_rule(strokeDash=[4, 4]).encode(y="y:Q")
    return (neutral + line).properties(height=height)


def bars(df: pd.DataFrame, category: str, value: str, title: str, height: int = 200,
         pick: str | None = None) -> alt.Chart:
    """Horizontal bars of `value` per `category`, largest first.

    `pick`: a field of `df`; a click on a bar selects its value (the selection "bar").
    """
    chart = (
        alt.Chart(df)
        .mark_bar(color="#4c78a8", cursor="pointer" if pick else "default")
        .encode(
            y=alt.Y(f"{category}:N", sort="-x", title=None, axis=alt.Axis(labelOverlap=False)),
            x=alt.X(f"{value}:Q", title=title, axis=alt.Axis(format="d", tickMinStep=1)),
            tooltip=[alt.Tooltip(f"{category}:N", title=" "), alt.Tooltip(f"{value}:Q", title=title)],
        )
        .properties(height=height)
    )
    if pick:
        chart = chart.encode(detail=f"{pick}:N").add_params(
            alt.selection_point(name="bar", fields=[pick], on="click"))
    return chart


# ---------------------------------------------------------------- map

CENTROIDS = Path(__file__).resolve().parent / "data" / "country_centroids.csv"
MAP_VIEW = {"latitude": 22.0, "longitude": 40.0, "zoom": 0.9}


def map_pixel(lat: float, lon: float, width: float, height: float) -> tuple[float, float]:
    """Where (lat, lon) lands on the map's canvas in its initial view (Web Mercator, 512 px tiles)."""
    world = 512 * 2 ** MAP_VIEW["zoom"]

    def project(la: float, lo: float) -> tuple[float, float]:
        y = (1 - math.log(math.tan(math.pi / 4 + math.radians(la) / 2)) / math.pi) / 2
        return (lo + 180) / 360 * world, y * world

    cx, cy = project(MAP_VIEW["latitude"], MAP_VIEW["longitude"])
    x, y = project(lat, lon)
    return width / 2 + x - cx, height / 2 + y - cy


@lru_cache(maxsize=1)
def centroids() -> pd.DataFrame:
    """Approximate geographic centre of every ISO 3166-1 country (iso3, lat, lon)."""
    return pd.read_csv(CENTROIDS, keep_default_na=False)


def _graticule() -> list[dict[str, list[list[float]]]]:
    lines = [{"path": [[lon, lat] for lat in range(-80, 81, 10)]} for lon in range(-180, 181, 30)]
    lines += [{"path": [[lon, lat] for lon in range(-180, 181, 10)]} for lat in range(-60, 61, 30)]
    return lines


def activity_map(activity: pd.DataFrame, flows: pd.DataFrame, height: int = 520) -> pdk.Deck:
    """Countries as circles sized by their events, visits as arcs visitor → host.

    Only country names and counts reach the tooltips (never article text).
    """
    where = centroids()
    points = activity.merge(where, on="iso3", how="inner")
    points = points.assign(
        radius=[80_000 + 75_000 * math.sqrt(n) for n in points["events"]],
        label=[f"{name}: {n} events" for name, n in zip(points["name"], points["events"], strict=True)],
    )[["iso3", "name", "events", "lat", "lon", "radius", "label"]]
    arcs = (
        flows.merge(where.add_prefix("from_"), left_on="visitor_country", right_on="from_iso3")
        .merge(where.add_prefix("to_"), left_on="host_country", right_on="to_iso3")
    )
    arcs = arcs.assign(
        width=[1 + 1.5 * n for n in arcs["visits"]],
        label=[
            f"{a} → {b}: {n} visit{'s' if n != 1 else ''}"
            for a, b, n in zip(arcs["visitor_name"], arcs["host_name"], arcs["visits"], strict=True)
        ],
    )[["from_lat", "from_lon", "to_lat", "to_lon", "width", "label", "visitor_country", "host_country"]]
    layers = [
        # Parallels and meridians every 30°: a frame of reference when no base map loads
        # (the base map's tiles come from the internet).
        pdk.Layer(
            "PathLayer",
            id="graticule",
            data=_graticule(),
            get_path="path",
            get_color=[160, 170, 185, 90],
            width_min_pixels=1,
        ),
        # Circles above arcs: a click on a country's centre picks the country.
        pdk.Layer(
            "ArcLayer",
            id="visits",
            data=arcs,
            get_source_position=["from_lon", "from_lat"],
            get_target_position=["to_lon", "to_lat"],
            get_source_color=[76, 120, 168, 200],
            get_target_color=[245, 133, 24, 230],
            get_width="width",
            pickable=True,
            auto_highlight=True,
        ),
        pdk.Layer(
            "ScatterplotLayer",
            id="countries",
            data=points,
            get_position=["lon", "lat"],
            get_radius="radius",
            get_fill_color=[84, 162, 75, 150],
            get_line_color=[40, 90, 40, 220],
            stroked=True,
            line_width_min_pixels=1,
            radius_min_pixels=4,
            radius_max_pixels=28,
            pickable=True,
            auto_highlight=True,
        ),
        pdk.Layer(
            "TextLayer",
            id="labels",
            data=points,
            get_position=["lon", "lat"],
            get_text="iso3",
            get_size=11,
            get_color=[20, 20, 20, 230],
            get_pixel_offset=[0, -12],
        ),
    ]
    return pdk.Deck(
        layers=layers,
        initial_view_state=pdk.ViewState(**MAP_VIEW),
        tooltip={"text": "{label}"},
        height=height,
    )


# ---------------------------------------------------------------- network


def network_layout(pairs: pd.DataFrame, seed: int = 7) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Node and edge frames for `network`: a weighted spring layout (networkx), fixed seed."""
    graph = nx.Graph()
    names: dict[str, str] = {}
    for row in pairs.itertuples(index=False):
        graph.add_edge(row.country_a, row.country_b, weight=float(row.events))
        names[row.country_a], names[row.country_b] = row.name_a, row.name_b
    if graph.number_of_nodes() == 0:
        return (pd.DataFrame(columns=["iso3", "name", "x", "y", "events", "partners"]),
                pd.DataFrame(columns=["x", "y", "x2", "y2", "events", "label"]))
    pos = _component_layout(graph, seed)
    nodes = pd.DataFrame(
        [
            {"iso3": n, "name": names[n], "x": float(pos[n][0]), "y": float(pos[n][1]),
             "events": int(graph.degree(n, weight="weight")), "partners": graph.degree(n)}
            for n in sorted(graph.nodes)
        ]
    )
    edges = pd.DataFrame(
        [
            {"x": float(pos[a][0]), "y": float(pos[a][1]), "x2": float(pos[b][0]), "y2": float(pos[b][1]),
             "events": int(d["weight"]), "label": f"{names[a]} – {names[b]}"}
            for a, b, d in graph.edges(data=True)
        ]
    )
    return nodes, edges


def _component_layout(graph: nx.Graph, seed: int) -> dict[str, tuple[float, float]]:
    """The largest connected group of countries laid out big on the left (Kamada-Kawai on
    hop distances, which spreads hubs' neighbours), the small groups in a column beside it."""
    comps = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c))
    pos: dict[str, tuple[float, float]] = {}

    def place(nodes: list[str], x0: float, y0: float, size: float) -> None:
        sub = graph.subgraph(nodes)
        if len(nodes) == 1:
            local = {nodes[0]: (0.0, 0.0)}
        elif len(nodes) == 2:
            local = {nodes[0]: (-1.0, 0.0), nodes[1]: (1.0, 0.0)}
        else:
            local = nx.kamada_kawai_layout(sub, weight=None) if len(nodes) <= 300 else \
                nx.spring_layout(sub, seed=seed)
        xs, ys = [p[0] for p in local.values()], [p[1] for p in local.values()]
        span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
        for n, (x, y) in local.items():
            pos[n] = (x0 + (x - min(xs)) / span * size, y0 + (y - min(ys)) / span * size)

    place(comps[0], 0.0, 0.0, 3.0)
    rows = max(1, math.ceil(math.sqrt(len(comps) - 1) * 1.5)) if len(comps) > 1 else 1
    for i, comp in enumerate(comps[1:]):
        col, row = divmod(i, rows)
        cell = 3.0 / rows
        place(comp, 3.4 + col * cell * 1.2, 3.0 - (row + 1) * cell + 0.15 * cell, cell * 0.7)
    return pos


def network(nodes: pd.DataFrame, edges: pd.DataFrame, height: int = 560) -> alt.LayerChart:
    """Country pairs as a graph: line width = events of the pair, circle size = events of the country."""
    hidden = alt.Axis(labels=False, ticks=False, domain=False, grid=False, title=None)
    x, y = alt.X("x:Q", axis=hidden), alt.Y("y:Q", axis=hidden)
    links = (
        alt.Chart(edges)
        .mark_rule(color="#9aa7b8", opacity=0.7)
        .encode(
            x=x, y=y, x2="x2:Q", y2="y2:Q",
            strokeWidth=alt.StrokeWidth("events:Q", scale=alt.Scale(range=[1, 8]), legend=None),
            tooltip=[alt.Tooltip("label:N", title="Pair"), alt.Tooltip("events:Q", title="Events")],
        )
    )
    # Clicking a country selects it (Streamlit reruns with the selection: see views.network).
    picked = alt.selection_point(name="country", fields=["iso3"], on="click")
    circles = (
        alt.Chart(nodes)
        .mark_circle(color="#f58518", opacity=0.9, stroke="white", strokeWidth=1, cursor="pointer")
        .encode(
            x=x, y=y,
            size=alt.Size("events:Q", scale=alt.Scale(range=[60, 900]), legend=None),
            tooltip=[alt.Tooltip("name:N", title="Country"), alt.Tooltip("events:Q", title="Events"),
                     alt.Tooltip("partners:Q", title="Partner countries")],
        )
        .add_params(picked)
    )
    labels = alt.Chart(nodes).mark_text(dy=-13, fontSize=11, color="#333").encode(x=x, y=y, text="iso3:N")
    return (links + circles + labels).properties(height=height)
