"""Rows, the readable table and the target assessment of a benchmark run."""

from __future__ import annotations

from bench.measure import StepResult

TARGETS = {
    "end_to_end_100k_s": 600,  # 100k articles end to end in <= 10 minutes on 2 cores
    "peak_rss_mib": 2048,  # peak RSS <= 2 GiB
    "extract_words_per_s_per_core": 100_000,  # the extractor on one core
    "incremental_ratio": 2.0,  # 1k on 100k <= 2x 1k on empty
    "dag_parse_s": 0.5,  # the DAG file parses in well under a second
    # At a million articles (make bench-1m):
    "end_to_end_1m_s": 1800,  # 1M end to end <= 30 min on 2 cores
    "peak_rss_1m_mib": 4096,  # peak RSS <= 4 GiB
    "incremental_ratio_1m": 1.2,  # 1k on 1M <= 1.2x 1k on empty (wall and CPU)
    "per_article_growth": 1.2,  # work per article at 1M within 1.2x of 100k's
}
_TIMINGS = ("import_s", "work_s", "maxrss_self_mib", "maxrss_children_mib")


def _rate(amount: float, seconds: float) -> float | None:
    return round(amount / seconds, 1) if seconds > 0 else None


def stage_row(s: StepResult, articles: int, words: int) -> dict:
    return {
        "stage": s.step, "ok": s.ok, "error": s.error,
        "wall_s": s.wall_s, "import_s": s.child.get("import_s"), "work_s": s.work_s, "cpu_s": s.cpu_s,
        # Rates over the stage's own work; the wall time adds start-up and imports.
        "articles_per_s": _rate(articles, s.work_s), "words_per_s": _rate(words, s.work_s),
        "peak_rss_mib": s.peak_rss_mib, "maxrss_self_mib": s.child.get("maxrss_self_mib"),
        "maxrss_children_mib": s.child.get("maxrss_children_mib"),
        "load_before": s.load_before, "load_after": s.load_after,
        "result": {k: v for k, v in s.child.items() if k not in _TIMINGS},
    }


def total_row(steps: list[StepResult], articles: int, words: int) -> dict:
    wall = round(sum(s.wall_s for s in steps), 3)
    work = round(sum(s.work_s for s in steps), 3)
    return {
        "stage": "end to end", "ok": all(s.ok for s in steps), "wall_s": wall, "work_s": work,
        "import_s": round(sum(float(s.child.get("import_s") or 0) for s in steps), 3),
        "cpu_s": round(sum(s.cpu_s for s in steps), 3),
        "articles_per_s": _rate(articles, wall), "words_per_s": _rate(words, wall),
        "peak_rss_mib": max((s.peak_rss_mib for s in steps), default=0.0),
        "load_max": max((s.load_after for s in steps), default=0.0),
    }


def baseline_rows(b: dict[str, StepResult], articles: int, words: int) -> dict:
    io, sp, core = b["io_floor"], b["spacy"], b["extract_core"]
    rows: dict = {
        "io_floor": {
            "what": "read + SHA-256 every corpus file (one process)", "ok": io.ok, "work_s": io.work_s,
            "files_per_s": _rate(float(io.child.get("files", 0)), io.work_s),
            "mib_per_s": _rate(float(io.child.get("bytes", 0)) / 2**20, io.work_s),
            "words_per_s": _rate(words, io.work_s), "peak_rss_mib": io.peak_rss_mib, "load": io.load_after,
        },
    }
    if sp.child.get("available"):
        rows["spacy"] = {
            "what": "spacy.blank('en') tokenizer over the landed bodies (one process)", "ok": sp.ok,
            "version": sp.child.get("version"), "work_s": sp.work_s,
            "words_per_s": _rate(float(sp.child["words"]), sp.work_s),
            "tokens_per_s": _rate(float(sp.child["tokens"]), sp.work_s),
            "articles": sp.child.get("articles"), "peak_rss_mib": sp.peak_rss_mib, "load": sp.load_after,
        }
    else:
        rows["spacy"] = {"what": "spaCy blank English tokenizer", "ok": sp.ok,
                         "available": False, "note": sp.error or "spaCy is not installed in this environment"}
    rows["extract_core"] = {
        "what": "Extractor().extract alone, one process, on a sample of the landed articles", "ok": core.ok,
        "error": core.error,
        **{k: core.child.get(k) for k in ("articles", "words", "events", "cpu_s", "wall_s",
                                           "words_per_cpu_s", "words_per_wall_s")},
        "peak_rss_mib": core.peak_rss_mib, "load": core.load_after,
    }
    parts = b.get("extract_parts")
    if parts is not None:
        rows["extract_parts"] = {
            "what": "extract_partition (read part, extract, write outputs) in one process", "ok": parts.ok,
            "error": parts.error,
            **{k: parts.child.get(k) for k in ("parts", "articles", "words", "cpu_s", "words_per_cpu_s")},
            "work_s": parts.work_s, "peak_rss_mib": parts.peak_rss_mib, "load": parts.load_after,
        }
    return rows


# --------------------------------------------------------------------- assess
def assess(results: dict) -> list[dict]:
    """Each target with the figure that answers it, and whether it is met."""
    out: list[dict] = []
    runs = results.get("runs") or []
    targets = TARGETS
    if runs:
        largest = runs[-1]
        basis_run = next((r for r in runs if r["size"] == 100_000), largest)
        e2e = basis_run["end_to_end"]
        n = basis_run["size"]
        # Below 100k: start-up and imports stay fixed, the stages' own work scales linearly.
        figure = e2e["wall_s"] if n == 100_000 else \
            round(e2e["wall_s"] - e2e["work_s"] + e2e["work_s"] * 100_000 / n, 1)
        out.append({"target": "100k articles end to end <= 600 s", "value_s": figure,
                    "basis": "measured" if n == 100_000 else f"extrapolated from {n:,} (work x {100_000 // n})",
                    "met": figure <= targets["end_to_end_100k_s"]})
        peak = max(r["end_to_end"]["peak_rss_mib"] for r in runs)
        out.append({"target": "peak RSS <= 2048 MiB (process tree, any stage)", "value_mib": peak,
                    "basis": f"measured up to {n:,} articles", "met": peak <= targets["peak_rss_mib"]})
        core = (largest["baselines"].get("extract_core") or {}).get("words_per_cpu_s")
        if core is not None:
            out.append({"target": "extraction >= 100,000 words/s per core", "value_words_per_cpu_s": core,
                        "basis": "Extractor alone, words per CPU second",
                        "met": core >= targets["extract_words_per_s_per_core"]})
    by_size = {r["size"]: r for r in runs}
    big = by_size.get(1_000_000)
    if big:
        e2e = big["end_to_end"]
        out.append({"target": "1M articles end to end <= 1800 s", "value_s": e2e["wall_s"], "basis": "measured",
                    "met": e2e["wall_s"] <= targets["end_to_end_1m_s"]})
        out.append({"target": "peak RSS at 1M <= 4096 MiB", "value_mib": e2e["peak_rss_mib"], "basis": "measured",
                    "met": e2e["peak_rss_mib"] <= targets["peak_rss_1m_mib"]})
    curve = per_article_curve(runs)
    if 100_000 in curve and max(curve) > 100_000:
        n = max(curve)
        growth = round(curve[n]["work_ms"] / curve[100_000]["work_ms"], 2)
        out.append({"target": "work per article at the largest size within 1.2x of 100k's", "value_ratio": growth,
                    "basis": f"{n:,}: {curve[n]['work_ms']} ms vs 100k: {curve[100_000]['work_ms']} ms per article",
                    "met": growth <= targets["per_article_growth"]})
    inc = results.get("incremental")
    if inc and "ratio_wall" in inc:
        limit = targets["incremental_ratio_1m"] if inc["history_articles"] >= 1_000_000 else targets["incremental_ratio"]
        ratio_cpu = inc.get("ratio_cpu", inc["ratio_wall"])
        out.append({"target": f"1k new on history <= {limit}x 1k on empty (wall and CPU)",
                    "value_ratio": inc["ratio_wall"], "ratio_cpu": ratio_cpu, "ratio_work": inc["ratio_work"],
                    "basis": f"history of {inc['history_articles']:,}",
                    "met": inc["ratio_wall"] <= limit and ratio_cpu <= limit})
    dag = results.get("dag_parse")
    if dag and dag.get("median_s") is not None:
        out.append({"target": "DAG file parse <= 0.5 s", "value_s": dag["median_s"], "basis": "median of runs",
                    "met": dag["median_s"] <= targets["dag_parse_s"]})
    return out


def per_article_curve(runs: list[dict]) -> dict[int, dict]:
    """Per size: end-to-end work, CPU and wall milliseconds per article."""
    curve = {}
    for r in runs:
        e2e, n = r["end_to_end"], r["size"]
        curve[n] = {"work_ms": round(1000 * e2e["work_s"] / n, 3), "cpu_ms": round(1000 * e2e["cpu_s"] / n, 3),
                    "wall_ms": round(1000 * e2e["wall_s"] / n, 3)}
    return curve


# --------------------------------------------------------------------- render
def _num(v: float | None, fmt: str = ",.0f") -> str:
    return "-" if v is None else format(v, fmt)


def _stage_table(rows: list[dict]) -> list[str]:
    lines = [f"  {'stage':<12}{'wall s':>9}{'import s':>10}{'work s':>9}{'CPU s':>9}{'articles/s':>12}"
             f"{'words/s':>12}{'peak MiB':>10}{'load':>6}  note"]
    for r in rows:
        note = "" if r.get("ok", True) else f"FAILED {r.get('error', '')[:60]}"
        if r["stage"] == "gate" and r.get("result", {}).get("passed") is False:
            note = "gate failed (timing stands)"
        load = r.get("load_after", r.get("load_max"))
        lines.append(
            f"  {r['stage']:<12}{r['wall_s']:>9.1f}{_num(r.get('import_s'), '.1f'):>10}{r['work_s']:>9.1f}"
            f"{r['cpu_s']:>9.1f}{_num(r['articles_per_s']):>12}{_num(r['words_per_s']):>12}"
            f"{r['peak_rss_mib']:>10,.0f}{_num(load, '.2f'):>6}  {note}"
        )
    return lines


def render(results: dict) -> str:
    m = results["machine"]
    lines = [f"machine: {m['cpu_model']}, {m['cores']} cores, {m['ram_gib']} GiB, Python {m['python']}; "
             f"load at start {m['loadavg']}, at end {results['loadavg_end']}"]
    for run in results["runs"]:
        c = run["corpus"]
        made = "cached" if c["cached"] else f"generated at {c['articles'] / max(c['seconds'], 1e-9):,.0f} articles/s"
        lines += ["", f"== {run['size']:,} articles: {run['landed_articles']:,} landed, "
                      f"{run['landed_words']:,} words (corpus {c['bytes'] / 2**20:.0f} MiB, {made})"]
        lines += _stage_table([*run["stages"], run["end_to_end"]])
        b = run["baselines"]
        if not b:
            continue
        io, sp, core = b["io_floor"], b["spacy"], b["extract_core"]
        lines.append(f"  baseline read+hash files: {_num(io['files_per_s'])} files/s, {_num(io['mib_per_s'], '.0f')} MiB/s"
                     f" (= {_num(io['words_per_s'])} words/s)")
        if sp.get("available") is False:
            lines.append(f"  baseline spaCy tokenizer: not measured ({sp['note']})")
        else:
            lines.append(f"  baseline spaCy tokenizer: {_num(sp['words_per_s'])} words/s "
                         f"({_num(sp['tokens_per_s'])} tokens/s)")
        lines.append(f"  extractor alone, 1 core: {_num(core.get('words_per_cpu_s'))} words/CPU-s, "
                     f"{_num(core.get('words_per_wall_s'))} words/wall-s over {_num(core.get('articles'))} articles "
                     f"(load {core['load']})")
        parts = b.get("extract_parts")
        if parts:
            lines.append(f"  extract stage per part, 1 core (read + extract + write): "
                         f"{_num(parts.get('words_per_cpu_s'))} words/CPU-s over {_num(parts.get('articles'))} "
                         f"articles in {_num(parts.get('parts'))} parts (load {parts['load']})")
    inc = results.get("incremental")
    if inc and "empty" in inc:
        lines += ["", f"== incremental: {inc['new_articles']:,} new articles ({inc['new_day']}), "
                      f"empty warehouse vs {inc['history_articles']:,} already there"]
        lines.append(f"  {'stage':<12}{'empty wall s':>14}{'history wall s':>16}{'empty work s':>14}"
                     f"{'history work s':>16}{'ratio (work)':>14}")
        for e, h in zip([*inc["empty"]["stages"], inc["empty"]["end_to_end"]],
                        [*inc["history"]["stages"], inc["history"]["end_to_end"]], strict=False):
            ratio = h["work_s"] / e["work_s"] if e["work_s"] else None
            lines.append(f"  {e['stage']:<12}{e['wall_s']:>14.1f}{h['wall_s']:>16.1f}{e['work_s']:>14.1f}"
                         f"{h['work_s']:>16.1f}{_num(ratio, '.2f'):>14}")
        lines.append(f"  ratio end to end: {inc['ratio_wall']:.2f} (wall), {inc.get('ratio_cpu', 0):.2f} (CPU), "
                     f"{inc['ratio_work']:.2f} (work)")
    elif inc:
        lines += ["", f"== incremental: {inc.get('error')}"]
    dag = results.get("dag_parse")
    if dag:
        lines += ["", f"== DAG file parse (after import airflow.sdk): median {_num(dag.get('median_s'), '.4f')} s, "
                      f"first {_num(dag.get('first_s'), '.4f')} s, import of airflow.sdk "
                      f"{_num(dag.get('import_s'), '.1f')} s {dag.get('error') or ''}"]
    curve = per_article_curve(results["runs"])
    if len(curve) > 1:
        lines += ["", "== cost per article (end to end, ms)"]
        for n, c in sorted(curve.items()):
            lines.append(f"  {n:>10,}: work {c['work_ms']:.3f}, CPU {c['cpu_ms']:.3f}, wall {c['wall_ms']:.3f}")
    lines += ["", "== targets"]
    for a in results.get("assessment", []):
        value = next((v for k, v in a.items() if k.startswith("value")), None)
        lines.append(f"  [{'met' if a['met'] else 'MISSED'}] {a['target']}: {value} ({a['basis']})")
    return "\n".join(lines)
