"""Extraction speed: words per second on one core, and peak memory.

Builds a synthetic corpus by repeating and perturbing the gold articles (the bundled
sample corpus and the held-out-style news set) up to ``--words`` words (default 2M):
each copy gets its names' first letters rotated and its paragraphs shuffled, so caches
keyed by text do not flatter the figure. Then it extracts every article in one process
(several passes; the fastest counts, since other processes on a shared machine slow some
passes down) and prints words/s and the peak resident set size (``resource.getrusage``),
beside spaCy's blank English tokenizer (``make_doc``) on the same bodies when spaCy is
installed, and the extractor/tokenizer ratio.

    .venv/bin/python bench/extract_speed.py [--words 2000000] [--seed 7]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract.articles import Article, count_words, parse_seed_text  # noqa: E402
from extract.extraction import Extractor  # noqa: E402

SOURCES = [ROOT / "seeds" / "articles", ROOT / "tests" / "gold" / "news"]


def load_articles() -> list[Article]:
    out = []
    for d in SOURCES:
        for p in sorted(d.glob("*.txt")) if d.is_dir() else []:
            a = parse_seed_text(p.read_bytes(), source_name="bench", source_uri=str(p))
            if isinstance(a, Article):
                out.append(a)
    return out


def perturb(a: Article, rng: random.Random, k: int) -> Article:
    paras = a.body.split("\n")
    rng.shuffle(paras)
    body = "\n".join(paras)
    if k % 2:
        # rotate capital letters of name-like words a little: new names, same shapes
        body = "".join(chr((ord(c) - 65 + k) % 26 + 65) if "A" <= c <= "Z" and rng.random() < 0.3 else c
                       for c in body)
    return replace(a, article_id=f"{a.article_id}-{k}", body=body, word_count=count_words(body))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--words", type=int, default=2_000_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--repeat", type=int, default=3, help="passes over the corpus; the fastest is reported")
    args = ap.parse_args()
    base = load_articles()
    if not base:
        print("no articles found", file=sys.stderr)
        return 1
    rng = random.Random(args.seed)
    corpus: list[Article] = []
    words = 0
    k = 0
    while words < args.words:
        a = perturb(base[k % len(base)], rng, k // len(base))
        corpus.append(a)
        words += a.word_count
        k += 1
    extractor = Extractor()
    extractor.extract(base[0])  # load the gazetteer and the sentiment lexicon once
    best_cpu = best_wall = float("inf")
    events = 0
    for _ in range(max(1, args.repeat)):
        events = 0
        t0 = time.process_time()
        w0 = time.perf_counter()
        for a in corpus:
            ex = extractor.extract(a)
            events += len(ex.visits) + len(ex.meetings) + len(ex.statements)
        best_cpu = min(best_cpu, time.process_time() - t0)
        best_wall = min(best_wall, time.perf_counter() - w0)
    cpu, wall = best_cpu, best_wall
    tok_cpu = _tokenizer_cpu(corpus, args.repeat)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles: {len(corpus)}  words: {words:,}  events: {events:,}")
    print(f"fastest of {max(1, args.repeat)} passes: cpu time {cpu:.2f} s, wall {wall:.2f} s "
          f"(load average now {', '.join(f'{x:.2f}' for x in os.getloadavg())})")
    print(f"speed: {words / cpu:,.0f} words/s per core (cpu time)")
    if tok_cpu is not None:
        # the same bodies through spaCy's blank English tokenizer, in this process: the
        # floor of any spaCy pipeline, and the yardstick of the extractor's speed budget
        print(f"spaCy blank English tokenizer (make_doc): {words / tok_cpu:,.0f} words/s per core; "
              f"extractor/tokenizer ratio {tok_cpu / cpu:.3f}")
    print(f"peak RSS: {peak_mb:,.0f} MB")
    return 0


def _tokenizer_cpu(corpus: list[Article], repeat: int) -> float | None:
    try:
        import spacy
    except ImportError:
        return None
    nlp = spacy.blank("en")
    best = float("inf")
    for _ in range(max(1, repeat)):
        t0 = time.process_time()
        for a in corpus:
            nlp.make_doc(a.body)
        best = min(best, time.process_time() - t0)
    return best


if __name__ == "__main__":
    sys.exit(main())
