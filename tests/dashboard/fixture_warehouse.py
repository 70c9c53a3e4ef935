"""Build a small published warehouse for dashboard tests.

The tables have exactly the columns of the published contract (README, "Published tables": marts + ops),
a handful of rows that agree with one another, and one article whose title, quote and
evidence carry HTML/JS markup: the dashboard must show it as text.

    python tests/dashboard/fixture_warehouse.py DIR    # e.g. to look at it in the app
"""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb

PUBLISHED_NAME = "diplomacy.duckdb"

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_BOLD = "<b>x</b>"
XSS_TITLE = f"Talks {XSS_SCRIPT} end with {XSS_BOLD}"
XSS_QUOTE = f"We said {XSS_SCRIPT} and {XSS_BOLD} plainly."

_DDL = """
CREATE SCHEMA marts;
CREATE SCHEMA ops;
CREATE TABLE marts.dim_articles (
    article_id VARCHAR, source_name VARCHAR, source_uri VARCHAR, url VARCHAR,
    published_date DATE, title VARCHAR, word_count INTEGER);
CREATE TABLE marts.dim_actors (
    actor_id VARCHAR, name VARCHAR, kind VARCHAR, country VARCHAR, title VARCHAR,
    aliases VARCHAR[]);
CREATE TABLE marts.dim_countries (iso3 VARCHAR, iso2 VARCHAR, name VARCHAR, region VARCHAR);
CREATE TABLE marts.fct_visits (
    visit_id VARCHAR, visitor_actor_id VARCHAR, visitor_name VARCHAR,
    visitor_country VARCHAR, host_country VARCHAR, city VARCHAR, visit_date DATE,
    date_precision VARCHAR, is_planned BOOLEAN, article_count INTEGER, confidence DOUBLE);
CREATE TABLE marts.fct_meetings (
    meeting_id VARCHAR, participants VARCHAR[], participant_countries VARCHAR[],
    country VARCHAR, city VARCHAR, meeting_date DATE, date_precision VARCHAR, mode VARCHAR,
    track VARCHAR, is_planned BOOLEAN, article_count INTEGER, confidence DOUBLE);
CREATE TABLE marts.fct_meeting_participants (
    meeting_id VARCHAR, actor_id VARCHAR, actor_name VARCHAR, actor_country VARCHAR);
CREATE TABLE marts.fct_statements (
    statement_id VARCHAR, speaker_actor_id VARCHAR, speaker_name VARCHAR,
    speaker_kind VARCHAR, speaker_country VARCHAR, quote VARCHAR, is_direct BOOLEAN,
    statement_date DATE, date_precision VARCHAR, tone DOUBLE, article_count INTEGER);
CREATE TABLE marts.fct_event_mentions (
    event_type VARCHAR, event_id VARCHAR, article_id VARCHAR, evidence VARCHAR,
    char_start INTEGER, char_end INTEGER, rule VARCHAR, confidence DOUBLE,
    extractor_version VARCHAR);
CREATE TABLE marts.mart_bilateral_monthly (
    month DATE, country_a VARCHAR, country_b VARCHAR, visits BIGINT, meetings BIGINT,
    statements BIGINT, avg_tone DOUBLE);
CREATE TABLE marts.mart_actor_activity (
    month DATE, actor_id VARCHAR, visits BIGINT, meetings BIGINT, statements BIGINT);
CREATE TABLE ops.runs (
    run_id VARCHAR, started_at TIMESTAMP, finished_at TIMESTAMP, status VARCHAR,
    window_start DATE, window_end DATE, articles_seen INTEGER, articles_loaded INTEGER,
    articles_unchanged INTEGER, articles_quarantined INTEGER, articles_duplicate INTEGER,
    articles_skipped INTEGER, visits INTEGER,
    meetings INTEGER, statements INTEGER, message VARCHAR);
CREATE TABLE ops.gate_results (
    run_id VARCHAR, suite VARCHAR, expectation VARCHAR, column_name VARCHAR,
    severity VARCHAR, success BOOLEAN, observed VARCHAR, details VARCHAR);
"""

# Rows stay one per line, like the tables they fill.
# fmt: off
ROWS: dict[str, list[tuple[object, ...]]] = {
    "marts.dim_countries": [
        ("USA", "US", "United States", "Americas"),
        ("CHN", "CN", "China", "Asia"),
        ("FRA", "FR", "France", "Europe"),
        ("IND", "IN", "India", "Asia"),
    ],
    "marts.dim_actors": [
        ("a_hart", "Amelia Hart", "person", "USA", "Secretary of State", ["Hart"]),
        ("a_li", "Li Wen", "person", "CHN", "Foreign Minister", ["Li"]),
        ("a_martin", "Claire Martin", "person", "FRA", "Foreign Minister", ["Martin"]),
        ("a_rao", "Ravi Rao", "person", "IND", "External Affairs Minister", []),
        ("o_forum", "Pacific Dialogue Forum", "organization", None, None, []),
    ],
    "marts.dim_articles": [
        ("art1", "seed", "seeds/articles/2024-01-09-hart-beijing.txt", None, "2024-01-09", "Hart arrives in Beijing for talks with Li", 412),
        ("art2", "Example News", "https://news.example.org/martin-li", "https://news.example.org/martin-li", "2024-02-14", "Martin and Li hold talks in Paris", 380),
        # Markup in every text field, and a javascript: URL that must not become a link.
        ("art3", "Example News", "seeds/articles/2024-03-02-xss.txt", "javascript:alert(2)", "2024-03-02", XSS_TITLE, 120),
        ("art4", "Example News", "https://news.example.org/rao-washington", "https://news.example.org/rao-washington", "2024-03-20", "Rao visits Washington, speaks with Hart", 505),
    ],
    "marts.fct_visits": [
        ("v1", "a_hart", "Amelia Hart", "USA", "CHN", "Beijing", "2024-01-08", "day", False, 1, 0.92),
        ("v2", "a_rao", "Ravi Rao", "IND", "USA", "Washington", "2024-03-19", "day", False, 1, 0.88),
        ("v3", "a_hart", "Amelia Hart", "USA", "FRA", "Paris", "2024-04-01", "month", True, 1, 0.61),
    ],
    "marts.fct_meetings": [
        ("m1", ["Amelia Hart", "Li Wen"], ["USA", "CHN"], "CHN", "Beijing", "2024-01-09", "day", "in_person", "1", False, 1, 0.9),
        ("m2", ["Claire Martin", "Li Wen"], ["FRA", "CHN"], "FRA", "Paris", "2024-02-13", "day", "in_person", "1", False, 1, 0.85),
        ("m3", ["Amelia Hart", "Ravi Rao", "Pacific Dialogue Forum"], ["USA", "IND"], "USA", None, "2024-03-19", "day", "phone", "1.5", False, 1, 0.7),
    ],
    "marts.fct_meeting_participants": [
        ("m1", "a_hart", "Amelia Hart", "USA"),
        ("m1", "a_li", "Li Wen", "CHN"),
        ("m2", "a_martin", "Claire Martin", "FRA"),
        ("m2", "a_li", "Li Wen", "CHN"),
        ("m3", "a_hart", "Amelia Hart", "USA"),
        ("m3", "a_rao", "Ravi Rao", "IND"),
        ("m3", "o_forum", "Pacific Dialogue Forum", None),
    ],
    "marts.fct_statements": [
        ("s1", "a_li", "Li Wen", "person", "CHN", "Dialogue is the only way forward.", True, "2024-01-09", "day", 0.4, 1),
        ("s2", "a_hart", "Amelia Hart", "person", "USA", "urged restraint in the region", False, "2024-01-09", "day", -0.1, 1),
        ("s3", "a_martin", "Claire Martin", "person", "FRA", XSS_QUOTE, True, "2024-03-01", "day", 0.0, 1),
        ("s4", "a_rao", "Ravi Rao", "person", "IND", "Our partnership has never been stronger.", True, "2024-03-19", "day", 0.7, 1),
    ],
    "marts.fct_event_mentions": [
        ("visit", "v1", "art1", "Hart arrived in Beijing on Monday.", 0, 34, "visit.arrived_in", 0.92, "x1"),
        ("meeting", "m1", "art1", "Hart held talks with Li Wen on Tuesday.", 35, 74, "meeting.held_talks", 0.9, "x1"),
        ("statement", "s1", "art1", '"Dialogue is the only way forward," Li said.', 75, 120, "statement.direct_quote", 0.95, "x1"),
        ("statement", "s2", "art1", "Hart urged restraint in the region.", 121, 156, "statement.reported", 0.8, "x1"),
        ("meeting", "m2", "art2", "Martin and Li held talks in Paris.", 0, 34, "meeting.held_talks", 0.85, "x1"),
        ("statement", "s3", "art3", f'"{XSS_QUOTE}" Martin said.', 0, 70, "statement.direct_quote", 0.9, "x1"),
        ("visit", "v2", "art4", "Rao arrived in Washington on Tuesday.", 0, 37, "visit.arrived_in", 0.88, "x1"),
        ("meeting", "m3", "art4", "Hart and Rao spoke by phone with the Pacific Dialogue Forum.", 38, 98, "meeting.phone", 0.7, "x1"),
        ("statement", "s4", "art4", '"Our partnership has never been stronger," Rao said.', 99, 150, "statement.direct_quote", 0.93, "x1"),
        ("visit", "v3", "art4", "Hart plans to visit Paris in April.", 151, 186, "visit.planned", 0.61, "x1"),
    ],
    "marts.mart_bilateral_monthly": [
        ("2024-01-01", "CHN", "USA", 1, 1, 2, 0.15),
        ("2024-02-01", "CHN", "FRA", 0, 1, 0, None),
        ("2024-03-01", "IND", "USA", 1, 1, 1, 0.7),
        ("2024-04-01", "FRA", "USA", 1, 0, 0, None),
    ],
    "marts.mart_actor_activity": [
        ("2024-01-01", "a_hart", 1, 1, 1),
        ("2024-01-01", "a_li", 0, 1, 1),
        ("2024-02-01", "a_martin", 0, 1, 0),
        ("2024-02-01", "a_li", 0, 1, 0),
        ("2024-03-01", "a_martin", 0, 0, 1),
        ("2024-03-01", "a_rao", 1, 1, 1),
        ("2024-03-01", "a_hart", 0, 1, 0),
        ("2024-04-01", "a_hart", 1, 0, 0),
    ],
    "ops.runs": [
        ("run-001", "2024-03-21 02:00:00", "2024-03-21 02:01:10", "published", "2024-01-01", "2024-03-21", 5, 4, 0, 1, 0, 0, 3, 3, 4, None),
        ("run-002", "2024-03-22 02:00:00", "2024-03-22 02:00:40", "failed", "2024-03-22", "2024-03-22", 0, 0, 0, 0, 0, 0, 0, 0, 0, "source unreachable"),
        ("run-003", "2024-03-23 02:00:00", "2024-03-23 02:01:05", "gate_failed", "2024-03-23", "2024-03-23", 3, 2, 0, 0, 1, 0, 1, 0, 1, "gate failed: 1 critical expectation"),
    ],
    "ops.gate_results": [
        ("run-001", "fct_visits", "expect_column_values_to_not_be_null", "host_country", "critical", True, "0 nulls", None),
        ("run-001", "fct_statements", "expect_column_values_to_be_between", "tone", "warning", True, "min -0.1, max 0.7", None),
        ("run-003", "fct_visits", "expect_column_values_to_not_be_null", "host_country", "critical", False, "2 nulls", "host_country is null for 2 of 3 rows"),
        ("run-003", "fct_statements", "expect_column_values_to_be_between", "tone", "warning", False, "max 1.4", "tone outside [-1, 1]"),
        ("run-003", "dim_articles", "expect_column_values_to_be_unique", "article_id", "critical", True, "0 duplicates", None),
    ],
}
# fmt: on


def build_fixture_warehouse(directory: Path, *, with_ops: bool = True, empty: bool = False) -> Path:
    """Write `<directory>/diplomacy.duckdb` and return its path.

    `with_ops=False` leaves out the ops schema (older or partial warehouses);
    `empty=True` creates every table without rows (a run that loaded nothing).
    """
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / PUBLISHED_NAME
    path.unlink(missing_ok=True)
    with duckdb.connect(str(path)) as con:
        con.execute(_DDL)
        if not with_ops:
            con.execute("DROP SCHEMA ops CASCADE")
        for table, rows in ROWS.items():
            if empty or not rows or (table.startswith("ops.") and not with_ops):
                continue
            marks = ", ".join("?" * len(rows[0]))
            # Table names are the constants above, never input.
            con.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)  # noqa: S608
        # Leave no .wal beside the file, like the real publish step.
        con.execute("CHECKPOINT")
    return path


if __name__ == "__main__":
    # No default directory: this replaces the file it writes, never guess which one.
    if len(sys.argv) != 2:
        sys.exit("usage: python tests/dashboard/fixture_warehouse.py DIR")
    print(build_fixture_warehouse(Path(sys.argv[1])))
