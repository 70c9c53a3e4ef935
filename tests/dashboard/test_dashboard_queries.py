"""The SQL layer on its own: read-only short connections, parameters, pair symmetry."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import duckdb
import pytest
from fixture_warehouse import build_fixture_warehouse

from dashboard import queries
from dashboard.queries import Filters, Warehouse

ALL = Filters(start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31))


def test_bounds_countries_and_tables(fixture_warehouse: Path) -> None:
    wh = Warehouse.at(fixture_warehouse)
    assert queries.has_marts(wh)
    assert {"ops.runs", "ops.gate_results"} <= queries.tables(wh)
    assert queries.date_bounds(wh) == (dt.date(2024, 1, 8), dt.date(2024, 4, 1))
    assert queries.countries(wh)["iso3"].tolist() == ["CHN", "FRA", "IND", "USA"]


def test_missing_file_has_no_tables(empty_warehouse: Path) -> None:
    wh = Warehouse.at(empty_warehouse)
    assert not wh.exists
    assert queries.tables(wh) == frozenset()
    assert not queries.has_marts(wh)


def test_pair_lookup_ignores_order(fixture_warehouse: Path) -> None:
    wh = Warehouse.at(fixture_warehouse)
    one = queries.bilateral_monthly(wh, ALL, "CHN", "USA")
    other = queries.bilateral_monthly(wh, ALL, "USA", "CHN")
    assert one.equals(other)
    assert one[["visits", "meetings", "statements"]].values.tolist() == [[1, 1, 2]]


def test_tone_is_weighted_by_statements(fixture_warehouse: Path) -> None:
    wh = Warehouse.at(fixture_warehouse)
    pairs = queries.bilateral_pairs(wh, ALL).set_index(["country_a", "country_b"])
    assert pairs.loc[("CHN", "USA"), "avg_tone"] == pytest.approx(0.15)
    assert pairs.loc[("CHN", "FRA"), "avg_tone"] != pairs.loc[("CHN", "FRA"), "avg_tone"]  # NaN


@pytest.mark.parametrize("hostile", ["CHN' OR '1'='1", "USA'; DROP TABLE marts.fct_visits; --"])
def test_user_strings_are_parameters(fixture_warehouse: Path, hostile: str) -> None:
    wh = Warehouse.at(fixture_warehouse)
    assert queries.bilateral_monthly(wh, ALL, hostile, "USA").empty
    assert queries.actor_events(wh, ALL, hostile).empty
    assert queries.events(wh, ALL, search=hostile).empty
    assert queries.event_counts(wh, Filters(ALL.start, ALL.end, hostile)) == {
        "visit": 0,
        "meeting": 0,
        "statement": 0,
    }
    assert len(queries.events(wh, ALL)) == 10


def test_sql_is_constant_with_placeholders() -> None:
    """No statement is built at runtime: every `_query` call passes a literal."""
    source = Path(queries.__file__).read_text()
    calls = re.findall(r"_query\(\s*wh,\s*(\S)", source)
    assert calls and set(calls) <= {'"'}, calls
    assert ".format(" not in source and 'f"""' not in source and "f'''" not in source


def test_no_connection_is_held(fixture_warehouse: Path) -> None:
    wh = Warehouse.at(fixture_warehouse)
    queries.events(wh, ALL)
    queries.runs(wh)
    # A held read-only connection would make a read-write open in this process fail
    # ("different configuration") and would block the pipeline's writer elsewhere.
    with duckdb.connect(str(wh.path)) as con:
        assert con.execute("SELECT count(*) FROM marts.fct_visits").fetchone() == (3,)


def test_republished_file_is_read_at_once(fixture_warehouse: Path, tmp_path: Path) -> None:
    """Publishing is an os.replace; a new mtime means a new cache key, not a 60 s wait."""
    before = Warehouse.at(fixture_warehouse)
    assert queries.event_counts(before, ALL)["visit"] == 3

    fresh = build_fixture_warehouse(tmp_path / "next", empty=True)
    stamp = before.path.stat().st_mtime_ns + 1_000_000_000
    os.utime(fresh, ns=(stamp, stamp))
    os.replace(fresh, before.path)

    after = Warehouse.at(fixture_warehouse)
    assert after.stamp != before.stamp
    assert queries.event_counts(after, ALL)["visit"] == 0
    assert queries.date_bounds(after) is None


def test_unreadable_file_raises_warehouse_unavailable(tmp_path: Path) -> None:
    (tmp_path / "diplomacy.duckdb").write_bytes(b"\0" * 4096)
    with pytest.raises(queries.WarehouseUnavailable):
        queries.tables(Warehouse.at(tmp_path))
