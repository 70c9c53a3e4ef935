"""Every stage command fails like `run`: one clear line, a non-zero exit, no traceback;
the DAG refuses bad params before any work, without retries."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.reliability.conftest import dipnews


@pytest.fixture(scope="module")
def broken_warehouse(tmp_path_factory):
    """A warehouse whose only landing part is not Parquet, and that has no work database."""
    wh = tmp_path_factory.mktemp("broken") / "wh"
    part = wh / "landing/articles/source=x/published_month=2024-01/part-0000000000000000.parquet"
    part.parent.mkdir(parents=True)
    part.write_bytes(b"PAR1 not parquet at all")
    return wh


@pytest.mark.parametrize(("args", "says"), [
    (["extract"], "extract failed: CorruptFile:"),
    (["pull", "--source", "/no/such/dir"], "pull failed: source 'dir' cannot be read: /no/such/dir"),
    (["build"], "dbt build: FAILED"),
    (["publish"], "nothing to publish: the work database"),
    (["validate"], ""),
])
def test_stage_commands_print_one_line_and_exit_non_zero(broken_warehouse, tmp_path, args, says):
    result = dipnews(*args, "--warehouse", tmp_path / "fresh" if args[0] == "pull" else broken_warehouse)
    assert result.returncode != 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    errors = [line for line in (result.stderr + result.stdout).splitlines()
              if line.startswith(("Error:", "dbt build: FAILED"))]
    assert len(errors) == 1 or (args == ["validate"] and result.returncode == 1), result.stderr[-3000:]
    if says:
        assert says in errors[0], errors


def _start_task():
    from airflow.dag_processing.dagbag import DagBag

    from tests.conftest import ROOT

    dag = DagBag(dag_folder=str(ROOT / "dags")).dags["diplomatic_news_nightly"]
    return dag.get_task("start")


@pytest.mark.parametrize(("params", "says"), [
    ({"since": "garbage"}, "param since: 'garbage' is not a date"),
    ({"since": "2024-02-01", "until": "2024-01-01"}, "is after until"),
    ({"until": "2024-02-30"}, "param until"),
    ({"sources": ["ftp://example.org/x"]}, "param sources"),
    ({"sources": "seeds/articles"}, "param sources must be a list"),
])
def test_bad_dag_params_fail_at_once_without_retries(params, says, tmp_path, monkeypatch):
    from airflow.sdk.exceptions import AirflowFailException

    monkeypatch.setenv("DIPNEWS_WAREHOUSE", str(tmp_path / "wh"))
    task = _start_task()
    start = datetime(2024, 1, 1, tzinfo=UTC)
    with pytest.raises(AirflowFailException, match=says):
        task.python_callable(params={"full_history": False, "since": "", "until": "", "sources": [], **params},
                             run_id="bad", data_interval_start=start, data_interval_end=start)
    assert not (tmp_path / "wh").exists()  # refused before any work
