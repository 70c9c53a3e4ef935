"""The DAG as Airflow sees it: imports, structure, and a real dag.test() run."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from tests.conftest import FIXTURE_ARTICLES, ROOT

DAG_FILE = ROOT / "dags" / "diplomatic_news_nightly.py"


@pytest.fixture(scope="module")
def dagbag():
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(ROOT / "dags"))


@pytest.fixture(scope="module")
def migrated_airflow():
    """A migrated SQLite metadata DB in the test AIRFLOW_HOME, with the writer pool."""
    airflow = str(Path(sys.executable).with_name("airflow"))
    subprocess.run([airflow, "db", "migrate"], check=True, capture_output=True)
    subprocess.run([airflow, "pools", "set", "duckdb_writer", "1", "single DuckDB writer"], check=True,
                   capture_output=True)


def test_dags_import_without_errors(dagbag):
    assert dagbag.import_errors == {}
    assert {"diplomatic_news_nightly", "dipnews_after_publish"} <= set(dagbag.dags)


def test_dag_file_does_no_heavy_imports():
    code = (
        "import sys, time, runpy; import airflow.sdk; t = time.perf_counter(); "
        f"runpy.run_path({str(DAG_FILE)!r}); dt = time.perf_counter() - t; "
        "heavy = [m for m in ('dbt', 'great_expectations', 'duckdb', 'pandas', 'extract.extraction') if m in sys.modules]; "
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_nightly_structure(dagbag):
    dag = dagbag.dags["diplomatic_news_nightly"]
    assert {t.task_id for t in dag.tasks} == {"start", "pull", "land", "extract", "extracted", "anything_new",
                                              "dbt_build", "validate", "publish"}
    assert dag.max_active_runs == 1 and dag.catchup is False
    assert dag.timetable.expression == "0 2 * * *"
    assert dag.timetable.interval == timedelta(days=1)
    assert dag.doc_md and "data interval" in dag.doc_md.lower()
    upstream = {t.task_id: {u.task_id for u in t.upstream_list} for t in dag.tasks}
    assert upstream["land"] == {"pull"}
    assert upstream["extract"] == {"land"}  # mapped over the landing parts land lists
    assert upstream["extracted"] == {"extract"}
    assert upstream["anything_new"] == {"extracted"}
    assert upstream["dbt_build"] == {"anything_new"}
    assert upstream["validate"] == {"dbt_build"}
    assert upstream["publish"] == {"validate"}
    for task_id in ("dbt_build", "validate", "publish"):
        assert dag.get_task(task_id).pool == "duckdb_writer", task_id
    pull = dag.get_task("pull")
    assert pull.retries == 3 and pull.retry_exponential_backoff
    assert all(t.execution_timeout is not None for t in dag.tasks)
    assert [o.name for o in dag.get_task("publish").outlets] == ["dipnews_published_marts"]
    after = dagbag.dags["dipnews_after_publish"].timetable
    assert "dipnews_published_marts" in repr(after.asset_condition)


def test_window_follows_the_data_interval():
    import runpy

    ns = runpy.run_path(str(DAG_FILE))
    window = ns["_window"]({}, datetime(2024, 6, 4, 2), datetime(2024, 6, 5, 2))
    assert (window.since, window.until) == (date(2024, 6, 4), date(2024, 6, 4))
    assert ns["_window"]({"full_history": True}, None, None).since is None
    manual = ns["_window"]({}, None, None)  # a manual trigger: no data interval
    assert (manual.since, manual.until) == (None, None)
    explicit = ns["_window"]({"since": "2024-01-01", "until": "2024-01-31"}, None, None)
    assert (explicit.since, explicit.until) == (date(2024, 1, 1), date(2024, 1, 31))


def test_dag_test_processes_only_the_interval(migrated_airflow, dagbag, tmp_path, monkeypatch):
    from airflow.utils.state import DagRunState

    warehouse = tmp_path / "warehouse"
    monkeypatch.setenv("DIPNEWS_WAREHOUSE", str(warehouse))
    dag = dagbag.dags["diplomatic_news_nightly"]
    run = dag.test(
        logical_date=datetime(2024, 6, 5, 2, tzinfo=UTC),
        run_conf={"sources": [str(FIXTURE_ARTICLES)]},
    )
    assert run.state == DagRunState.SUCCESS, f"dag run ended {run.state}"
    with duckdb.connect(str(warehouse / "diplomacy.duckdb"), read_only=True) as con:
        days = con.execute("select distinct published_date from marts.dim_articles").fetchall()
        runs = con.execute("select status, window_start, window_end from ops.runs").fetchall()
    assert [str(d[0]) for d in days] == ["2024-06-04"]
    assert [(s, str(a), str(b)) for s, a, b in runs] == [("published", "2024-06-04", "2024-06-04")]

    # The same window again: nothing new landed, so the run stops after extract as
    # "nothing to do", without rebuilding or republishing.
    from extract.runs import all_runs
    from extract.warehouse import Layout

    published = warehouse / "diplomacy.duckdb"
    before = published.stat().st_mtime_ns
    again = dag.test(
        logical_date=datetime(2024, 6, 5, 3, tzinfo=UTC),  # another run over the same window
        run_conf={"sources": [str(FIXTURE_ARTICLES)]},
    )
    assert again.state == DagRunState.SUCCESS, f"dag run ended {again.state}"
    states = {ti.task_id: ti.state for ti in again.get_task_instances()}
    assert states["anything_new"] == "success"
    assert {states[t] for t in ("dbt_build", "validate", "publish")} == {"skipped"}
    assert published.stat().st_mtime_ns == before
    record = all_runs(Layout(warehouse))[-1]
    assert record.run_id == again.run_id
    assert record.status == "nothing_to_do" and record.message.startswith("nothing to do")
