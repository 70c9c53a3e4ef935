"""The benchmark steps, each run in a fresh process by :func:`bench.measure.run_step`.

    python -m bench.child STEP PARAMS_JSON RESULT_JSON

A step imports what it needs (timed as ``import_s``: dbt, Great Expectations and
Airflow cost seconds to import, and every Airflow task pays that), then does its work
(timed as ``work_s``) and writes a JSON result. The pipeline steps are the very calls the
CLI and the DAG's tasks make (``extract.pipeline.Run``: pull begins the run, each later
step resumes it), in the order ``Run.all`` does, one process per stage. With ``params["profile"]`` set, the work runs under
pyinstrument and the text report goes to that path.
"""

from __future__ import annotations

import contextlib
import json
import resource
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path

Step = Callable[[dict, Callable[[], None]], dict]
STEPS: dict[str, Step] = {}


def step(fn: Step) -> Step:
    STEPS[fn.__name__.removeprefix("step_")] = fn
    return fn


class _Clock:
    """Splits a step's time into imports and work: the step calls ``mark()`` between."""

    def __init__(self, profile: str | None) -> None:
        self.began = time.perf_counter()
        self.marked = self.began
        self.profile = profile
        self.profiler = None

    def mark(self) -> None:
        self.marked = time.perf_counter()
        if self.profile:
            from pyinstrument import Profiler

            self.profiler = Profiler(interval=0.005)  # coarse timer: low overhead here
            self.profiler.start()

    def finish(self) -> dict:
        ended = time.perf_counter()
        if self.profiler is not None:
            self.profiler.stop()
            Path(self.profile).write_text(self.profiler.output_text(unicode=True, color=False, show_all=False))
        return {"import_s": round(self.marked - self.began, 3), "work_s": round(ended - self.marked, 3)}


def _layout(params: dict):
    from extract.warehouse import Layout

    return Layout(Path(params["warehouse"]))


# ------------------------------------------------------------- pipeline stages
# Each stage resumes the run the pull step began, as the DAG's tasks do.
def _run(params: dict, begin: bool = False):
    from extract.config import load_settings
    from extract.pipeline import Run
    from extract.sources import Window

    settings = load_settings(warehouse=_layout(params).root)
    if begin:
        return Run.begin(settings, params["run_id"], Window())
    return Run.resume(settings, params["run_id"])


@step
def step_pull(params: dict, mark: Callable[[], None]) -> dict:
    from extract.sources import SourceConfig

    mark()
    source = SourceConfig(name=params.get("source_name", "bench"), kind="files", location=params["corpus"])
    stats = _run(params, begin=True).pull((source,))
    d = stats.as_dict()
    return {k: d[k] for k in ("seen", "loaded", "unchanged", "duplicate", "quarantined", "skipped")} | {
        "partitions_written": len(d["partitions"]), "reasons": d["reasons"]}


@step
def step_extract(params: dict, mark: Callable[[], None]) -> dict:
    mark()
    stats = _run(params).extract(workers=params.get("workers"))
    return {"partitions": stats.partitions, "articles": stats.articles, "rows": stats.counts}


@step
def step_build(params: dict, mark: Callable[[], None]) -> dict:
    import dbt.cli.main  # noqa: F401 - the heavy import, timed as import

    mark()
    result = _run(params).build()
    return {"success": result.success, "nodes": len(result.results),
            "failures": [f"{f['resource_type']} {f['name']}" for f in result.failures][:10]}


@step
def step_gate(params: dict, mark: Callable[[], None]) -> dict:
    import great_expectations  # noqa: F401 - the heavy import, timed as import

    from extract.stages import GateFailed

    run = _run(params)
    mark()
    try:
        report = run.validate()
        return {"passed": True, "summary": report.summary()}
    except GateFailed as failed:
        # A failing gate is a finding of the run, not of the benchmark: timing stands.
        return {"passed": False, "summary": str(failed.args[0])[:300]}


@step
def step_publish(params: dict, mark: Callable[[], None]) -> dict:
    run = _run(params)
    mark()
    result = run.publish()
    return {"tables": result.tables, "changes": result.changes, "parquet_months": result.parquet_periods}


# ------------------------------------------------------------------- baselines
def _corpus_files(root: Path) -> Iterator[Path]:
    for shard in sorted(p for p in root.iterdir() if p.is_dir()):
        yield from sorted(shard.iterdir())


@step
def step_io_floor(params: dict, mark: Callable[[], None]) -> dict:
    """Read and SHA-256 every file of the corpus: what any pull must at least do."""
    import hashlib

    mark()
    files = size = 0
    for path in _corpus_files(Path(params["corpus"])):
        data = path.read_bytes()
        hashlib.sha256(data).digest()
        files += 1
        size += len(data)
    return {"files": files, "bytes": size}


def _landed_bodies(params: dict, limit: int | None = None) -> Iterator[dict]:
    """Landed articles, partition by partition (never the whole corpus in memory)."""
    from extract.landing import landed_partitions, read_partition

    layout = _layout(params)
    seen = 0
    for partition in landed_partitions(layout):
        for row in read_partition(layout, partition).to_pylist():
            yield row
            seen += 1
            if limit is not None and seen >= limit:
                return


@step
def step_spacy(params: dict, mark: Callable[[], None]) -> dict:
    """spaCy's blank English tokenizer over the landed bodies: the floor of any spaCy pipeline."""
    try:
        import spacy
    except ImportError:
        return {"available": False}
    nlp = spacy.blank("en")
    rows = list(_landed_bodies(params, params.get("limit")))
    texts = [r["body"] for r in rows]
    words = sum(r["word_count"] for r in rows)
    del rows
    mark()
    tokens = sum(len(doc) for doc in nlp.tokenizer.pipe(texts, batch_size=1000))
    return {"available": True, "version": spacy.__version__, "articles": len(texts), "words": words,
            "tokens": tokens}


@step
def step_extract_core(params: dict, mark: Callable[[], None]) -> dict:
    """The extractor alone on one core: Extractor.extract over a sample of landed articles.

    Reports CPU seconds as well as wall seconds: on a shared machine words per CPU
    second is the per-core figure that holds.
    """
    from datetime import date

    from extract.articles import Article
    from extract.extraction import Extractor

    extractor = Extractor()
    rows = list(_landed_bodies(params, params.get("limit", 3000)))
    articles = []
    for row in rows:
        published = row["published_date"]
        articles.append(Article(
            article_id=row["article_id"], source_name=row["source_name"], source_uri=row["source_uri"],
            url=row["url"],
            published_date=published if isinstance(published, date) else date.fromisoformat(str(published)),
            title=row["title"], highlights=tuple(row["highlights"] or ()), body=row["body"],
            raw_text=row["raw_text"], content_hash=row["content_hash"], word_count=row["word_count"],
            canonical_id=row["canonical_id"] or row["article_id"], duplicate_reason=row["duplicate_reason"],
        ))
    del rows
    if articles:
        extractor.extract(articles[0])  # lazy tables (sentiment lexicon ...) load here, not in the figure
    mark()
    cpu0 = time.process_time()
    wall0 = time.perf_counter()
    events = 0
    for article in articles:
        ex = extractor.extract(article)
        events += len(ex.visits) + len(ex.meetings) + len(ex.statements)
    cpu = time.process_time() - cpu0
    wall = time.perf_counter() - wall0
    words = sum(a.word_count for a in articles)
    return {"articles": len(articles), "words": words, "events": events, "cpu_s": round(cpu, 3),
            "wall_s": round(wall, 3), "words_per_cpu_s": round(words / cpu) if cpu else None,
            "words_per_wall_s": round(words / wall) if wall else None}


@step
def step_extract_parts(params: dict, mark: Callable[[], None]) -> dict:
    """The extract stage's own per-part work on one core: ``extract_partition`` in-process.

    Reads landed parts, extracts, writes the output Parquet, as a pool worker does, over
    the first parts up to ``limit`` articles. The outputs go to a scratch warehouse whose
    landing is the benchmark warehouse's (a symlink): rewriting the real outputs would
    give them new file stamps, and the next night's build would reload them. The gap
    between this and ``extract_core`` is the stage's overhead around the extractor.
    """
    import tempfile

    import pyarrow.parquet as pq

    from extract.extraction import Extractor
    from extract.landing import article_partition_path, landed_partitions
    from extract.stages import extract_partition
    from extract.warehouse import Layout

    real = _layout(params)
    scratch = Path(tempfile.mkdtemp(prefix="bench-extract-parts-"))
    (scratch / "landing").symlink_to(real.landing, target_is_directory=True)
    layout = Layout(scratch)
    Extractor()  # the gazetteer, once per process, as in a pool worker
    parts = landed_partitions(layout)
    mark()
    cpu0 = time.process_time()
    articles = done = 0
    for part in parts:
        articles += extract_partition(str(layout.root), part)["articles"]
        done += 1
        if articles >= params.get("limit", 3000):
            break
    cpu = time.process_time() - cpu0
    words = sum(sum(pq.read_table(article_partition_path(layout, p), columns=["word_count"])["word_count"]
                    .to_pylist()) for p in parts[:done])
    import shutil

    shutil.rmtree(scratch, ignore_errors=True)
    return {"parts": done, "articles": articles, "words": words, "cpu_s": round(cpu, 3),
            "words_per_cpu_s": round(words / cpu) if cpu else None}


@step
def step_dag_parse(params: dict, mark: Callable[[], None]) -> dict:
    """Parse time of the DAG file alone: ``import airflow.sdk`` first, outside the figure."""
    import runpy
    import statistics

    import airflow.sdk  # noqa: F401

    path = str(Path(__file__).resolve().parents[1] / "dags" / "diplomatic_news_nightly.py")
    mark()
    times = []
    for _ in range(params.get("runs", 7)):
        t0 = time.perf_counter()
        runpy.run_path(path, run_name="dag_parse_bench")
        times.append(time.perf_counter() - t0)
    return {"first_s": round(times[0], 4), "median_s": round(statistics.median(times), 4),
            "min_s": round(min(times), 4), "runs": len(times)}


# ------------------------------------------------------------------------ main
def main(argv: list[str]) -> int:
    name, params, result_path = argv[0], json.loads(argv[1]), Path(argv[2])
    clock = _Clock(params.get("profile"))
    try:
        result = STEPS[name](params, clock.mark)
        code = 0
    except Exception as exc:  # reported to the parent, which prints it next to the figures
        traceback.print_exc()
        result = {"error": f"{type(exc).__name__}: {exc}"[:1000]}
        code = 1
    timing = clock.finish()
    usage_self = resource.getrusage(resource.RUSAGE_SELF)
    usage_children = resource.getrusage(resource.RUSAGE_CHILDREN)
    result |= timing | {"maxrss_self_mib": round(usage_self.ru_maxrss / 1024, 1),
                        "maxrss_children_mib": round(usage_children.ru_maxrss / 1024, 1)}
    result_path.write_text(json.dumps(result, default=str))
    with contextlib.suppress(Exception):
        sys.stdout.flush()
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
