"""Where events happen: destinations and locations read from place mentions.

Place mentions (countries, demonyms, capitals, cities) are found by the mention scanner
in :mod:`people` (one pass over capitalised runs). This module answers the two questions
the event rules ask: where does a trip go ("to the United States", "arrived in Beijing",
"Liu's US visit"), and where did a meeting take place ("in San Francisco", "In Beijing,").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.extraction.document import Document
from extract.extraction.people import Mention

_DEST_GAP = re.compile(r"^(?:\s+(?:to|in|into|for|at|of|the|a|an|neighbouring|neighboring|"
                       r"southern|northern|eastern|western|central|capital|city|port|"
                       r"country's|nation's|state|official|two-day|three-day|four-day|"
                       r"five-day|week-long|multi-day|first|second|visit|trip|tour))*"
                       # "a visit to three countries - Japan, ...": a counted list names the stops
                       r"(?P<counted>\s+(?:two|three|four|five|six|seven|\d)\s+(?:[A-Z][\w\-]+\s+){0,2}"
                       r"(?:countries|nations|states|capitals)\s*(?:[-–—:(]|,\s*(?:namely\s+)?))?\s*$")
_LOC_WORD = re.compile(r"(?<![\w])(?:in|at|In|At)\s+(?:the\s+)?(?:(?:[\w’'\-]+\s+){0,2}?(?:city|capital|town|port|resort|region|province)\s+(?:of\s+)?)?$")


# "the war in Ukraine", "peace in Gaza": the place of a topic, not of an event
NOT_VENUE = re.compile(r"\b(?:war|wars|conflict|conflicts|fighting|crisis|situation|peace|invasion|violence|"
                        r"attack|attacks|investment|investments|interests|operations|presence|troops|"
                        r"elections?|stability|security|unrest|ceasefire|truce|offensive|strikes?|"
                        r"isolated|involvement|role|developments)\s+(?:in|at)\s+(?:the\s+)?$")


_CAPITAL_AFTER = re.compile(r"\s+capital\b")
# the seats of a government: "Brazil's presidential palace", "the Turkish foreign ministry"
# (a country takes the possessive; group 1 is the possessive)
_SEAT_AFTER = re.compile(r"(['’]s)?\s+(?:presidential\s+(?:palace|residence|office|complex)|royal\s+palace|"
                         r"foreign\s+ministry|ministry\s+of\s+foreign\s+affairs|defen[cs]e\s+ministry|"
                         r"prime\s+minister['’]s\s+(?:office|residence)|parliament(?:\s+building)?|"
                         r"national\s+assembly|chancellery|government\s+house|state\s+house)\b")
_CAPITALS: dict[int, dict[str, str]] = {}


def _capital_of(doc: Document, iso3: str) -> str | None:
    """A country's capital from the gazetteer (built once per gazetteer)."""
    caps = _CAPITALS.get(id(doc.gz))
    if caps is None:
        caps = {p.iso3: p.name for p in doc.gz.places.values() if p.kind == "capital"}
        _CAPITALS[id(doc.gz)] = caps
    return caps.get(iso3)


@dataclass(frozen=True, slots=True)
class Location:
    iso3: str
    city: str | None
    start: int
    end: int
    ambiguous: bool


def as_location(m: Mention) -> Location:
    p = m.place
    # landmarks and "here" carry their city (or none) in the name
    city = p.name if p.kind in ("city", "capital", "landmark", "here") and p.name else None
    return Location(p.iso3, city, m.start, m.end, p.ambiguous)


def destination_after(doc: Document, pos: int, hi: int, max_gap: int = 40) -> Location | None:
    """The first place a trip goes to, right after a travel word at ``pos``."""
    for m in doc.mentions.places_in(pos, min(hi, pos + 120)):
        if m.place.kind == "demonym":
            # "visited the Chinese capital": demonym + capital word
            tail = doc.body[m.end:m.end + 10]
            if not re.match(r"\s+(?:capital|city|port|province|mainland)\b", tail):
                continue
        gap = doc.body[pos:m.start]
        gm = _DEST_GAP.match(gap)
        # the counted list's announcement is no distance: the stops follow it
        if gm is None or len(gap) - len(gm.group("counted") or "") > max_gap:
            return None
        if doc.in_quote(m.start):
            return None
        return as_location(m)
    return None


# the joint between two stops of one trip: "to Nigeria, Brazil and Guyana", "to the UK and the US"
_LIST_JOINT = re.compile(r"(?:\s*,\s*(?:and\s+|as\s+well\s+as\s+)?|\s+(?:and|&|as\s+well\s+as)\s+)(?:then\s+)?(?:the\s+)?")
_STOP_KINDS = ("country", "capital", "city")
# a place that opens a clause of its own ("... and Beijing said") is a subject, not a stop
_CLAUSE_VERB = re.compile(r"\s+(?:has|have|had|is|are|was|were|will|would|said|says|says|told|warned|"
                          r"accused|announced|called|urged|rejected|denied|responded)\b")


def further_destinations(doc: Document, first: Location, hi: int) -> list[Location]:
    """The other stops of a trip listed after its first destination: "a three-nation visit
    to Nigeria, Brazil and Guyana", "her visit to the United Kingdom and France". Each stop
    must follow the previous one with nothing but a comma or "and" between; a possessive
    ("to Kenya and Ethiopia's capital") or a demonym ends the list."""
    out: list[Location] = []
    closed = 0  # the stops up to the list's "and"
    end = first.end
    for m in doc.mentions.places_in(end, min(hi, end + 200)):
        if m.start < end:
            continue
        if m.place.kind not in _STOP_KINDS or doc.in_quote(m.start):
            break
        joint = _LIST_JOINT.fullmatch(doc.body, end, m.start)
        if not joint:
            break
        if doc.body.startswith(("'s", "’s"), m.end) or _CLAUSE_VERB.match(doc.body, m.end):
            break  # "to Kenya and Ethiopia's capital", "visited Russia and Kyiv said": no stop
        out.append(as_location(m))
        end = m.end
        if not joint.group().lstrip().startswith(","):
            closed = len(out)
        elif re.match(r"\s*,\s*(?:and|as)\b", joint.group()):
            closed = len(out)
    # a list ends in "and": "Atlanta, Georgia" is a city and its state, not two stops
    return out[:closed]


def place_before(doc: Document, pos: int, lo: int) -> Location | None:
    """A country or demonym right before a noun: "Liu's US visit", "his China trip"."""
    ms = doc.mentions.places_in(max(lo, pos - 40), pos)
    if not ms:
        return None
    m = ms[-1]
    gap = doc.body[m.end:pos]
    if re.fullmatch(r"\s+(?:(?:state|official|two-day|three-day|first|second|recent|latest|"
                    r"upcoming|planned|high-profile|landmark|historic)\s+)*", gap):
        return as_location(m)
    return None


def location_in(doc: Document, lo: int, hi: int) -> Location | None:
    """The first "in/at PLACE" inside [lo, hi)."""
    for m in doc.mentions.places_in(lo, hi):
        if doc.in_quote(m.start):
            continue
        before = doc.body[max(0, m.start - 40):m.start]
        if m.place.kind in ("demonym", "country") and not m.place.ambiguous:
            # "at Brazil's presidential palace", "at the Turkish foreign ministry": a seat of
            # government named by its country's title, in that country's capital
            seat = _SEAT_AFTER.match(doc.body, m.end, m.end + 40)
            if seat and _LOC_WORD.search(before) and (m.place.kind == "demonym" or seat.group(1)):
                return Location(m.place.iso3, _capital_of(doc, m.place.iso3), m.start, seat.end(), False)
        if m.place.kind == "demonym":
            # "in the Turkish capital": the country's capital
            cap = _CAPITAL_AFTER.match(doc.body, m.end, m.end + 12)
            if cap and _LOC_WORD.search(before):
                return Location(m.place.iso3, _capital_of(doc, m.place.iso3), m.start, cap.end(), False)
            continue
        if m.place.kind == "here" or _LOC_WORD.search(before) and not NOT_VENUE.search(before):
            after = doc.body[m.end:m.end + 2]
            if after.startswith(("'s", "’s")):
                continue
            return as_location(m)
    return None
