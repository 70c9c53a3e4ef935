"""Publish: copy the validated marts into a fresh file and swap it in atomically.

Readers (analysts, the dashboard) open ``diplomacy.duckdb`` read-only. DuckDB lets
no process open a file that a writer holds, so the published file is never written
in place: a new file is built beside it and ``os.replace``d over it. Readers that
already had the old file open keep reading the old version; new readers get the new.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from extract.gate import RESULT_SCHEMA
from extract.runs import runs_table
from extract.warehouse import Layout, atomic_write_bytes


@dataclass
class PublishResult:
    path: Path
    tables: dict[str, int]


# Columns the incremental dbt build keeps for itself (hashes of a row and of its
# inputs). They depend on file paths and times, not on the facts, so they stay in the
# work database and are not published.
BOOKKEEPING_COLUMNS = frozenset({"row_hash", "source_signature"})


def _sql_literal(path: Path) -> str:
    # ATTACH takes no bound parameters; the path is ours, but quote it properly anyway.
    return "'" + str(path).replace("'", "''") + "'"


def gate_results_table(layout: Layout) -> pa.Table:
    files = sorted(layout.gate_dir.glob("*.parquet"))
    if not files:
        return RESULT_SCHEMA.empty_table()
    return pa.concat_tables([pq.read_table(f, schema=RESULT_SCHEMA) for f in files])


def publish(layout: Layout, run_id: str) -> PublishResult:
    tmp = layout.root / f".{layout.published.name}.{os.getpid()}.tmp"
    tmp.unlink(missing_ok=True)
    counts: dict[str, int] = {}
    try:
        with duckdb.connect(str(tmp)) as con:
            con.execute(f"attach {_sql_literal(layout.build_db)} as build (read_only)")
            tables = [
                r[0]
                for r in con.execute(
                    "select table_name from duckdb_tables() where database_name = 'build' and schema_name = 'marts' "
                    "order by table_name"
                ).fetchall()
            ]
            con.execute("create schema marts")
            for table in tables:
                columns = [
                    r[0] for r in con.execute(
                        "select column_name from duckdb_columns() where database_name = 'build' "
                        "and schema_name = 'marts' and table_name = ? order by column_index", [table]
                    ).fetchall()
                    if r[0] not in BOOKKEEPING_COLUMNS
                ]
                select = ", ".join(f'"{c}"' for c in columns)
                con.execute(f'create table marts."{table}" as select {select} from build.marts."{table}"')  # noqa: S608 - names from the catalog
                counts[table] = con.execute(f'select count(*) from marts."{table}"').fetchone()[0]  # noqa: S608
            con.execute("detach build")
            con.execute("create schema ops")
            runs = runs_table(layout)  # noqa: F841 - read by name below
            gate = gate_results_table(layout)  # noqa: F841
            con.execute("create table ops.runs as select * from runs")
            con.execute("create table ops.gate_results as select * from gate")
            con.execute("checkpoint")
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, layout.published)
    finally:
        tmp.unlink(missing_ok=True)
        Path(str(tmp) + ".wal").unlink(missing_ok=True)
    export_parquet(layout, list(counts))
    return PublishResult(layout.published, counts)


def export_parquet(layout: Layout, tables: list[str]) -> None:
    """The marts as Parquet too: DuckDB 1.x and other engines cannot open 2.0 files."""
    out = layout.marts_parquet
    out.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(layout.published), read_only=True) as con:
        for table in tables:
            data = con.sql(f'select * from marts."{table}"').to_arrow_table()  # noqa: S608 - names from the catalog
            sink = pa.BufferOutputStream()
            pq.write_table(data, sink, compression="zstd")
            atomic_write_bytes(out / f"{table}.parquet", sink.getvalue().to_pybytes())
    for stale in out.glob("*.parquet"):
        if stale.stem not in tables:
            stale.unlink()
