"""The ``files`` source: a directory (or one file) of .txt, .jsonl and .html articles."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from extract.articles import Rejected, make_article, parse_date, parse_seed_text, printable
from extract.sources.base import PullItem, Skipped, SourceConfig, Window
from extract.sources.errors import SourceError

SUFFIXES = (".txt", ".jsonl", ".html", ".htm")
# Bigger files are refused rather than read into memory: no news article is this long.
MAX_FILE_BYTES = 10 * 1024 * 1024
# Files are read by a few threads, this many ahead of the parser (see read_ahead).
READ_THREADS = 4
READ_AHEAD = 64


OUTSIDE_ROOT = "symlink leaves the source directory"


def iter_files(root: Path) -> Iterator[tuple[Path, str | None]]:
    """Every article file under ``root`` in a stable order, with the reason it is refused
    (None when it is read). A symlink resolving outside ``root`` is never followed: it
    is reported, so that it is counted and quarantined rather than silently dropped."""
    if root.is_file():
        yield root, None
        return
    base = root.resolve()
    for path in sorted(root.rglob("*")):
        if path.suffix.lower() not in SUFFIXES:
            continue
        if path.is_symlink() or not path.resolve().is_relative_to(base):
            target = path.resolve()
            if not target.is_relative_to(base):
                if target.is_file() or not target.exists():
                    yield path, f"{OUTSIDE_ROOT}: {printable(str(path))} -> {printable(str(target))} (not followed)"
                continue
        if not path.is_file():
            continue
        yield path, None


def _windowed(item: PullItem, window: Window) -> PullItem:
    if hasattr(item, "published_date") and not window.contains(item.published_date):
        return Skipped(item.source_name, item.source_uri, f"published {item.published_date} outside window {window.label()}")
    return item


def _read(path: Path) -> tuple[str | None, bytes]:
    """(why the file is refused, or None; its bytes)."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return f"file too large ({size} bytes > {MAX_FILE_BYTES})", b""
        return None, path.read_bytes()
    except OSError as exc:
        return f"file cannot be read: {exc.strerror or exc}", b""


def read_ahead(files: Iterator[tuple[Path, str | None]], threads: int = READ_THREADS,
               ahead: int = READ_AHEAD) -> Iterator[tuple[Path, str | None, bytes]]:
    """(path, refusal, bytes) in ``files``' order, read by a few threads ahead of the parser.

    Reading overlaps with parsing (which holds the GIL): on a local disk with a warm
    cache this saves little, on network storage (NFS, a mounted bucket) it hides most of
    the latency. At most ``ahead`` files are held in memory.
    """
    from collections import deque
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="pull-read") as pool:
        pending: deque = deque()
        for path, refused in files:
            pending.append((path, refused, None if refused else pool.submit(_read, path)))
            if len(pending) >= ahead:
                yield _resolve(pending.popleft())
        while pending:
            yield _resolve(pending.popleft())


def _resolve(entry) -> tuple[Path, str | None, bytes]:
    path, refused, future = entry
    if future is None:
        return path, refused, b""
    why, raw = future.result()
    return path, why, raw


def pull_files(config: SourceConfig, window: Window, state: dict[str, Any]) -> Iterator[PullItem]:
    root = Path(config.location)
    if not root.exists():
        # One failed source: the caller records it and goes on with the others.
        raise SourceError(config.name, config.location, "no such file or directory")
    for path, refused, raw in read_ahead(iter_files(root)):
        uri = printable(str(path))
        if refused:
            yield Rejected(config.name, uri, refused, b"")
            continue
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
