"""Duplicate articles across all of landing: same canonical URL, or syndicated near-copies.

A wire story reprinted by ten outlets must count once. Each group of duplicates keeps
its rows (nothing is deleted: landing stays a faithful record), but every member's
``canonical_id`` points at one canonical article and ``duplicate_reason`` says why.
The canonical is the earliest published, then the smallest ``article_id``: a rule
that depends on the group only, never on the order articles arrived in.

How near-copies are found without re-reading every body each night:

* each article gets a MinHash signature (datasketch, 128 permutations) over its
  body's 5-word shingles, computed once when it is first seen;
* the signature is cut into the bands datasketch's ``MinHashLSH`` chooses for a
  candidate threshold of ``CANDIDATE_JACCARD``; each band hashes to a 64-bit key. Two
  articles sharing a key are candidates, confirmed as near-duplicates when they were
  published within ``MAX_DAYS_APART`` days (syndication is quick; templated notices
  months apart are not copies of each other) and either their estimated Jaccard
  similarity reaches ``threshold`` (0.8) or the shorter one is at least
  ``MIN_CONTAINMENT`` contained in the longer (a reprint cut after a few paragraphs,
  the most common kind, has a Jaccard well under 0.8 with its original);
* signatures and keys are persisted per landing partition under
  ``ops/minhash/index/`` as Parquet, confirmed pairs in ``ops/minhash/edges.parquet``.
  A run reads only the key column of the index (~20 MB at 100k articles), plus the
  signatures of actual candidates; new articles cost ~1 KB each while indexed. (An
  in-memory ``MinHashLSH`` would hold millions of Python objects at that size and
  would have to be pickled between runs.) Measured on 2 cores: first indexing of
  105k articles ~70 s; a nightly 1k on top of them ~3 s; a run with nothing new ~1 s
  (plus imports).

Groups are the connected components of the confirmed pairs. Everything is
deterministic (fixed seed, scheme and hash function): running twice leaves every file
byte-identical, and landing the same articles in another order or other batches gives
the same canonical ids, reasons and pairs.

Crash safety: landing partitions are rewritten first, then the pairs, then the index,
then the manifest; each file atomically. A run killed in between recomputes what it
had not recorded and converges to the same result.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import re
import shutil
import zlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from extract.landing import (
    ARTICLE_SCHEMA,
    article_partition_path,
    landed_partitions,
    read_table,
    write_table,
)
from extract.sources.urls import canonical_url
from extract.warehouse import Layout, atomic_write_bytes

log = logging.getLogger(__name__)

THRESHOLD = 0.8
# Truncated reprints: Jaccard at least this, and the shorter text this much contained.
CANDIDATE_JACCARD = 0.5
MIN_CONTAINMENT = 0.9
NUM_PERM = 128
SEED = 1
SHINGLE_WORDS = 5
# Bodies shorter than this give too few shingles for a trustworthy estimate: such
# articles are only matched by URL.
MIN_WORDS = 20
MAX_DAYS_APART = 7
INDEX_VERSION = 1

_WORD = re.compile(r"\w+", re.UNICODE)

INDEX_SCHEMA = pa.schema(
    [
        ("article_id", pa.string()),
        ("published_date", pa.date32()),
        ("url", pa.string()),  # canonical URL, or null
        ("signature", pa.binary()),  # NUM_PERM little-endian uint32, or null when too short
        ("shingles", pa.int32()),  # distinct shingles: set sizes turn Jaccard into containment
        ("keys", pa.list_(pa.uint64())),  # LSH band keys and the URL key
    ]
)
EDGE_SCHEMA = pa.schema(
    [("a", pa.string()), ("b", pa.string()), ("kind", pa.string()), ("jaccard", pa.float64())]
)


# ------------------------------------------------------------- signatures
@functools.cache
def _permutations():
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32").permutations


def shingles(body: str) -> list[bytes]:
    words = _WORD.findall(body.lower())
    if len(words) < MIN_WORDS:
        return []
    return list({" ".join(words[i:i + SHINGLE_WORDS]).encode() for i in range(len(words) - SHINGLE_WORDS + 1)})


def signature(body: str) -> tuple[np.ndarray | None, int]:
    """The body's MinHash as ``NUM_PERM`` uint32 and its shingle count; None when too short.

    The scheme, seed and shingle hash are pinned (not datasketch's defaults) because
    persisted signatures must stay comparable across library upgrades. CRC-32 is
    enough as the shingle hash (MinHash's random affine permutations come after it)
    and ~3x faster than SHA-1: the first indexing of 100k articles takes ~40 s.
    """
    from datasketch import MinHash

    grams = shingles(body)
    if not grams:
        return None, 0
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=zlib.crc32, permutations=_permutations(),
                      scheme="affine32")
    minhash.update_batch(grams)
    return minhash.hashvalues.astype("<u4"), len(grams)


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity (what ``datasketch.MinHash.jaccard`` computes)."""
    return float(np.count_nonzero(a == b)) / len(a)


def containment(sim: float, n_a: int, n_b: int) -> float:
    """Share of the smaller shingle set inside the larger, from Jaccard and the set sizes."""
    if not n_a or not n_b:
        return 0.0
    common = sim * (n_a + n_b) / (1 + sim)
    return min(1.0, common / min(n_a, n_b))


@functools.cache
def _bands() -> tuple[int, int]:
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=CANDIDATE_JACCARD, num_perm=NUM_PERM)
    return lsh.b, lsh.r


def _key(tag: bytes, payload: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(tag + b"\0" + payload, digest_size=8).digest(), "little")


def keys_for(sig: np.ndarray | None, url: str | None, bands: tuple[int, int]) -> np.ndarray:
    keys = []
    if sig is not None:
        b, r = bands
        keys += [_key(b"band%d" % i, sig[i * r:(i + 1) * r].tobytes()) for i in range(b)]
    if url:
        keys.append(_key(b"url", url.encode()))
    return np.array(keys, dtype=np.uint64)


@dataclass(frozen=True)
class Entry:
    article_id: str
    published_date: date
    url: str | None
    sig: np.ndarray | None
    shingles: int
    keys: np.ndarray  # uint64: a numpy array, not Python ints, keeps a 100k backfill small


# ------------------------------------------------------------------ store
class _Store:
    """The persisted index under ``ops/minhash``."""

    def __init__(self, layout: Layout, threshold: float) -> None:
        self.root = layout.ops / "minhash"
        self.params = {"version": INDEX_VERSION, "num_perm": NUM_PERM, "seed": SEED, "shingle_words": SHINGLE_WORDS,
                       "scheme": "affine32", "shingle_hash": "crc32",
                       "min_words": MIN_WORDS, "threshold": threshold, "max_days_apart": MAX_DAYS_APART,
                       "candidate_jaccard": CANDIDATE_JACCARD, "min_containment": MIN_CONTAINMENT}
        manifest = self._read_json(self.root / "manifest.json")
        if manifest.get("params") != self.params:
            # Other parameters make old signatures and pairs meaningless: start over.
            if self.root.exists():
                log.info("dedup parameters changed: rebuilding the MinHash index")
                shutil.rmtree(self.root)
            manifest = {}
        self.fingerprints: dict[str, list[int]] = manifest.get("partitions", {})

    @staticmethod
    def _read_json(path: Path) -> dict:
        try:
            data = json.loads(path.read_text())
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def index_path(self, partition: str) -> Path:
        return self.root / "index" / (partition.replace("/", "__") + ".parquet")

    def read_index(self, partition: str, columns: list[str] | None = None) -> pa.Table | None:
        path = self.index_path(partition)
        if not path.exists():
            return None
        try:
            return pq.read_table(path, columns=columns, schema=INDEX_SCHEMA)
        except (OSError, pa.ArrowException) as exc:  # a damaged index file is rebuilt, not fatal
            log.warning("dedup index %s unreadable (%s): rebuilding it", path, exc)
            path.unlink(missing_ok=True)
            return None

    def read_edges(self) -> pa.Table:
        path = self.root / "edges.parquet"
        if not path.exists():
            return EDGE_SCHEMA.empty_table()
        try:
            return pq.read_table(path, schema=EDGE_SCHEMA)
        except (OSError, pa.ArrowException) as exc:
            log.warning("dedup pairs %s unreadable (%s): recomputing all pairs", path, exc)
            path.unlink(missing_ok=True)
            shutil.rmtree(self.root / "index", ignore_errors=True)
            self.fingerprints = {}
            return EDGE_SCHEMA.empty_table()

    @staticmethod
    def write_if_changed(path: Path, table: pa.Table) -> bool:
        sink = pa.BufferOutputStream()
        pq.write_table(table, sink, compression="zstd")
        data = sink.getvalue().to_pybytes()
        if path.exists() and path.read_bytes() == data:
            return False
        atomic_write_bytes(path, data)
        return True

    def save_manifest(self) -> None:
        data = json.dumps({"params": self.params, "partitions": dict(sorted(self.fingerprints.items()))},
                          indent=1, sort_keys=True).encode()
        path = self.root / "manifest.json"
        if not path.exists() or path.read_bytes() != data:
            atomic_write_bytes(path, data)


def _fingerprint(layout: Layout, partition: str) -> list[int]:
    stat = article_partition_path(layout, partition).stat()
    return [stat.st_size, stat.st_mtime_ns]


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


# ------------------------------------------------------------------- main
def mark_duplicates(layout: Layout, partitions: list[str] | tuple[str, ...] | set[str] = (),
                    *, threshold: float = THRESHOLD) -> dict[str, int]:
    """Index new articles, find their duplicates among all landed ones, rewrite the
    affected partitions' ``canonical_id``/``duplicate_reason``. Returns counts.

    ``partitions`` are the keys that just received articles; partitions whose landing
    file changed since the last call (say a run killed before dedup) are found anyway.
    """
    store = _Store(layout, threshold)
    old_edges = store.read_edges()  # first: an unreadable pairs file resets the index
    landed = landed_partitions(layout)
    fingerprints = {p: _fingerprint(layout, p) for p in landed}

    # 1. The index as it stands (small columns only), synced for the partitions to check:
    #    those named, those changed since the last call, those not indexed (or damaged).
    index: dict[str, pa.Table] = {}
    for p in landed:
        table = store.read_index(p, ["article_id", "published_date", "url", "keys"])
        if table is not None:
            index[p] = table
    check = sorted(
        {p for p in partitions if p in fingerprints}
        | {p for p in landed if p not in index or store.fingerprints.get(p) != fingerprints[p]}
    )
    new: dict[str, list[Entry]] = {}
    changed_index: set[str] = set()
    for p in check:
        rows = read_table(article_partition_path(layout, p), ARTICLE_SCHEMA).select(
            ["article_id", "published_date", "url", "body"])
        landed_ids = rows.column("article_id").to_pylist()
        indexed = set(index[p].column("article_id").to_pylist()) if p in index else set()
        if p in index and not indexed <= set(landed_ids):
            keep = pc.is_in(index[p].column("article_id"), value_set=pa.array(landed_ids, pa.string()))
            index[p] = index[p].filter(keep)
            changed_index.add(p)
        if indexed:  # bodies are only needed for articles not indexed yet
            rows = rows.filter(pc.invert(pc.is_in(rows.column("article_id"),
                                                  value_set=pa.array(sorted(indexed), pa.string()))))
        entries = {}
        for row in rows.to_pylist():
            aid = row["article_id"]
            if aid in entries:
                continue
            url = canonical_url(row["url"]) if row["url"] else None
            sig, n = signature(row["body"] or "")
            entries[aid] = Entry(aid, row["published_date"], url, sig, n, keys_for(sig, url, _bands()))
        if entries:
            new[p] = sorted(entries.values(), key=lambda e: e.article_id)
            changed_index.add(p)
    new_entries = {e.article_id: e for es in new.values() for e in es}

    # 2. Candidates: new articles sharing a key with any article, old or new.
    pairs = _candidate_pairs(new_entries, index)

    # 3. Confirm candidates with their signatures, dates and URLs.
    info = _Info(store, index, new_entries)
    info.want({x for pair in pairs for x in pair})
    new_edges: dict[tuple[str, str], tuple[str, float]] = {}
    for a, b in sorted(pairs):
        ea, eb = info.meta(a), info.meta(b)
        same_url = ea[1] is not None and ea[1] == eb[1]
        (sa, na), (sb, nb) = info.sig(a), info.sig(b)
        sim = jaccard(sa, sb) if sa is not None and sb is not None else 0.0
        close_in_time = abs((ea[0] - eb[0]).days) <= MAX_DAYS_APART
        if same_url:
            new_edges[(a, b)] = ("url", round(sim, 2))
        elif close_in_time and sim >= threshold:
            new_edges[(a, b)] = ("near", round(sim, 2))
        elif close_in_time and sim >= CANDIDATE_JACCARD and containment(sim, na, nb) >= MIN_CONTAINMENT:
            new_edges[(a, b)] = ("contained", round(sim, 2))

    # 4. All pairs: the recorded ones still alive, plus the new ones.
    alive = info.alive_ids()
    old = old_edges
    edges: dict[tuple[str, str], tuple[str, float]] = {}
    removed_endpoints: set[str] = set()
    for a, b, kind, sim in zip(*(old.column(c).to_pylist() for c in ("a", "b", "kind", "jaccard")), strict=True):
        if a in alive and b in alive:
            edges[(a, b)] = (kind, sim)
        else:
            removed_endpoints.update(x for x in (a, b) if x in alive)
    added = {pair: v for pair, v in new_edges.items() if pair not in edges}
    edges.update(added)

    uf = _UnionFind()
    for a, b in edges:
        uf.union(a, b)
    groups: dict[str, list[str]] = defaultdict(list)
    for node in list(uf.parent):
        groups[uf.find(node)].append(node)
    canonical: dict[str, str] = {}
    for members in groups.values():
        canon = min(members, key=lambda m: (info.meta(m)[0], m))
        for m in members:
            canonical[m] = canon

    # 5. Rewrite the partitions whose rows may have to change.
    touched = {x for pair in added for x in pair} | removed_endpoints
    touched_roots = {uf.find(x) for x in touched if x in uf.parent}
    to_fix = {m for root in touched_roots for m in groups[root]} | removed_endpoints
    examine = set(check) | info.partitions_of(to_fix)
    info.want(set(canonical.values()) | set(canonical))
    rewritten = rows_updated = 0
    for p in sorted(examine):
        n = _rewrite(layout, p, canonical, info)
        if n:
            rewritten += 1
            rows_updated += n
            fingerprints[p] = _fingerprint(layout, p)

    # 6. Record: pairs, then the index, then the manifest (see the module docstring).
    edge_rows = [{"a": a, "b": b, "kind": k, "jaccard": s} for (a, b), (k, s) in sorted(edges.items())]
    store.write_if_changed(store.root / "edges.parquet", pa.Table.from_pylist(edge_rows, EDGE_SCHEMA))
    for p in sorted(changed_index):
        full = store.read_index(p) if p in index else None
        if full is not None:
            full = full.filter(pc.is_in(full.column("article_id"), value_set=index[p].column("article_id")))
        parts = [full] if full is not None else []
        if p in new:
            parts.append(_entries_table(new[p]))
        table = pa.concat_tables(parts).sort_by("article_id") if parts else INDEX_SCHEMA.empty_table()
        store.write_if_changed(store.index_path(p), table)
    for p in landed:
        if p in check or p in examine:
            store.fingerprints[p] = fingerprints[p]
    for p in set(store.fingerprints) - set(fingerprints):
        del store.fingerprints[p]
        store.index_path(p).unlink(missing_ok=True)
    store.save_manifest()

    duplicates = [m for m, c in canonical.items() if m != c]
    counts = {
        "articles_indexed": len(alive),
        "newly_indexed": len(new_entries),
        "groups": len(groups),
        "duplicates": len(duplicates),
        # Reported as "same URL as ..." (the rest are near-duplicates of their canonical).
        "url_duplicates": sum(1 for m in duplicates if info.meta(m)[1] and info.meta(m)[1] == info.meta(canonical[m])[1]),
        "new_pairs": len(added),
        "partitions_rewritten": rewritten,
        "rows_updated": rows_updated,
    }
    counts["near_duplicates"] = counts["duplicates"] - counts["url_duplicates"]
    log.info("dedup: %s", counts)
    return counts


def _candidate_pairs(new_entries: dict[str, Entry], index: dict[str, pa.Table]) -> set[tuple[str, str]]:
    """Pairs (a < b) sharing a key, at least one of them new.

    Done with sorted arrays rather than a dict of buckets: a 100k backfill has ~2.7M
    keys, nearly all unique, and only the few shared ones become Python objects.
    """
    ids = list(new_entries)
    if not ids:
        return set()
    new_keys = [e.keys for e in new_entries.values()]
    key_arrays = [np.concatenate(new_keys)]
    owners = [np.repeat(np.arange(len(ids)), [len(k) for k in new_keys])]
    wanted = pa.array(np.unique(key_arrays[0]))
    for table in index.values():
        keys = table.column("keys").combine_chunks()
        flat = pc.list_flatten(keys)
        hit = pc.is_in(flat, value_set=wanted)
        if not pc.any(hit).as_py():
            continue
        parents = pc.filter(pc.list_parent_indices(keys), hit).to_numpy()
        old_ids = pc.take(table.column("article_id"), pa.array(parents)).to_pylist()
        owners.append(np.arange(len(ids), len(ids) + len(old_ids)))
        key_arrays.append(pc.filter(flat, hit).to_numpy())
        ids += old_ids
    keys = np.concatenate(key_arrays)
    owner = np.concatenate(owners)
    order = np.argsort(keys, kind="stable")
    keys, owner = keys[order], owner[order]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    sizes = np.diff(np.r_[starts, len(keys)])
    pairs: set[tuple[str, str]] = set()
    n_new = len(new_entries)
    for start, size in zip(starts[sizes > 1].tolist(), sizes[sizes > 1].tolist(), strict=True):
        members = {ids[i] for i in owner[start:start + size].tolist()}
        fresh = [ids[i] for i in owner[start:start + size].tolist() if i < n_new]
        for a in fresh:
            for b in members:
                if a != b:
                    pairs.add((min(a, b), max(a, b)))
    return pairs


class _Info:
    """Dates, URLs and signatures of indexed articles, read only when needed."""

    def __init__(self, store: _Store, index: dict[str, pa.Table], new: dict[str, Entry]) -> None:
        self.store, self.index, self.new = store, index, new
        self._meta: dict[str, dict[str, tuple[date, str | None]]] = {}
        self._sigs: dict[str, tuple[np.ndarray | None, int]] = {e.article_id: (e.sig, e.shingles)
                                                                 for e in new.values()}
        self._wanted: set[str] = set()
        self._where: dict[str, set[str]] | None = None

    def where(self) -> dict[str, set[str]]:
        """Partition(s) of every indexed article (an exact copy may sit in two sources)."""
        if self._where is None:
            self._where = defaultdict(set)
            for p, table in self.index.items():
                for aid in table.column("article_id").to_pylist():
                    self._where[aid].add(p)
        return self._where

    def alive_ids(self) -> set[str]:
        return set(self.where()) | set(self.new)

    def partitions_of(self, ids: set[str]) -> set[str]:
        where = self.where()
        return {p for i in ids for p in where.get(i, ())}

    def meta(self, aid: str) -> tuple[date, str | None]:
        if aid in self.new:
            e = self.new[aid]
            return e.published_date, e.url
        p = min(self.where()[aid])
        if p not in self._meta:
            table = self.index[p]
            self._meta[p] = dict(zip(table.column("article_id").to_pylist(),
                                     zip(table.column("published_date").to_pylist(), table.column("url").to_pylist(),
                                         strict=True), strict=True))
        return self._meta[p][aid]

    def want(self, ids: set[str]) -> None:
        """Signatures worth keeping when their partition is read (bounded memory)."""
        self._wanted |= ids

    def sig(self, aid: str) -> tuple[np.ndarray | None, int]:
        """Signature and shingle count."""
        if aid not in self._sigs:
            p = min(self.where()[aid])
            table = self.store.read_index(p, ["article_id", "signature", "shingles"])
            if table is None:
                return None, 0
            for other, raw, n in zip(*(table.column(c).to_pylist() for c in ("article_id", "signature", "shingles")),
                                     strict=True):
                if other == aid or other in self._wanted:
                    self._sigs.setdefault(other, (np.frombuffer(raw, dtype="<u4") if raw else None, n or 0))
        return self._sigs.get(aid, (None, 0))


def _reason(member: str, canon: str, info: _Info) -> str:
    url_m, url_c = info.meta(member)[1], info.meta(canon)[1]
    if url_m and url_m == url_c:
        return f"same URL as {canon} ({url_c})"
    # Reported against the canonical itself, even when the group was joined through
    # another copy, so the reason can be checked by comparing the two articles.
    (sa, na), (sb, nb) = info.sig(member), info.sig(canon)
    sim = jaccard(sa, sb) if sa is not None and sb is not None else 0.0
    if sim >= THRESHOLD or sim < CANDIDATE_JACCARD:
        return f"near-duplicate of {canon} (jaccard {sim:.2f})"
    return f"near-duplicate of {canon} (jaccard {sim:.2f}, containment {containment(sim, na, nb):.2f})"


def _rewrite(layout: Layout, partition: str, canonical: dict[str, str], info: _Info) -> int:
    """Set canonical_id/duplicate_reason of one partition; returns rows changed (0: file untouched)."""
    path = article_partition_path(layout, partition)
    table = read_table(path, ARTICLE_SCHEMA)
    ids = table.column("article_id").to_pylist()
    current = list(zip(table.column("canonical_id").to_pylist(), table.column("duplicate_reason").to_pylist(),
                       strict=True))
    wanted = []
    for aid in ids:
        canon = canonical.get(aid, aid)
        wanted.append((canon, None) if canon == aid else (canon, _reason(aid, canon, info)))
    changed = sum(1 for c, w in zip(current, wanted, strict=True) if c != w)
    if not changed:
        return 0
    table = table.set_column(table.schema.get_field_index("canonical_id"), "canonical_id",
                             pa.array([w[0] for w in wanted], pa.string()))
    table = table.set_column(table.schema.get_field_index("duplicate_reason"), "duplicate_reason",
                             pa.array([w[1] for w in wanted], pa.string()))
    write_table(path, table)
    return changed


def _entries_table(entries: list[Entry]) -> pa.Table:
    return pa.Table.from_pylist(
        [
            {
                "article_id": e.article_id,
                "published_date": e.published_date,
                "url": e.url,
                "signature": e.sig.tobytes() if e.sig is not None else None,
                "shingles": e.shingles,
                "keys": e.keys.tolist(),
            }
            for e in entries
        ],
        INDEX_SCHEMA,
    )
