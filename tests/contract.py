"""The published tables contract (README, "Published tables"), as the tests check it."""

from extract.publish import BOOKKEEPING_COLUMNS

CONTRACT = {
    "dim_articles": ["article_id", "source_name", "source_uri", "url", "published_date", "title", "word_count"],
    "dim_actors": ["actor_id", "name", "kind", "country", "title", "aliases"],
    "dim_countries": ["iso3", "iso2", "name", "region"],
    "fct_visits": ["visit_id", "visitor_actor_id", "visitor_name", "visitor_country", "host_country", "city",
                   "visit_date", "date_precision", "is_planned", "article_count", "confidence"],
    "fct_meetings": ["meeting_id", "participants", "participant_countries", "country", "city", "meeting_date",
                     "date_precision", "mode", "track", "is_planned", "article_count", "confidence"],
    "fct_meeting_participants": ["meeting_id", "actor_id", "actor_name", "actor_country"],
    "fct_statements": ["statement_id", "speaker_actor_id", "speaker_name", "speaker_kind", "speaker_country",
                       "quote", "is_direct", "statement_date", "date_precision", "tone", "article_count"],
    "fct_event_mentions": ["event_type", "event_id", "article_id", "evidence", "char_start", "char_end", "rule",
                           "confidence", "extractor_version"],
    "mart_bilateral_monthly": ["month", "country_a", "country_b", "visits", "meetings", "statements", "avg_tone"],
    "mart_actor_activity": ["month", "actor_id", "visits", "meetings", "statements"],
}
DATE_COLUMNS = {"published_date", "visit_date", "meeting_date", "statement_date", "month"}


def marts_snapshot(db_path, bookkeeping: bool = True) -> dict[str, list[tuple]]:
    """Every mart's rows, sorted: two runs are identical when their snapshots are.

    ``bookkeeping=False`` leaves out the incremental-build hashes, to compare the
    published facts of warehouses whose files live at different paths.
    """
    import duckdb

    with duckdb.connect(str(db_path), read_only=True) as con:
        tables = [r[0] for r in con.execute(
            "select table_name from duckdb_tables() where schema_name = 'marts' order by 1").fetchall()]
        snapshot = {}
        for t in tables:
            columns = {r[0] for r in con.execute(f'describe marts."{t}"').fetchall()}  # noqa: S608
            hidden = sorted(columns & BOOKKEEPING_COLUMNS) if not bookkeeping else []
            star = f" exclude ({', '.join(hidden)})" if hidden else ""
            rows = con.execute(f'select *{star} from marts."{t}"').fetchall()  # noqa: S608
            snapshot[t] = sorted(rows, key=repr)
        return snapshot
