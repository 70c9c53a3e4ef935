"""The pipeline benchmark: every stage at several corpus sizes, with baselines.

    python -m bench.run --sizes 1000,10000 [--incremental] [--out bench/results]
    python -m bench.run --sizes 1000,10000,100000 --incremental      # make bench-full

For each size: a synthetic corpus (``bench.generate``, cached under ``--workdir`` by
size, seed and generator version), a fresh warehouse, then pull, extract, dbt build,
gate and publish, each in its own process (see :mod:`bench.measure`), then the
baselines on the same corpus: reading + hashing the files (the I/O floor), spaCy's blank
English tokenizer (if spaCy is installed) and the extractor alone on one core.
``--incremental`` adds the nightly case: 1,000 new articles (published on the day after
the history, so they land in an existing month partition, as most nights do) added to
the largest warehouse versus to an empty one. The DAG file's parse time is measured
last. Figures are printed as a table and written as JSON to ``--out``.

Benchmarks report; they never assert. The targets (issues 3, 4, 6, 9) are printed next
to the figures, and ``uptime``'s load is recorded with every step: the machine is shared.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from dataclasses import asdict
from datetime import date, datetime, timedelta
from pathlib import Path

from bench import report
from bench.generate import (
    DEFAULT_DAYS,
    DEFAULT_START,
    GENERATOR_VERSION,
    Manifest,
    generate,
    read_manifest,
)
from bench.machine import describe
from bench.measure import REPO, StepResult, run_step

STAGES = ("pull", "extract", "build", "gate", "publish")
NIGHT_ARTICLES = 1000
NIGHT_FIRST_INDEX = 10**9  # an index range no history corpus reaches: all-new articles
EXTRACT_SAMPLE = 3000


def human(n: int) -> str:
    return f"{n // 1000}k" if n % 1000 == 0 and n >= 1000 else str(n)


class Bench:
    def __init__(self, workdir: Path, seed: int, profile: set[str], spacy_limit: int | None,
                 baselines: bool = True) -> None:
        self.workdir = workdir
        self.baselines = baselines
        self.seed = seed
        self.profile = profile
        self.spacy_limit = spacy_limit
        self.logs = workdir / "logs"
        self.profiles = workdir / "profiles"
        for d in (self.logs, self.profiles):
            d.mkdir(parents=True, exist_ok=True)
        os.environ.setdefault("AIRFLOW_HOME", str(workdir / "airflow"))  # never the user's ~/airflow
        os.environ.setdefault("AIRFLOW__CORE__LOAD_EXAMPLES", "False")

    # ------------------------------------------------------------------ corpora
    def corpus(self, articles: int, start: date = DEFAULT_START, days: int = DEFAULT_DAYS,
               first_index: int = 0) -> tuple[Path, Manifest, bool]:
        """The corpus directory (generated unless cached), its manifest, and whether it was cached."""
        key = f"corpus-v{GENERATOR_VERSION}-s{self.seed}-n{articles}-{start}-{days}-i{first_index}"
        path = self.workdir / key
        manifest = read_manifest(path)
        if manifest is not None and manifest.articles == articles:
            return path, manifest, True
        shutil.rmtree(path, ignore_errors=True)
        print(f"generating {articles:,} articles into {path} ...", flush=True)
        return path, generate(articles, path, self.seed, start, days, first_index), False

    # ------------------------------------------------------------------ running
    def step(self, name: str, label: str, params: dict) -> StepResult:
        # The extract stage's parent only waits on its pool: "extract" profiles the
        # in-process per-part step instead, which pyinstrument can see.
        wanted = {"extract_parts" if p == "extract" else p for p in self.profile}
        if name in wanted:
            params = {**params, "profile": str(self.profiles / f"{label}-{name}.txt")}
        result = run_step(name, params, self.logs / f"{label}-{name}.log")
        status = "ok" if result.ok else f"FAILED: {result.error}"
        print(f"  {label:<14} {name:<12} {result.wall_s:8.1f} s wall  {result.work_s:8.1f} s work  "
              f"{result.peak_rss_mib:7.0f} MiB  load {result.load_after:4.2f}  {status}", flush=True)
        return result

    def pipeline(self, warehouse: Path, corpus: Path, label: str, run_id: str,
                 first: str = "pull") -> list[StepResult]:
        results = []
        for name in STAGES[STAGES.index(first):]:
            params = {"warehouse": str(warehouse), "corpus": str(corpus), "run_id": run_id, "source_name": "bench"}
            result = self.step(name, label, params)
            results.append(result)
            if name == "pull" and not result.ok:
                break  # nothing landed: the other stages would measure nothing
        return results

    def landed(self, warehouse: Path, corpus: Path) -> tuple[int, int]:
        """(articles, words) landed from ``corpus``: the basis of the per-word figures."""
        import pyarrow.compute as pc
        import pyarrow.parquet as pq

        from extract.landing import article_partition_path, landed_partitions
        from extract.warehouse import Layout

        layout = Layout(warehouse)
        articles = words = 0
        prefix = f"{corpus}/"
        for key in landed_partitions(layout):
            table = pq.read_table(article_partition_path(layout, key), columns=["source_uri", "word_count"])
            mask = pc.starts_with(table["source_uri"], prefix)
            articles += int(pc.sum(mask).as_py() or 0)
            words += int(pc.sum(pc.filter(table["word_count"], mask)).as_py() or 0)
        return articles, words

    # ------------------------------------------------------------------- cases
    def size(self, n: int, first: str = "pull") -> dict:
        corpus, manifest, cached = self.corpus(n)
        warehouse = self.workdir / f"wh-{n}"
        if first == "pull":
            shutil.rmtree(warehouse, ignore_errors=True)
        label = human(n)
        print(f"\n== {n:,} articles (corpus {'cached' if cached else f'generated in {manifest.seconds:.1f} s'}, "
              f"warehouse {warehouse}{'' if first == 'pull' else f', from {first} on'})", flush=True)
        steps = self.pipeline(warehouse, corpus, label, f"bench__{label}", first)
        articles, words = self.landed(warehouse, corpus)
        baselines = {} if not self.baselines else {
            "io_floor": self.step("io_floor", label, {"corpus": str(corpus)}),
            "spacy": self.step("spacy", label, {"warehouse": str(warehouse), "limit": self.spacy_limit}),
            "extract_core": self.step("extract_core", label, {"warehouse": str(warehouse),
                                                              "limit": min(n, EXTRACT_SAMPLE)}),
            "extract_parts": self.step("extract_parts", label, {"warehouse": str(warehouse),
                                                                "limit": min(n, EXTRACT_SAMPLE)}),
        }
        return {"size": n, "corpus": {**asdict(manifest), "path": str(corpus), "cached": cached},
                "warehouse": str(warehouse), "landed_articles": articles, "landed_words": words,
                "stages": [report.stage_row(s, n, words) for s in steps],
                "end_to_end": report.total_row(steps, n, words),
                "baselines": report.baseline_rows(baselines, n, words) if baselines else {}}

    def incremental(self, history_size: int) -> dict:
        night_day = DEFAULT_START + timedelta(days=DEFAULT_DAYS)
        corpus, manifest, _ = self.corpus(NIGHT_ARTICLES, night_day, 1, NIGHT_FIRST_INDEX)
        history = self.workdir / f"wh-{history_size}"
        print(f"\n== incremental: {NIGHT_ARTICLES:,} new articles of {night_day} on an empty warehouse "
              f"vs on {history_size:,}", flush=True)
        empty = self.workdir / "wh-incremental-empty"
        shutil.rmtree(empty, ignore_errors=True)
        on_empty = self.pipeline(empty, corpus, "night-empty", "bench__night_empty")
        _, words = self.landed(empty, corpus)
        if not (history / "landing").exists():
            return {"error": f"no warehouse of {history_size} articles at {history}: run that size first"}
        on_history = self.pipeline(history, corpus, f"night-on-{human(history_size)}", "bench__night_history")
        rows_empty = [report.stage_row(s, NIGHT_ARTICLES, words) for s in on_empty]
        rows_history = [report.stage_row(s, NIGHT_ARTICLES, words) for s in on_history]
        total_empty = report.total_row(on_empty, NIGHT_ARTICLES, words)
        total_history = report.total_row(on_history, NIGHT_ARTICLES, words)
        return {
            "history_articles": history_size, "new_articles": NIGHT_ARTICLES, "new_day": night_day.isoformat(),
            "corpus": {**asdict(manifest), "path": str(corpus)},
            "empty": {"stages": rows_empty, "end_to_end": total_empty},
            "history": {"stages": rows_history, "end_to_end": total_history},
            "ratio_wall": round(total_history["wall_s"] / total_empty["wall_s"], 2),
            "ratio_work": round(total_history["work_s"] / total_empty["work_s"], 2),
            "ratio_cpu": round(total_history["cpu_s"] / total_empty["cpu_s"], 2),
            "ratio_by_stage_work": {
                e["stage"]: round(h["work_s"] / e["work_s"], 2) if e["work_s"] else None
                for e, h in zip(rows_empty, rows_history, strict=False)
            },
        }

    def dag_parse(self) -> dict:
        print("\n== DAG file parse time", flush=True)
        result = self.step("dag_parse", "dag", {"runs": 7})
        return {**result.child, "ok": result.ok, "error": result.error, "load": result.load_after}


def results_path(out: Path, sizes: list[int], incremental: bool) -> Path:
    name = f"{date.today().isoformat()}-{'-'.join(human(s) for s in sizes)}{'-incremental' if incremental else ''}"
    return out / f"{name}.json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated corpus sizes (default 1000,10000)")
    parser.add_argument("--incremental", action="store_true",
                        help="also 1,000 new articles on the largest warehouse vs on an empty one")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results", help="where the JSON goes")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "dipnews-bench",
                        help="corpora (cached), warehouses, logs and profiles")
    parser.add_argument("--profile", default="",
                        help="comma-separated steps to run under pyinstrument (pull, build, gate, publish, "
                             "extract = the extractor on one core); reports go to WORKDIR/profiles")
    parser.add_argument("--spacy-limit", type=int, default=None,
                        help="tokenise at most this many articles in the spaCy baseline")
    parser.add_argument("--no-dag", action="store_true", help="skip the DAG parse-time measurement")
    parser.add_argument("--no-baselines", action="store_true",
                        help="skip the baselines (file hashing, spaCy, extractor alone): make bench-1m")
    parser.add_argument("--from-stage", choices=STAGES, default="pull",
                        help="rerun from this stage on the warehouses a previous run left in --workdir "
                             "(e.g. after a dbt change: --from-stage build)")
    args = parser.parse_args(argv)
    sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()})
    bench = Bench(args.workdir, args.seed, {p.strip() for p in args.profile.split(",") if p.strip()},
                  args.spacy_limit, baselines=not args.no_baselines)
    started = datetime.now().astimezone()
    machine = describe()
    print(f"dipnews benchmark: sizes {sizes}; {machine['cpu_model']}, {machine['cores']} cores, "
          f"{machine['ram_gib']} GiB; load {machine['loadavg']}", flush=True)
    began = time.perf_counter()
    runs = [bench.size(n, args.from_stage) for n in sizes]
    incremental = bench.incremental(max(sizes)) if args.incremental else None
    dag = None if args.no_dag else bench.dag_parse()
    results = {
        "started": started.isoformat(timespec="seconds"),
        "seconds": round(time.perf_counter() - began, 1),
        "seed": args.seed, "generator_version": GENERATOR_VERSION, "sizes": sizes, "from_stage": args.from_stage,
        "machine": machine, "loadavg_end": [round(x, 2) for x in os.getloadavg()],
        "runs": runs, "incremental": incremental, "dag_parse": dag, "targets": report.TARGETS,
    }
    results["per_article"] = report.per_article_curve(runs)
    results["assessment"] = report.assess(results)
    print()
    print(report.render(results))
    args.out.mkdir(parents=True, exist_ok=True)
    path = results_path(args.out, sizes, args.incremental)
    path.write_text(json.dumps(results, indent=1, default=str) + "\n")
    print(f"\nresults: {path}\nlogs and profiles: {args.workdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
