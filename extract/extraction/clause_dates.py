"""Dates of clauses: which date expression belongs to the event at a position.

Date expressions are scanned per sentence, only for sentences some rule asks about, and
resolved against the publication date (:mod:`dates`). A clause is the stretch of a
sentence between subordinators ("when", "after", "as") and semicolons: "met X on Monday
after arriving on Sunday" dates the meeting by Monday. Relative dates ("later that month",
"a day earlier") anchor to the date mentioned last before the sentence, not to publication.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from extract.extraction.dates import DATE_SCAN, DateMention
from extract.extraction.dates import resolve as resolve_date
from extract.extraction.sentences import Segmentation, Sentence

_CLAUSE_BREAK = re.compile(
    r"(?=[\s,;])(?:"  # every branch starts with one of these (speed: letters fail at once)
    r"\s(?:since|after|before|when|while|until|whereas|although|though|because|ahead of)\s|"
    r"(?<!such)(?<!well)\sas\s(?!(?:well|part|a\s+result|soon|long|much|many|far|of|if)\b)|"
    r",\s+(?:which|who|where|as|but)\s|;|\s—\s|\s–\s|\s-\s)")


_SINCE = re.compile(r"\bsince\b[^,;.]{0,34}$|^\S*\s*since\b", re.I)
_WHEN_AT = re.compile(r"\s*(?:when|where|after|following)\b")
# every date expression holds a digit, a month, or one of these words; plain substring
# tests are several times cheaper than the equivalent alternation scanned over the sentence
_DIGIT = re.compile(r"\d")
_DATE_HINT_WORDS = ("day", "Day", "night", "Night", "morning", "Morning", "afternoon", "Afternoon",
                    "evening", "Evening", "week", "Week", "month", "Month", "year", "Year",
                    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _date_hint(text: str) -> bool:
    """Whether ``text`` may hold a date expression (the pre-filter of :data:`_DATE_RE`)."""
    return any(w in text for w in _DATE_HINT_WORDS) or _DIGIT.search(text) is not None


_ANAPHORIC_DATE = re.compile(r"\b((?:later|earlier)\s+that\s+(?:month|day)|that\s+(?:same\s+)?(?:month|day)|"
                             r"the\s+same\s+day|the\s+(?:next|following)\s+(?:day|morning|afternoon|evening|night)|"
                             r"(?:a|one|two|three)\s+days?\s+later|(?:earlier|later)\s+in\s+the\s+day|"
                             r"the\s+day\s+before|the\s+previous\s+day|a\s+day\s+(?:earlier|before))\b", re.I)
# "a day earlier", "two days earlier": counted back from the event just reported
_DAYS_EARLIER = re.compile(r"(?i:a|one|two|three|four|five|\d+)\s+days?\s+(?:earlier|before)$")
_EARLIER_N = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
# "met A on Monday and held talks with B on Thursday": each coordinated act has its own
# date; a date is looked for in the act's own stretch first, then in the whole clause
# ("arrived in Rome and held talks on Monday" still dates the arrival)
_ACT_VERBS = (r"held|met|visited|received|hosted|signed|travell?ed|flew|arrived|spoke|attended|toured|"
              r"addressed|paid|called|went|left|departed|returned|joined|chaired|welcomed|inaugurated|"
              r"opened|laid|boarded|headed|proceeded|moved|continued|concluded|wrapped|ended|began|"
              r"started|will|would|is|was|has|had")
_COORD_BREAK = re.compile(rf"(?:,\s+|\s)(?:and|before|then)\s+(?:then\s+|later\s+|also\s+|subsequently\s+)?(?=(?:{_ACT_VERBS})\b)"
                          rf"|,\s+(?=(?:held|met|visited|received|hosted|signed|travell?ed|flew|arrived|spoke|attended|toured)\s)")
_ENDED_BEFORE = re.compile(r"\b(?:ended|concluded|wrapped\s+up|wound\s+up|ends|concludes|wraps\s+up|winds\s+up)\b[^,;.]{0,40}$")
_TRIP_NOUN = re.compile(r"\b(?:trip|visit|tour|stay|journey)\b")
# "the three-day visit, which began on Tuesday, ...": the relative clause dates the visit
_BEGAN_REL = re.compile(r"[,\s]+(?:which|that)\s+(?:had\s+)?(?:began|begun|started|opened|kicked\s+off|got\s+under\s+way|got\s+underway)\b")


def _relative_day(kind: str, base: date) -> date | None:
    """The day an anaphoric expression ("the following day", "two days later", "the day
    before", "the same day") names, counted from ``base``."""
    kind = " ".join(kind.split())
    if kind.endswith("later") and "day" in kind:
        n = kind.split()[0]
        return base + timedelta(days=_EARLIER_N.get(n, 1))
    if "next" in kind or "following" in kind:
        return base + timedelta(days=1)
    if "before" in kind or "previous" in kind or kind.startswith("a day"):
        return base - timedelta(days=1)
    if "day" in kind:
        return base
    return None


class ClauseDates:
    """Per-article date look-ups for the event rules, cached per sentence."""

    def __init__(self, body: str, seg: Segmentation, anchor: date, published: date | None = None) -> None:
        self.body = body
        self.seg = seg
        self.sentences = seg.sentences
        self.pub = anchor  # what relative dates count from
        self.published = published or anchor  # what "after the report" compares with
        self._dates_cache: dict[tuple[int, bool], list[DateMention]] = {}
        self._sent_dates: dict[int, list[re.Match[str]]] = {}
        self._clause_cache: dict[int, list[tuple[int, int]]] = {}

    def _in_quote(self, pos: int) -> bool:
        return self.seg.quote_at(pos) is not None

    def in_sentence(self, sent: Sentence, future: bool) -> list[DateMention]:
        key = (sent.index, future)
        got = self._dates_cache.get(key)
        if got is None:
            # scanned per sentence, and only for sentences some rule asks about
            matches = self._sent_dates.get(sent.index)
            if matches is None:
                # every date expression holds a digit, a month, or one of these words
                matches = list(DATE_SCAN.finditer(self.body, sent.start, sent.end)) if \
                    _date_hint(sent.text) else []
                self._sent_dates[sent.index] = matches
            got = []
            for m in matches:
                value, precision = resolve_date(m, self.pub, future)
                if value is not None:
                    got.append(DateMention(m.start(), m.end(), value, precision, m.group()))
            self._dates_cache[key] = got
        return got

    def clause_bounds(self, sent: Sentence, pos: int) -> tuple[int, int]:
        """The clause of ``sent`` around ``pos``: between subordinators and semicolons."""
        breaks = self._clause_cache.get(sent.index)
        if breaks is None:
            breaks = [(sent.start + m.start(), sent.start + m.end()) for m in _CLAUSE_BREAK.finditer(sent.text)]
            self._clause_cache[sent.index] = breaks
        lo, hi = sent.start, sent.end
        for bs, be in breaks:
            if be <= pos:
                lo = bs + 1
            elif bs >= pos:
                hi = bs
                break
        return lo, hi

    def date_for(self, sent: Sentence, pos: int, future: bool, lo: int | None = None,
                 hi: int | None = None) -> tuple[date | None, str]:
        """The date of the clause around ``pos``, or the publication month when none."""
        d, prec, _ = self.event_date(sent, pos, future, lo, hi)
        return d, prec

    def after_report(self, d: date | None, precision: str) -> bool:
        """Whether an event is dated after the article's own date (a later day, or a
        later month when only the month is known). Such a trip or meeting can only be
        a planned one, whatever tense cue the patterns missed ("will pay a 2-day state
        visit to Vietnam starting next week"): a report cannot describe a finished event
        that has not happened yet."""
        if d is None:
            return False
        if precision == "day":
            return d > self.published
        return precision == "month" and (d.year, d.month) > (self.published.year, self.published.month)

    def event_date(self, sent: Sentence, pos: int, future: bool, lo: int | None = None,
                   hi: int | None = None) -> tuple[date | None, str, bool]:
        """(date, precision, explicit): the date expression of the clause around ``pos``,
        nearest first; without one, past events get the publication month (news reports
        recent events) and planned events no date."""
        clo, chi = self.clause_bounds(sent, pos)
        if lo is not None:
            clo = max(clo, lo)
        if hi is not None:
            chi = min(chi, hi)
        best: DateMention | None = None
        best_d = 10**9
        dated = self.in_sentence(sent, future)
        alo, ahi = clo, chi
        if dated:
            for cm in _COORD_BREAK.finditer(self.body, clo, chi):
                if cm.end() <= pos:
                    alo = cm.end()
                elif cm.start() >= pos:
                    ahi = cm.start()
                    break
        own = True
        for lo_, hi_ in ((alo, ahi), (clo, chi)) if (alo, ahi) != (clo, chi) else ((clo, chi),):
            if best is None and lo_ == clo and (alo, ahi) != (clo, chi):
                own = False
            for dm in dated:
                if dm.start >= lo_ and dm.end <= hi_ and not self._in_quote(dm.start):
                    if _SINCE.search(self.body, max(sent.start, dm.start - 40), dm.start + 6):
                        continue  # "the first visit since 2018", "since taking office in May"
                    dist = abs(dm.start - pos)
                    if dist < best_d:
                        best, best_d = dm, dist
            if best is not None:
                break
        if best is not None and not own and best.precision == "day" and best.end <= alo and not future:
            # "met A on Wednesday and held talks with B the following day": the act's own
            # relative date counts from the date of the act before it
            am = _ANAPHORIC_DATE.search(self.body, alo, ahi)
            if am is not None:
                rel = _relative_day(am.group(1).lower(), best.value)
                if rel is not None:
                    return rel, "day", True
        if best is None and chi < sent.end and _BEGAN_REL.match(self.body, chi, min(sent.end, chi + 40)):
            # "Lind's three-day visit, which began on Sunday, ended with ...": the visit's start
            nlo, nhi = self.clause_bounds(sent, min(sent.end - 1, chi + 2))
            for dm in dated:
                if dm.start >= chi and dm.end <= nhi and not self._in_quote(dm.start):
                    best = dm
                    break
        if best is None and clo > sent.start and _WHEN_AT.match(self.body, clo, clo + 10):
            # "Macron's visit to Lagos in July 2018, when he held talks ...": the date of
            # the clause the "when" clause hangs on
            for dm in self.in_sentence(sent, future):
                if dm.end <= clo and not self._in_quote(dm.start):
                    best = dm
        if best is not None and best.precision == "day" and _DAYS_EARLIER.search(best.text) and not future:
            # "a day earlier" is relative to the event just reported, not to publication
            prev = self._previous_date(sent)
            if prev is not None and prev.precision == "day":
                n = best.text.split()[0].lower()
                k = int(n) if n.isdigit() else _EARLIER_N.get(n, 1)
                return prev.value - timedelta(days=k), "day", True
        if best is not None and best.precision == "day" and _ENDED_BEFORE.search(
                self.body, max(clo, best.start - 50), best.start) and _TRIP_NOUN.search(self.body, clo, chi):
            # "Vogel's China trip ended on Thursday": the day a trip ended is not the day it
            # began; its month is all the clause tells
            return date(best.value.year, best.value.month, 1), "month", True
        if best is not None:
            return best.value, best.precision, True
        # every anaphoric date names a day or a month: a substring test skips the search
        am = _ANAPHORIC_DATE.search(self.body, clo, chi) if not future and (
            "day" in (low := self.body[clo:chi].lower()) or "month" in low) else None
        if am is not None:
            # "later that month", "the same day", "the following day": from the date
            # mentioned last before this sentence
            prev = self._previous_date(sent)
            if prev is not None:
                kind = am.group(1).lower()
                if "month" in kind:
                    return date(prev.value.year, prev.value.month, 1), "month", True
                if prev.precision == "day":
                    rel = _relative_day(kind, prev.value)
                    if rel is not None:
                        return rel, "day", True
        if future:
            return None, "unknown", False
        return date(self.pub.year, self.pub.month, 1), "month", False

    def _previous_date(self, sent: Sentence) -> DateMention | None:
        for k in range(sent.index - 1, max(-1, sent.index - 6), -1):
            ds = [dm for dm in self.in_sentence(self.sentences[k], False)
                  if not self._in_quote(dm.start) and dm.precision in ("day", "month")
                  and not _SINCE.search(self.body, max(0, dm.start - 40), dm.start + 6)]
            if ds:
                return ds[-1]
        return None
