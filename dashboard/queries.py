"""Every SQL statement the dashboard runs against the published warehouse.

Rules this module keeps, and why:

* One short read-only connection per query, closed before returning. The pipeline
  publishes by `os.replace` of `diplomacy.duckdb`; a held connection would keep reading
  the replaced file, and an open handle must never stand in the way of the writer.
* Parameters only (`?` placeholders). Filter values come from widgets whose options come
  from the data itself, so they are untrusted strings: they are never pasted into SQL,
  and every statement below is a constant.
* Results are cached for 60 s with `st.cache_data`, keyed by the file's mtime as well,
  so a freshly published file shows up on the next rerun instead of after the TTL.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import streamlit as st

# The published file name is part of the tables contract (DESIGN.md); the dashboard
# does not import the pipeline package so that it can run in a slim container.
PUBLISHED_NAME = "diplomacy.duckdb"
EVENT_TYPES: tuple[str, ...] = ("visit", "meeting", "statement")

MART_TABLES = frozenset(
    "marts." + name
    for name in (
        "dim_articles",
        "dim_actors",
        "dim_countries",
        "fct_visits",
        "fct_meetings",
        "fct_meeting_participants",
        "fct_statements",
        "fct_event_mentions",
        "mart_bilateral_monthly",
        "mart_actor_activity",
    )
)


class WarehouseUnavailable(RuntimeError):
    """The warehouse file exists but cannot be opened (locked, corrupt, wrong version)."""


@dataclass(frozen=True)
class Warehouse:
    """The published file plus its mtime at the start of this rerun (a cache key)."""

    path: Path
    stamp: int | None

    @classmethod
    def at(cls, directory: Path) -> Warehouse:
        path = directory / PUBLISHED_NAME
        try:
            stamp: int | None = path.stat().st_mtime_ns
        except FileNotFoundError:
            stamp = None
        return cls(path=path, stamp=stamp)

    @property
    def exists(self) -> bool:
        return self.stamp is not None


@dataclass(frozen=True)
class Filters:
    """The global sidebar filters. `country` is an ISO3 code or None for all."""

    start: dt.date
    end: dt.date
    country: str | None = None


# A temporary table macro: the three event facts as one relation with a common shape
# (date, countries involved, one-line summary), filtered by date range and country.
# It lives only in the query's own connection (TEMP), so the read-only file is untouched,
# and it keeps the union in one place instead of copied into four statements.
_EVENTS_MACRO = """
CREATE OR REPLACE TEMP MACRO dash_events(d0, d1, ctry) AS TABLE
SELECT * FROM (
    SELECT 'visit' AS event_type, visit_id AS event_id, visit_date AS event_date,
           [visitor_country, host_country] AS countries,
           concat_ws(' ', visitor_name,
                     CASE WHEN is_planned THEN 'plans to visit' ELSE 'visits' END,
                     host_country, '(' || city || ')') AS summary
    FROM marts.fct_visits
    UNION ALL
    SELECT 'meeting', meeting_id, meeting_date,
           list_concat(participant_countries, [country]),
           concat_ws(' ', array_to_string(participants, ', '),
                     CASE mode WHEN 'phone' THEN 'spoke by phone'
                               WHEN 'video' THEN 'met by video' ELSE 'met' END,
                     'in ' || city)
    FROM marts.fct_meetings
    UNION ALL
    SELECT 'statement', statement_id, statement_date, [speaker_country],
           concat_ws(': ', speaker_name, quote)
    FROM marts.fct_statements
)
WHERE event_date BETWEEN d0 AND d1
  AND (ctry IS NULL OR list_contains(countries, ctry))
"""


@st.cache_data(ttl=60, show_spinner=False)
def _fetch(
    path: str, stamp: int | None, sql: str, params: tuple[Any, ...], events: bool
) -> pd.DataFrame:
    del stamp  # only part of the cache key: a republished file has a new mtime
    # DuckDB wants lists for LIST parameters; tuples keep the cache key hashable.
    args = [list(p) if isinstance(p, tuple) else p for p in params]
    try:
        with duckdb.connect(path, read_only=True) as con:
            if events:
                con.execute(_EVENTS_MACRO)
            return con.execute(sql, args).df()
    except duckdb.IOException as exc:  # lock held, not a DuckDB file, newer format...
        raise WarehouseUnavailable(str(exc)) from exc


def _query(wh: Warehouse, sql: str, *params: Any, events: bool = False) -> pd.DataFrame:
    return _fetch(str(wh.path), wh.stamp, sql, tuple(params), events)


def _as_date(value: Any) -> dt.date | None:
    return None if pd.isna(value) else pd.Timestamp(value).date()


# ---------------------------------------------------------------- catalogue


def tables(wh: Warehouse) -> frozenset[str]:
    """`schema.table` names present in the file (empty when the file is missing)."""
    if not wh.exists:
        return frozenset()
    df = _query(
        wh,
        "SELECT table_schema || '.' || table_name AS name FROM information_schema.tables "
        "WHERE table_catalog = current_database()",
    )
    return frozenset(df["name"])


def has_marts(wh: Warehouse) -> bool:
    return MART_TABLES <= tables(wh)


def date_bounds(wh: Warehouse) -> tuple[dt.date, dt.date] | None:
    """First and last event or publication date; None when there is no data."""
    df = _query(
        wh,
        """
        SELECT min(d) AS lo, max(d) AS hi FROM (
            SELECT visit_date AS d FROM marts.fct_visits
            UNION ALL SELECT meeting_date FROM marts.fct_meetings
            UNION ALL SELECT statement_date FROM marts.fct_statements
            UNION ALL SELECT published_date FROM marts.dim_articles
        )
        """,
    )
    lo, hi = _as_date(df.at[0, "lo"]), _as_date(df.at[0, "hi"])
    return None if lo is None or hi is None else (lo, hi)


def countries(wh: Warehouse) -> pd.DataFrame:
    """Countries that occur in any event (iso3, name), for the country filter."""
    return _query(
        wh,
        """
        WITH used AS (
            SELECT visitor_country AS iso3 FROM marts.fct_visits
            UNION SELECT host_country FROM marts.fct_visits
            UNION SELECT unnest(participant_countries) FROM marts.fct_meetings
            UNION SELECT country FROM marts.fct_meetings
            UNION SELECT speaker_country FROM marts.fct_statements
        )
        SELECT u.iso3, coalesce(c.name, u.iso3) AS name
        FROM used u LEFT JOIN marts.dim_countries c USING (iso3)
        WHERE u.iso3 IS NOT NULL
        ORDER BY name
        """,
    )


# ---------------------------------------------------------------- overview


def event_counts(wh: Warehouse, f: Filters) -> dict[str, int]:
    df = _query(
        wh,
        "SELECT event_type, count(*) AS n FROM dash_events(?, ?, ?) GROUP BY event_type",
        f.start,
        f.end,
        f.country,
        events=True,
    )
    counts = dict(zip(df["event_type"], df["n"].astype(int), strict=True))
    return {t: counts.get(t, 0) for t in EVENT_TYPES}


def article_count(wh: Warehouse, f: Filters) -> int:
    """Articles published in the range; with a country, only those reporting its events."""
    df = _query(
        wh,
        """
        SELECT count(*) AS n FROM marts.dim_articles
        WHERE published_date BETWEEN ? AND ?
          AND (? IS NULL OR article_id IN (
                SELECT m.article_id FROM marts.fct_event_mentions m
                JOIN dash_events(?, ?, ?) e USING (event_type, event_id)))
        """,
        f.start,
        f.end,
        f.country,
        f.start,
        f.end,
        f.country,
        events=True,
    )
    return int(df.at[0, "n"])


def monthly_activity(wh: Warehouse, f: Filters) -> pd.DataFrame:
    """Events per month and type (month, event_type, events)."""
    return _query(
        wh,
        """
        SELECT date_trunc('month', event_date) AS month, event_type, count(*) AS events
        FROM dash_events(?, ?, ?)
        GROUP BY ALL ORDER BY month, event_type
        """,
        f.start,
        f.end,
        f.country,
        events=True,
    )


def latest_articles(wh: Warehouse, f: Filters, limit: int = 8) -> pd.DataFrame:
    return _query(
        wh,
        """
        SELECT published_date, source_name, title FROM marts.dim_articles
        WHERE published_date BETWEEN ? AND ?
          AND (? IS NULL OR article_id IN (
                SELECT m.article_id FROM marts.fct_event_mentions m
                JOIN dash_events(?, ?, ?) e USING (event_type, event_id)))
        ORDER BY published_date DESC, article_id
        LIMIT ?
        """,
        f.start,
        f.end,
        f.country,
        f.start,
        f.end,
        f.country,
        limit,
        events=True,
    )


def latest_statements(wh: Warehouse, f: Filters, limit: int = 8) -> pd.DataFrame:
    return _query(
        wh,
        """
        SELECT statement_date, speaker_name, quote, tone FROM marts.fct_statements
        WHERE statement_date BETWEEN ? AND ? AND (? IS NULL OR speaker_country = ?)
        ORDER BY statement_date DESC, statement_id
        LIMIT ?
        """,
        f.start,
        f.end,
        f.country,
        f.country,
        limit,
    )


# ---------------------------------------------------------------- bilateral

# Months are first-of-month dates: a month is in range when it overlaps [start, end].
# The tone of several months is weighted by their statement counts.


def bilateral_pairs(wh: Warehouse, f: Filters, limit: int = 25) -> pd.DataFrame:
    """Most active country pairs in the range (involving `f.country` when set)."""
    return _query(
        wh,
        """
        SELECT b.country_a, coalesce(ca.name, b.country_a) AS name_a,
               b.country_b, coalesce(cb.name, b.country_b) AS name_b,
               sum(b.visits) AS visits, sum(b.meetings) AS meetings,
               sum(b.statements) AS statements,
               sum(b.visits) + sum(b.meetings) + sum(b.statements) AS total,
               sum(b.avg_tone * b.statements)
                 / nullif(sum(CASE WHEN b.avg_tone IS NOT NULL THEN b.statements END), 0)
                 AS avg_tone
        FROM marts.mart_bilateral_monthly b
        LEFT JOIN marts.dim_countries ca ON ca.iso3 = b.country_a
        LEFT JOIN marts.dim_countries cb ON cb.iso3 = b.country_b
        WHERE b.month BETWEEN date_trunc('month', ?) AND ?
          AND (? IS NULL OR ? IN (b.country_a, b.country_b))
        GROUP BY ALL
        ORDER BY total DESC, b.country_a, b.country_b
        LIMIT ?
        """,
        f.start,
        f.end,
        f.country,
        f.country,
        limit,
    )


def bilateral_monthly(wh: Warehouse, f: Filters, a: str, b: str) -> pd.DataFrame:
    """One pair's months (either stored order of the unordered pair)."""
    return _query(
        wh,
        """
        SELECT month, sum(visits) AS visits, sum(meetings) AS meetings,
               sum(statements) AS statements,
               sum(avg_tone * statements)
                 / nullif(sum(CASE WHEN avg_tone IS NOT NULL THEN statements END), 0)
                 AS avg_tone
        FROM marts.mart_bilateral_monthly
        WHERE ((country_a = ? AND country_b = ?) OR (country_a = ? AND country_b = ?))
          AND month BETWEEN date_trunc('month', ?) AND ?
        GROUP BY month ORDER BY month
        """,
        a,
        b,
        b,
        a,
        f.start,
        f.end,
    )


# ---------------------------------------------------------------- actors


def top_actors(wh: Warehouse, f: Filters, limit: int = 25) -> pd.DataFrame:
    return _query(
        wh,
        """
        SELECT a.actor_id, coalesce(d.name, a.actor_id) AS name, d.kind, d.country, d.title,
               sum(a.visits) AS visits, sum(a.meetings) AS meetings,
               sum(a.statements) AS statements,
               sum(a.visits) + sum(a.meetings) + sum(a.statements) AS total
        FROM marts.mart_actor_activity a
        LEFT JOIN marts.dim_actors d USING (actor_id)
        WHERE a.month BETWEEN date_trunc('month', ?) AND ?
          AND (? IS NULL OR d.country = ?)
        GROUP BY ALL
        ORDER BY total DESC, name
        LIMIT ?
        """,
        f.start,
        f.end,
        f.country,
        f.country,
        limit,
    )


def actor_monthly(wh: Warehouse, f: Filters, actor_id: str) -> pd.DataFrame:
    return _query(
        wh,
        """
        SELECT month, sum(visits) AS visits, sum(meetings) AS meetings,
               sum(statements) AS statements
        FROM marts.mart_actor_activity
        WHERE actor_id = ? AND month BETWEEN date_trunc('month', ?) AND ?
        GROUP BY month ORDER BY month
        """,
        actor_id,
        f.start,
        f.end,
    )


def actor_events(wh: Warehouse, f: Filters, actor_id: str) -> pd.DataFrame:
    """One actor's visits, meetings and statements in the range, oldest first."""
    return _query(
        wh,
        """
        SELECT visit_date AS date, 'visit' AS event_type,
               concat_ws(' ', CASE WHEN is_planned THEN 'planned visit to' ELSE 'visit to' END,
                         host_country, '(' || city || ')') AS details
        FROM marts.fct_visits
        WHERE visitor_actor_id = ? AND visit_date BETWEEN ? AND ?
        UNION ALL
        SELECT m.meeting_date, 'meeting',
               concat_ws(' ', 'with', array_to_string(
                   list_filter(m.participants, lambda x: x IS DISTINCT FROM p.actor_name), ', '),
                   'in ' || m.city, '(' || replace(m.mode, '_', ' ') || ')')
        FROM marts.fct_meeting_participants p
        JOIN marts.fct_meetings m USING (meeting_id)
        WHERE p.actor_id = ? AND m.meeting_date BETWEEN ? AND ?
        UNION ALL
        SELECT statement_date, 'statement', quote
        FROM marts.fct_statements
        WHERE speaker_actor_id = ? AND statement_date BETWEEN ? AND ?
        ORDER BY date, event_type
        """,
        actor_id,
        f.start,
        f.end,
        actor_id,
        f.start,
        f.end,
        actor_id,
        f.start,
        f.end,
    )


# ---------------------------------------------------------------- events


def events(
    wh: Warehouse,
    f: Filters,
    event_types: tuple[str, ...] = EVENT_TYPES,
    search: str = "",
    min_confidence: float = 0.0,
    limit: int = 1000,
) -> pd.DataFrame:
    """Event mentions (event x article) with their evidence and source article.

    `search` is matched as a plain substring (contains), not as a LIKE pattern, so
    `%` and `_` typed by a user mean themselves.
    """
    return _query(
        wh,
        """
        SELECT e.event_date, e.event_type, e.summary, m.evidence, m.confidence, m.rule,
               a.title, a.source_name, a.source_uri, a.url, a.published_date,
               m.extractor_version, e.event_id, m.article_id
        FROM dash_events(?, ?, ?) e
        JOIN marts.fct_event_mentions m USING (event_type, event_id)
        LEFT JOIN marts.dim_articles a USING (article_id)
        WHERE list_contains(?, e.event_type)
          AND coalesce(m.confidence, 0) >= ?
          AND (? = '' OR contains(lower(concat_ws(' ', e.summary, m.evidence, a.title)),
                                  lower(?)))
        ORDER BY e.event_date DESC, e.event_type, e.event_id, a.published_date
        LIMIT ?
        """,
        f.start,
        f.end,
        f.country,
        tuple(event_types),
        min_confidence,
        search,
        search,
        limit,
        events=True,
    )


# ---------------------------------------------------------------- data quality


def runs(wh: Warehouse, limit: int = 20) -> pd.DataFrame:
    return _query(
        wh,
        """
        SELECT run_id, status, started_at, finished_at, window_start, window_end,
               articles_seen, articles_loaded, articles_quarantined, articles_duplicate,
               visits, meetings, statements, message
        FROM ops.runs
        ORDER BY started_at DESC NULLS LAST, run_id DESC
        LIMIT ?
        """,
        limit,
    )


def gate_results(wh: Warehouse, run_id: str) -> pd.DataFrame:
    """One run's expectations, failures first and critical before warning."""
    return _query(
        wh,
        """
        SELECT suite, expectation, column_name, severity, success, observed, details
        FROM ops.gate_results
        WHERE run_id = ?
        ORDER BY success, severity, suite, expectation, column_name
        """,
        run_id,
    )


def run_counts(wh: Warehouse) -> tuple[int, int]:
    """(published runs, all runs) from ops.runs."""
    df = _query(
        wh,
        "SELECT count(*) FILTER (WHERE status = 'published') AS published, count(*) AS total "
        "FROM ops.runs",
    )
    return int(df.at[0, "published"]), int(df.at[0, "total"])
