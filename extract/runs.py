"""Run records: what each run did, kept as one JSON file per run under ``ops/runs``.

Files rather than a database table because the stages of one run execute in
separate Airflow task processes; the publish step copies them into ``ops.runs``.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime

import pyarrow as pa

from extract.warehouse import Layout, atomic_write_bytes

RUN_SCHEMA = pa.schema(
    [
        ("run_id", pa.string()),
        ("started_at", pa.timestamp("s")),
        ("finished_at", pa.timestamp("s")),
        ("status", pa.string()),
        ("window_start", pa.date32()),
        ("window_end", pa.date32()),
        ("articles_seen", pa.int32()),
        ("articles_loaded", pa.int32()),
        ("articles_unchanged", pa.int32()),
        ("articles_quarantined", pa.int32()),
        ("articles_duplicate", pa.int32()),
        ("articles_skipped", pa.int32()),
        ("visits", pa.int32()),
        ("meetings", pa.int32()),
        ("statements", pa.int32()),
        ("message", pa.string()),
    ]
)


UNFINISHED = ("running", "publishing")


def now() -> str:
    return datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="seconds")


def new_run_id(prefix: str = "manual") -> str:
    return f"{prefix}__{datetime.now(UTC).strftime('%Y%m%dT%H%M%S%f')}"


@dataclass
class RunRecord:
    run_id: str
    started_at: str = field(default_factory=now)
    finished_at: str | None = None
    # running -> publishing -> published, or gate_failed | failed; a run whose process
    # died while running or publishing is marked interrupted by the next run.
    status: str = "running"
    window_start: str | None = None
    window_end: str | None = None
    articles_seen: int = 0
    articles_loaded: int = 0
    articles_unchanged: int = 0
    articles_quarantined: int = 0
    articles_duplicate: int = 0
    articles_skipped: int = 0
    visits: int = 0
    meetings: int = 0
    statements: int = 0
    message: str = ""
    stages: dict = field(default_factory=dict)  # per-stage figures, for `dipnews status`

    def reconciles(self) -> bool:
        """Every input seen ends loaded, already landed, quarantined, duplicate or skipped
        (outside the window, deferred, left for the next run). The dashboard's query
        computes the same in SQL."""
        return self.articles_seen == (self.articles_loaded + self.articles_unchanged + self.articles_quarantined
                                      + self.articles_duplicate + self.articles_skipped)

    def save(self, layout: Layout) -> None:
        atomic_write_bytes(layout.runs_dir / f"{safe(self.run_id)}.json", json.dumps(asdict(self), indent=1).encode())

    @classmethod
    def load(cls, layout: Layout, run_id: str) -> RunRecord:
        path = layout.runs_dir / f"{safe(run_id)}.json"
        if not path.exists():
            return cls(run_id=run_id)
        data = json.loads(path.read_text())
        known = {f for f in cls.__dataclass_fields__}
        return cls(**{k: v for k, v in data.items() if k in known})


def safe(run_id: str) -> str:
    """Airflow run ids contain ':' and '+'; keep file names portable."""
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in run_id)


def all_runs(layout: Layout) -> list[RunRecord]:
    runs = []
    for path in layout.runs_dir.glob("*.json"):
        try:
            data = json.loads(path.read_text())
        except (OSError, json.JSONDecodeError):
            continue
        known = set(RunRecord.__dataclass_fields__)
        runs.append(RunRecord(**{k: v for k, v in data.items() if k in known}))
    return sorted(runs, key=lambda r: r.started_at)


def runs_table(layout: Layout, published_run: str | None = None) -> pa.Table:
    """Every run record as a table. ``published_run`` is the run whose publish writes
    this table into the new file: the file is only ever seen once swapped in, so in it
    that run is ``published`` (on disk it says ``publishing`` until the swap is done)."""
    rows = []
    for r in all_runs(layout):
        d = asdict(r)
        d.pop("stages")
        if published_run is not None and r.run_id == published_run and r.status == "publishing":
            d["status"] = "published"
        for k in ("started_at", "finished_at"):
            d[k] = datetime.fromisoformat(d[k]) if d[k] else None
        for k in ("window_start", "window_end"):
            d[k] = datetime.fromisoformat(d[k]).date() if d[k] else None
        rows.append(d)
    return pa.Table.from_pylist(rows, RUN_SCHEMA)
