"""
### diplomatic_news_nightly

The nightly dipnews pipeline: pull every configured source (one mapped task per
source), land and extract the articles, `dbt build` the work database, gate it with
Great Expectations and dbt tests, and publish `warehouse/diplomacy.duckdb` only when
the gate passes. Each task is one call into the run's `extract.pipeline.Run`, the same
object the `dipnews` CLI drives, so both leave the same run record and published file.
Extraction is mapped over the landing parts to extract (one task per part, each writing
its own Parquet files), so Celery workers on several machines share it.

* **Data interval**: a run pulls articles published in its data interval. Set the
  `full_history` param to process every article regardless of date (what `make run`
  does over the bundled corpus), or `since`/`until` for an explicit range. A manual
  trigger without a logical date (`airflow dags trigger`, the UI's Trigger button)
  has no data interval: it takes every article not landed yet.
* **Idempotent**: article ids are content hashes and partitions are replaced
  whole, so rerunning or backfilling an interval yields the same marts.
* **Single writer**: every task that writes the DuckDB work database runs in the
  one-slot `duckdb_writer` pool. Pulls and extraction write Parquet only, so they
  can run in parallel.
* **Nothing to do**: a run whose window landed no new or changed article, and
  whose landed articles are all extracted by the current extractor, stops after
  `extract` (the `anything_new` short-circuit): no rebuild, no republish; its run
  record says "nothing to do". `full_history` always rebuilds.
* **Output**: the `dipnews_published_marts` asset, updated by `publish`; the
  `dipnews_after_publish` DAG is scheduled on it.

Nothing heavy is imported at module level: the file parses in milliseconds.
"""

from __future__ import annotations

import logging
import os
from datetime import datetime, timedelta

from airflow.sdk import Asset, CronTriggerTimetable, Param, dag, task

log = logging.getLogger(__name__)

SCHEDULE = os.environ.get("DIPNEWS_SCHEDULE", "0 2 * * *")
WRITER_POOL = "duckdb_writer"
PUBLISHED_MARTS = Asset(
    name="dipnews_published_marts",
    uri=f"file://{os.path.abspath(os.environ.get('DIPNEWS_WAREHOUSE', 'warehouse'))}/diplomacy.duckdb",
)


def _notify_failure(context) -> None:
    """One clear line per failed task, for whoever reads the scheduler logs."""
    ti = context.get("task_instance")
    exc = context.get("exception")
    log.error(
        "dipnews run %s: task %s failed after %s tries: %s",
        context.get("run_id"), getattr(ti, "task_id", "?"), getattr(ti, "try_number", "?"), exc,
    )


def _settings():
    from extract.config import load_settings

    return load_settings()


def _layout():
    from extract.warehouse import Layout

    return Layout(_settings().warehouse)


def asdict_of(stats) -> dict:
    from dataclasses import asdict

    return asdict(stats)


def _run(run_id: str):
    """This DAG run's pipeline run (begun by `start`): every task is a call into it."""
    from extract.pipeline import Run

    return Run.resume(_settings(), run_id)


def _check_params(params: dict) -> tuple:
    """(since, until, sources) from the run's params, checked before any work.

    A bad value can never succeed, so it fails the task at once without retries
    (AirflowFailException) and with one line saying what is wrong.
    """
    from datetime import date

    from airflow.sdk.exceptions import AirflowFailException

    def day(name: str):
        value = params.get(name) or ""
        if not isinstance(value, str):
            raise AirflowFailException(f"param {name}: {value!r} is not a date (YYYY-MM-DD)")
        if not value.strip():
            return None
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise AirflowFailException(f"param {name}: {value!r} is not a date (YYYY-MM-DD)") from None

    since, until = day("since"), day("until")
    if since and until and since > until:
        raise AirflowFailException(f"param since ({since}) is after until ({until})")
    sources = params.get("sources") or []
    if not isinstance(sources, list) or not all(isinstance(s, str) and s.strip() for s in sources):
        raise AirflowFailException(f"param sources must be a list of paths or URLs, not {sources!r}")
    from extract.config import source_from_arg

    try:
        chosen = [source_from_arg(s) for s in sources]
    except ValueError as exc:
        raise AirflowFailException(f"param sources: {exc}") from None
    if not isinstance(params.get("full_history", False), bool):
        raise AirflowFailException(f"param full_history must be true or false, not {params.get('full_history')!r}")
    return since, until, chosen


def _window(params: dict, data_interval_start, data_interval_end):
    """The publication-date window of this run."""
    from extract.sources import Window

    since, until, _ = _check_params(params)
    if params.get("full_history"):
        return Window()
    if since or until:
        return Window(since, until)
    if data_interval_start is None or data_interval_end is None:
        # A manual trigger without a logical date has no data interval (Airflow 3): take
        # every article not landed yet. Unlike full_history, nothing new means nothing to do.
        return Window()
    # Articles carry a publication *day*. The interval [start, end) covers the days
    # start.date() .. end.date() - 1: the 02:00 run of 10 June processes 9 June's news,
    # so consecutive runs neither overlap nor leave gaps.
    since = data_interval_start.date()
    until = max(since, data_interval_end.date() - timedelta(days=1))
    return Window(since, until)


default_args = {
    "owner": "dipnews",
    "retries": 1,
    "retry_delay": timedelta(minutes=2),
    "execution_timeout": timedelta(hours=1),
    "on_failure_callback": _notify_failure,
}


@dag(
    dag_id="diplomatic_news_nightly",
    # Fires at 02:00 UTC with the previous 24 hours as data interval (a plain cron
    # string would give Airflow 3's zero-length trigger interval).
    schedule=CronTriggerTimetable(SCHEDULE, timezone="UTC", interval=timedelta(days=1)),
    start_date=datetime(2024, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args=default_args,
    doc_md=__doc__,
    tags=["dipnews"],
    params={
        "full_history": Param(False, type="boolean", description="Process every article, ignoring the interval."),
        "since": Param("", type="string", description="Explicit window start (YYYY-MM-DD), overrides the interval."),
        "until": Param("", type="string", description="Explicit window end (YYYY-MM-DD)."),
        "sources": Param([], type="array", description="Paths or feed URLs replacing dipnews.toml's sources."),
    },
)
def diplomatic_news_nightly():
    @task
    def start(params=None, run_id=None, data_interval_start=None, data_interval_end=None) -> list[dict]:
        """Begin the run (its record, leftovers of killed runs cleared); the sources to pull."""
        from dataclasses import asdict

        from extract.pipeline import Run

        # Checked before any work: a bad param fails here, at once and without retries.
        window = _window(params, data_interval_start, data_interval_end)
        _, _, chosen = _check_params(params)
        Run.begin(_settings(), run_id, window)
        return [asdict(s) for s in chosen or _settings().sources]

    @task(retries=3, retry_delay=timedelta(seconds=30), retry_exponential_backoff=True,
          max_retry_delay=timedelta(minutes=10), execution_timeout=timedelta(minutes=30),
          map_index_template="{{ task.op_kwargs['source']['name'] }}")
    def pull(source: dict, run_id=None) -> dict:
        """Pull one source and land its articles (mapped: one task per source). A failed
        source is recorded and retried next night; it does not stop the others."""
        from extract.sources import SourceConfig

        return _run(run_id).pull_source(SourceConfig(**source)).as_dict()

    @task
    def land(pulled: list[dict], run_id=None) -> list[list[str]]:
        """Mark duplicates across everything pulled, record the counts; the landing parts
        to extract, one list per mapped extraction task."""
        from extract.landing import LandingStats

        run = _run(run_id)
        with run.failing_on_error():
            run.land([LandingStats.from_dict(stats) for stats in pulled])
            return run.extract_plan()

    @task(map_index_template="{{ task.op_kwargs['parts'][0] }}")
    def extract(parts: list[str], run_id=None) -> dict:
        """Extract events from landing parts (mapped: one task per part, on any worker;
        each writes its own Parquet files)."""
        return _run(run_id).extract_parts(parts)

    # none_failed: also when there was no part to extract (the mapped task is then skipped).
    @task(trigger_rule="none_failed")
    def extracted(results: list[dict], run_id=None) -> dict:
        """The extraction's totals into the run record."""
        return asdict_of(_run(run_id).extracted(list(results or [])))

    @task.short_circuit
    def anything_new(_extracted: dict, params=None, run_id=None) -> bool:
        """Go on only when the window landed something new (or `full_history` asks for a rebuild)."""
        return _run(run_id).anything_new(bool(params.get("full_history")))

    @task(pool=WRITER_POOL)
    def dbt_build(_go: bool, run_id=None) -> dict:
        """`dbt build` of staging, intermediate and marts into the work database."""
        run = _run(run_id)
        with run.failing_on_error():
            result = run.build()
        return {"success": result.success, "failures": result.failures[:20]}

    @task(pool=WRITER_POOL)
    def validate(_built: dict, run_id=None) -> dict:
        """Great Expectations suites + dbt test results; critical failures stop the run."""
        from airflow.sdk.exceptions import AirflowFailException

        from extract.stages import GateFailed

        run = _run(run_id)
        try:
            with run.failing_on_error():
                report = run.validate()
        except GateFailed as exc:
            # No retry: the same data would fail the same way.
            raise AirflowFailException(str(exc.args[0])) from exc
        return {"summary": report.summary()}

    @task(pool=WRITER_POOL, outlets=[PUBLISHED_MARTS])
    def publish(_validated: dict, run_id=None) -> dict:
        """Swap the validated marts into warehouse/diplomacy.duckdb (atomic)."""
        run = _run(run_id)
        with run.failing_on_error():
            result = run.publish()
        log.info("published %s: %s", result.path, result.tables)
        return {"path": str(result.path), "tables": result.tables}

    parts = land(pull.expand(source=start()))
    publish(validate(dbt_build(anything_new(extracted(extract.expand(parts=parts))))))


nightly = diplomatic_news_nightly()


@dag(
    dag_id="dipnews_after_publish",
    schedule=[PUBLISHED_MARTS],
    start_date=datetime(2024, 1, 1),
    catchup=False,
    tags=["dipnews"],
    doc_md="Runs after each publish: writes `warehouse/reports/latest.md`, a short daily report "
    "of the published marts (top country pairs and actors) for people who do not open the dashboard.",
)
def dipnews_after_publish():
    @task
    def write_report() -> str:
        """Summarise the newly published marts as Markdown."""
        from extract.report import write_daily_report

        return str(write_daily_report(_layout()))

    write_report()


after_publish = dipnews_after_publish()


if __name__ == "__main__":
    nightly.test(run_conf={"full_history": True})
