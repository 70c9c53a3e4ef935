"""Datelines: the place (and agency) that open a news body, and so place its events.

"KAZAN, Russia, Oct 23 (Reuters) -", "MANILA —", "ISLAMABAD, April 5 (Agency):",
"BEIJING, Jan. 5 (Xinhua) --", "New Delhi:": the city (or country) is where the reporter
files from; local officials are of that country, "here" is that city, and a foreign
official meeting there is on a visit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from extract.extraction.dates import find_dates
from extract.gazetteer import Gazetteer


@dataclass(frozen=True, slots=True)
class Dateline:
    iso3: str
    city: str | None
    end: int  # where the first sentence's own words begin
    day: date | None = None  # "ISLAMABAD, April 5 (Agency):": the day the report was filed


_DATELINE = re.compile(
    r"\s*(?P<city>[A-ZÀ-Þ][A-Za-zÀ-ÿ.'’\- ]{1,30}?)(?:/[A-Z][A-Za-z ]{1,20})?"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z. ]{1,25}?))?"
    r"(?:,\s*(?P<date>(?:\d{1,2}(?:st|nd|rd|th)?\s+)?[A-Z][a-z]{2,8}\.?(?:\s+\d{1,2})?(?:,?\s*\d{4})?)\.?)?"
    r"\s*(?:(?:\([A-Za-z\- ]{1,20}\)|/[A-Z]+/\.?)?\s*(?:—|–|--|-|:)\s|/[A-Z]+/\.?\s+)")  # "MOSCOW, February 7. /TASS/."


# Wider shapes, accepted only when the city is a known place: "NEW DELHI (Outlet / Agency -
# 10th September, 2020)", "RIYADH, (Agency - ...)", "Margao (Goa) [India], Nov 6 (ANI):".
_DATELINE_WIDE = re.compile(
    r"\s*(?P<city>[A-ZÀ-Þ][A-Za-zÀ-ÿ.'’\- ]{1,30}?)(?:\s*\([A-Za-z ]{1,20}\))?(?:\s*\[(?P<region>[A-Z][A-Za-z ]{1,30})\])?"
    r"(?:,\s*(?P<date>(?:\d{1,2}(?:st|nd|rd|th)?\s+)?[A-Z][a-z]{2,8}\.?(?:\s+\d{1,2})?(?:,?\s*\d{4})?)\.?)?"
    r"\s*,?\s*\((?=[^()\n]{0,90}(?:\d|/|[A-Z]{2,}))[^()\n]{1,90}\)\s*(?:—|–|--|-|:)?\s+(?=[A-Z])")


# "KUWAIT, OCT 2, KUNA.": capitals throughout, the agency last
_DATELINE_CAPS = re.compile(
    r"\s*(?P<city>[A-Z][A-Z .'’\-]{1,30}?),\s*(?P<date>[A-Z]{3,9}\.?\s+\d{1,2}),\s*(?P<region>)[A-Z]{2,8}\.?\s+(?=[A-Z])")


# "ANKARA" on a line of its own above the first paragraph (agency copy): a known place only
_DATELINE_LINE = re.compile(r"\s*(?P<city>[A-Z][A-Z .'’\-]{2,30}?)(?P<region>)(?P<date>)[ \t]*\n(?=\s*[A-Z])")


def _day(m: re.Match[str], pub: date | None) -> date | None:
    """The dateline's own date, when it is a day shortly before publication (a report
    filed late on the 12th and published on the 13th: "today" is the 12th)."""
    text = m.group("date")
    if not text or pub is None:
        return None
    got = find_dates(text.title() if text.isupper() else text, pub)
    if not got or got[0].precision != "day" or got[0].value is None:
        return None
    d = got[0].value
    return d if 0 <= (pub - d).days <= 3 else None


def read_dateline(body: str, gz: Gazetteer, pub: date | None = None) -> Dateline | None:
    """(iso3, city) of a dateline opening the body: "KAZAN, Russia, Oct 23 (Reuters) -"."""
    m = _DATELINE.match(body[:160])
    if not m:
        m = _DATELINE_WIDE.match(body[:200]) or _DATELINE_CAPS.match(body[:80]) or _DATELINE_LINE.match(body[:40])
        if not m:
            return None
        got = _place(m, gz)
        return Dateline(got[0], got[1], m.end(), _day(m, pub)) if got is not None else None
    got = _place(m, gz)
    return Dateline(got[0], got[1], m.end(), _day(m, pub)) if got is not None else None


def _place(m: re.Match[str], gz: Gazetteer) -> tuple[str, str | None] | None:
    city = m.group("city").strip()
    region = (m.group("region") or "").strip()
    if region:
        p = gz.places.get(region) or gz.places.get(region.title())
        if p is not None and p.kind == "country":
            return p.iso3, None
    titled = " ".join(w if w.lower() in ("de", "da", "do", "du", "al", "el", "la", "le")
                      else w.capitalize() for w in city.lower().split())
    titled2 = "-".join(w.capitalize() for w in titled.split("-"))
    for form in (city, city.title(), titled, titled2):
        p = gz.places.get(form)
        if p is not None and p.kind != "demonym":
            return p.iso3, (form if p.kind in ("city", "capital") else None)
    if region:
        p = gz.places.get(region) or gz.places.get(region.title())
        if p is not None and p.kind != "demonym":
            return p.iso3, None
    return None


def dateline_end(body: str, dateline: Dateline | None) -> int:
    """Where the first sentence's own words begin (0 without a dateline)."""
    if dateline is not None:
        return dateline.end
    m = _DATELINE.match(body[:160])
    return m.end() if m else 0
