"""Deterministic synthetic corpus of seed-format articles, at any size.

    python -m bench.generate --articles 100000 --out /tmp/corpus [--seed 7]

Article ``i`` depends only on (seed, i): the corpus streams to disk one file at a time
(never held in memory), a smaller corpus is a prefix of a bigger one, and a
syndicated copy rebuilds its original from the original's index. Files go into
sub-directories of at most 5,000 files. ``MANIFEST.json`` is written last, so a corpus
directory with a manifest is complete (the benchmark caches corpora on that).

Mix (per article): ~0.5% malformed inputs (empty, binary, no date line, impossible date,
Latin-1, no body), ~3% syndicated copies of a recent story (a fifth of them verbatim),
and of the originals ~25% non-diplomatic filler (weather, sport, business, science) and
~75% diplomatic stories led by a visit, a planned trip, a meeting, a phone/video call, a
multilateral meeting, a track-2 dialogue or a statement, followed by direct and
reported statements (short forms and pronouns), follow-ups and background.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing
import os
import random
import re
import sys
import time
from collections import Counter, deque
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path

from bench.cast import Cast
from bench.stories import Parts, malformed, near_copy, original
from bench.tables import Tables, load_tables

# Bump whenever the bytes produced for a (seed, index) change: it keys the bench cache.
GENERATOR_VERSION = 2
FILES_PER_DIR = 5000
CHUNK = 1000  # articles per unit of work handed to a process
WRITER_THREADS = 4
WRITE_AHEAD = 64
MALFORMED_SHARE = 0.005
COPY_SHARE = 0.03
# How far back a syndicated copy looks for its original (wires re-run fresh stories).
COPY_WINDOW = 60
DEFAULT_START = date(2022, 1, 1)
DEFAULT_DAYS = 1095  # ~3 years
MANIFEST = "MANIFEST.json"
_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass
class Manifest:
    generator_version: int
    seed: int
    articles: int
    first_index: int
    start: str
    days: int
    kinds: dict[str, int] = field(default_factory=dict)
    words: int = 0  # whitespace words of the bodies of well-formed articles
    bytes: int = 0
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0


class Corpus:
    """Builds article ``index`` of the corpus for ``seed``; holds one reusable RNG pair."""

    def __init__(self, seed: int, start: date = DEFAULT_START, days: int = DEFAULT_DAYS,
                 first_index: int = 0, tables: Tables | None = None) -> None:
        self.seed, self.start, self.days, self.first_index = seed, start, days, first_index
        self.tables = tables or load_tables()
        self.cast = Cast(seed, self.tables.reserved_words)
        self._rng = random.Random()
        self._aux = random.Random()  # rebuilds originals without disturbing _rng

    def _seed(self, rng: random.Random, index: int) -> tuple[float, date]:
        # A string seed is hashed with SHA-512: stable across runs, platforms and
        # PYTHONHASHSEED. The first two draws (kind, date) are the same for every kind.
        rng.seed(f"dipnews-bench:{self.seed}:{index}")
        u = rng.random()
        return u, self.start + timedelta(days=rng.randrange(self.days))

    def kind_of(self, index: int) -> str:
        u, _ = self._seed(self._aux, index)
        return "malformed" if u < MALFORMED_SHARE else "copy" if u < MALFORMED_SHARE + COPY_SHARE else "original"

    def _original(self, index: int) -> Parts:
        _, published = self._seed(self._aux, index)
        return original(self._aux, self.tables, self.cast, published)

    def article(self, index: int) -> tuple[str, bytes, Parts | None]:
        """(kind, file bytes, parts when well-formed) of article ``index``."""
        rng = self._rng
        u, published = self._seed(rng, index)
        if u < MALFORMED_SHARE:
            kind, raw = malformed(rng, self.tables, self.cast, published)
            return f"malformed:{kind}", raw, None
        position = index - self.first_index
        if u < MALFORMED_SHARE + COPY_SHARE and position > 0:
            source = index - 1 - rng.randrange(min(position, COPY_WINDOW))
            while source > self.first_index and self.kind_of(source) != "original":
                source -= 1
            if self.kind_of(source) == "original":
                parts = near_copy(rng, self.cast, self._original(source))
                return "copy", parts.render(), parts
        parts = original(rng, self.tables, self.cast, published)
        return "original", parts.render(), parts


def file_name(index: int, parts: Parts | None) -> str:
    slug = _SLUG.sub("-", parts.title.lower())[:48].strip("-") if parts else "input"
    return f"{index:09d}-{slug or 'article'}.txt"


@dataclass
class _Tally:
    kinds: Counter[str] = field(default_factory=Counter)
    bytes: int = 0
    words: int = 0


def _write(path: Path, data: bytes) -> None:
    with open(path, "wb") as fh:
        fh.write(data)


def _generate_range(out: str, seed: int, start: date, days: int, first_index: int, lo: int, hi: int) -> _Tally:
    """Write positions [lo, hi) of the corpus. Runs in a worker process.

    Creating a file costs 25-700 us on this ext4 disk depending on other load, more
    than building the article, so writes go through a few threads (open/write release
    the GIL) while this thread builds the next articles; at most WRITE_AHEAD articles
    are in flight, so memory stays flat whatever the corpus size.
    """
    corpus = Corpus(seed, start, days, first_index)
    tally = _Tally()
    pending: deque[Future[None]] = deque()
    with ThreadPoolExecutor(max_workers=WRITER_THREADS) as writers:
        for position in range(lo, hi):
            index = first_index + position
            kind, raw, parts = corpus.article(index)
            path = Path(out) / shard_name(position) / file_name(index, parts)
            pending.append(writers.submit(_write, path, raw))
            if len(pending) > WRITE_AHEAD:
                pending.popleft().result()
            tally.kinds[kind.split(":")[0]] += 1
            if kind.startswith("malformed"):
                tally.kinds[kind] += 1
            tally.bytes += len(raw)
            if parts is not None:
                tally.words += parts.words
        for future in pending:
            future.result()
    return tally


def shard_name(position: int) -> str:
    return f"part-{position // FILES_PER_DIR:05d}"


def generate(articles: int, out: Path, seed: int = 7, start: date = DEFAULT_START, days: int = DEFAULT_DAYS,
             first_index: int = 0, jobs: int | None = None, progress: bool = False) -> Manifest:
    """Write ``articles`` files under ``out`` (streamed) and return the manifest.

    Chunks of CHUNK articles are built by ``jobs`` processes; the bytes of article i
    depend on (seed, i) only, so the corpus is identical whatever ``jobs`` is.
    """
    out.mkdir(parents=True, exist_ok=True)
    (out / MANIFEST).unlink(missing_ok=True)
    for position in range(0, articles, FILES_PER_DIR):
        (out / shard_name(position)).mkdir(exist_ok=True)
    manifest = Manifest(GENERATOR_VERSION, seed, articles, first_index, start.isoformat(), days)
    chunks = [(lo, min(lo + CHUNK, articles)) for lo in range(0, articles, CHUNK)]
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(chunks)))
    total = _Tally()
    began = time.perf_counter()
    args = [(str(out), seed, start, days, first_index, lo, hi) for lo, hi in chunks]
    if jobs == 1:
        results = (_generate_range(*a) for a in args)
        done = contextlib.nullcontext()
    else:
        # fork: workers inherit the loaded gazetteer tables instead of re-reading them.
        done = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"))
        results = done.map(_generate_range, *zip(*args, strict=True))
    with done:
        for (_, hi), tally in zip(chunks, results, strict=True):
            total.kinds.update(tally.kinds)
            total.bytes += tally.bytes
            total.words += tally.words
            if progress and hi % (5 * CHUNK) == 0:
                print(f"  {hi:>9,} articles", file=sys.stderr, flush=True)
    manifest.seconds = round(time.perf_counter() - began, 3)
    manifest.kinds = dict(sorted(total.kinds.items()))
    manifest.bytes, manifest.words = total.bytes, total.words
    (out / MANIFEST).write_text(json.dumps(asdict(manifest), indent=1) + "\n")
    return manifest


def read_manifest(out: Path) -> Manifest | None:
    path = out / MANIFEST
    if not path.exists():
        return None
    return Manifest(**json.loads(path.read_text()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, required=True, help="how many article files to write")
    parser.add_argument("--out", type=Path, required=True, help="output directory (created)")
    parser.add_argument("--seed", type=int, default=7, help="corpus seed (default 7)")
    parser.add_argument("--start", type=date.fromisoformat, default=DEFAULT_START,
                        help=f"first publication date (default {DEFAULT_START})")
    parser.add_argument("--days", type=int, default=DEFAULT_DAYS,
                        help=f"publication dates spread over this many days (default {DEFAULT_DAYS})")
    parser.add_argument("--first-index", type=int, default=0,
                        help="index of the first article: another index range gives other articles "
                             "(the benchmark's 'new night' batch)")
    parser.add_argument("--jobs", type=int, default=None,
                        help="worker processes (default: all cores; the output does not depend on it)")
    args = parser.parse_args(argv)
    if args.articles < 0 or args.days < 1:
        parser.error("--articles must be >= 0 and --days >= 1")
    m = generate(args.articles, args.out, args.seed, args.start, args.days, args.first_index, args.jobs,
                 progress=True)
    print(f"wrote {m.articles:,} articles ({m.bytes / 2**20:.1f} MiB, ~{m.words:,} words) to {args.out} "
          f"in {m.seconds:.1f} s ({m.rate:,.0f} articles/s); kinds: {m.kinds}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
