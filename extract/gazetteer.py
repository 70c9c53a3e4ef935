"""The extractor's gazetteer: countries, aliases, cities, titles and organisations.

It reads the same CSV files that dbt loads as seeds (``seeds/*.csv``), so there is one
source of truth for reference data. Loading happens once per process
(:func:`Gazetteer.load` is cached); every look-up afterwards is a dict access.

Look-ups are by surface form as written in news text. Place and organisation names are
matched case-sensitively (they are proper nouns; "china" the material is not China),
titles case-insensitively. A missing file degrades gracefully to an empty table, so the
extractor keeps working (with lower recall) while reference data is being written.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SEEDS = REPO_ROOT / "seeds"

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Place:
    """What a place-like surface form refers to."""

    iso3: str
    kind: str  # "country" | "demonym" | "capital" | "city"
    name: str  # canonical name (country name, or the city itself)
    ambiguous: bool = False


@dataclass(frozen=True)
class Title:
    title: str  # lowercase surface form, e.g. "foreign minister"
    role: str
    is_government: bool
    rank: int


@dataclass(frozen=True)
class Organization:
    name: str
    iso3: str | None
    kind: str  # government | party | think_tank | ngo | media | international | company | ...

    @property
    def is_government(self) -> bool:
        return self.kind in ("government", "party", "military", "international")


@dataclass
class Gazetteer:
    country_names: dict[str, str] = field(default_factory=dict)  # iso3 -> short name
    iso2_to_iso3: dict[str, str] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)  # surface -> place
    titles: dict[str, Title] = field(default_factory=dict)  # lowercase title -> Title
    orgs: dict[str, Organization] = field(default_factory=dict)  # surface -> org
    max_title_words: int = 1
    max_place_words: int = 1
    max_org_words: int = 1
    # Every lowercase word that occurs in some title: lets a scanner stop early.
    title_words: frozenset[str] = frozenset()
    # pairs of countries sharing a name or demonym ("Congolese", "Dominican")
    shared_names: set[frozenset[str]] = field(default_factory=set)

    def confusable(self, a: str | None, b: str | None) -> bool:
        """Whether two countries share a name or demonym, so one may be misread as the other."""
        return bool(a and b and a != b and frozenset((a, b)) in self.shared_names)

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, seeds_dir: Path = DEFAULT_SEEDS) -> Gazetteer:
        return _load_cached(str(Path(seeds_dir).resolve()))

    @classmethod
    def from_rows(
        cls,
        countries: list[dict[str, str]] = (),  # type: ignore[assignment]
        aliases: list[dict[str, str]] = (),  # type: ignore[assignment]
        cities: list[dict[str, str]] = (),  # type: ignore[assignment]
        titles: list[dict[str, str]] = (),  # type: ignore[assignment]
        organizations: list[dict[str, str]] = (),  # type: ignore[assignment]
    ) -> Gazetteer:
        gz = cls()
        for row in countries:
            iso3 = (row.get("iso3") or "").strip().upper()
            if len(iso3) != 3:
                continue
            name = _norm(row.get("name") or "")
            gz.country_names[iso3] = name or iso3
            if row.get("iso2"):
                gz.iso2_to_iso3[row["iso2"].strip().upper()] = iso3
            for surface in (name, _norm(row.get("official_name") or "")):
                if surface:
                    gz._add_place(surface, Place(iso3, "country", name))
        for row in cities:
            iso3 = (row.get("iso3") or "").strip().upper()
            city = _norm(row.get("city") or "")
            if not city or len(iso3) != 3:
                continue
            capital = (row.get("is_capital") or "").strip().lower() in ("1", "true", "yes", "t")
            gz._add_place(city, Place(iso3, "capital" if capital else "city", city), weak=True)
        for row in aliases:
            iso3 = (row.get("iso3") or "").strip().upper()
            alias = _norm(row.get("alias") or "")
            if not alias or len(iso3) != 3:
                continue
            kind = (row.get("kind") or "name").strip().lower()
            kind = {"name": "country", "demonym": "demonym", "capital": "capital"}.get(kind, "country")
            amb = (row.get("ambiguous") or "").strip().lower() in ("1", "true", "yes", "t")
            name = gz.country_names.get(iso3, alias) if kind != "capital" else alias
            gz._add_place(alias, Place(iso3, kind, name, amb))
        for row in titles:
            title = _norm(row.get("title") or "").lower()
            if not title:
                continue
            try:
                rank = int(row.get("rank") or 0)
            except ValueError:
                rank = 0
            gov = (row.get("is_government") or "").strip().lower() in ("1", "true", "yes", "t")
            gz.titles[title] = Title(title, (row.get("role") or "official").strip(), gov, rank)
        for row in organizations:
            name = _norm(row.get("name") or "")
            if not name:
                continue
            iso3 = (row.get("iso3") or "").strip().upper() or None
            org = Organization(name, iso3 if iso3 and len(iso3) == 3 else None,
                               (row.get("kind") or "").strip().lower() or "organization")
            for surface in [name, *(row.get("aliases") or "").split("|")]:
                surface = _norm(surface)
                if surface and surface not in gz.orgs:
                    # a generic alias ("Foreign Office", "Prime Minister's Office") names the
                    # body of whichever country the article is about: no fixed country
                    form = org if not _is_generic(surface) or surface == name else Organization(
                        surface, None if org.kind != "international" else org.iso3, org.kind)
                    gz.orgs[surface] = form
                    if surface.lower().startswith("the "):
                        gz.orgs.setdefault(surface[4:], form)
        gz._finish()
        return gz

    def _add_place(self, surface: str, place: Place, weak: bool = False) -> None:
        for form in {surface, surface[4:] if surface.lower().startswith("the ") else surface}:
            old = self.places.get(form)
            if old is None or (not weak and old.kind in ("city",)):
                self.places[form] = place
            elif weak:
                continue
            elif old.iso3 != place.iso3:
                # one surface, two countries ("Congo"): whichever came first, flagged
                if old.kind not in ("city", "capital") and place.kind not in ("city", "capital"):
                    self.shared_names.add(frozenset((old.iso3, place.iso3)))
                if not old.ambiguous:
                    self.places[form] = Place(old.iso3, old.kind, old.name, True)
            elif place.ambiguous and not old.ambiguous:
                # an alias row flags an ambiguous name ("Georgia", "Jordan"): the flag wins
                # over the country row's plain entry, whichever file loads first
                self.places[form] = Place(old.iso3, old.kind, old.name, True)

    def _finish(self) -> None:
        self.max_title_words = max((len(t.split()) for t in self.titles), default=1)
        self.max_place_words = max((len(p.split()) for p in self.places), default=1)
        self.max_org_words = max((len(o.split()) for o in self.orgs), default=1)
        # function words inside titles ("ambassador at large") are not title words
        self.title_words = frozenset(w for t in self.titles for w in t.split()) - _FUNCTION_WORDS

    # ------------------------------------------------------------------ look-ups
    def place(self, surface: str) -> Place | None:
        return self.places.get(surface)

    def title(self, surface: str) -> Title | None:
        return self.titles.get(surface.lower())

    def org(self, surface: str) -> Organization | None:
        return self.orgs.get(surface)

    def country_name(self, iso3: str) -> str:
        return self.country_names.get(iso3, iso3)


# Words of organisation names that say nothing about which country's body is meant.
_GENERIC_ORG_WORDS = frozenset("""
the of for and foreign office ministry minister's ministers prime president's presidential
presidency affairs external defence defense interior federal cabinet government national
security council finance economy trade commerce justice information press secretariat
""".split())


_FUNCTION_WORDS = frozenset("at in of and the for to on a an by with from as or who his her their its".split())


def _is_generic(surface: str) -> bool:
    words = surface.lower().replace("’", "'").split()
    return len(words) >= 2 and all(w in _GENERIC_ORG_WORDS for w in words)


def _norm(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _read(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        return []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return [dict(row) for row in csv.DictReader(fh)]


@functools.lru_cache(maxsize=4)
def _load_cached(seeds_dir: str) -> Gazetteer:
    base = Path(seeds_dir)
    return Gazetteer.from_rows(
        countries=_read(base / "countries.csv"),
        aliases=_read(base / "country_aliases.csv"),
        cities=_read(base / "cities.csv"),
        titles=_read(base / "titles.csv"),
        organizations=_read(base / "organizations.csv"),
    )
