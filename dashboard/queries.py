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

# The published file name is part of the tables contract (README, "Published tables"); the dashboard
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
           date_precision, [visitor_country, host_country] AS countries,
           concat_ws(' ', visitor_name,
                     CASE WHEN is_planned THEN 'plans to visit' ELSE 'visits' END,
                     host_country, '(' || city || ')') AS summary
    FROM marts.fct_visits
    UNION ALL
    SELECT 'meeting', meeting_id, meeting_date, date_precision,
           list_concat(participant_countries, [country]),
           concat_ws(' ', array_to_string(participants, ', '),
                     CASE mode WHEN 'phone' THEN 'spoke by phone'
                               WHEN 'video' THEN 'met by video' ELSE 'met' END,
                     'in ' || city)
    FROM marts.fct_meetings
    UNION ALL
    SELECT 'statement', statement_id, statement_date, date_precision, [speaker_country],
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
        SELECT statement_date, date_precision, speaker_name, quote, tone FROM marts.fct_statements
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
        SELECT visit_date AS date, date_precision, 'visit' AS event_type,
               concat_ws(' ', CASE WHEN is_planned THEN 'planned visit to' ELSE 'visit to' END,
                         host_country, '(' || city || ')') AS details, visit_id AS event_id
        FROM marts.fct_visits
        WHERE visitor_actor_id = ? AND visit_date BETWEEN ? AND ?
        UNION ALL
        SELECT m.meeting_date, m.date_precision, 'meeting',
               concat_ws(' ', 'with', array_to_string(
                   list_filter(m.participants, lambda x: x IS DISTINCT FROM p.actor_name), ', '),
                   'in ' || m.city, '(' || replace(m.mode, '_', ' ') || ')'), m.meeting_id
        FROM marts.fct_meeting_participants p
        JOIN marts.fct_meetings m USING (meeting_id)
        WHERE p.actor_id = ? AND m.meeting_date BETWEEN ? AND ?
        UNION ALL
        SELECT statement_date, date_precision, 'statement', quote, statement_id
        FROM marts.fct_statements
        WHERE speaker_actor_id = ? AND statement_date BETWEEN ? AND ?
        ORDER BY date, event_type, event_id
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
        SELECT e.event_date, e.date_precision, e.event_type, e.summary, m.evidence, m.confidence, m.rule,
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
               articles_seen, articles_loaded, articles_unchanged, articles_quarantined, articles_duplicate,
               articles_skipped, visits, meetings, statements, message,
               -- The definition `dipnews status` uses (extract.runs.RunRecord.reconciles):
               -- every input seen ends loaded, already landed, quarantined, duplicate or skipped.
               articles_seen = articles_loaded + articles_unchanged + articles_quarantined
                   + articles_duplicate + articles_skipped AS reconciles
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


# ---------------------------------------------------------------- map and network

# `etype` below is one of EVENT_TYPES or None for all three; it selects rows, it is
# never pasted into the statement.


def country_activity(wh: Warehouse, f: Filters, etype: str | None = None) -> pd.DataFrame:
    """Events per country in the range (each event counts once for every country in it)."""
    return _query(
        wh,
        """
        WITH per AS (
            SELECT DISTINCT e.event_type, e.event_id, unnest(e.countries) AS iso3
            FROM dash_events(?, ?, ?) e
            WHERE ? IS NULL OR e.event_type = ?
        )
        SELECT per.iso3, coalesce(c.name, per.iso3) AS name,
               count(*) FILTER (WHERE event_type = 'visit') AS visits,
               count(*) FILTER (WHERE event_type = 'meeting') AS meetings,
               count(*) FILTER (WHERE event_type = 'statement') AS statements,
               count(*) AS events
        FROM per LEFT JOIN marts.dim_countries c USING (iso3)
        WHERE per.iso3 IS NOT NULL
        GROUP BY ALL
        ORDER BY events DESC, name
        """,
        f.start,
        f.end,
        f.country,
        etype,
        etype,
        events=True,
    )


def visit_flows(wh: Warehouse, f: Filters) -> pd.DataFrame:
    """Visits per (visitor country, host country) in the range, with their ids."""
    return _query(
        wh,
        """
        SELECT v.visitor_country, coalesce(cv.name, v.visitor_country) AS visitor_name,
               v.host_country, coalesce(ch.name, v.host_country) AS host_name,
               count(*) AS visits, count(*) FILTER (WHERE v.is_planned) AS planned,
               list(v.visit_id ORDER BY v.visit_id) AS visit_ids
        FROM marts.fct_visits v
        LEFT JOIN marts.dim_countries cv ON cv.iso3 = v.visitor_country
        LEFT JOIN marts.dim_countries ch ON ch.iso3 = v.host_country
        WHERE v.visit_date BETWEEN ? AND ?
          AND v.visitor_country IS NOT NULL AND v.host_country IS NOT NULL
          AND v.visitor_country <> v.host_country
          AND (? IS NULL OR ? IN (v.visitor_country, v.host_country))
        GROUP BY ALL
        ORDER BY visits DESC, visitor_name, host_name
        """,
        f.start,
        f.end,
        f.country,
        f.country,
    )


def pair_events(wh: Warehouse, f: Filters, etype: str | None = None) -> pd.DataFrame:
    """Events per unordered country pair in the range (a meeting of three countries
    counts for each of its three pairs), with the events' ids."""
    return _query(
        wh,
        """
        WITH per AS (
            SELECT DISTINCT e.event_type, e.event_id, unnest(e.countries) AS iso3
            FROM dash_events(?, ?, ?) e
            WHERE (? IS NULL OR e.event_type = ?) AND e.event_type <> 'statement'
        ), pairs AS (
            SELECT a.event_type, a.event_id, a.iso3 AS country_a, b.iso3 AS country_b
            FROM per a JOIN per b USING (event_type, event_id)
            WHERE a.iso3 < b.iso3
        )
        SELECT p.country_a, coalesce(ca.name, p.country_a) AS name_a,
               p.country_b, coalesce(cb.name, p.country_b) AS name_b,
               count(*) FILTER (WHERE event_type = 'visit') AS visits,
               count(*) FILTER (WHERE event_type = 'meeting') AS meetings,
               count(*) AS events,
               list(event_type || ':' || event_id ORDER BY event_type, event_id) AS event_keys
        FROM pairs p
        LEFT JOIN marts.dim_countries ca ON ca.iso3 = p.country_a
        LEFT JOIN marts.dim_countries cb ON cb.iso3 = p.country_b
        GROUP BY ALL
        ORDER BY events DESC, name_a, name_b
        """,
        f.start,
        f.end,
        f.country,
        etype,
        etype,
        events=True,
    )


# ---------------------------------------------------------------- country page


def country_visits(wh: Warehouse, f: Filters, iso3: str) -> pd.DataFrame:
    """Visits to and from one country: direction 'inbound' (hosted) or 'outbound'."""
    return _query(
        wh,
        """
        SELECT CASE WHEN v.host_country = ? THEN 'inbound' ELSE 'outbound' END AS direction,
               v.visit_date, v.date_precision, v.visitor_name,
               coalesce(cv.name, v.visitor_country) AS visitor_country,
               coalesce(ch.name, v.host_country) AS host_country, v.city, v.is_planned,
               v.article_count, v.visit_id AS event_id
        FROM marts.fct_visits v
        LEFT JOIN marts.dim_countries cv ON cv.iso3 = v.visitor_country
        LEFT JOIN marts.dim_countries ch ON ch.iso3 = v.host_country
        WHERE v.visit_date BETWEEN ? AND ? AND ? IN (v.host_country, v.visitor_country)
          AND v.host_country IS DISTINCT FROM v.visitor_country
        ORDER BY v.visit_date DESC, v.visit_id
        """,
        iso3,
        f.start,
        f.end,
        iso3,
    )


def counterparts(wh: Warehouse, f: Filters, iso3: str, limit: int = 10) -> pd.DataFrame:
    """The countries one country engaged most with in the range (bilateral mart)."""
    return _query(
        wh,
        """
        WITH other AS (
            SELECT CASE WHEN b.country_a = ? THEN b.country_b ELSE b.country_a END AS iso3,
                   b.visits, b.meetings, b.statements
            FROM marts.mart_bilateral_monthly b
            WHERE ? IN (b.country_a, b.country_b)
              AND b.month BETWEEN date_trunc('month', ?) AND ?
        )
        SELECT o.iso3, coalesce(c.name, o.iso3) AS name,
               sum(o.visits)::BIGINT AS visits, sum(o.meetings)::BIGINT AS meetings,
               sum(o.statements)::BIGINT AS statements,
               (sum(o.visits) + sum(o.meetings) + sum(o.statements))::BIGINT AS total
        FROM other o LEFT JOIN marts.dim_countries c USING (iso3)
        GROUP BY ALL
        ORDER BY total DESC, name
        LIMIT ?
        """,
        iso3,
        iso3,
        f.start,
        f.end,
        limit,
    )


def country_meetings(wh: Warehouse, f: Filters, iso3: str) -> pd.DataFrame:
    """Meetings one country took part in or hosted."""
    return _query(
        wh,
        """
        SELECT m.meeting_date, m.date_precision, m.participants, m.city,
               coalesce(c.name, m.country) AS place, m.mode, m.track, m.is_planned,
               m.article_count, m.meeting_id AS event_id
        FROM marts.fct_meetings m
        LEFT JOIN marts.dim_countries c ON c.iso3 = m.country
        WHERE m.meeting_date BETWEEN ? AND ?
          AND (list_contains(m.participant_countries, ?) OR m.country = ?)
        ORDER BY m.meeting_date DESC, m.meeting_id
        """,
        f.start,
        f.end,
        iso3,
        iso3,
    )


def country_statements(wh: Warehouse, f: Filters, iso3: str) -> pd.DataFrame:
    """Statements by speakers of one country."""
    return _query(
        wh,
        """
        SELECT statement_date, date_precision, speaker_name, quote, tone, is_direct,
               article_count, statement_id AS event_id
        FROM marts.fct_statements
        WHERE statement_date BETWEEN ? AND ? AND speaker_country = ?
        ORDER BY statement_date DESC, statement_id
        """,
        f.start,
        f.end,
        iso3,
    )


def country_tone_monthly(wh: Warehouse, f: Filters, iso3: str) -> pd.DataFrame:
    """Average tone of one country's statements per month (scored statements only)."""
    return _query(
        wh,
        """
        SELECT date_trunc('month', statement_date) AS month, avg(tone) AS avg_tone,
               count(*) AS statements
        FROM marts.fct_statements
        WHERE statement_date BETWEEN ? AND ? AND speaker_country = ? AND tone IS NOT NULL
        GROUP BY ALL ORDER BY month
        """,
        f.start,
        f.end,
        iso3,
    )


# ---------------------------------------------------------------- summits


def multilateral_meetings(wh: Warehouse, f: Filters, min_parties: int = 3) -> pd.DataFrame:
    """Meetings of at least `min_parties` parties: summits, forums, multilateral talks.

    A party is a country (however many of its officials attend) or an organisation with no
    country (the UN, ASEAN, a think tank); people whose country is unknown do not count.
    """
    return _query(
        wh,
        """
        WITH parties AS (
            SELECT p.meeting_id,
                   count(DISTINCT p.actor_country)
                     + count(*) FILTER (WHERE p.actor_country IS NULL AND a.kind = 'organization')
                     AS parties,
                   count(DISTINCT p.actor_country) AS countries
            FROM marts.fct_meeting_participants p
            LEFT JOIN marts.dim_actors a USING (actor_id)
            GROUP BY p.meeting_id
        )
        SELECT m.meeting_date, m.date_precision, m.city, coalesce(c.name, m.country) AS place,
               p.parties, p.countries, m.participants, m.participant_countries, m.mode,
               m.track, m.is_planned, m.article_count, m.meeting_id AS event_id
        FROM marts.fct_meetings m
        JOIN parties p USING (meeting_id)
        LEFT JOIN marts.dim_countries c ON c.iso3 = m.country
        WHERE m.meeting_date BETWEEN ? AND ?
          AND (? IS NULL OR list_contains(m.participant_countries, ?) OR m.country = ?)
          AND p.parties >= ?
        ORDER BY m.meeting_date DESC, m.meeting_id
        """,
        f.start,
        f.end,
        f.country,
        f.country,
        f.country,
        min_parties,
    )


# ---------------------------------------------------------------- evidence


def evidence(wh: Warehouse, keys: tuple[str, ...]) -> pd.DataFrame:
    """The sentences and articles behind events, `keys` as 'event_type:event_id'."""
    return _query(
        wh,
        """
        SELECT m.event_type, m.event_id, m.evidence, a.title, a.published_date,
               a.source_name, a.url, a.source_uri, m.rule, m.confidence
        FROM marts.fct_event_mentions m
        LEFT JOIN marts.dim_articles a USING (article_id)
        WHERE list_contains(?, m.event_type || ':' || m.event_id)
        ORDER BY a.published_date, m.event_type, m.event_id, m.char_start
        """,
        tuple(keys),
    )
