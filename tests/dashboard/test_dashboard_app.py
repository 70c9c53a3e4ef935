"""Every view of the app, run headless with AppTest, on the fixture and empty warehouses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from fixture_warehouse import XSS_BOLD, XSS_QUOTE, XSS_SCRIPT, XSS_TITLE, build_fixture_warehouse
from streamlit.testing.v1 import AppTest

from dashboard.app import VIEW_NAMES
from dashboard.views import NO_DATA, NOTHING_SELECTED

OpenApp = Callable[..., AppTest]


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def chart_frames(at: AppTest) -> list[pd.DataFrame]:
    """The data behind each Altair chart (Streamlit ships it as Arrow IPC streams)."""
    frames = []
    for chart in at.get("vega_lite_chart"):
        for dataset in chart.proto.datasets:
            frames.append(pa.ipc.open_stream(dataset.data.data).read_all().to_pandas())
    return frames


def markdown_texts(at: AppTest) -> list[str]:
    """Every string the app sent through a Markdown-rendering element."""
    kinds = (
        "markdown",
        "caption",
        "header",
        "subheader",
        "title",
        "info",
        "success",
        "warning",
        "error",
    )
    return [str(el.value) for kind in kinds for el in getattr(at, kind)]


# ---------------------------------------------------------------- overview


def test_overview_shows_counts_chart_and_latest(open_app: OpenApp, fixture_warehouse: Path) -> None:
    at = open_app(fixture_warehouse)
    assert not at.exception
    assert at.header[0].value == "Overview"
    assert metrics(at) == {
        "Runs (published / all)": "1 / 3",
        "Articles": "4",
        "Visits": "3",
        "Meetings": "3",
        "Statements": "4",
    }
    (activity,) = chart_frames(at)
    by_type = activity.groupby("event_type")["events"].sum().to_dict()
    assert by_type == {"visit": 3, "meeting": 3, "statement": 4}
    assert sorted(activity["month"].dt.strftime("%Y-%m").unique()) == [
        "2024-01",
        "2024-02",
        "2024-03",
        "2024-04",
    ]

    articles, quotes = (t.value for t in at.table)
    assert list(articles["Title"])[:2] == ["Rao visits Washington, speaks with Hart", XSS_TITLE]
    assert XSS_QUOTE in list(quotes["Quote"])
    assert "+0.70" in list(quotes["Tone"])


def test_overview_country_filter(open_app: OpenApp, fixture_warehouse: Path) -> None:
    at = open_app(fixture_warehouse)
    assert at.sidebar.selectbox(key="country").options[:2] == ["All countries", "China (CHN)"]
    at.sidebar.selectbox(key="country").set_value("CHN").run()
    assert not at.exception
    # v1 to China; m1 in Beijing and m2 with Li Wen; only Li Wen's statement; art1 + art2.
    assert metrics(at) == {
        "Runs (published / all)": "1 / 3",
        "Articles": "2",
        "Visits": "1",
        "Meetings": "2",
        "Statements": "1",
    }
    assert list(at.table[1].value["Speaker"]) == ["Li Wen"]


def test_overview_date_filter(open_app: OpenApp, fixture_warehouse: Path) -> None:
    at = open_app(fixture_warehouse)
    assert at.sidebar.date_input(key="dates").value == (dt.date(2024, 1, 8), dt.date(2024, 4, 1))
    at.sidebar.date_input(key="dates").set_value((dt.date(2024, 1, 1), dt.date(2024, 1, 31))).run()
    assert not at.exception
    got = metrics(at)
    assert (got["Visits"], got["Meetings"], got["Statements"], got["Articles"]) == (
        "1",
        "1",
        "2",
        "1",
    )


# ---------------------------------------------------------------- bilateral


def test_bilateral_pair_metrics_charts_and_table(
    open_app: OpenApp, fixture_warehouse: Path
) -> None:
    at = open_app(fixture_warehouse, "Bilateral")
    assert not at.exception
    pair = at.selectbox(key="pair")
    assert pair.value == ("CHN", "USA")  # most active pair first
    assert pair.options == [
        "China – United States",
        "India – United States",
        "China – France",
        "France – United States",
    ]
    assert metrics(at) == {
        "Visits": "1",
        "Meetings": "1",
        "Statements": "2",
        "Average tone": "+0.15",
    }
    monthly, _rule, tone = chart_frames(at)
    assert monthly.groupby("event_type")["events"].sum().to_dict() == {
        "visit": 1,
        "meeting": 1,
        "statement": 2,
    }
    assert tone["avg_tone"].tolist() == [0.15]

    pairs = at.dataframe[0].value
    assert pairs["Total"].tolist() == [4, 3, 1, 1]
    assert pairs.iloc[0][["Country A", "Country B"]].tolist() == ["China", "United States"]

    at.selectbox(key="pair").set_value(("IND", "USA")).run()
    assert not at.exception
    assert metrics(at)["Average tone"] == "+0.70"


def test_bilateral_pair_without_statements(open_app: OpenApp, fixture_warehouse: Path) -> None:
    at = open_app(fixture_warehouse, "Bilateral")
    at.selectbox(key="pair").set_value(("CHN", "FRA")).run()
    assert not at.exception
    assert metrics(at)["Average tone"] == "–"
    assert at.info[0].value == "No scored statements for this pair in the selected range."


# ---------------------------------------------------------------- actors


def test_actors_top_list_and_timeline(open_app: OpenApp, fixture_warehouse: Path) -> None:
    at = open_app(fixture_warehouse, "Actors")
    assert not at.exception
    top = at.dataframe[0].value
    assert top[["Name", "Total"]].values.tolist() == [
        ["Amelia Hart", 5],
        ["Li Wen", 3],
        ["Ravi Rao", 3],
        ["Claire Martin", 2],
    ]

    assert at.selectbox(key="actor").value == "a_hart"
    timeline = at.dataframe[1].value
    assert timeline["Type"].tolist() == ["visit", "meeting", "statement", "meeting", "visit"]
    assert "with Ravi Rao, Pacific Dialogue Forum (phone)" in timeline["Details"].tolist()
    assert "planned visit to FRA (Paris)" in timeline["Details"].tolist()
    (monthly,) = chart_frames(at)
    assert monthly.groupby("event_type")["events"].sum().to_dict() == {
        "visit": 2,
        "meeting": 2,
        "statement": 1,
    }

    at.selectbox(key="actor").set_value("a_martin").run()
    assert not at.exception
    assert XSS_QUOTE in at.dataframe[1].value["Details"].tolist()


def test_actors_country_filter(open_app: OpenApp, fixture_warehouse: Path) -> None:
    at = open_app(fixture_warehouse, "Actors")
    at.sidebar.selectbox(key="country").set_value("IND").run()
    assert not at.exception
    assert at.dataframe[0].value["Name"].tolist() == ["Ravi Rao"]


# ---------------------------------------------------------------- events


def test_events_table_with_evidence_and_safe_links(
    open_app: OpenApp, fixture_warehouse: Path
) -> None:
    at = open_app(fixture_warehouse, "Events")
    assert not at.exception
    table = at.dataframe[0].value
    assert len(table) == 10
    assert at.caption[0].value.startswith("10 event mentions")
    by_article = table.drop_duplicates("Article").set_index("Article")
    assert by_article.loc["Martin and Li hold talks in Paris", "Link"] == (
        "https://news.example.org/martin-li"
    )
    # A javascript: URL and a file path never become links; the path stays visible as text.
    assert pd.isna(by_article.loc[XSS_TITLE, "Link"])
    assert by_article.loc[XSS_TITLE, "Source URI"] == "seeds/articles/2024-03-02-xss.txt"
    assert pd.isna(by_article.loc["Hart arrives in Beijing for talks with Li", "Link"])
    assert f'"{XSS_QUOTE}" Martin said.' in table["Evidence"].tolist()
    visit = table[table["Event"] == "Amelia Hart visits CHN (Beijing)"].iloc[0]
    assert (visit["Evidence"], visit["Date"]) == (
        "Hart arrived in Beijing on Monday.",
        "8 Jan 2024",  # dates show at their precision
    )


@pytest.mark.parametrize(
    ("types", "search", "min_conf", "expected"),
    [
        (["visit"], "", 0.0, 3),
        (["visit", "meeting", "statement"], "paris", 0.0, 2),
        (["visit", "meeting", "statement"], "", 0.9, 5),
        (["statement"], "<script>", 0.0, 1),
    ],
)
def test_events_filters(
    open_app: OpenApp,
    fixture_warehouse: Path,
    types: list[str],
    search: str,
    min_conf: float,
    expected: int,
) -> None:
    at = open_app(fixture_warehouse, "Events")
    at.multiselect(key="types").set_value(types)
    at.text_input(key="search").set_value(search)
    at.slider(key="min_conf").set_value(min_conf).run()
    assert not at.exception
    assert len(at.dataframe[0].value) == expected


@pytest.mark.parametrize(
    "search", ["%", "_", "' OR 1=1 --", "x'); DROP TABLE marts.dim_articles; --"]
)
def test_events_search_is_literal_and_inert(
    open_app: OpenApp, fixture_warehouse: Path, search: str
) -> None:
    at = open_app(fixture_warehouse, "Events")
    at.text_input(key="search").set_value(search).run()
    assert not at.exception
    assert at.info[0].value == NOTHING_SELECTED
    at.text_input(key="search").set_value("").run()
    assert len(at.dataframe[0].value) == 10  # and the tables are all still there


# ---------------------------------------------------------------- data quality


def test_data_quality_names_failures(open_app: OpenApp, fixture_warehouse: Path) -> None:
    at = open_app(fixture_warehouse, "Data quality")
    assert not at.exception
    last, critical = (e.value for e in at.error)
    assert "run\\-003 failed the gate" in last
    assert "1 critical failure(s)" in critical
    assert "expect\\_column\\_values\\_to\\_not\\_be\\_null on host\\_country" in critical
    assert "2 nulls" in critical
    assert "expect\\_column\\_values\\_to\\_be\\_between on tone" in at.warning[0].value

    runs, gates = (d.value for d in at.dataframe)
    assert runs["run_id"].tolist() == ["run-003", "run-002", "run-001"]
    assert runs["status"].tolist() == ["gate_failed", "failed", "published"]
    assert runs["message"].tolist()[1] == "source unreachable"
    assert runs["reconciles"].all()
    assert gates["success"].tolist() == [False, False, True]

    at.selectbox(key="gate_run").set_value("run-001").run()
    assert not at.exception
    assert at.success[0].value == "All 2 expectations passed."
    assert not at.warning


def test_data_quality_without_ops_tables(open_app: OpenApp, tmp_path: Path) -> None:
    build_fixture_warehouse(tmp_path / "w", with_ops=False)
    at = open_app(tmp_path / "w")
    assert not at.exception
    assert metrics(at)["Runs (published / all)"] == "–"
    at.sidebar.radio(key="view").set_value("Data quality").run()
    assert not at.exception
    assert at.info[0].value == NO_DATA


# ---------------------------------------------------------------- empty states


@pytest.mark.parametrize("view", VIEW_NAMES)
def test_every_view_on_missing_warehouse(
    open_app: OpenApp, empty_warehouse: Path, view: str
) -> None:
    at = open_app(empty_warehouse, view)
    assert not at.exception
    assert at.header[0].value == view
    assert [i.value for i in at.info] == [NO_DATA]
    assert not at.dataframe and not at.table and not at.get("vega_lite_chart")
    assert "not found" in at.sidebar.caption[0].value


@pytest.mark.parametrize("view", VIEW_NAMES)
def test_every_view_on_empty_tables(open_app: OpenApp, tmp_path: Path, view: str) -> None:
    build_fixture_warehouse(tmp_path / "w", empty=True)
    at = open_app(tmp_path / "w", view)
    assert not at.exception
    assert [i.value for i in at.info] == [NO_DATA]


def test_filters_that_match_nothing(open_app: OpenApp, fixture_warehouse: Path) -> None:
    at = open_app(fixture_warehouse)
    at.sidebar.date_input(key="dates").set_value((dt.date(2020, 1, 1), dt.date(2020, 2, 1))).run()
    for view in ("Overview", "Map", "Country", "Network", "Summits", "Bilateral", "Actors", "Events"):
        at.sidebar.radio(key="view").set_value(view).run()
        assert not at.exception, view
        assert NOTHING_SELECTED in [i.value for i in at.info], view


def test_unreadable_warehouse_file_is_a_warning(open_app: OpenApp, tmp_path: Path) -> None:
    (tmp_path / "w").mkdir()
    (tmp_path / "w" / "diplomacy.duckdb").write_bytes(b"not a duckdb file" * 100)
    at = open_app(tmp_path / "w")
    assert not at.exception
    assert "cannot be opened" in at.warning[0].value


# ---------------------------------------------------------------- article text is data


def test_markup_in_articles_is_shown_as_text(open_app: OpenApp, fixture_warehouse: Path) -> None:
    for view in VIEW_NAMES:
        at = open_app(fixture_warehouse, view)
        assert not at.exception, view
        # Nothing is ever rendered as raw HTML ...
        assert not at.get("html"), view
        assert all(not md.proto.allow_html for md in at.markdown), view
        # ... and no Markdown-rendered string carries the markup unescaped.
        for text in markdown_texts(at):
            assert XSS_SCRIPT not in text and XSS_BOLD not in text, (view, text)

    # The title and quote reach the page verbatim, through text-only elements.
    at = open_app(fixture_warehouse)
    assert XSS_TITLE in at.table[0].value["Title"].tolist()
    assert XSS_QUOTE in at.table[1].value["Quote"].tolist()
