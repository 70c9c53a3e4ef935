"""Who holds which office when: a recurring cast of invented people.

Real coverage names the same foreign minister in hundreds of stories and a new one
after a reshuffle; the warehouse's actor merging and event deduplication only get
exercised if the corpus does that too. Each (country, title) has a holder per term of
~2 years (terms of different offices and countries start on different days); holders
and the pool of non-government people are invented lazily, each from its own seeded
generator, so the cast depends on the corpus seed only and costs nothing up front.
"""

from __future__ import annotations

import random
import zlib
from datetime import date

from bench.names import Name, invent_name

TERM_DAYS = 730
NON_GOVERNMENT_POOL = 5000


class Cast:
    def __init__(self, seed: int, reserved: frozenset[str]) -> None:
        self.seed = seed
        self.reserved = reserved
        self._rng = random.Random()
        self._names: dict[str, Name] = {}

    def _name(self, key: str) -> Name:
        name = self._names.get(key)
        if name is None:
            self._rng.seed(f"dipnews-cast:{self.seed}:{key}")
            name = self._names[key] = invent_name(self._rng, self.reserved)
        return name

    def holder(self, iso3: str, title: str, on: date) -> Name:
        """The (invented) holder of ``title`` in country ``iso3`` on day ``on``."""
        offset = zlib.crc32(f"{iso3}:{title}".encode()) % TERM_DAYS
        term = (on.toordinal() + offset) // TERM_DAYS
        return self._name(f"{iso3}:{title}:{term}")

    def anyone(self, rng: random.Random) -> Name:
        """Someone outside government: analysts, coaches, chief executives."""
        return self._name(f"person:{int(rng.random() * NON_GOVERNMENT_POOL)}")
