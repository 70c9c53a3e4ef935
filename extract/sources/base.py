"""What every source yields, and how a configured source is described."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from extract.articles import Article, Rejected


@dataclass(frozen=True)
class Window:
    """The publication-date interval a run processes; open ends mean unbounded."""

    since: date | None = None
    until: date | None = None

    def contains(self, day: date) -> bool:
        return (self.since is None or day >= self.since) and (self.until is None or day <= self.until)

    def label(self) -> str:
        return f"{self.since or '-inf'}..{self.until or '+inf'}"


@dataclass(frozen=True)
class SourceConfig:
    """One entry of ``[[sources]]`` in dipnews.toml (or a ``--source`` argument)."""

    name: str
    kind: str  # "files" | "feed"
    location: str
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Skipped:
    """An input deliberately not loaded (outside the window, already seen ...)."""

    source_name: str
    source_uri: str
    reason: str


PullItem = Article | Rejected | Skipped


class Source(Protocol):
    def __call__(self, config: SourceConfig, window: Window, state: dict[str, Any]) -> Iterator[PullItem]:
        """Yield every input of the source as an article, a rejection or a skip.

        ``state`` is the source's persisted state (seen ids, ETags ...): the source
        may read and update it; the caller saves it after the items are landed.
        """
        ...
