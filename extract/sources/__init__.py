"""Sources: where articles come from. Each kind is a function yielding pull items."""

from __future__ import annotations

from extract.sources.base import PullItem, Skipped, Source, SourceConfig, Window
from extract.sources.errors import SourceError, SourcesFailed
from extract.sources.files import pull_files


def get_source(kind: str) -> Source:
    if kind == "files":
        return pull_files
    if kind == "feed":
        from extract.sources.feeds import pull_feed

        return pull_feed
    raise ValueError(f"unknown source kind {kind!r} (expected 'files' or 'feed')")


__all__ = ["PullItem", "Skipped", "Source", "SourceConfig", "SourceError", "SourcesFailed", "Window", "get_source"]
