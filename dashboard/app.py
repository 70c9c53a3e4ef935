"""Streamlit entry point: page layout, global filters and view dispatch.

Run it with `dipnews dashboard [--warehouse DIR]`, or directly:
    python -m streamlit run dashboard/app.py -- --warehouse warehouse
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from pathlib import Path

# Streamlit runs this file as a script with dashboard/ (not the repo root) on sys.path;
# put the repo root first so `import dashboard.*` also works without an installed project.
_ROOT = Path(__file__).resolve().parents[1]
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

import streamlit as st  # noqa: E402

from dashboard import queries, state, views  # noqa: E402
from dashboard.config import warehouse_dir  # noqa: E402
from dashboard.queries import Filters, Warehouse  # noqa: E402
from dashboard.text import md_escape  # noqa: E402

FILTERED_VIEWS: dict[str, Callable[[Warehouse, Filters], None]] = {
    "Overview": views.overview,
    "Map": views.world_map,
    "Country": views.country,
    "Network": views.network,
    "Summits": views.summits,
    "Bilateral": views.bilateral,
    "Actors": views.actors,
    "Events": views.events,
}
DATA_QUALITY = "Data quality"
VIEW_NAMES = [*FILTERED_VIEWS, DATA_QUALITY]
# In the URL as ?view=<slug>: "overview", "map", ..., "data-quality".
VIEW_SLUGS = {name: name.lower().replace(" ", "-") for name in VIEW_NAMES}
_BY_SLUG = {slug: name for name, slug in VIEW_SLUGS.items()}
state.PARAMS["view"] = state.Param("view", lambda s: _BY_SLUG[s], lambda v: VIEW_SLUGS.get(v))


def _filters(wh: Warehouse, bounds: tuple[dt.date, dt.date]) -> Filters:
    lo, hi = bounds
    state.use("dates")
    # No min/max on purpose: a republished file may move the bounds, and a kept widget
    # value outside new bounds would raise instead of just showing fewer rows. The value
    # lives in session state only (seeded here or from the URL), never as a default too.
    if not isinstance(st.session_state.get("dates"), tuple):
        st.session_state["dates"] = (lo, hi)
    picked = st.sidebar.date_input("Date range", key="dates")
    # While a range is half picked the widget returns one date: keep the full range.
    start, end = picked if isinstance(picked, tuple) and len(picked) == 2 else (lo, hi)

    known = queries.countries(wh)
    names = dict(zip(known["iso3"], known["name"], strict=True))
    state.valid_choice("country", [None, *names])
    country = st.sidebar.selectbox(
        "Country",
        [None, *names],
        format_func=lambda c: "All countries" if c is None else f"{names.get(c, c)} ({c})",
        key="country",
    )
    return Filters(start=start, end=end, country=country)


def _footer(wh: Warehouse) -> None:
    if wh.exists and wh.stamp is not None:
        published = dt.datetime.fromtimestamp(wh.stamp / 1e9).strftime("%Y-%m-%d %H:%M")
        note = f"Warehouse {wh.path} (published {published})"
    else:
        note = f"Warehouse {wh.path} (not found)"
    st.sidebar.caption(md_escape(note))


def main() -> None:
    st.set_page_config(page_title="dipnews", page_icon="🗺️", layout="wide")
    wh = Warehouse.at(warehouse_dir(sys.argv[1:], os.environ))

    st.sidebar.title("dipnews")
    state.restore()
    state.valid_choice("view", VIEW_NAMES)
    view = st.sidebar.radio("View", VIEW_NAMES, key="view")
    try:
        if view == DATA_QUALITY:
            # Run history is useful even before any marts exist (e.g. a failed first run).
            views.data_quality(wh)
        elif not queries.has_marts(wh) or (bounds := queries.date_bounds(wh)) is None:
            st.header(view)
            st.info(views.NO_DATA)
        else:
            FILTERED_VIEWS[view](wh, _filters(wh, bounds))
    except queries.WarehouseUnavailable as exc:
        st.warning("The warehouse file cannot be opened right now; retry in a moment.")
        st.text(str(exc))
    _footer(wh)
    state.publish()


if __name__ == "__main__":
    main()
