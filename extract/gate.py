"""The quality gate: Great Expectations suites over the work database, plus dbt tests.

Each suite in ``expectations/*.json`` names the query whose result it validates
(``meta.query``). Each expectation carries ``meta.severity``: a failing *critical*
expectation stops the run before publish; a failing *warning* is recorded and shown.
Results are kept per run in ``ops/gate_results/<run_id>.parquet`` and rendered as
GX Data Docs under ``ops/data_docs/``.

Great Expectations is imported here only (it costs ~6 s): never at CLI or DAG start-up.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa

from extract.articles import MIN_DATE
from extract.config import REPO_ROOT, Settings
from extract.landing import write_table
from extract.runs import safe
from extract.warehouse import Layout, in_work_dir

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
               docs_dir: Path | None = None) -> list[dict]:
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
        query = spec.get("meta", {}).get("query")
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
            report.results.extend(run_suites(con, load_suites(suites_dir), frames, params, run_id,
                                             layout.data_docs.resolve()))
    report.results.extend(dbt_test_rows(run_id, build_results))
    write_table(layout.gate_dir / f"{safe(run_id)}.parquet", pa.Table.from_pylist(report.results, RESULT_SCHEMA))
    stamp = gate_stamp_path(layout)
    if report.passed and layout.build_db.exists():
        stamp.write_text(json.dumps({"run_id": run_id, "build_db": _db_stamp(layout)}))
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
