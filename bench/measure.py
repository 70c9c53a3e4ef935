"""Run one benchmark step in a child process and measure it from outside.

Each pipeline stage runs in its own process, as an Airflow task does, so its figures
are its own: wall time (interpreter start and imports included), CPU time of the whole
process tree (``RUSAGE_CHILDREN`` before/after, which covers the extraction pool's
workers once they are joined), and peak memory. Peak memory is polled from
``/proc/<pid>/statm`` over the whole process tree every ``POLL_S``, summed: what the
machine had to hold at once (shared pages of forked workers count twice, so the figure
errs high). The child also reports its own ``ru_maxrss`` and its in-process timings.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
POLL_S = 0.05
PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass
class StepResult:
    step: str
    ok: bool
    wall_s: float
    cpu_s: float
    peak_rss_mib: float
    load_before: float
    load_after: float
    child: dict = field(default_factory=dict)  # what the child reported (timings, counts)
    error: str = ""

    @property
    def work_s(self) -> float:
        """The stage's own work, without interpreter start-up and imports."""
        return float(self.child.get("work_s", self.wall_s))


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as fh:
            return [int(p) for p in fh.read().split()]
    except OSError:
        return []


def tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and all its descendants (threads share the process's)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/statm") as fh:
                total += int(fh.read().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            continue  # exited between listing and reading
        todo.extend(_children(p))
    return total


class _Poller(threading.Thread):
    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.peak = max(self.peak, tree_rss(self.pid))
            self.done.wait(POLL_S)


def run_step(step: str, params: dict, log_path: Path | None = None) -> StepResult:
    """Run ``python -m bench.child STEP`` with ``params`` and measure it."""
    with tempfile.NamedTemporaryFile("r", suffix=".json", prefix="bench-step-", delete=False) as out:
        result_path = Path(out.name)
    args = [sys.executable, "-m", "bench.child", step, json.dumps(params), str(result_path)]
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONDONTWRITEBYTECODE": "1"}
    usage_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load_before = os.getloadavg()[0]
    log = open(log_path, "ab") if log_path else subprocess.DEVNULL  # noqa: SIM115 - closed below
    began = time.perf_counter()
    try:
        proc = subprocess.Popen(args, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT if log_path else None)
        poller = _Poller(proc.pid)
        poller.start()
        code = proc.wait()
        wall = time.perf_counter() - began
        poller.done.set()
        poller.join()
    finally:
        if log_path:
            log.close()  # type: ignore[union-attr]
    usage_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (usage_after.ru_utime - usage_before.ru_utime) + (usage_after.ru_stime - usage_before.ru_stime)
    child: dict = {}
    try:
        child = json.loads(result_path.read_text() or "{}")
    except (OSError, json.JSONDecodeError):
        pass
    finally:
        result_path.unlink(missing_ok=True)
    error = "" if code == 0 else child.get("error") or f"exit code {code}"
    return StepResult(step, code == 0, round(wall, 3), round(cpu, 3), round(poller.peak / 2**20, 1),
                      round(load_before, 2), round(os.getloadavg()[0], 2), child, error)
