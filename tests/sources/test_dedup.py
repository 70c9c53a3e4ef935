"""Duplicate detection over landing: syndicated copies point at one canonical article,
runs are idempotent and order-independent, and the persisted index is used incrementally."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from extract.articles import make_article
from extract.dedup import containment, jaccard, mark_duplicates, signature
from extract.landing import Lander, landed_partitions, read_partition
from extract.warehouse import Layout
from tests.sources.server import FIXTURES

pytestmark = pytest.mark.timeout(60)

CORPUS = [json.loads(line) for line in (FIXTURES / "syndicated.jsonl").read_text().splitlines() if line.strip()]


def article(row: dict):
    a = make_article(source_name=row["source"], source_uri=f"{row['url']}", url=row["url"],
                     published=date.fromisoformat(row["published"]), title=row["title"],
                     body_paragraphs=row["body"].split("\n"), raw_text=row["body"])
    return a


def land(layout: Layout, rows: list[dict]) -> list[str]:
    lander = Lander(layout)
    lander.add_all(article(r) for r in rows)
    lander.flush()
    return sorted(lander.stats.partitions)


def landed_rows(layout: Layout) -> list[dict]:
    rows = []
    for key in landed_partitions(layout):
        rows += read_partition(layout, key).select(
            ["article_id", "canonical_id", "duplicate_reason", "source_name", "published_date", "url"]).to_pylist()
    return rows


def snapshot(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and "runs" not in p.parts}


def story_of(rows: list[dict]) -> dict[str, str]:
    ids = {article(r).article_id: r["story"] for r in CORPUS}
    return {r["article_id"]: ids[r["article_id"]] for r in rows}


@pytest.fixture
def layout(tmp_path) -> Layout:
    lay = Layout(tmp_path / "wh")
    lay.ensure()
    return lay


def test_known_syndicated_copies_yield_one_canonical_article_per_story(layout):
    counts = mark_duplicates(layout, land(layout, CORPUS))
    rows = landed_rows(layout)
    assert len(rows) == len(CORPUS) == 11
    stories = story_of(rows)
    canon_by_story: dict[str, set[str]] = {}
    for r in rows:
        canon_by_story.setdefault(stories[r["article_id"]], set()).add(r["canonical_id"])
    # One canonical per story, and distinct stories (A2, C2 share names and a paragraph) stay apart.
    assert {s: len(c) for s, c in canon_by_story.items()} == {"A": 1, "B": 1, "C": 1, "A2": 1, "C2": 1}
    assert len({c for cs in canon_by_story.values() for c in cs}) == 5
    # The canonical is the earliest published (ties: smallest id), and is its own canonical.
    by_id = {r["article_id"]: r for r in rows}
    for story in ("A", "B", "C"):
        members = [r for r in rows if stories[r["article_id"]] == story]
        canon = min(members, key=lambda r: (r["published_date"], r["article_id"]))
        assert {r["canonical_id"] for r in members} == {canon["article_id"]}
        assert by_id[canon["article_id"]]["duplicate_reason"] is None
        for r in members:
            if r is not canon:
                assert r["duplicate_reason"].startswith(("near-duplicate of " + canon["article_id"],
                                                         "same URL as " + canon["article_id"]))
    # Story C's two copies of one page share a URL, but their canonical is the wire's: near-duplicates.
    assert counts["duplicates"] == counts["near_duplicates"] == 6 and counts["groups"] == 3


def test_reasons_name_the_evidence(layout):
    mark_duplicates(layout, land(layout, CORPUS))
    reasons = {r["duplicate_reason"] for r in landed_rows(layout) if r["duplicate_reason"]}
    assert any("jaccard 1.00" in r for r in reasons)  # an exact body copy under another headline
    assert any("containment" in r for r in reasons)  # a reprint cut after a few paragraphs


def test_running_twice_changes_nothing(layout):
    partitions = land(layout, CORPUS)
    mark_duplicates(layout, partitions)
    before = snapshot(layout.root)
    counts = mark_duplicates(layout, partitions)
    assert snapshot(layout.root) == before
    assert counts["newly_indexed"] == 0 and counts["partitions_rewritten"] == 0
    assert mark_duplicates(layout, [])["rows_updated"] == 0 and snapshot(layout.root) == before


def test_result_does_not_depend_on_arrival_order(tmp_path):
    results = []
    orders = [CORPUS, list(reversed(CORPUS)), CORPUS[1::2] + CORPUS[0::2]]
    for n, order in enumerate(orders):
        layout = Layout(tmp_path / f"wh{n}")
        layout.ensure()
        # Arrive in several nightly batches, each followed by dedup, as the pipeline does.
        for start in range(0, len(order), 4):
            mark_duplicates(layout, land(layout, order[start:start + 4]))
        # Part files are named by the batch they arrived in; their rows and the pairs must agree.
        rows = sorted(landed_rows(layout), key=lambda r: (r["article_id"], r["source_name"]))
        edges = (layout.ops / "minhash" / "edges.parquet").read_bytes()
        results.append((rows, edges))
    assert results[0] == results[1] == results[2]


def test_a_later_earlier_copy_takes_over_as_canonical(layout):
    b = [r for r in CORPUS if r["story"] == "B"]
    mark_duplicates(layout, land(layout, b[1:]))  # daily and gazette first
    first = {r["canonical_id"] for r in landed_rows(layout)}
    assert len(first) == 1
    # The wire original arrives later but is the same day with a smaller id, or earlier.
    earliest = dict(b[0], published="2024-05-08")
    counts = mark_duplicates(layout, land(layout, [earliest]))
    rows = landed_rows(layout)
    new_canon = article(earliest).article_id
    assert {r["canonical_id"] for r in rows} == {new_canon}
    assert counts["partitions_rewritten"] >= 1 and counts["rows_updated"] >= 2


def test_dedup_catches_up_on_partitions_it_was_not_told_about(layout):
    # A run killed between landing and dedup: the next call finds the changed partitions itself.
    land(layout, CORPUS[:3])
    counts = mark_duplicates(layout, [])
    assert counts["newly_indexed"] == 3 and counts["duplicates"] == 2


def test_index_is_incremental_and_bodies_are_not_reread(layout, monkeypatch):
    mark_duplicates(layout, land(layout, CORPUS[:6]))
    calls = []
    import extract.dedup as dedup

    real = dedup.signature
    monkeypatch.setattr(dedup, "signature", lambda body: calls.append(body) or real(body))
    counts = mark_duplicates(layout, land(layout, CORPUS[6:]))
    assert len(calls) == counts["newly_indexed"] == len(CORPUS) - 6
    index_files = list((layout.ops / "minhash" / "index").glob("*.parquet"))
    assert index_files and pq.read_table(index_files[0]).num_rows >= 1


def test_damaged_index_is_rebuilt(layout):
    partitions = land(layout, CORPUS)
    mark_duplicates(layout, partitions)
    expected = landed_rows(layout)
    for f in (layout.ops / "minhash" / "index").glob("*.parquet"):
        f.write_bytes(b"not parquet")
    (layout.ops / "minhash" / "edges.parquet").write_bytes(b"junk")
    mark_duplicates(layout, [])
    assert landed_rows(layout) == expected


def test_articles_far_apart_in_time_are_not_merged(layout):
    b = [r for r in CORPUS if r["story"] == "B"]
    later = dict(b[1], published="2024-09-01")
    mark_duplicates(layout, land(layout, [b[0], later]))
    assert {r["canonical_id"] for r in landed_rows(layout)} == {r["article_id"] for r in landed_rows(layout)}


def test_short_articles_are_only_matched_by_url(layout):
    rows = [
        {"story": "S", "source": "a", "published": "2024-05-01", "title": "Brief one",
         "body": "The ministers met in Rome on Monday.", "url": "https://a.example/x"},
        {"story": "S", "source": "b", "published": "2024-05-01", "title": "Brief two",
         "body": "The ministers met in Rome on Monday.", "url": "https://b.example/y"},
        {"story": "S", "source": "c", "published": "2024-05-02", "title": "Brief three",
         "body": "The ministers met in Rome on Tuesday.", "url": "https://a.example/x?utm_campaign=z"},
    ]
    mark_duplicates(layout, land(layout, rows))
    got = {r["source_name"]: r for r in landed_rows(layout)}
    assert got["b"]["canonical_id"] == got["b"]["article_id"]  # too short to call a near-copy
    assert got["c"]["canonical_id"] == got["a"]["article_id"]
    assert got["c"]["duplicate_reason"].startswith("same URL as")


def test_signature_helpers():
    sig, n = signature(CORPUS[0]["body"])
    assert sig is not None and sig.dtype == "<u4" and len(sig) == 128 and n > 100
    assert jaccard(sig, sig) == 1.0
    assert signature("too short to compare")[0] is None
    assert containment(1.0, 100, 100) == 1.0 and containment(0.5, 100, 50) == 1.0 and containment(0.0, 5, 5) == 0.0
