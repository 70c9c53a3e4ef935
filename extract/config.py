"""Settings: ``dipnews.toml`` when present, embedded defaults otherwise."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from extract.sources.base import SourceConfig

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CONFIG = REPO_ROOT / "dipnews.toml"
_NAME = re.compile(r"[^A-Za-z0-9_-]+")


@dataclass(frozen=True)
class GateSettings:
    max_quarantine_ratio: float = 0.25
    # A night whose fact-table row counts fall below this share of the last
    # published run fails: a broken extractor must not wipe the dashboards.
    min_row_ratio: float = 0.5


@dataclass(frozen=True)
class Settings:
    warehouse: Path
    sources: tuple[SourceConfig, ...]
    gate: GateSettings = field(default_factory=GateSettings)
    user_agent: str = "dipnews/0.1 (+https://github.com/dipnews/dipnews)"


def source_name_for(location: str) -> str:
    """A filesystem-safe source name derived from a path or URL."""
    parsed = urlparse(location)
    if parsed.scheme in ("http", "https"):
        base = parsed.netloc + parsed.path
    else:
        base = Path(location).resolve().name or "files"
    return _NAME.sub("_", base).strip("_")[:60] or "source"


def source_from_arg(location: str) -> SourceConfig:
    """Interpret a ``--source`` argument: a URL is a feed, anything else a path."""
    scheme = urlparse(location).scheme
    if scheme in ("http", "https"):
        return SourceConfig(name=source_name_for(location), kind="feed", location=location)
    if scheme and len(scheme) > 1:  # "c:" on Windows is a drive, not a scheme
        raise ValueError(f"unsupported source {location!r}: only local paths and http(s) URLs")
    return SourceConfig(name=source_name_for(location), kind="files", location=str(Path(location)))


def load_settings(config_path: Path | None = None, warehouse: Path | None = None) -> Settings:
    """Read settings; relative paths in the file are relative to the file."""
    path = config_path or Path(os.environ.get("DIPNEWS_CONFIG", DEFAULT_CONFIG))
    data: dict = {}
    base = REPO_ROOT
    if path.exists():
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        base = path.resolve().parent
    elif config_path is not None:
        raise FileNotFoundError(f"config file {path} not found")
    sources = []
    for entry in data.get("sources", [{"name": "sample", "kind": "files", "location": "seeds/articles"}]):
        location = entry["location"]
        if entry.get("kind", "files") == "files" and not Path(location).is_absolute():
            location = str(base / location)
        name = _NAME.sub("_", entry.get("name") or source_name_for(location))
        options = {k: v for k, v in entry.items() if k not in ("name", "kind", "location")}
        sources.append(SourceConfig(name=name, kind=entry.get("kind", "files"), location=location, options=options))
    wh = warehouse
    if wh is None and os.environ.get("DIPNEWS_WAREHOUSE"):
        wh = Path(os.environ["DIPNEWS_WAREHOUSE"])
    if wh is None:
        wh_conf = data.get("warehouse", {}).get("dir", "warehouse")
        wh = Path(wh_conf) if Path(wh_conf).is_absolute() else base / wh_conf
    gate = GateSettings(**data.get("gate", {}))
    return Settings(warehouse=Path(wh), sources=tuple(sources), gate=gate)
