"""One pipeline run: its record, its window, its stage results and its status, in one place.

``dipnews run``, the stage commands (``dipnews pull``, ``extract``, ``build``,
``validate``, ``publish``) and the Airflow DAG's tasks are all thin calls into a
:class:`Run`; what each stage does to the warehouse is in :mod:`extract.stages`. So a
night done stage by stage, by hand or by Airflow, leaves the same run record and the
same published file as ``dipnews run``.

A run is begun once (:meth:`Run.begin`: ``dipnews run``, ``dipnews pull``, the DAG's
``start`` task) and found again by each later stage, in another process or on another
machine (:meth:`Run.resume`). Its record, ``ops/runs/<run id>.json``, is its whole state;
``ops/current_run.json`` (``Layout.current_run``) names the run that stage commands typed
by hand continue. What one stage hands to the next is a file the layout names.

Status: ``running`` -> ``publishing`` -> ``published``. ``gate_failed`` and ``failed``
end a run early, ``nothing_to_do`` ends a scheduled run whose window brought nothing new;
a run whose process died while ``running`` or ``publishing`` is marked ``interrupted``
by the next run that begins.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import date

from extract import stages
from extract.config import Settings
from extract.landing import LandingStats
from extract.runs import UNFINISHED, RunRecord, all_runs, new_run_id, now, safe
from extract.sources import SourceConfig, SourcesFailed, Window
from extract.stages import ExtractStats, GateFailed, Progress
from extract.warehouse import Layout, atomic_write_bytes, clean_temporaries

log = logging.getLogger(__name__)
# Airflow refuses to map a task over more than [core] max_map_length (1,024) items.
MAX_EXTRACT_TASKS = 512


@dataclass
class RunResult:
    record: RunRecord
    published: bool
    gate_summary: str = ""
    failures: list[dict] = field(default_factory=list)


class Run:
    """A run of the pipeline over one warehouse. Each stage is a method: it does the
    stage (``extract.stages``), writes what it did into the record and saves it, so the
    next stage, in any process, finds it there."""

    def __init__(self, settings: Settings, record: RunRecord) -> None:
        self.settings = settings
        self.layout = Layout(settings.warehouse)
        self.record = record

    # ------------------------------------------------------------ begin, resume
    @classmethod
    def begin(cls, settings: Settings, run_id: str | None = None, window: Window | None = None) -> Run:
        """Begin a run: folders, leftovers of killed runs, a new record (``running``).

        The caller holds the warehouse (the run lock, or the DAG's one active run), so a
        run still unfinished was killed: it is marked ``interrupted``.
        """
        layout = Layout(settings.warehouse)
        layout.ensure()
        clean_temporaries(layout.root)
        for stale in all_runs(layout):
            if stale.status in UNFINISHED:
                was = stale.status
                stale.status = "interrupted"
                stale.finished_at = stale.finished_at or now()
                stale.message = (f"the process ended while {was} (killed or crashed)"
                                 + (": the published file is the one of an earlier run" if was == "publishing" else ""))
                stale.save(layout)
        window = window or Window()
        record = RunRecord(run_id=run_id or new_run_id(), window_start=window.since and window.since.isoformat(),
                           window_end=window.until and window.until.isoformat())
        run = cls(settings, record)
        run.save()
        atomic_write_bytes(layout.current_run, json.dumps({"run_id": record.run_id}).encode())
        return run

    @classmethod
    def resume(cls, settings: Settings, run_id: str | None = None) -> Run:
        """The run ``run_id`` (a DAG task's: begun by the ``start`` task), else the open run
        the stage commands continue, else a new run (a stage command typed on its own
        is a run of its own)."""
        layout = Layout(settings.warehouse)
        if run_id is not None:
            if not (layout.runs_dir / f"{safe(run_id)}.json").exists():
                raise LookupError(f"no run {run_id!r} in {layout.root}: it was never begun")
            return cls(settings, RunRecord.load(layout, run_id))
        current = cls.open_run_id(layout)
        if current is not None:
            return cls(settings, RunRecord.load(layout, current))
        return cls.begin(settings)

    @staticmethod
    def open_run_id(layout: Layout) -> str | None:
        """The run ``ops/current_run.json`` names, if it is still running."""
        try:
            run_id = json.loads(layout.current_run.read_text())["run_id"]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if not (layout.runs_dir / f"{safe(run_id)}.json").exists():
            return None
        return run_id if RunRecord.load(layout, run_id).status == "running" else None

    # ------------------------------------------------------------------ record
    @property
    def run_id(self) -> str:
        return self.record.run_id

    @property
    def window(self) -> Window:
        r = self.record
        return Window(date.fromisoformat(r.window_start) if r.window_start else None,
                      date.fromisoformat(r.window_end) if r.window_end else None)

    def save(self) -> None:
        self.record.save(self.layout)

    def _end(self, status: str, message: str) -> None:
        self.record.status = status
        self.record.finished_at = now()
        self.record.message = message
        self.save()
        self.layout.current_run.unlink(missing_ok=True)

    def fail(self, exc: BaseException) -> None:
        """A stage raised: the run ends ``failed`` (unless it already ended otherwise)."""
        if self.record.status == "running":
            self._end("failed", f"{type(exc).__name__}: {exc}")

    @contextmanager
    def failing_on_error(self) -> Iterator[Run]:
        """Around a stage called on its own (a stage command, a DAG task): an exception
        ends the run ``failed`` before it propagates."""
        try:
            yield self
        except (GateFailed, SourcesFailed):
            raise  # already recorded by the stage
        except BaseException as exc:
            self.fail(exc)
            raise

    # ------------------------------------------------------------------- pull
    def pull(self, sources: tuple[SourceConfig, ...] | list[SourceConfig] | None = None,
             progress: Progress | None = None) -> LandingStats:
        """Pull every source, land, mark duplicates, record the counts.

        A source that fails costs only itself: the others are landed and the run goes on
        (the failed ones are named in the record and retried next run); the
        SourcesFailed is raised after recording, for the caller to report. When every
        source failed there is nothing new to publish: the run ends ``failed``.
        """
        chosen = tuple(sources or self.settings.sources)
        try:
            stats = stages.pull(self.layout, chosen, self.window, progress)
        except SourcesFailed as failed:
            if len(failed.failures) >= len(chosen) or failed.stats is None:
                self.fail(failed)
                raise
            self.record.message = f"{len(failed.failures)} of {len(chosen)} source(s) failed: {failed}"
            self._record_landing(failed.stats)
            raise
        self._record_landing(stats)
        return stats

    def pull_source(self, source: SourceConfig) -> LandingStats:
        """Land one source without touching the record: the DAG's mapped pulls run in
        parallel, and :meth:`land` records them all. Duplicates are marked there too
        (parallel pulls must not update the shared MinHash index at the same time). A
        failed source is logged and its stats say so; it is retried next run."""
        try:
            return stages.pull(self.layout, [source], self.window, dedupe=False)
        except SourcesFailed as failed:
            if failed.stats is None:
                raise
            log.error("source %s failed: %s", source.name, failed)
            return failed.stats

    def land(self, pulled: list[LandingStats]) -> LandingStats:
        """After the DAG's mapped pulls: mark duplicates across all of them, record the counts."""
        total = LandingStats()
        for stats in pulled:
            total.merge(stats)  # failed_sources included
        total.dedup = stages.dedupe_articles(self.layout, sorted(total.partitions))
        if total.failed_sources:
            names = ", ".join(f["source"] for f in total.failed_sources)
            self.record.message = f"{len(total.failed_sources)} of {len(pulled)} source(s) failed: {names}"
        self._record_landing(total)
        return total

    def _record_landing(self, stats: LandingStats) -> None:
        r = self.record
        r.articles_seen += stats.seen
        r.articles_loaded += stats.loaded
        r.articles_unchanged += stats.unchanged
        r.articles_quarantined += stats.quarantined
        r.articles_duplicate += stats.duplicate
        r.articles_skipped += stats.skipped
        r.stages["pull"] = stats.as_dict()
        if stats.failed_sources:
            r.stages["failed_sources"] = stats.failed_sources
        self.save()

    # ---------------------------------------------------------------- extract
    def extract(self, progress: Progress | None = None, workers: int | None = None) -> ExtractStats:
        """Extract every new or changed landing part, on a local process pool."""
        return self.extracted([stages.extract(self.layout, workers=workers, progress=progress)])

    def extract_plan(self, max_tasks: int = MAX_EXTRACT_TASKS) -> list[list[str]]:
        """The landing parts to extract, one list per task of the DAG's mapped extraction:
        one part each (a part holds up to 20,000 articles and is extracted whole), or, for
        a backfill of more parts than ``max_tasks``, consecutive parts shared evenly."""
        parts = stages.prepare_extraction(self.layout)
        tasks = min(len(parts), max_tasks)
        return [parts[i * len(parts) // tasks:(i + 1) * len(parts) // tasks] for i in range(tasks)]

    def extract_parts(self, parts: list[str]) -> dict:
        """One mapped extraction task: extract these parts, each into its own immutable
        Parquet files. The record is written once, by :meth:`extracted`."""
        return asdict(stages.extract_parts(self.layout, parts, workers=1))

    def extracted(self, results: list[ExtractStats | dict]) -> ExtractStats:
        """The extraction's totals into the record (after the mapped tasks, or the pool)."""
        total = ExtractStats()
        for result in results:
            total.merge(result if isinstance(result, ExtractStats) else ExtractStats(**result))
        if total.failed:
            # Recorded here, in the one process that holds the run (the mapped tasks and
            # the pool's workers only report them): the night goes on without them, and
            # `dipnews quarantine list` shows each with the error.
            n = stages.quarantine_failing_articles(self.layout, total.failed)
            log.warning("extraction failed on %d article(s); evicted: %s", n, sorted(total.failed))
            self.record.stages["extract_quarantine"] = {"articles": len(total.failed)}
        self.record.stages["extract"] = asdict(total)
        self.save()
        return total

    def anything_new(self, full_history: bool = False) -> bool:
        """Whether a scheduled run goes on: its window landed or changed something (or
        ``full_history`` asks for a rebuild). If not, the run ends ``nothing_to_do``."""
        r = self.record
        if r.articles_loaded > 0 or r.stages.get("extract", {}).get("partitions", 0) > 0 or full_history:
            return True
        self._end("nothing_to_do", f"nothing to do: no new or changed article in {r.window_start or '-inf'}.."
                                   f"{r.window_end or '+inf'} ({r.articles_seen} seen, {r.articles_unchanged} "
                                   "already landed); the published file is unchanged")
        log.info("%s", r.message)
        return False

    # -------------------------------------------------- build, validate, publish
    def build(self, full_refresh: bool = False):
        """``dbt build`` into the work database; its node results go to
        ``Layout.build_results``, which :meth:`validate` reads."""
        result = stages.build(self.layout, full_refresh=full_refresh)
        self.record.stages["build"] = {"success": result.success, "nodes": len(result.results),
                                       "failures": result.failures[:20]}
        self.save()
        return result

    def validate(self, requarantine: bool = True):
        """The gate: Great Expectations suites over the work database plus the dbt results
        the build left. Raises GateFailed (the run ends ``gate_failed``) on a critical failure.

        A failure pinned on input articles (a landed row with an impossible date, a mention
        visiting its own country ...) does not stop the night: those articles are
        quarantined with the failed check as reason (``dipnews quarantine list``), the
        work database is rebuilt without them and validated again. Only what cannot be
        pinned on an input (a mart invariant, a collapsed row count, a dbt error) fails
        the run, and then the published file is left as it was.
        """
        from extract.build import read_build_results

        build_results = read_build_results(self.layout)
        report, ok = self._gate(build_results)
        blamed = report.attributable() if requarantine and ok and not report.passed else None
        if blamed:
            n = stages.quarantine_failing_articles(self.layout, blamed)
            log.warning("gate: %d article(s) quarantined (%s); rebuilding without them", n, report.summary())
            self.record.stages["gate_quarantine"] = {"articles": n, "failed": report.summary()}
            self.save()
            stages.extract(self.layout)
            build_results = stages.build(self.layout, full_refresh=True).results
            report, ok = self._gate(build_results)
        self.record.stages["gate"] = {"summary": report.summary(), "critical": len(report.critical_failures),
                                      "warnings": len(report.warnings)}
        if report.passed and ok:
            counts = stages.fact_counts(self.layout)
            self.record.visits, self.record.meetings, self.record.statements = (
                counts["visits"], counts["meetings"], counts["statements"])
            self.save()
            return report
        self._end("gate_failed", "gate failed: " + report.summary())
        raise GateFailed(self.record.message, report.critical_failures)

    def _gate(self, build_results: list[dict]):
        report = stages.validate(self.layout, self.settings, self.run_id, self._run_inputs(), build_results)
        return report, stages.build_ok(build_results)

    def _run_inputs(self) -> dict:
        """What the gate's run-level checks see. The quarantine ratio counts inputs first
        quarantined by this run: a poison file quarantined once is not held against every
        later night that sees it again."""
        pull = self.record.stages.get("pull", {})
        return {"seen": self.record.articles_seen,
                "quarantined": pull.get("quarantined_new", self.record.articles_quarantined),
                "skipped": self.record.articles_skipped}

    def publish(self):
        """Publish the validated marts; the record says ``publishing`` until the swap is done.

        ``publishing`` is saved (and copied into the new file's ``ops.runs`` as
        ``published``) before the swap; ``published`` on disk only after it. A run killed
        in between stays ``publishing``, and the next run marks it ``interrupted`` (the
        published file is the old one or the new one, never half of either).
        """
        r = self.record
        r.status = "publishing"
        r.finished_at = now()
        if not r.message:
            r.message = r.stages.get("gate", {}).get("summary", "")
        self.save()
        try:
            result = stages.publish(self.layout, self.run_id)
        except BaseException as exc:
            self._end("failed", f"publish failed: {type(exc).__name__}: {exc}")
            raise
        r.stages["publish"] = {"path": str(result.path), "tables": result.tables, "changes": result.changes,
                               "parquet_months": result.parquet_periods}
        self._end("published", r.message)
        return result

    # -------------------------------------------------------------------- all
    def all(self, sources: tuple[SourceConfig, ...] | None = None, progress: Progress | None = None) -> RunResult:
        """The whole pipeline once: pull, extract, build, validate, publish."""
        try:
            try:
                self.pull(sources, progress)
            except SourcesFailed:
                if self.record.status != "running":
                    raise  # every source failed: nothing new to publish
                # The others were landed: publish them; the failed ones are retried next run.
            self.extract(progress)
            self.build()
            try:
                report = self.validate()
            except GateFailed as failed:
                return RunResult(self.record, False, self.record.message.removeprefix("gate failed: "),
                                 failed.args[1])
            self.publish()
            return RunResult(self.record, True, report.summary())
        except BaseException as exc:
            self.fail(exc)
            raise
