"""The error a source raises when it cannot be read at all."""

from __future__ import annotations


class SourceError(OSError):
    """A configured source could not be read at all (feed 404/500 after retries,
    timeout, malformed or hostile XML, robots.txt disallow ...).

    Per-item failures never raise: they become ``Rejected`` or ``Skipped`` items.
    A whole-source failure does, so the run ends with a clear, non-zero error rather
    than a quiet "0 articles". It subclasses ``OSError`` because that is what it is
    (input could not be read) and because the CLI already turns ``OSError`` into a
    one-line "run failed: ..." message instead of a traceback.
    """

    def __init__(self, source: str, location: str, reason: str) -> None:
        super().__init__(f"source {source!r} cannot be read: {location}: {reason}")
        self.source = source
        self.location = location
        self.reason = reason

    def __reduce__(self):  # picklable across Airflow/multiprocessing boundaries
        return (type(self), (self.source, self.location, self.reason))


class SourcesFailed(OSError):
    """One or more configured sources could not be read; the others were pulled and landed."""

    def __init__(self, failures: list[SourceError], stats=None) -> None:
        super().__init__("; ".join(str(f) for f in failures))
        self.failures = list(failures)
        self.stats = stats  # LandingStats of the sources that were read

    def __reduce__(self):
        return (type(self), (self.failures, self.stats))
