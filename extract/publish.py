"""Publish: put the validated marts into a fresh file and swap it in atomically.

Readers (analysts, the dashboard) open ``diplomacy.duckdb`` read-only. DuckDB lets
no process open a file that a writer holds, so the published file is never written
in place: a new file is built beside it and ``os.replace``d over it. Readers that
already had the old file open keep reading the old version; new readers get the new.

The cost follows the night, not the history. The new file starts as a byte copy of
the last published one, and only the rows that changed are written into it: the
published file keeps, per mart row, a hash of its grain key, a hash of its content and
its month (``ops.published_rows``), so the rows to delete and to insert are two
anti-joins on those hashes against the work database; a mart with no changed row is not
touched. The Parquet copy of the marts (``marts/<table>/period=YYYY-MM/data.parquet``)
is rewritten only for the months that changed rows. Whenever that bookkeeping is
missing or a mart's columns changed (first publish, an upgrade), the mart is copied
whole instead, with the same result.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from extract.gate import RESULT_SCHEMA
from extract.runs import runs_table
from extract.warehouse import Layout, atomic_write_bytes

# Columns the incremental dbt build keeps for itself (hashes of a row and of its
# inputs). They depend on file paths and times, not on the facts, so they stay in the
# work database and are not published.
BOOKKEEPING_COLUMNS = frozenset({"row_hash", "source_signature"})

# The grain of each mart (README, "Published tables"). A mart not listed here (a fork's own) is keyed by
# its whole row: a changed row is then a deleted row plus a new one, same result.
# Written into marts/ after each complete Parquet export, with the published file's token.
EXPORT_STAMP = "_published.json"

GRAINS: dict[str, tuple[str, ...]] = {
    "dim_articles": ("article_id",),
    "dim_actors": ("actor_id",),
    "dim_countries": ("iso3",),
    "fct_visits": ("visit_id",),
    "fct_meetings": ("meeting_id",),
    "fct_statements": ("statement_id",),
    "fct_meeting_participants": ("meeting_id", "actor_id"),
    "fct_event_mentions": ("event_type", "event_id", "article_id"),
    "mart_bilateral_monthly": ("month", "country_a", "country_b"),
    "mart_actor_activity": ("month", "actor_id"),
}

# The month a row belongs to, for the Parquet partitions (SQL over the row `t`, with
# {db} the database holding the marts). Undated rows go to `period=undated`, marts
# without a month (dim_actors, dim_countries) to `period=all`.
_MONTH = "coalesce(strftime({expr}, '%Y-%m'), 'undated')"
PERIODS: dict[str, str] = {
    "dim_articles": _MONTH.format(expr="t.published_date"),
    "fct_visits": _MONTH.format(expr="coalesce(t.visit_date, t.first_reported_date)"),
    "fct_meetings": _MONTH.format(expr="coalesce(t.meeting_date, t.first_reported_date)"),
    "fct_statements": _MONTH.format(expr="coalesce(t.statement_date, t.first_reported_date)"),
    "mart_bilateral_monthly": _MONTH.format(expr="t.month"),
    "mart_actor_activity": _MONTH.format(expr="t.month"),
    "fct_event_mentions": _MONTH.format(
        expr="(select a.published_date from {db}.marts.dim_articles as a where a.article_id = t.article_id)"),
    "fct_meeting_participants": _MONTH.format(
        expr="(select coalesce(m.meeting_date, m.first_reported_date) from {db}.marts.fct_meetings as m "
             "where m.meeting_id = t.meeting_id)"),
}


@dataclass
class PublishResult:
    path: Path
    tables: dict[str, int]
    # Per mart: rows deleted and inserted, or "copied" when copied whole; months rewritten.
    changes: dict[str, str] = field(default_factory=dict)
    parquet_periods: int = 0


def _sql_literal(path: Path) -> str:
    # ATTACH takes no bound parameters; the path is ours, but quote it properly anyway.
    return "'" + str(path).replace("'", "''") + "'"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def gate_results_table(layout: Layout) -> pa.Table:
    files = sorted(layout.gate_dir.glob("*.parquet"))
    if not files:
        return RESULT_SCHEMA.empty_table()
    return pa.concat_tables([pq.read_table(f, schema=RESULT_SCHEMA) for f in files])


def _columns(con: duckdb.DuckDBPyConnection, db: str, table: str) -> list[tuple[str, str]]:
    return [
        (r[0], r[1]) for r in con.execute(
            "select column_name, data_type from duckdb_columns() where database_name = ? and schema_name = 'marts' "
            "and table_name = ? order by column_index", [db, table]
        ).fetchall()
    ]


def _tables(con: duckdb.DuckDBPyConnection, db: str) -> list[str]:
    return [r[0] for r in con.execute(
        "select table_name from duckdb_tables() where database_name = ? and schema_name = 'marts' order by 1", [db]
    ).fetchall()]


STATE_COLUMNS = ["table_name", "key_hash", "bk_hash", "content_hash", "period"]


def _has_state(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the file carries the row bookkeeping, in this version's form."""
    return [r[0] for r in con.execute(
        "select column_name from duckdb_columns() where database_name = current_database() and schema_name = 'ops' "
        "and table_name = 'published_rows' order by column_index").fetchall()] == STATE_COLUMNS


def _key_expr(table: str, columns: list[str], alias: str = "t") -> str:
    grain = GRAINS.get(table)
    keys = grain if grain and set(grain) <= set(columns) else columns
    return f"hash({', '.join(f'{alias}.{_ident(c)}' for c in keys)})"


def _content_expr(columns: list[str], alias: str = "t") -> str:
    return f"hash({', '.join(f'{alias}.{_ident(c)}' for c in columns)})"


def _state_select(table: str, columns: list[str], build_columns: set[str], db: str) -> str:
    """(key_hash, bk_hash, period) of every row of a mart in database `db`.

    `bk_hash` is cheap: the hash of the row's dbt `row_hash` where the mart has one (the
    facts), else of its published columns. A row whose `bk_hash` is unchanged is unchanged."""
    bk = "hash(t.row_hash)" if "row_hash" in build_columns else _content_expr(columns)
    period = PERIODS.get(table, "'all'").format(db=db)
    return (f"select {_key_expr(table, columns)} as key_hash, {bk} as bk_hash, {period} as period "  # noqa: S608 - names from the catalog
            f"from {db}.marts.{_ident(table)} as t")


def publish(layout: Layout, run_id: str) -> PublishResult:
    tmp = layout.root / f".{layout.published.name}.{os.getpid()}.tmp"
    tmp.unlink(missing_ok=True)
    counts: dict[str, int] = {}
    changes: dict[str, str] = {}
    touched: dict[str, set[str] | None] = {}  # per mart: months to rewrite (None: all)
    token = uuid.uuid4().hex
    # The Parquet copy follows the published file only if the last export finished.
    parquet_current = _parquet_token(layout) == _published_token(layout)
    try:
        _start_from_last_published(layout, tmp)
        with duckdb.connect(str(tmp)) as con:
            con.execute(f"attach {_sql_literal(layout.build_db)} as build (read_only)")
            db = con.execute("select current_database()").fetchone()[0]
            con.execute("create schema if not exists marts")
            con.execute("create schema if not exists ops")
            con.execute("create table if not exists ops.published_rows (table_name varchar, key_hash ubigint, "
                        "bk_hash ubigint, content_hash ubigint, period varchar)")
            published = set(_tables(con, db))
            for table in _tables(con, "build"):
                build_cols = _columns(con, "build", table)
                cols = [(c, t) for c, t in build_cols if c not in BOOKKEEPING_COLUMNS]
                names = [c for c, _ in cols]
                select = ", ".join(_ident(c) for c in names)
                con.execute("create or replace temp table new_rows as "
                            + _state_select(table, names, {c for c, _ in build_cols}, "build"))
                delta = None
                if table in published and _columns(con, db, table) == cols:
                    delta = _apply_delta(con, table, names, select, {c for c, _ in build_cols})
                if delta is not None:
                    changes[table], touched[table] = delta
                else:
                    con.execute(f"drop table if exists marts.{_ident(table)}")
                    con.execute(f"create table marts.{_ident(table)} as select {select} from build.marts.{_ident(table)}")  # noqa: S608
                    con.execute("delete from ops.published_rows where table_name = ?", [table])
                    con.execute(
                        f"insert into ops.published_rows select ?, {_key_expr(table, names)}, n.bk_hash, "  # noqa: S608
                        f"{_content_expr(names)}, n.period from marts.{_ident(table)} as t "
                        f"inner join new_rows as n on n.key_hash = {_key_expr(table, names)}", [table])
                    changes[table], touched[table] = "copied", None
                counts[table] = con.execute(f"select count(*) from marts.{_ident(table)}").fetchone()[0]  # noqa: S608
            for gone in published - set(counts):
                con.execute(f"drop table marts.{_ident(gone)}")
                con.execute("delete from ops.published_rows where table_name = ?", [gone])
            con.execute("drop table if exists new_rows")
            con.execute("detach build")
            runs = runs_table(layout, published_run=run_id)  # noqa: F841 - read by name below
            gate = gate_results_table(layout)  # noqa: F841
            con.execute("create or replace table ops.runs as select * from runs")
            con.execute("create or replace table ops.gate_results as select * from gate")
            con.execute("create or replace table ops.publish_info as select ?::varchar as token, ?::varchar as run_id",
                        [token, run_id])
            con.execute("checkpoint")
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, layout.published)
    finally:
        tmp.unlink(missing_ok=True)
        Path(str(tmp) + ".wal").unlink(missing_ok=True)
    if not parquet_current:
        touched = dict.fromkeys(touched)
    periods = export_parquet(layout, touched)
    atomic_write_bytes(layout.marts_parquet / EXPORT_STAMP, json.dumps({"token": token, "run_id": run_id}).encode())
    return PublishResult(layout.published, counts, changes, periods)


def _published_token(layout: Layout) -> str | None:
    try:
        with duckdb.connect(str(layout.published), read_only=True) as con:
            row = con.execute("select token from ops.publish_info").fetchone()
            return row[0] if row else None
    except duckdb.Error:
        return None


def _parquet_token(layout: Layout) -> str | None:
    try:
        return json.loads((layout.marts_parquet / EXPORT_STAMP).read_text())["token"]
    except (OSError, ValueError, KeyError):
        return None


def _start_from_last_published(layout: Layout, tmp: Path) -> None:
    """The new file begins as a copy of the published one when that one carries the row
    bookkeeping (a plain file copy: no decoding, no compression); else empty."""
    if not layout.published.exists():
        return
    try:
        with duckdb.connect(str(layout.published), read_only=True) as con:
            if not _has_state(con):
                return
    except duckdb.Error:
        return  # unreadable: rebuilt from scratch below
    shutil.copyfile(layout.published, tmp)


def _apply_delta(con: duckdb.DuckDBPyConnection, table: str, names: list[str], select: str,
                 build_columns: set[str]) -> tuple[str, set[str]] | None:
    """Bring one published mart to the work database's rows: delete the changed and
    removed rows, insert the changed and new ones. Returns a summary and the months
    touched, or None when the bookkeeping does not add up (the caller copies the mart
    whole: e.g. a DuckDB upgrade that changed ``hash``).

    Candidates are the rows whose cheap `bk_hash` is new; of those, a fact recomputed
    by dbt with the same published values (its `row_hash` also covers dbt's own
    bookkeeping) only has its state updated: its row and its month are left alone."""
    t = _ident(table)
    key = _key_expr(table, names)
    con.execute("create or replace temp table old_rows as select key_hash, bk_hash, content_hash, period "
                "from ops.published_rows where table_name = ?", [table])
    con.execute("create or replace temp table candidates as select * from new_rows "
                "anti join old_rows using (key_hash, bk_hash)")
    content = "c.bk_hash" if "row_hash" not in build_columns else _content_expr(names)
    con.execute(f"create or replace temp table came as select c.key_hash, c.bk_hash, {content} as content_hash, "  # noqa: S608
                f"c.period from candidates as c inner join build.marts.{t} as t on {key} = c.key_hash"
                if "row_hash" in build_columns else
                "create or replace temp table came as select key_hash, bk_hash, bk_hash as content_hash, period "
                "from candidates")
    # Rows whose key is gone, or whose content or month changed; and the candidates that
    # really changed (a row that only moves month is rewritten too: it moves file).
    con.execute("create or replace temp table gone as select o.* from old_rows as o "
                "anti join new_rows as n on n.key_hash = o.key_hash "
                "union all select o.* from old_rows as o inner join came as c on c.key_hash = o.key_hash "
                "and (c.content_hash <> o.content_hash or c.period <> o.period)")
    con.execute("create or replace temp table changed as select c.* from came as c anti join old_rows as o "
                "on o.key_hash = c.key_hash and o.content_hash = c.content_hash and o.period = c.period")
    deleted = con.execute("select count(*) from gone").fetchone()[0]
    inserted = con.execute("select count(*) from changed").fetchone()[0]
    if deleted:
        con.execute(f"delete from marts.{t} where {_key_expr(table, names, t)} in (select key_hash from gone)")  # noqa: S608
    if inserted:
        con.execute(f"insert into marts.{t} select {select} from build.marts.{t} "  # noqa: S608
                    f"where {_key_expr(table, names, t)} in (select key_hash from changed)")
    # The state follows every candidate (changed or not) and forgets the rows gone.
    con.execute("delete from ops.published_rows where table_name = ? and key_hash in "
                "(select key_hash from gone union all select key_hash from came)", [table])
    con.execute("insert into ops.published_rows select ?, key_hash, bk_hash, content_hash, period from came", [table])
    months = {r[0] for r in con.execute("select period from gone union select period from changed").fetchall()}
    for name in ("old_rows", "candidates", "came", "gone", "changed"):
        con.execute(f"drop table {name}")
    expected = con.execute("select count(*) from new_rows").fetchone()[0]
    if con.execute(f"select count(*) from marts.{t}").fetchone()[0] != expected:  # noqa: S608
        return None
    return f"-{deleted} +{inserted}", months


def export_parquet(layout: Layout, touched: dict[str, set[str] | None]) -> int:
    """The marts as Parquet too: DuckDB 1.x and other engines cannot open 2.0 files.

    One file per mart and month, ``marts/<table>/period=<YYYY-MM|all|undated>/data.parquet``
    (read them with ``read_parquet('marts/<table>/*/*.parquet', hive_partitioning = true)``);
    only the months in ``touched`` are rewritten (``None``: all of the mart's). Each file
    is written beside its place and renamed over it. Returns the number of months written.
    """
    out = layout.marts_parquet
    out.mkdir(parents=True, exist_ok=True)
    for legacy in out.glob("*.parquet"):  # the single-file layout of earlier versions
        legacy.unlink()
    staging = out / f".export-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    written = 0
    try:
        with duckdb.connect(str(layout.published), read_only=True) as con:
            db = con.execute("select current_database()").fetchone()[0]
            for table, months in touched.items():
                if months is not None and not months:
                    continue
                period = PERIODS.get(table, "'all'").format(db=db)
                where = "" if months is None else " where period in (select unnest(?::varchar[]))"
                target = staging / table
                query = (f"select * from (select t.*, {period} as period from marts.{_ident(table)} as t){where}")  # noqa: S608
                params = [] if months is None else [sorted(months)]
                con.execute(f"copy ({query}) to {_sql_literal(target)} "
                            "(format parquet, compression zstd, partition_by (period), filename_pattern 'data')",
                            params)
                present = {p.name.removeprefix("period=") for p in target.glob("period=*")} if target.exists() else set()
                final = out / table
                final.mkdir(parents=True, exist_ok=True)
                for month in present:
                    dest = final / f"period={month}"
                    dest.mkdir(exist_ok=True)
                    [written_file] = (target / f"period={month}").glob("*.parquet")
                    os.replace(written_file, dest / "data.parquet")
                    written += 1
                # Months that lost all their rows (or, on a whole copy, every month not written).
                stale = ({p.name.removeprefix("period=") for p in final.glob("period=*")} - present
                         if months is None else set(months) - present)
                for month in stale:
                    shutil.rmtree(final / f"period={month}", ignore_errors=True)
        for gone in out.iterdir():
            if gone.is_dir() and not gone.name.startswith(".") and gone.name not in touched:
                shutil.rmtree(gone)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return written
