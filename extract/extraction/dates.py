"""Event dates from the text, resolved against the article's publication date.

Recognised: ISO dates, "January 13", "January 13th", "13 January", "Jan. 13, 2024", "7-9 February" (its first day),
"on the 8th" (of the report's month), "over the weekend", "November 2023",
"in November" (year inferred), "on Monday" (the latest such weekday up to the
publication date for past events, the next one for planned events), "yesterday",
"today", "tomorrow", "last week/month/year", "this week", "two days ago", "in 2019".

Precision is ``day``, ``month`` or ``year``; fuzzy expressions ("last week") get the
month they fall in. Dates are returned as the first day of their period.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from extract.extraction.vocab import guarded

_MONTH_NAMES = ("January|February|March|April|May|June|July|August|September|October|November|"
                "December")
_MONTH_ABBR = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
_MONTH = rf"(?:{_MONTH_NAMES}|(?:{_MONTH_ABBR})\.?)"
_WEEKDAY = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_NUM = r"\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few"

_DATE_RE = re.compile(
    rf"""(?<![\w-])(?:
      (?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)
    | (?P<rng>(?P<rng_d>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:-|–|to|and|until)\s*[0-3]?\d(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<rng_m>{_MONTH})(?:,?\s+(?P<rng_y>(?:19|20)\d\d))?)
    | (?P<md>(?P<md_m>{_MONTH})\s+(?P<md_d>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])(?:,?\s+(?P<md_y>(?:19|20)\d\d))?)
    | (?P<dm>(?P<dm_d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dm_m>{_MONTH})(?:,?\s+(?P<dm_y>(?:19|20)\d\d))?)
    | (?P<my>(?P<my_q>(?i:(?:in|since|by|until|from|during|early|late|mid|mid-|last|next)\s+))?(?P<my_m>{_MONTH_NAMES})\s+(?:of\s+)?(?P<my_y>(?:19|20)\d\d))
    | (?P<wd>(?P<wd_q>(?i:last|this|next|on|since|by|from|until|coming)\s+)?(?P<wd_d>{_WEEKDAY})(?:['’]s)?)
    | (?P<nth>(?i:on\s+the)\s+(?P<nth_d>[0-3]?\d)(?:st|nd|rd|th)(?=\s*[,.;)]|\s+(?:and|when|as|at|in|with|to|for|during|after|before|while)\b))
    | (?P<wkd>(?P<wkd_q>(?i:over|at|during|on|last|this|past|previous|the\s+past|the\s+previous))\s+(?i:the\s+)?(?i:weekend))
    | (?P<rel>(?P<rel_q>(?i:last|this|next|earlier\s+this|later\s+this|earlier\s+last|late\s+last|early\s+last|earlier\s+in\s+the|later\s+in\s+the|the\s+previous|the\s+past|the\s+coming|the\s+following))\s+(?P<rel_u>(?i:week|weekend|month|year)))
    | (?P<day>(?i:yesterday|today|tomorrow|tonight|last\s+night|this\s+morning|this\s+afternoon|this\s+evening|earlier\s+today))
    | (?P<ago>(?P<ago_n>(?i:{_NUM}))\s+(?P<ago_u>(?i:days?|weeks?|months?|years?))\s+(?i:ago|earlier))
    | (?P<mo>(?P<mo_q>(?i:in|last|this|next|since|by|until|early|late|mid|mid-|earlier\s+in|later\s+in|from|during|of|on)\s+)?(?P<mo_m>{_MONTH_NAMES})(?![\w-]|\s+[0-3]?\d(?:st|nd|rd|th)?\b))
    | (?P<yr>(?P<yr_q>(?i:in|since|by|until|of|during|from|early|late|mid))\s+(?P<yr_y>(?:19|20)\d\d)(?![\d-]))
    )(?!\w)""",
    re.VERBOSE,
)

# _DATE_RE behind a look-ahead for the words a date expression can begin with, derived
# from the pattern (vocab.guarded): the same matches, found over twice as fast, since
# most words of a sentence fail the look-ahead before the alternatives are tried
DATE_SCAN = guarded(_DATE_RE, r"(?<![\w-])")

_MONTH_NUM = {m.lower(): i + 1 for i, m in enumerate(_MONTH_NAMES.split("|"))}
for _i, _m in enumerate(("jan", "feb", "mar", "apr", None, "jun", "jul", "aug", "sep", "oct", "nov", "dec")):
    if _m:
        _MONTH_NUM[_m] = _i + 1
_MONTH_NUM["sept"] = 9
_WEEKDAY_NUM = {d.lower(): i for i, d in enumerate(_WEEKDAY.split("|"))}
_WORD_NUM = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
             "seven": 7, "eight": 8, "nine": 9, "ten": 10, "several": 3, "few": 3}
_PAST_Q = ("last", "since", "earlier", "late last", "early last", "the previous", "the past")
_FUTURE_Q = ("next", "coming", "the coming", "the following", "until", "by")


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int  # offsets into the scanned text (plus the offset given)
    end: int
    value: date | None
    precision: str  # day | month | year | unknown
    text: str


def _month(name: str) -> int:
    return _MONTH_NUM.get(name.lower().rstrip("."), 0)


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _pick_year_day(m: int, d: int, pub: date, future: bool) -> date | None:
    options = [x for x in (_safe_date(pub.year + k, m, d) for k in (-1, 0, 1)) if x is not None]
    if not options:
        return None
    if future:
        later = [x for x in options if x >= pub - timedelta(days=1)]
        return min(later) if later else max(options)
    earlier = [x for x in options if x <= pub + timedelta(days=2)]
    return max(earlier) if earlier else min(options)


def _pick_year_month(m: int, pub: date, future: bool, qual: str) -> date:
    this = date(pub.year, m, 1)
    if qual.startswith(_FUTURE_Q) or (future and not qual.startswith(_PAST_Q)):
        return this if m >= pub.month else date(pub.year + 1, m, 1)
    if qual.startswith("last") and m >= pub.month:
        return date(pub.year - 1, m, 1)
    return this if m <= pub.month else date(pub.year - 1, m, 1)


def _month_start(d: date) -> date:
    return date(d.year, d.month, 1)


def _add_months(d: date, k: int) -> date:
    idx = d.year * 12 + d.month - 1 + k
    return date(idx // 12, idx % 12 + 1, 1)


def resolve(m: re.Match[str], pub: date, future: bool) -> tuple[date | None, str]:
    g = m.groupdict()
    try:
        if g["iso"]:
            return date.fromisoformat(g["iso"]), "day"
        if g["rng"]:
            # "from 7 to 9 February": a span dates from its first day
            mon, day = _month(g["rng_m"]), int(g["rng_d"])
            if not 1 <= day <= 31 or not mon:
                return None, "unknown"
            if g["rng_y"]:
                return _safe_date(int(g["rng_y"]), mon, day), "day"
            return _pick_year_day(mon, day, pub, future), "day"
        if g["md"] or g["dm"]:
            mon = _month(g["md_m"] or g["dm_m"])
            day = int(g["md_d"] or g["dm_d"])
            year = g["md_y"] or g["dm_y"]
            if not 1 <= day <= 31 or not mon:
                return None, "unknown"
            if year:
                return _safe_date(int(year), mon, day), "day"
            return _pick_year_day(mon, day, pub, future), "day"
        if g["my"]:
            return date(int(g["my_y"]), _month(g["my_m"]), 1), "month"
        if g["wd"]:
            wd = _WEEKDAY_NUM[g["wd_d"].lower()]
            q = (g["wd_q"] or "").strip().lower()
            if q in ("next", "coming", "until") or (future and q not in ("last", "since")):
                delta = (wd - pub.weekday()) % 7
                if q == "next" and delta == 0:
                    delta = 7
                return pub + timedelta(days=delta), "day"
            delta = (pub.weekday() - wd) % 7
            if q == "last" and delta == 0:
                delta = 7
            return pub - timedelta(days=delta), "day"
        if g["nth"]:
            # "visited Mongolia on the 8th" (agency style): that day of the report's month,
            # or of the month before when the day is still to come (the next one if planned)
            day = int(g["nth_d"])
            if not 1 <= day <= 31:
                return None, "unknown"
            this = _safe_date(pub.year, pub.month, day)
            if future:
                if this is not None and this >= pub:
                    return this, "day"
                nxt = _add_months(_month_start(pub), 1)
                return _safe_date(nxt.year, nxt.month, day), "day"
            if this is not None and this <= pub:
                return this, "day"
            prev = _add_months(_month_start(pub), -1)
            return _safe_date(prev.year, prev.month, day), "day"
        if g["wkd"]:
            # "over the weekend": the weekend just past (its Saturday's month), or the next
            # one for planned events; which of its days is unknown
            q = " ".join(g["wkd_q"].lower().split())
            back = (pub.weekday() - 5) % 7
            if q == "last" and back <= 1:
                back += 7
            if future and q not in ("last", "past", "previous", "the past", "the previous"):
                return _month_start(pub + timedelta(days=(5 - pub.weekday()) % 7)), "month"
            return _month_start(pub - timedelta(days=back)), "month"
        if g["rel"]:
            q = " ".join(g["rel_q"].lower().split())
            unit = g["rel_u"].lower()
            if q == "earlier this" and unit == "week" and not future:
                # "earlier this week": between the week's Monday and the day before the report
                monday = pub - timedelta(days=pub.weekday())
                if pub.weekday() == 1:
                    return monday, "day"  # a Tuesday report: it was Monday
                if pub.weekday() > 1:
                    return _month_start(pub - timedelta(days=1)), "month"
            sign = -1 if q in _PAST_Q or q.startswith(("earlier last", "late last", "early last")) or q == "last" else (
                1 if q in ("next", "the coming", "the following") else 0)
            if unit in ("week", "weekend"):
                return _month_start(pub + timedelta(days=7 * sign)), "month"
            if unit == "month":
                return _add_months(_month_start(pub), sign), "month"
            return date(pub.year + sign, 1, 1), "year"
        if g["day"]:
            w = " ".join(g["day"].lower().split())
            if w in ("yesterday", "last night"):
                return pub - timedelta(days=1), "day"
            if w == "tomorrow":
                return pub + timedelta(days=1), "day"
            return pub, "day"
        if g["ago"]:
            n = g["ago_n"].lower()
            k = int(n) if n.isdigit() else _WORD_NUM.get(n, 1)
            unit = g["ago_u"].lower().rstrip("s")
            if k > 5000:
                return None, "unknown"
            if unit == "day":
                return pub - timedelta(days=k), "day"
            if unit == "week":
                return _month_start(pub - timedelta(days=7 * k)), "month"
            if unit == "month":
                return _add_months(_month_start(pub), -k), "month"
            return date(pub.year - k, 1, 1), "year"
        if g["mo"]:
            q = " ".join((g["mo_q"] or "").lower().split())
            name = g["mo_m"]
            if name == "May" and not q:
                return None, "unknown"
            return _pick_year_month(_month(name), pub, future, q), "month"
        if g["yr"]:
            return date(int(g["yr_y"]), 1, 1), "year"
    except (ValueError, OverflowError):
        return None, "unknown"
    return None, "unknown"


def find_dates(text: str, pub: date, offset: int = 0, future: bool = False) -> list[DateMention]:
    """All date expressions in ``text``, resolved as past (or future) events."""
    out: list[DateMention] = []
    for m in DATE_SCAN.finditer(text):
        value, precision = resolve(m, pub, future)
        if value is None:
            continue
        out.append(DateMention(offset + m.start(), offset + m.end(), value, precision, m.group()))
    return out


def format_date(value: date | None, precision: str) -> str | None:
    """The gold format's date string: YYYY-MM-DD, YYYY-MM or YYYY."""
    if value is None or precision == "unknown":
        return None
    if precision == "day":
        return value.isoformat()
    if precision == "month":
        return value.isoformat()[:7]
    return str(value.year)
