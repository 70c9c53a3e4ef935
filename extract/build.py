"""The build stage: ``dbt build`` of the work database from the landed Parquet."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from extract.config import REPO_ROOT
from extract.warehouse import Layout, in_work_dir

DBT_PROJECT = REPO_ROOT / "dbt_project"


def dbt_project_dir() -> Path:
    """The dbt project; DIPNEWS_DBT_PROJECT points at another (a fork, or a test's copy)."""
    return Path(os.environ.get("DIPNEWS_DBT_PROJECT", DBT_PROJECT))


class BuildFailed(RuntimeError):
    """dbt reported errors or failing tests."""


@dataclass
class BuildResult:
    success: bool
    results: list[dict] = field(default_factory=list)  # one per node: name, type, status, message

    @property
    def failures(self) -> list[dict]:
        return [r for r in self.results if r["status"] in ("error", "fail", "runtime error")]


def dbt_env(layout: Layout) -> dict[str, str]:
    """Paths for dbt, relative to the work directory dbt runs in.

    Relative on purpose: the warehouse path is pasted into SQL text by the sources
    (read_parquet('...')), and dbt-duckdb's seed loading fails on paths with spaces
    or quotes; ``work/`` and ``..`` have neither, whatever the user's path is.
    """
    return {
        "DIPNEWS_WAREHOUSE": "..",
        "DIPNEWS_BUILD_DB": layout.build_db.name,
        # dbt writes logs and artefacts under the warehouse, never into the source tree.
        "DBT_TARGET_PATH": str((layout.work / "dbt_target").resolve()),
        "DBT_LOG_PATH": str((layout.work / "dbt_logs").resolve()),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
        # The target path is per warehouse and kept, so partial parsing is safe (and
        # saves ~2.5 s per build); dbt re-parses whatever changed in the project.
        "DBT_PARTIAL_PARSE": "True",
    }


def _project_fingerprint(project: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(project.rglob("*")):
        if path.is_file() and path.suffix in {".sql", ".yml", ".yaml"} and "target" not in path.parts:
            h.update(str(path.relative_to(project)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def _invalidate_stale_partial_parse(layout: Layout, project: Path) -> None:
    """Drop dbt's saved parse when the project changed since it was written.

    dbt 1.11's partial parsing misses some edits (a unit test renamed in a YAML file
    survived as a stale node and failed to compile), so a new project version (an
    upgrade, a fork) starts from a full parse; unchanged nights keep the saving.
    """
    target = layout.work / "dbt_target"
    stamp = target / "dipnews_project.sha256"
    fingerprint = _project_fingerprint(project)
    if not stamp.exists() or stamp.read_text() != fingerprint:
        (target / "partial_parse.msgpack").unlink(missing_ok=True)
        target.mkdir(parents=True, exist_ok=True)
        stamp.write_text(fingerprint)


def read_build_results(layout: Layout) -> list[dict]:
    """The node results the last build left for the gate ([] when nothing was built)."""
    try:
        return json.loads(layout.build_results.read_text())
    except (OSError, ValueError):
        return []


def run_dbt(layout: Layout, args: list[str]) -> BuildResult:
    """Invoke dbt in this process (about 5x cheaper than a CLI subprocess here)."""
    from dbt.cli.main import dbtRunner  # heavy import, only when building

    _invalidate_stale_partial_parse(layout, dbt_project_dir())
    env = dbt_env(layout)
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        with in_work_dir(layout):
            res = dbtRunner().invoke(
                [*args, "--project-dir", str(dbt_project_dir()), "--profiles-dir", str(dbt_project_dir()), "--quiet"]
            )
    finally:
        _release_duckdb()
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    results: list[dict] = []
    for r in getattr(res.result, "results", None) or []:
        node = r.node
        results.append(
            {
                "name": node.name,
                "unique_id": node.unique_id,
                "resource_type": str(node.resource_type),
                "status": str(r.status),
                "message": r.message or "",
                "failures": r.failures or 0,
            }
        )
    if res.exception is not None:
        results.append(
            {"name": "dbt", "unique_id": "dbt", "resource_type": "invocation", "status": "error",
             "message": str(res.exception), "failures": 1}
        )
    return BuildResult(success=bool(res.success), results=results)


def _release_duckdb() -> None:
    """Close the DuckDB handle dbt-duckdb keeps open for the life of the process.

    dbt-duckdb holds one process-wide connection (its "environment"); while it is
    open, this process cannot open the build file read-only for the gate, and no
    other process can open it at all. Closing it hands the file back.
    """
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager

    env = DuckDBConnectionManager._ENV
    if env is not None:
        env.close()
    DuckDBConnectionManager.close_all_connections()


def build(layout: Layout, full_refresh: bool = False) -> BuildResult:
    """Rebuild the work database: seeds, staging, intermediate, marts and their tests."""
    from extract.extracted import ensure_schema_files as ensure_extracted
    from extract.landing import ensure_schema_files as ensure_landing

    layout.ensure()
    ensure_landing(layout)
    ensure_extracted(layout)
    args = ["build"] + (["--full-refresh"] if full_refresh else [])
    result = run_dbt(layout, args)
    if result.success:
        # Source freshness is advice, not a gate: its results join the build's and the
        # gate records them as warnings.
        result.results.extend(run_dbt(layout, ["source", "freshness"]).results)
    layout.build_results.write_text(json.dumps(result.results, indent=1))
    return result
