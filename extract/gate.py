"""The quality gate: Great Expectations suites over the work database, plus dbt tests.

Each suite in ``expectations/*.json`` names the query whose result it validates
(``meta.query``). Each expectation carries ``meta.severity``: a failing *critical*
expectation stops the run before publish; a failing *warning* is recorded and shown.
Results are kept per run in ``ops/gate_results/<run_id>.parquet`` and rendered as
GX Data Docs under ``ops/data_docs/``.

The cost follows the night, not the history. A suite's row-level expectations read
only the rows the last passing gate has not seen (``meta.scope``): input rows of the
landing and extraction files that are new or rewritten since (``ops/gate_scope.json``
keeps each file's stamp), and mart rows absent from the last published file (its
``ops.published_rows`` hashes). Whole-table properties that the new rows alone cannot
show (a key reused by an old row, a collapsed row count, a dangling canonical pointer)
are checked as aggregates computed in DuckDB (``table_invariants.json``), which cost a
hash aggregate over a few short columns. The first gate, a changed suite or a changed
dbt project checks every row.

Great Expectations is imported here only (it costs ~6 s): never at CLI or DAG start-up.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa

from extract.articles import MIN_DATE
from extract.config import REPO_ROOT, Settings
from extract.landing import write_table
from extract.runs import safe
from extract.warehouse import Layout, atomic_write_bytes, in_work_dir

SUITES_DIR = REPO_ROOT / "expectations"
FACT_TABLES = ("fct_visits", "fct_meetings", "fct_statements")
RESULT_SCHEMA = pa.schema(
    [
        ("run_id", pa.string()),
        ("suite", pa.string()),
        ("expectation", pa.string()),
        ("column_name", pa.string()),
        ("severity", pa.string()),
        ("success", pa.bool_()),
        ("observed", pa.string()),
        ("details", pa.string()),
    ]
)
log = logging.getLogger(__name__)


@dataclass
class GateReport:
    run_id: str
    results: list[dict] = field(default_factory=list)

    @property
    def critical_failures(self) -> list[dict]:
        return [r for r in self.results if not r["success"] and r["severity"] == "critical"]

    @property
    def warnings(self) -> list[dict]:
        return [r for r in self.results if not r["success"] and r["severity"] == "warning"]

    @property
    def passed(self) -> bool:
        return not self.critical_failures

    def attributable(self) -> dict[str, str] | None:
        """article_id -> reason for every critical failure when each one is pinned on
        input articles (suites with ``meta.quarantine_by``); None when some failure is
        not (a mart invariant, a row count, a dbt error): then nothing is quarantined."""
        blamed: dict[str, str] = {}
        for failure in self.critical_failures:
            articles = failure.get("articles")
            if not articles:
                return None
            column = f" [{failure['column_name']}]" if failure.get("column_name") else ""
            reason = f"gate: {failure['suite']}: {failure['expectation']}{column}"
            for article_id in articles:
                blamed.setdefault(article_id, reason)
        return blamed

    def summary(self) -> str:
        n = len(self.results)
        ok = sum(r["success"] for r in self.results)
        text = f"{ok}/{n} checks passed"
        if self.critical_failures:
            names = ", ".join(f"{r['suite']}: {r['expectation']}" for r in self.critical_failures[:5])
            text += f"; critical failures: {names}"
        if self.warnings:
            text += f"; {len(self.warnings)} warning(s)"
        return text


def load_suites(suites_dir: Path = SUITES_DIR) -> list[dict]:
    return [json.loads(p.read_text()) for p in sorted(suites_dir.glob("*.json"))]


# ------------------------------------------------------------------ the gate's scope
SCOPE_VERSION = "1"
# Input files whose rows the suites read, relative to the warehouse root.
SCOPED_FILES = ("landing/articles/**/*.parquet", "extracted/*/**/*.parquet")


@dataclass
class Scope:
    """What this gate reads. ``files``: the input files new or rewritten since the last
    passing gate (paths as the staging views name them); ``published``: whether mart rows
    already in the published file are skipped. ``full``: every row is read."""

    fingerprint: str
    stamps: dict[str, list[int]]
    files: set[str] | None  # None: every file
    published: bool

    @property
    def full(self) -> bool:
        return self.files is None and not self.published


def _suites_fingerprint(suites_dir: Path, layout: Layout) -> str:
    """The suites and the dbt project the last gate ran with: a change to either can
    change what an old row means, so it makes the next gate read every row."""
    h = hashlib.sha256(SCOPE_VERSION.encode())
    for path in sorted(suites_dir.glob("*.json")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    project = layout.work / "dbt_target" / "dipnews_project.sha256"
    h.update(project.read_bytes() if project.exists() else b"no project stamp")
    return h.hexdigest()


def _file_stamps(layout: Layout) -> dict[str, list[int]]:
    """Each input file, named as the staging views name it (relative to the work
    directory dbt runs in, see ``extract.build.dbt_env``), with its size and mtime."""
    stamps: dict[str, list[int]] = {}
    for pattern in SCOPED_FILES:
        for path in layout.root.glob(pattern):
            stat = path.stat()
            stamps[f"../{path.relative_to(layout.root).as_posix()}"] = [stat.st_size, stat.st_mtime_ns]
    return stamps


def gate_scope(layout: Layout, suites_dir: Path = SUITES_DIR, full: bool = False) -> Scope:
    fingerprint = _suites_fingerprint(suites_dir, layout)
    stamps = _file_stamps(layout)
    try:
        last = json.loads(layout.gate_scope.read_text())
    except (OSError, ValueError):
        last = None
    if full or not last or last.get("fingerprint") != fingerprint:
        return Scope(fingerprint, stamps, None, False)
    seen = last.get("files") or {}
    return Scope(fingerprint, stamps, {f for f, st in stamps.items() if seen.get(f) != st}, _has_published_rows(layout))


def _has_published_rows(layout: Layout) -> bool:
    if not layout.published.exists():
        return False
    try:
        with duckdb.connect(str(layout.published), read_only=True) as con:
            from extract.publish import _has_state

            return _has_state(con)
    except duckdb.Error:
        return False


def save_scope(layout: Layout, scope: Scope) -> None:
    """After a passing gate: every current file has been validated (now or before)."""
    atomic_write_bytes(layout.gate_scope, json.dumps({"fingerprint": scope.fingerprint, "files": scope.stamps}).encode())


def _prepare_scope(con: duckdb.DuckDBPyConnection, layout: Layout, scope: Scope) -> None:
    """Temp tables the scoped queries read: the new input files, and the row hashes of
    the last published marts."""
    # On a full gate every file is new: then no key counts as reused by an old row (the
    # row-level uniqueness checks see, and blame, every repeat).
    new = scope.stamps.keys() if scope.files is None else scope.files
    con.execute("create or replace temp table gate_new_files (source_file varchar)")
    if new:
        con.execute("insert into gate_new_files select unnest(?::varchar[])", [sorted(new)])
    if scope.published:
        con.execute(f"attach {_sql_literal(layout.published.resolve())} as gate_published (read_only)")


def _sql_literal(value) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def _scoped_relation(con: duckdb.DuckDBPyConnection, relation: str, by: str, scope: Scope) -> str | None:
    """The subquery that stands for ``relation`` in a scoped suite query (None: the
    relation is read whole)."""
    if by == "published":
        if not scope.published:
            return None
        from extract.publish import BOOKKEEPING_COLUMNS, _content_expr, _ident

        schema, table = relation.split(".")
        columns = [r[0] for r in con.execute(
            "select column_name from duckdb_columns() where database_name = current_database() "
            "and schema_name = ? and table_name = ? order by column_index", [schema, table]).fetchall()]
        names = [c for c in columns if c not in BOOKKEEPING_COLUMNS]
        # The same row hash publish keeps: a row whose hash the published file holds
        # passed an earlier gate, unchanged.
        bk = "hash(t.row_hash)" if "row_hash" in columns else _content_expr(names)
        return (f"(select t.* from {_ident(schema)}.{_ident(table)} as t where {bk} not in "  # noqa: S608 - names from the catalog
                f"(select p.bk_hash from gate_published.ops.published_rows as p where p.table_name = {_sql_literal(table)}))")
    if scope.files is None:
        return None
    return f"(select * from {relation} as r where r.{by} in (select source_file from gate_new_files))"  # noqa: S608


def suite_query(con: duckdb.DuckDBPyConnection, spec: dict, scope: Scope | None) -> str | None:
    """The suite's query, its scoped relations replaced by their new rows."""
    meta = spec.get("meta", {})
    query = meta.get("query")
    if not query or scope is None:
        return query
    for relation, by in (meta.get("scope") or {}).items():
        scoped = _scoped_relation(con, relation, by, scope)
        if scoped is not None:
            query = re.sub(rf"(?<![\w.]){re.escape(relation)}(?![\w])", lambda _m, s=scoped: s, query)
    return query


def published_counts(layout: Layout) -> dict[str, int]:
    """Row counts of the fact tables in the last published file (empty if none)."""
    if not layout.published.exists():
        return {}
    try:
        with duckdb.connect(str(layout.published), read_only=True) as con:
            return {t: con.execute(f"select count(*) from marts.{t}").fetchone()[0] for t in FACT_TABLES}  # noqa: S608 - fixed names
    except duckdb.Error as exc:
        log.warning("could not read the published warehouse for row-count bounds: %s", exc)
        return {}


def expectation_parameters(con: duckdb.DuckDBPyConnection, layout: Layout, settings: Settings) -> dict:
    last = published_counts(layout)
    params: dict = {
        "iso3_codes": [r[0] for r in con.execute("select iso3 from reference.countries order by 1").fetchall()],
        # Publication dates must be plausible: the bounds the parsers apply (not before
        # 1900; the suite allows one day of slack: a feed in UTC+14 is already on tomorrow).
        "max_article_age_days": (date.today() - MIN_DATE).days,
        "max_quarantine_ratio": settings.gate.max_quarantine_ratio,
    }
    for table in FACT_TABLES:
        params[f"min_rows_{table}"] = int(last.get(table, 0) * settings.gate.min_row_ratio)
    return params


def _describe(cfg) -> tuple[str, str | None]:
    kwargs = cfg.kwargs
    column = kwargs.get("column") or (",".join(kwargs["column_list"]) if kwargs.get("column_list") else None)
    return cfg.type, column


def _observed(result) -> str:
    res = result.result or {}
    if "observed_value" in res:
        return str(res["observed_value"])[:200]
    if "unexpected_count" in res:
        sample = res.get("partial_unexpected_list") or []
        return f"{res['unexpected_count']} unexpected, e.g. {sample[:3]}"[:200]
    return ""


def run_suites(con: duckdb.DuckDBPyConnection, suites: list[dict], frames: dict, params: dict, run_id: str,
               docs_dir: Path | None = None, scope: Scope | None = None) -> list[dict]:
    import great_expectations as gx
    from great_expectations.core.run_identifier import RunIdentifier
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    if docs_dir is not None:
        context.add_data_docs_site(
            site_name="dipnews",
            site_config={
                "class_name": "SiteBuilder",
                "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir)},
                "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            },
        )
    source = context.data_sources.add_pandas("dipnews")
    rows: list[dict] = []
    for spec in suites:
        name = spec["name"]
        query = suite_query(con, spec, scope)
        try:
            df = frames[spec["meta"]["frame"]] if not query else con.execute(query).df()
        except duckdb.Error as exc:
            # A table the suite reads is missing or broken (a failed dbt build): that
            # is a critical failure of the suite, not a crash of the gate.
            rows.append({"run_id": run_id, "suite": name, "expectation": "suite query runs", "column_name": None,
                         "severity": "critical", "success": False, "observed": "query failed",
                         "details": str(exc)[:500]})
            continue
        suite = context.suites.add(gx.ExpectationSuite(name=name, expectations=spec["expectations"],
                                                       meta=spec.get("meta"), notes=spec.get("notes")))
        batch = source.add_dataframe_asset(name=name).add_batch_definition_whole_dataframe(name)
        definition = context.validation_definitions.add(gx.ValidationDefinition(name=name, data=batch, suite=suite))
        blame = spec.get("meta", {}).get("quarantine_by")
        if blame and blame not in df.columns:
            blame = None
        validation = definition.run(
            batch_parameters={"dataframe": df},
            expectation_parameters=params,
            run_id=RunIdentifier(run_name=run_id),
            # Input suites name the articles behind each failure, so that the run can
            # quarantine them instead of failing every later night on the same rows.
            result_format={"result_format": "COMPLETE", "unexpected_index_column_names": [blame]} if blame
            else "SUMMARY",
        )
        for r in validation.results:
            etype, column = _describe(r.expectation_config)
            rows.append(
                {
                    "run_id": run_id,
                    "suite": name,
                    "expectation": etype,
                    "column_name": column,
                    "severity": (r.expectation_config.meta or {}).get("severity", "critical"),
                    "success": bool(r.success),
                    "observed": _observed(r),
                    "details": str(r.exception_info.get("exception_message") or "")[:500]
                    if r.exception_info and r.exception_info.get("raised_exception")
                    else "",
                    "articles": sorted({str(u[blame]) for u in (r.result or {}).get("unexpected_index_list") or []
                                        if isinstance(u, dict) and u.get(blame) is not None}) if blame else [],
                }
            )
    if docs_dir is not None:
        # Rendered once for all suites (a per-suite docs action rebuilds the site each time).
        context.build_data_docs()
    return rows


def dbt_test_rows(run_id: str, build_results: list[dict]) -> list[dict]:
    """dbt tests are part of the gate: a failing dbt test is a critical failure; a stale
    source (dbt source freshness) is a warning."""
    rows = []
    for r in build_results:
        if r["resource_type"] == "source":
            rows.append({"run_id": run_id, "suite": "dbt", "expectation": f"source freshness: {r['name']}",
                         "column_name": None, "severity": "warning", "success": r["status"] == "pass",
                         "observed": r["status"], "details": r["message"][:500]})
            continue
        if r["resource_type"] not in ("test", "unit_test") and r["status"] not in ("error", "runtime error"):
            continue
        rows.append(
            {
                "run_id": run_id,
                "suite": "dbt",
                "expectation": r["name"],
                "column_name": None,
                "severity": "critical",
                "success": r["status"] in ("pass", "success"),
                "observed": r["status"] if r["resource_type"] != "test" else f"{r['failures']} failing rows",
                "details": r["message"][:500],
            }
        )
    return rows


def validate(layout: Layout, settings: Settings, run_id: str, run_inputs: dict, build_results: list[dict],
             suites_dir: Path = SUITES_DIR) -> GateReport:
    """Validate the work database; write the results; return the report."""
    import pandas as pd

    scope = gate_scope(layout, suites_dir)
    # Share of everything the sources offered that could not be read. Inputs outside
    # the window count in the denominator: undatable junk is seen by every windowed
    # run, and must not fail a night whose one article is fine.
    seen = run_inputs.get("seen", 0)
    ratio = run_inputs.get("quarantined", 0) / seen if seen else 0.0
    frames = {"run_inputs": pd.DataFrame([{"quarantine_ratio": ratio}])}
    report = GateReport(run_id)
    if not layout.build_db.exists():
        # dbt failed before creating the work database: nothing to validate, and
        # certainly nothing to publish.
        report.results.append({"run_id": run_id, "suite": "dbt", "expectation": "work database exists",
                               "column_name": None, "severity": "critical", "success": False,
                               "observed": "missing", "details": str(layout.build_db)})
    else:
        with in_work_dir(layout), duckdb.connect(str(layout.build_db.resolve()), read_only=True) as con:
            params = expectation_parameters(con, layout, settings)
            _prepare_scope(con, layout, scope)
            report.results.extend(run_suites(con, load_suites(suites_dir), frames, params, run_id,
                                             layout.data_docs.resolve(), scope))
    report.results.extend(dbt_test_rows(run_id, build_results))
    write_table(layout.gate_dir / f"{safe(run_id)}.parquet", pa.Table.from_pylist(report.results, RESULT_SCHEMA))
    stamp = gate_stamp_path(layout)
    if report.passed and layout.build_db.exists():
        stamp.write_text(json.dumps({"run_id": run_id, "build_db": _db_stamp(layout)}))
        save_scope(layout, scope)
    else:
        stamp.unlink(missing_ok=True)
    return report


def gate_stamp_path(layout: Layout) -> Path:
    return layout.gate_stamp


def _db_stamp(layout: Layout) -> list[int]:
    stat = layout.build_db.stat()
    return [stat.st_size, stat.st_mtime_ns]


def gate_passed(layout: Layout) -> bool:
    """Whether the work database, as it is now, passed the gate (what `dipnews publish` requires)."""
    try:
        stamp = json.loads(gate_stamp_path(layout).read_text())
        return layout.build_db.exists() and stamp.get("build_db") == _db_stamp(layout)
    except (OSError, ValueError):
        return False
