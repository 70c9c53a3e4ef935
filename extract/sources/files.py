"""The ``files`` source: a directory (or one file) of .txt, .jsonl and .html articles."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from extract.articles import Rejected, make_article, parse_date, parse_seed_text
from extract.sources.base import PullItem, Skipped, SourceConfig, Window

SUFFIXES = (".txt", ".jsonl", ".html", ".htm")
# Bigger files are refused rather than read into memory: no news article is this long.
MAX_FILE_BYTES = 10 * 1024 * 1024


def iter_files(root: Path) -> Iterator[Path]:
    """Every article file under ``root``, in a stable order, never leaving ``root``."""
    if root.is_file():
        yield root
        return
    base = root.resolve()
    for path in sorted(root.rglob("*")):
        if path.suffix.lower() not in SUFFIXES or not path.is_file():
            continue
        # A symlink pointing outside the configured root is not followed.
        if not path.resolve().is_relative_to(base):
            continue
        yield path


def _windowed(item: PullItem, window: Window) -> PullItem:
    if hasattr(item, "published_date") and not window.contains(item.published_date):
        return Skipped(item.source_name, item.source_uri, f"published {item.published_date} outside window {window.label()}")
    return item


def pull_files(config: SourceConfig, window: Window, state: dict[str, Any]) -> Iterator[PullItem]:
    root = Path(config.location)
    if not root.exists():
        raise FileNotFoundError(f"source {config.name!r}: {root} does not exist")
    for path in iter_files(root):
        uri = str(path)
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            yield Rejected(config.name, uri, f"file too large ({size} bytes > {MAX_FILE_BYTES})", b"")
            continue
        raw = path.read_bytes()
        suffix = path.suffix.lower()
        if suffix == ".txt":
            items: list[PullItem] = [parse_seed_text(raw, source_name=config.name, source_uri=uri)]
        elif suffix == ".jsonl":
            items = list(parse_jsonl(raw, source_name=config.name, source_uri=uri))
        else:
            from extract.sources.html import parse_html  # trafilatura is slow to import

            items = [parse_html(raw, source_name=config.name, source_uri=uri, url=None)]
        for item in items:
            yield _windowed(item, window)


def parse_jsonl(raw: bytes, *, source_name: str, source_uri: str) -> Iterator[PullItem]:
    """One article per line: ``{"title", "published", "body", "url"}``."""
    for lineno, line in enumerate(raw.split(b"\n"), start=1):
        if not line.strip():
            continue
        uri = f"{source_uri}#L{lineno}"
        try:
            record = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            yield Rejected(source_name, uri, f"invalid JSON line: {exc}", line)
            continue
        if not isinstance(record, dict):
            yield Rejected(source_name, uri, "JSON line is not an object", line)
            continue
        missing = [k for k in ("title", "published", "body") if not isinstance(record.get(k), str)]
        if missing:
            yield Rejected(source_name, uri, f"missing or non-string field(s): {', '.join(missing)}", line)
            continue
        published: date | str = parse_date(record["published"][:10])
        if isinstance(published, str):
            yield Rejected(source_name, uri, published, line)
            continue
        url = record.get("url") if isinstance(record.get("url"), str) else None
        yield make_article(
            source_name=source_name,
            source_uri=uri,
            url=url,
            published=published,
            title=record["title"],
            body_paragraphs=record["body"].split("\n"),
            highlights=[h for h in record.get("highlights") or [] if isinstance(h, str)],
            raw_text=line.decode("utf-8"),
        )
