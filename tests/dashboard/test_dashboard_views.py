"""The analyst views (map, country, network, summits), evidence, and the view kept in the URL."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.app import VIEW_NAMES, VIEW_SLUGS
from dashboard.text import fmt_date, fmt_tone, for_display

APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"


@pytest.fixture
def open_url(monkeypatch, fixture_warehouse):
    """Open the app as a link would: with a query string."""

    def start(**params: str) -> AppTest:
        monkeypatch.setenv("DIPNEWS_WAREHOUSE", str(fixture_warehouse))
        at = AppTest.from_file(str(APP), default_timeout=30)
        for key, value in params.items():
            at.query_params[key] = value
        return at.run()

    return start


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def frames(at: AppTest) -> list[pd.DataFrame]:
    return [d.value for d in at.dataframe]


def deck_spec(at: AppTest) -> dict:
    (deck,) = at.get("deck_gl_json_chart")
    return json.loads(deck.proto.json)


# ---------------------------------------------------------------- map


def test_map_circles_per_country_and_visit_arcs(open_url) -> None:
    at = open_url(view="map")
    assert not at.exception
    assert at.header[0].value == "Map"
    spec = deck_spec(at)
    layers = {layer["id"]: layer for layer in spec["layers"]}
    assert set(layers) == {"graticule", "countries", "visits", "labels"}
    arcs = {(a["visitor_country"], a["host_country"]) for a in layers["visits"]["data"]}
    assert arcs == {("USA", "CHN"), ("IND", "USA"), ("USA", "FRA")}
    circles = {c["iso3"]: c["events"] for c in layers["countries"]["data"]}
    # USA: visits v1 v2 v3, meetings m1 m3, statement s2
    assert circles == {"USA": 6, "CHN": 4, "IND": 3, "FRA": 3}
    # Tooltips carry country names and counts, never article text or names of people.
    assert "Amelia Hart" not in json.dumps(spec)
    countries, flows = frames(at)
    assert countries.iloc[0]["Country"] == "United States"
    assert set(flows["Visitor country"]) == {"United States", "India"}


def test_map_event_type_filter(open_url) -> None:
    at = open_url(view="map", type="statement")
    assert not at.exception
    layers = {layer["id"]: layer for layer in deck_spec(at)["layers"]}
    assert layers["visits"]["data"] == []
    assert {c["iso3"]: c["events"] for c in layers["countries"]["data"]} == {
        "CHN": 1, "USA": 1, "FRA": 1, "IND": 1
    }
    assert "No visits in the selected range." in [i.value for i in at.info]


# ---------------------------------------------------------------- country


def test_country_page(open_url) -> None:
    at = open_url(view="country", c="USA")
    assert not at.exception
    assert at.selectbox(key="profile").value == "USA"
    assert metrics(at) == {
        "Visits received": "1",
        "Visits abroad": "2",
        "Meetings": "2",
        "Statements": "1",
        "Average tone": "-0.10",
    }
    inbound, outbound, partners, meetings, statements = frames(at)
    assert inbound["Visitor"].tolist() == ["Ravi Rao"]
    # v3 is known to the month only: shown as the month, not as the 1st.
    assert outbound["Date"].tolist() == ["Apr 2024", "8 Jan 2024"]
    assert set(partners["Country"]) == {"China", "India", "France"}
    assert sorted(meetings["Mode"]) == ["in person", "phone"]
    assert sorted(meetings["Track"]) == ["1", "1.5"]
    assert meetings["City"].tolist().count("–") == 1  # m3 has no city: a dash, not None
    assert statements["Tone"].tolist() == ["-0.10"]
    # meetings by mode, by track, tone over time, counterparts
    assert len(at.get("vega_lite_chart")) == 4


def test_country_defaults_to_the_sidebar_country_then_the_most_active(open_url) -> None:
    assert open_url(view="country").selectbox(key="profile").value == "USA"
    assert open_url(view="country", country="FRA").selectbox(key="profile").value == "FRA"


# ---------------------------------------------------------------- network and summits


def test_network_of_country_pairs(open_url) -> None:
    at = open_url(view="network")
    assert not at.exception
    assert metrics(at) == {"Countries": "4", "Country pairs": "4", "Pair events": "6"}
    (pairs,) = frames(at)
    top = pairs.iloc[0]
    assert {top["Country A"], top["Country B"]} in ({"China", "United States"}, {"India", "United States"})
    assert top["Events"] == 2
    (chart,) = at.get("vega_lite_chart")
    # clicking a country is a selection Streamlit reruns on
    assert '"country"' in chart.proto.spec and "country" in list(chart.proto.selection_mode)
    at = open_url(view="network", type="meeting")
    assert metrics(at)["Pair events"] == "3"


def test_summits_are_meetings_of_three_or_more_parties(open_url) -> None:
    at = open_url(view="summits")
    assert not at.exception
    assert at.header[0].value == "Summits"
    (table,) = frames(at)
    # m3: the United States, India and an organisation; m1 and m2 are bilateral
    assert table["Participants"].tolist() == ["Amelia Hart, Ravi Rao, Pacific Dialogue Forum"]
    assert table["Mode"].tolist() == ["phone"] and table["City"].tolist() == ["–"]
    assert metrics(at)["Multilateral meetings"] == "1"


# ---------------------------------------------------------------- evidence


def test_evidence_link_reopens_with_sentences_and_sources(open_url) -> None:
    at = open_url(view="summits", ev="meeting:m3")
    assert not at.exception
    table, evidence = frames(at)
    assert evidence["Evidence"].tolist() == ["Hart and Rao spoke by phone with the Pacific Dialogue Forum."]
    assert evidence["Link"].tolist() == ["https://news.example.org/rao-washington"]
    assert evidence["Published"].tolist() == ["20 Mar 2024"]
    assert at.query_params["ev"] == "meeting:m3"


def test_evidence_of_several_events_and_unsafe_links(open_url) -> None:
    at = open_url(view="map", ev="statement:s3,visit:v1,visit:nope")
    evidence = frames(at)[-1]
    assert len(evidence) == 2
    # a javascript: URL and a file path never become links
    assert evidence["Link"].isna().all()


def test_without_a_pick_the_evidence_panel_explains(open_url) -> None:
    at = open_url(view="network")
    assert any("Pick a pair" in c.value for c in at.caption)


# ---------------------------------------------------------------- the URL


def test_view_and_filters_are_written_to_the_url(open_url) -> None:
    at = open_url()
    at.sidebar.radio(key="view").set_value("Country").run()
    at.selectbox(key="profile").set_value("IND").run()
    at.sidebar.date_input(key="dates").set_value((dt.date(2024, 3, 1), dt.date(2024, 3, 31))).run()
    params = {k: at.query_params[k] for k in at.query_params}
    assert params == {"view": "country", "from": "2024-03-01", "to": "2024-03-31", "c": "IND"}


def test_a_link_reopens_the_view(open_url) -> None:
    at = open_url(view="country", c="IND", country="IND", **{"from": "2024-03-01", "to": "2024-03-31"})
    assert not at.exception
    assert at.sidebar.radio(key="view").value == "Country"
    assert at.sidebar.date_input(key="dates").value == (dt.date(2024, 3, 1), dt.date(2024, 3, 31))
    assert at.sidebar.selectbox(key="country").value == "IND"
    assert metrics(at)["Visits abroad"] == "1"
    at = open_url(view="bilateral", pair="IND-USA")
    assert at.selectbox(key="pair").value == ("IND", "USA")
    at = open_url(view="events", types="visit", q="paris")
    assert len(frames(at)[0]) == 1


@pytest.mark.parametrize(
    "params",
    [
        {"view": "nope"},
        {"view": "country", "c": "ZZZ"},
        {"view": "map", "type": "<script>"},
        {"view": "overview", "from": "2024-13-01", "to": "x"},
        {"view": "overview", "from": "2024-03-01", "to": "2024-01-01"},
        {"view": "events", "conf": "7", "types": "bogus,visit"},
        {"view": "bilateral", "pair": "no-such-pair-at-all"},
    ],
)
def test_bad_url_values_are_ignored(open_url, params) -> None:
    at = open_url(**params)
    assert not at.exception
    assert at.sidebar.radio(key="view").value in VIEW_NAMES


def test_every_view_has_a_slug_and_no_none_strings(open_url) -> None:
    for name, slug in VIEW_SLUGS.items():
        at = open_url(view=slug)
        assert not at.exception, name
        assert at.sidebar.radio(key="view").value == name
        for frame in frames(at) + [t.value for t in at.table]:
            for column in frame.columns:
                if frame[column].dtype == object:
                    assert "None" not in frame[column].astype(str).tolist(), (name, column)


# ---------------------------------------------------------------- formatting


def test_dates_at_their_precision() -> None:
    assert fmt_date(dt.date(2023, 11, 1), "month") == "Nov 2023"
    assert fmt_date("2023-11-19", "day") == "19 Nov 2023"
    assert fmt_date(dt.date(2023, 1, 1), "year") == "2023"
    assert fmt_date(dt.date(2023, 1, 1), "unknown") == "date unknown"
    assert fmt_date(None) == fmt_date(pd.NaT) == "–"
    assert fmt_tone(None) == "–" and fmt_tone(0.5) == "+0.50"
    shown = for_display(
        pd.DataFrame({"d": [dt.date(2023, 11, 1)], "p": ["month"], "who": [None], "names": [["A", None]]}),
        {"d": "p"},
    )
    assert shown.to_dict("records") == [{"d": "Nov 2023", "who": "–", "names": "A"}]


def test_every_dataframe_shows_a_dash_for_missing_values(open_url) -> None:
    """st.dataframe prints "None" for a missing cell unless given a placeholder."""
    for slug in VIEW_SLUGS.values():
        at = open_url(view=slug, ev="meeting:m3")
        for frame in at.dataframe:
            assert frame.proto.placeholder == "–", (slug, list(frame.value.columns))
