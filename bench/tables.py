"""Reference data the generator draws from: the project's own gazetteer CSVs.

The synthetic corpus uses the same countries, demonyms, capitals, cities, titles and
organisations the extractor knows, so it exercises the real look-up paths; only person
names are invented (see :mod:`bench.names`).
"""

from __future__ import annotations

import bisect
import csv
import functools
import itertools
import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

# The CSV lists nouns ("Briton", "Dane") beside adjectives; news writes
# "British Foreign Secretary X", so a few countries get their adjective by hand.
DEMONYM_OVERRIDES = {
    "GBR": "British", "DNK": "Danish", "SWE": "Swedish", "TUR": "Turkish", "SOM": "Somali",
    "NPL": "Nepalese", "SVK": "Slovak", "KAZ": "Kazakh", "UZB": "Uzbek", "TJK": "Tajik",
    "KGZ": "Kyrgyz", "SRB": "Serbian", "HRV": "Croatian", "POL": "Polish", "ESP": "Spanish",
}
# Where the CSV lists several spellings or seats, the one wires use most.
CAPITAL_OVERRIDES = {
    "CHN": "Beijing", "UKR": "Kyiv", "USA": "Washington", "IND": "New Delhi", "IRN": "Tehran",
    "KAZ": "Astana", "VNM": "Hanoi", "ZAF": "Pretoria", "NLD": "The Hague", "MYS": "Kuala Lumpur",
    "TZA": "Dodoma", "BOL": "La Paz", "LKA": "Colombo", "CIV": "Abidjan", "YEM": "Sanaa",
    "MNG": "Ulaanbaatar", "MMR": "Naypyitaw", "BRA": "Brasilia", "SDN": "Khartoum",
}
# Countries that dominate diplomatic news get more weight, as in real coverage.
MAJOR = frozenset(
    "USA CHN RUS IND GBR FRA DEU JPN BRA TUR SAU IRN ISR UKR KOR ZAF EGY IDN AUS CAN ITA PAK "
    "NGA KEN MEX ARE QAT VNM ETH".split()
)
# Common titles and how often news uses them; each must exist in titles.csv.
GOVERNMENT_TITLES = {
    "foreign minister": 24, "president": 18, "prime minister": 14, "defence minister": 5,
    "trade minister": 4, "finance minister": 4, "deputy foreign minister": 4, "vice president": 3,
    "ambassador": 4, "special envoy": 3, "energy minister": 2, "interior minister": 2,
    "economy minister": 2, "deputy prime minister": 2, "national security adviser": 2,
    "secretary of state": 1, "health minister": 1, "chancellor": 1, "premier": 1,
}
NON_GOVERNMENT_TITLES = ("analyst", "economist", "professor", "researcher", "business leader",
                         "activist", "scholar", "chief executive", "former ambassador")
THINK_TANK_KINDS = ("think_tank", "university")


T = TypeVar("T")


class Weighted(Generic[T]):
    """Weighted choice by bisection over cumulative weights (``random.choices`` rebuilds
    them on every call, which dominated the generator's profile)."""

    def __init__(self, items: Sequence[T], weights: Sequence[float]) -> None:
        self.items = list(items)
        self.cum = list(itertools.accumulate(weights))
        self.total = self.cum[-1] if self.cum else 0.0

    def pick(self, rng: random.Random) -> T:
        return self.items[bisect.bisect(self.cum, rng.random() * self.total)]


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    demonym: str
    capital: str
    cities: tuple[str, ...]
    weight: int

    @property
    def possessive(self) -> str:
        """ "Kenya's", "the Philippines'" """
        return f"{self.name}'" if self.name.endswith("s") else f"{self.name}'s"


@dataclass
class Tables:
    countries: list[Country] = field(default_factory=list)
    weighted_countries: Weighted[Country] = field(default_factory=lambda: Weighted([], []))
    gov_titles: list[str] = field(default_factory=list)
    weighted_titles: Weighted[str] = field(default_factory=lambda: Weighted([], []))
    nongov_titles: list[str] = field(default_factory=list)
    think_tanks: list[str] = field(default_factory=list)
    media: list[str] = field(default_factory=list)
    # Every word of every place/organisation name: invented person names must not be one.
    reserved_words: frozenset[str] = frozenset()


def _read(name: str) -> list[dict[str, str]]:
    with (SEEDS / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _demonym(iso3: str, forms: list[tuple[str, bool]], country_name: str) -> str:
    if iso3 in DEMONYM_OVERRIDES:
        return DEMONYM_OVERRIDES[iso3]

    def shared_prefix(form: str) -> int:
        n = 0
        for a, b in zip(form.lower(), country_name.lower(), strict=False):
            if a != b:
                break
            n += 1
        return n

    # Unambiguous, one word, closest to the country's name, then the shortest.
    return max(forms, key=lambda f: (not f[1], " " not in f[0], shared_prefix(f[0]), -len(f[0])))[0]


@functools.cache
def load_tables() -> Tables:
    countries = {r["iso3"]: r for r in _read("countries.csv")}
    demonyms: dict[str, list[tuple[str, bool]]] = defaultdict(list)
    capitals: dict[str, list[tuple[str, bool]]] = defaultdict(list)
    reserved: set[str] = set()
    for r in _read("country_aliases.csv"):
        reserved.update(r["alias"].lower().split())
        ambiguous = r["ambiguous"] == "true"
        if r["kind"] == "demonym":
            demonyms[r["iso3"]].append((r["alias"], ambiguous))
        elif r["kind"] == "capital" and "," not in r["alias"]:
            capitals[r["iso3"]].append((r["alias"], ambiguous))
    cities: dict[str, list[str]] = defaultdict(list)
    for r in _read("cities.csv"):
        reserved.update(r["city"].lower().split())
        cities[r["iso3"]].append(r["city"])
    tables = Tables()
    for iso3, row in sorted(countries.items()):
        reserved.update(row["name"].lower().split())
        if iso3 not in demonyms or iso3 not in capitals:
            continue  # territories without a demonym or a capital make poor news subjects
        capital = CAPITAL_OVERRIDES.get(iso3) or min(capitals[iso3], key=lambda c: (c[1], len(c[0])))[0]
        weight = 6 if iso3 in MAJOR else 1
        tables.countries.append(
            Country(iso3, row["name"], _demonym(iso3, demonyms[iso3], row["name"]), capital,
                    tuple(c for c in cities[iso3] if c != capital), weight)
        )
    tables.weighted_countries = Weighted(tables.countries, [c.weight for c in tables.countries])
    known_titles = {r["title"] for r in _read("titles.csv")}
    tables.gov_titles = [t for t in GOVERNMENT_TITLES if t in known_titles]
    tables.weighted_titles = Weighted(tables.gov_titles, [GOVERNMENT_TITLES[t] for t in tables.gov_titles])
    tables.nongov_titles = [t for t in NON_GOVERNMENT_TITLES if t in known_titles] or ["analyst"]
    for r in _read("organizations.csv"):
        reserved.update(r["name"].lower().split())
        if r["kind"] in THINK_TANK_KINDS:
            tables.think_tanks.append(r["name"])
        elif r["kind"] == "media":
            tables.media.append(r["name"])
    tables.reserved_words = frozenset(reserved)
    return tables
