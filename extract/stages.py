"""The pipeline stages. The CLI and the Airflow DAG call these same functions.

pull -> extract -> build -> validate -> publish. Each stage reads what the previous
one left in the warehouse directory (the files ``extract.warehouse.Layout`` names), so
each can run in its own process (an Airflow task) and be rerun on its own. What a run
records about them, and its status, is ``extract.pipeline.Run``'s.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from extract.config import Settings
from extract.landing import (
    ARTICLE_SCHEMA,
    CorruptFile,
    Lander,
    LandingStats,
    article_partition_path,
    landed_partitions,
    read_partition,
)
from extract.sources import SourceConfig, SourceError, SourcesFailed, Window, get_source
from extract.warehouse import Layout, atomic_write_bytes

log = logging.getLogger(__name__)
Progress = Callable[[str, int, int], None]  # (label, done, total)


class GateFailed(RuntimeError):
    """The quality gate found critical failures; nothing was published."""


# ---------------------------------------------------------------------- pull
def pull(layout: Layout, sources: tuple[SourceConfig, ...] | list[SourceConfig], window: Window,
         progress: Progress | None = None, dedupe: bool = True, deadline: float | None = None) -> LandingStats:
    """Read every source, land its articles (or quarantine its bad inputs), mark duplicates.

    A source that cannot be read at all (SourceError, or any error raised while
    reading it) does not stop the others: they are pulled and landed, then
    SourcesFailed names every failure and carries the landing stats of the rest
    (``run`` goes on and publishes them; the failed source's state is not saved, so
    the next run picks up where this one left off).

    ``dedupe=False`` leaves duplicate marking to the caller: the DAG pulls sources in
    parallel tasks, which must not update the shared MinHash index at the same time.
    """
    import time

    from extract.sources.http import RUN_DEADLINE

    layout.ensure()
    total = LandingStats()
    failures: list[SourceError] = []
    # The pull's deadline for all sources together: what is left is retried next run.
    token = RUN_DEADLINE.set(time.monotonic() + (deadline if deadline is not None else pull_timeout()))
    try:
        _pull_sources(layout, sources, window, progress, total, failures)
    finally:
        RUN_DEADLINE.reset(token)
    if dedupe:
        total.dedup = dedupe_articles(layout, sorted(total.partitions))
    total.failed_sources = [{"source": f.source, "location": f.location, "reason": f.reason} for f in failures]
    if failures:
        raise SourcesFailed(failures, total)
    return total


PULL_TIMEOUT = 2 * 3600.0


def pull_timeout() -> float:
    """Seconds all sources of one pull may take together ($DIPNEWS_PULL_TIMEOUT, default 2 h);
    each source also has its own ``source_timeout`` (default 15 min)."""
    value = os.environ.get("DIPNEWS_PULL_TIMEOUT")
    try:
        return float(value) if value else PULL_TIMEOUT
    except ValueError:
        log.warning("DIPNEWS_PULL_TIMEOUT=%r is not a number of seconds: using %g", value, PULL_TIMEOUT)
        return PULL_TIMEOUT


def _pull_sources(layout: Layout, sources, window: Window, progress: Progress | None, total: LandingStats,
                  failures: list[SourceError]) -> None:
    for source in sources:
        state_path = layout.source_state_dir / f"{source.name}.json"
        state = json.loads(state_path.read_text()) if state_path.exists() else {}
        lander = Lander(layout)
        failed = False
        try:
            for item in get_source(source.kind)(source, window, state):
                lander.add(item)
                if progress and lander.stats.seen % 50 == 0:
                    progress(f"pull {source.name}", lander.stats.seen, 0)
        except SourceError as exc:
            log.error("%s", exc)
            failures.append(exc)
            failed = True
        except CorruptFile:
            raise  # the warehouse itself is damaged, not this source: say so, at once
        except Exception as exc:  # a bug in one source costs that source, not the night
            log.exception("source %s failed unexpectedly", source.name)
            failures.append(SourceError(source.name, source.location, f"{type(exc).__name__}: {exc}"))
            failed = True
        lander.flush()
        # State is saved only after the items are landed (a crash in between means
        # they are fetched again, never lost), and not for a source that failed.
        if not failed:
            atomic_write_bytes(state_path, json.dumps(state, indent=1, sort_keys=True, default=str).encode())
        log.info("pulled %s: %s", source.name, lander.stats.as_dict())
        total.merge(lander.stats)


def dedupe_articles(layout: Layout, partitions: list[str]) -> dict:
    """Mark syndicated copies and same-URL duplicates against everything landed.

    Also catches up parts landed by a run killed before this point.
    """
    from extract.dedup import mark_duplicates

    return mark_duplicates(layout, partitions)


# ------------------------------------------------------------------- extract
def _manifest_path(layout: Layout, partition: str):
    return layout.extract_manifests / (partition.replace("/", "__") + ".json")


def _fingerprint(layout: Layout, partition: str, excluded: frozenset[str] = frozenset()) -> dict:
    from extract.exclusions import exclusion_stamp
    from extract.extraction.model import EXTRACTOR_VERSION

    stat = article_partition_path(layout, partition).stat()
    fingerprint = {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "extractor_version": EXTRACTOR_VERSION}
    if excluded:
        fingerprint["excluded"] = exclusion_stamp(excluded)
    return fingerprint


def stale_partitions(layout: Layout, excluded: dict[str, set[str]] | None = None) -> list[str]:
    """Landing partitions whose extraction is missing or out of date.

    Staleness is decided from the landing file itself (size, mtime, extractor
    version) and the articles it must leave out (copies, evictions), not from what the
    last pull reported, so a run killed between pull and extract is caught up by the
    next run.
    """
    excluded = excluded or {}
    stale = []
    for partition in landed_partitions(layout):
        manifest = _manifest_path(layout, partition)
        wanted = _fingerprint(layout, partition, frozenset(excluded.get(partition, ())))
        if not manifest.exists() or json.loads(manifest.read_text()) != wanted:
            stale.append(partition)
    return stale


def extract_partition(root: str, partition: str, excluded: frozenset[str] = frozenset()) -> dict[str, int]:
    """Extract every article of one landing partition (but ``excluded``) and replace its outputs."""
    from datetime import date

    from extract.articles import Article
    from extract.extracted import collect, write_partition
    from extract.extraction import Extractor

    layout = Layout(__import__("pathlib").Path(root))
    # raw_text is the untouched input kept for audit; extraction never needs it.
    table = read_partition(layout, partition, [n for n in ARTICLE_SCHEMA.names if n != "raw_text"])
    extractor = Extractor()
    pairs = []
    failed: dict[str, str] = {}
    for row in table.to_pylist():
        if row["article_id"] in excluded:
            continue
        published = row["published_date"]
        article = Article(
            article_id=row["article_id"],
            source_name=row["source_name"],
            source_uri=row["source_uri"],
            url=row["url"],
            published_date=published if isinstance(published, date) else date.fromisoformat(str(published)),
            title=row["title"],
            highlights=tuple(row["highlights"] or ()),
            body=row["body"],
            raw_text="",
            content_hash=row["content_hash"],
            word_count=row["word_count"],
            canonical_id=row["canonical_id"] or row["article_id"],
            duplicate_reason=row["duplicate_reason"],
        )
        try:
            pairs.append((article, extractor.extract(article)))
        except Exception as exc:  # noqa: BLE001 - one article's crash must not stop the night
            # A rule that breaks on one article would otherwise fail this part, so the
            # whole night, and every night after it while the article stays landed. The
            # article is left out, and the run evicts it with this reason (``extracted``).
            reason = f"extraction failed: {type(exc).__name__}: {exc}"[:300]
            log.warning("%s: article %s: %s", partition, row["article_id"], reason)
            failed[row["article_id"]] = reason
    counts: dict = write_partition(layout, partition, collect(pairs))
    counts["articles"] = len(pairs)
    counts["failed"] = failed
    # The fingerprint names the failed articles among those left out, as the eviction
    # the run records for them will: the part is not re-extracted for it next night.
    fingerprint = _fingerprint(layout, partition, excluded | frozenset(failed))
    atomic_write_bytes(_manifest_path(layout, partition), json.dumps(fingerprint).encode())
    return counts


def remove_orphans(layout: Layout) -> int:
    """Drop extraction outputs whose landing part is gone, so no event outlives its article."""
    from extract.extracted import TABLES

    landed = set(landed_partitions(layout))
    removed = 0
    for table in TABLES:
        for path in (layout.extracted / table).glob("source=*/published_month=*/part-*.parquet"):
            key = str(path.relative_to(layout.extracted / table).with_suffix(""))
            if key not in landed:
                path.unlink()
                removed += 1
    for manifest in layout.extract_manifests.glob("*.json"):
        if manifest.stem.replace("__", "/") not in landed:
            manifest.unlink()
    return removed


PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _die_with_parent(parent: int) -> None:
    """Make this worker exit when the run process that forked it dies (even by SIGKILL).

    Linux: the kernel sends SIGKILL on the parent's death (prctl PR_SET_PDEATHSIG).
    Everywhere, as a fallback: a thread notices the parent pid change and exits.
    """
    import ctypes
    import signal
    import sys
    import threading
    import time

    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _worker_init(lock_fds: tuple[int, ...], parent: int) -> None:
    """Initializer of extraction workers: drop the inherited run lock, die with the run.

    A forked worker inherits every descriptor, the flock'd run lock included; a worker
    left behind by a killed run would hold the warehouse locked for ever. Closing the
    inherited descriptor does not release the parent's lock (it is the same open file
    description, released when the last descriptor closes).
    """
    for fd in lock_fds:
        try:
            os.close(fd)
        except OSError:
            pass
    _die_with_parent(parent)


@dataclass
class ExtractStats:
    partitions: int = 0
    articles: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)  # article_id -> why its extraction failed

    def add(self, counts: dict) -> None:
        """One extracted part's counts (``extract_partition``'s result)."""
        counts = dict(counts)
        self.articles += counts.pop("articles")
        self.failed.update(counts.pop("failed", {}))
        for k, v in counts.items():
            self.counts[k] = self.counts.get(k, 0) + v

    def merge(self, other: ExtractStats) -> None:
        self.partitions += other.partitions
        self.add({"articles": other.articles, "failed": other.failed, **other.counts})


def prepare_extraction(layout: Layout) -> list[str]:
    """Get the warehouse ready for extraction and list the landing parts to (re-)extract:
    schema files, outputs of vanished parts removed, stale parts found."""
    from extract.exclusions import excluded_by_part
    from extract.extracted import ensure_schema_files

    layout.ensure()
    ensure_schema_files(layout)
    remove_orphans(layout)
    return stale_partitions(layout, excluded_by_part(layout))


def extract_parts(layout: Layout, parts: list[str], workers: int | None = None,
                  progress: Progress | None = None) -> ExtractStats:
    """Extract the given landing parts, each into its own Parquet files (replaced whole).

    ``workers`` > 1 uses a local process pool (the CLI). The DAG maps this over the
    parts instead, one task each, so Celery workers on several machines share it.
    """
    from extract.exclusions import excluded_by_part

    excluded = excluded_by_part(layout)
    stats = ExtractStats(partitions=len(parts))
    workers = workers or min(len(parts), os.cpu_count() or 1)

    def add(counts: dict[str, int]) -> None:
        stats.add(counts)
        if progress:
            progress("extract", stats.articles, 0)

    # Celery runs tasks in daemonic processes, which may not have children: extract
    # serially there (scale out with more workers instead).
    if workers <= 1 or multiprocessing.current_process().daemon:
        for partition in parts:
            add(extract_partition(str(layout.root), partition, frozenset(excluded.get(partition, ()))))
    else:
        from extract.warehouse import HELD_LOCK_FDS

        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                                 initializer=_worker_init,
                                 initargs=(tuple(sorted(HELD_LOCK_FDS)), os.getpid())) as pool:
            for counts in pool.map(extract_partition, [str(layout.root)] * len(parts), parts,
                                   [frozenset(excluded.get(p, ())) for p in parts]):
                add(counts)
    return stats


def extract(layout: Layout, workers: int | None = None, progress: Progress | None = None) -> ExtractStats:
    """(Re-)extract the stale landing partitions, in parallel across cores."""
    return extract_parts(layout, prepare_extraction(layout), workers, progress)


# ------------------------------------------------------ build, validate, publish
def build(layout: Layout, full_refresh: bool = False):
    from extract.build import build as dbt_build

    return dbt_build(layout, full_refresh=full_refresh)


def validate(layout: Layout, settings: Settings, run_id: str, run_inputs: dict, build_results: list[dict]):
    from extract.gate import validate as gate_validate

    return gate_validate(layout, settings, run_id, run_inputs, build_results)


def publish(layout: Layout, run_id: str):
    from extract.publish import publish as do_publish

    return do_publish(layout, run_id)


def fact_counts(layout: Layout) -> dict[str, int]:
    import duckdb

    with duckdb.connect(str(layout.build_db), read_only=True) as con:
        return {
            t: con.execute(f"select count(*) from marts.fct_{t}").fetchone()[0]  # noqa: S608 - fixed names
            for t in ("visits", "meetings", "statements")
        }


# ---------------------------------------------------------------- gate helpers
def build_ok(build_results: list[dict]) -> bool:
    """Whether dbt built every node (a stale source alone is not a failure)."""
    return not any(r["status"] in ("error", "fail", "runtime error") for r in build_results
                   if r["resource_type"] != "source")


def quarantine_failing_articles(layout: Layout, blamed: dict[str, str]) -> int:
    """Evict the articles a gate failure or a failed extraction is pinned on (the failure is the reason)."""
    from extract.exclusions import evict

    return sum(evict(layout, article_id, reason) for article_id, reason in sorted(blamed.items()))
