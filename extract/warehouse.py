"""Where everything lives inside a warehouse directory, and the run lock."""

from __future__ import annotations

import fcntl
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

PUBLISHED_NAME = "diplomacy.duckdb"


# Descriptors of the run locks this process holds: forked workers close them at start,
# so that a worker outliving a killed run can never keep the warehouse locked.
HELD_LOCK_FDS: set[int] = set()


class WarehouseBusy(RuntimeError):
    """Another run holds the warehouse lock."""


@dataclass(frozen=True)
class Layout:
    root: Path

    def __post_init__(self) -> None:
        # Absolute, so paths stay right when a stage runs in the work directory.
        object.__setattr__(self, "root", Path(self.root).absolute())

    @property
    def published(self) -> Path:
        return self.root / PUBLISHED_NAME

    @property
    def marts_parquet(self) -> Path:
        return self.root / "marts"

    @property
    def landing(self) -> Path:
        return self.root / "landing"

    @property
    def landing_articles(self) -> Path:
        return self.landing / "articles"

    @property
    def quarantine(self) -> Path:
        return self.landing / "quarantine"

    @property
    def extracted(self) -> Path:
        return self.root / "extracted"

    @property
    def work(self) -> Path:
        return self.root / "work"

    @property
    def build_db(self) -> Path:
        return self.work / "build.duckdb"

    @property
    def build_results(self) -> Path:
        """dbt's node results of the last build (build -> validate)."""
        return self.work / "build_results.json"

    @property
    def gate_stamp(self) -> Path:
        """Which work database passed the gate (validate -> publish)."""
        return self.work / "gate_passed.json"

    @property
    def gate_scope(self) -> Path:
        """The input files the last passing gate had validated (their stamps)."""
        return self.ops / "gate_scope.json"

    @property
    def extract_manifests(self) -> Path:
        """One fingerprint per extracted landing part (extract -> the next extract)."""
        return self.extracted / "_manifest"

    @property
    def ops(self) -> Path:
        return self.root / "ops"

    @property
    def current_run(self) -> Path:
        """The run the stage commands continue (pull -> extract -> ... -> publish)."""
        return self.ops / "current_run.json"

    @property
    def runs_dir(self) -> Path:
        return self.ops / "runs"

    @property
    def gate_dir(self) -> Path:
        return self.ops / "gate_results"

    @property
    def source_state_dir(self) -> Path:
        return self.ops / "source_state"

    @property
    def data_docs(self) -> Path:
        return self.ops / "data_docs"

    @property
    def lock_file(self) -> Path:
        return self.root / ".lock"

    def ensure(self) -> None:
        for d in (self.landing_articles, self.quarantine, self.extracted, self.work, self.runs_dir,
                  self.gate_dir, self.source_state_dir):
            d.mkdir(parents=True, exist_ok=True)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path`` then rename: readers see old or new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def clean_temporaries(root: Path) -> int:
    """Remove temporary files a killed run left behind; they are never read."""
    removed = 0
    if not root.exists():
        return 0
    for pattern in (".*.tmp", ".*.tmp.wal"):
        for tmp in root.rglob(pattern):
            tmp.unlink(missing_ok=True)
            removed += 1
    return removed


@contextmanager
def in_work_dir(layout: Layout) -> Iterator[None]:
    """Run with the work directory as cwd: the build database's staging views read
    Parquet through paths relative to it (see extract.build.dbt_env)."""
    cwd = os.getcwd()
    layout.work.mkdir(parents=True, exist_ok=True)
    os.chdir(layout.work)
    try:
        yield
    finally:
        os.chdir(cwd)


@contextmanager
def run_lock(layout: Layout) -> Iterator[None]:
    """One pipeline run per warehouse at a time; the second one refuses at once.

    ``flock`` is released by the kernel when the holder dies, so a killed run never
    leaves a stale lock behind.
    """
    layout.root.mkdir(parents=True, exist_ok=True)
    fh = open(layout.lock_file, "a+")  # noqa: SIM115 - held for the context's lifetime
    try:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            fh.seek(0)
            holder = fh.read().strip() or "another process"
            raise WarehouseBusy(
                f"warehouse {layout.root} is locked by a running pipeline ({holder}); try again when it finishes"
            ) from exc
        fh.seek(0)
        fh.truncate()
        fh.write(f"pid {os.getpid()}\n")
        fh.flush()
        HELD_LOCK_FDS.add(fh.fileno())
        yield
    finally:
        HELD_LOCK_FDS.discard(fh.fileno())
        fh.close()
