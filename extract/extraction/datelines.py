"""Datelines: the place (and agency) that open a news body, and so place its events.

"KAZAN, Russia, Oct 23 (Reuters) -", "MANILA —", "ISLAMABAD, April 5 (Agency):",
"BEIJING, Jan. 5 (Xinhua) --", "New Delhi:": the city (or country) is where the reporter
files from; local officials are of that country, "here" is that city, and a foreign
official meeting there is on a visit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.gazetteer import Gazetteer


@dataclass(frozen=True, slots=True)
class Dateline:
    iso3: str
    city: str | None
    end: int  # where the first sentence's own words begin


_DATELINE = re.compile(
    r"\s*(?P<city>[A-Z][A-Za-z.'’\- ]{1,30}?)(?:/[A-Z][A-Za-z ]{1,20})?"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z. ]{1,25}?))?"
    r"(?:,\s*(?:\d{1,2}(?:st|nd|rd|th)?\s+)?[A-Z][a-z]{2,8}\.?(?:\s+\d{1,2})?(?:,\s*\d{4})?\.?)?"
    r"\s*(?:\([A-Za-z\- ]{1,20}\)|/[A-Z]+/\.?)?\s*(?:—|–|--|-|:)\s")


def read_dateline(body: str, gz: Gazetteer) -> Dateline | None:
    """(iso3, city) of a dateline opening the body: "KAZAN, Russia, Oct 23 (Reuters) -"."""
    m = _DATELINE.match(body[:160])
    if not m:
        return None
    city = m.group("city").strip()
    region = (m.group("region") or "").strip()
    if region:
        p = gz.places.get(region) or gz.places.get(region.title())
        if p is not None and p.kind == "country":
            return Dateline(p.iso3, None, m.end())
    titled = " ".join(w if w.lower() in ("de", "da", "do", "du", "al", "el", "la", "le")
                      else w.capitalize() for w in city.lower().split())
    titled2 = "-".join(w.capitalize() for w in titled.split("-"))
    for form in (city, city.title(), titled, titled2):
        p = gz.places.get(form)
        if p is not None and p.kind != "demonym":
            return Dateline(p.iso3, form if p.kind in ("city", "capital") else None, m.end())
    if region:
        p = gz.places.get(region) or gz.places.get(region.title())
        if p is not None and p.kind != "demonym":
            return Dateline(p.iso3, None, m.end())
    return None


def dateline_end(body: str) -> int:
    """Where the first sentence's own words begin (0 without a dateline)."""
    m = _DATELINE.match(body[:160])
    return m.end() if m else 0
