"""Sentence and quotation spans of an article body, as offsets into the body.

* Paragraphs are the body's lines. Sentences never cross a paragraph.
* Quotations: curly (“ ”), straight ("), guillemets and low quotes. A quotation left open
  runs to the end of its paragraph (the news convention for quotes continuing over
  paragraphs). Quote marks inside an open quotation are not nested quotations.
* A sentence boundary is end punctuation followed by space and a capital (or an opening
  quote or digit), except after abbreviations and initials, and except inside a
  quotation that closes in the same paragraph (one quoted block is one unit).

Everything is a single left-to-right pass with bounded look-back: linear in the body.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from extract.extraction.lexicon import UPPER

# Quotations longer than this are not protected from sentence splitting (a stray mark
# must not turn a whole paragraph into one sentence).
MAX_PROTECTED_QUOTE = 1500

_QUOTE_MARK = re.compile(r"[“”\"«»„]")
_BOUNDARY = re.compile(rf"[.!?…]+[\"”’»)\]]*(?=\s+[\"“‘«(\[]?[{UPPER}0-9])")
_LAST_TOKEN = re.compile(r"([\w.’'-]+)[.!?…]*[\"”’»)\]]*$")
_ABBREV = frozenset("""
mr mrs ms dr st jr sr gen lt col capt sgt gov sen rep rev prof hon no nos vol jan feb mar apr
jun jul aug sep sept oct nov dec inc ltd corp co vs mt ft adm maj cmdr brig pres amb dept univ
ave blvd e.g i.e cf fig op al
""".split())
_STARTERS_AFTER_ABBR = frozenset("""
He She It They We I The This That These Those But And In On At A An His Her Their Its There
Meanwhile However
""".split())


@dataclass(frozen=True, slots=True)
class Quote:
    start: int  # first character inside the marks
    end: int  # one past the last character inside the marks
    open: int  # offset of the opening mark
    close: int  # offset of the closing mark, or -1 when left open
    para: int


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    para: int
    text: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    index: int
    start: int
    end: int


class Segmentation:
    """Paragraphs, sentences and quotations of one body, with position look-ups."""

    def __init__(self, body: str) -> None:
        self.body = body
        self.paragraphs: list[Paragraph] = []
        self.quotes: list[Quote] = []
        self.sentences: list[Sentence] = []
        pos = 0
        for i, line in enumerate(body.split("\n")):
            self.paragraphs.append(Paragraph(i, pos, pos + len(line)))
            pos += len(line) + 1
        for para in self.paragraphs:
            quotes = _scan_quotes(body, para)
            self.quotes.extend(quotes)
            self._split(para, quotes)
        self._quote_starts = [q.open for q in self.quotes]
        self._sent_starts = [s.start for s in self.sentences]

    def _split(self, para: Paragraph, quotes: list[Quote]) -> None:
        body = self.body
        protected = [q for q in quotes if q.close >= 0 and q.close - q.open <= MAX_PROTECTED_QUOTE]
        qi = 0
        start = para.start
        # Skip leading whitespace of the paragraph.
        while start < para.end and body[start].isspace():
            start += 1
        for m in _BOUNDARY.finditer(body, para.start, para.end):
            cut = m.end()
            while qi < len(protected) and protected[qi].close < m.start():
                qi += 1
            if qi < len(protected) and protected[qi].open < m.start() and cut <= protected[qi].close:
                continue  # inside a quotation that closes later in the paragraph
            if _is_abbreviation(body, m.start(), cut):
                continue
            if cut > start:
                self._add(start, cut, para.index)
            start = cut
            while start < para.end and body[start].isspace():
                start += 1
        end = para.end
        while end > start and body[end - 1].isspace():
            end -= 1
        if end > start:
            self._add(start, end, para.index)

    def _add(self, start: int, end: int, para: int) -> None:
        self.sentences.append(Sentence(len(self.sentences), start, end, para, self.body[start:end]))

    # ------------------------------------------------------------------ look-ups
    def sentence_at(self, pos: int) -> Sentence | None:
        i = bisect_right(self._sent_starts, pos) - 1
        if i >= 0 and self.sentences[i].start <= pos < self.sentences[i].end:
            return self.sentences[i]
        return None

    def quote_at(self, pos: int) -> Quote | None:
        """The quotation whose inside (between the marks) contains ``pos``."""
        i = bisect_right(self._quote_starts, pos) - 1
        if i >= 0:
            q = self.quotes[i]
            if q.start <= pos < q.end:
                return q
        return None

    def quotes_in(self, start: int, end: int) -> list[Quote]:
        i = bisect_right(self._quote_starts, start - 1)
        out = []
        while i < len(self.quotes) and self.quotes[i].open < end:
            out.append(self.quotes[i])
            i += 1
        return out

    def quoted_chars(self, start: int, end: int) -> int:
        """How many characters of [start, end) are inside quotation marks."""
        total = 0
        i = max(0, bisect_right(self._quote_starts, start) - 1)
        while i < len(self.quotes) and self.quotes[i].open < end:
            q = self.quotes[i]
            total += max(0, min(end, q.end) - max(start, q.start))
            i += 1
        return total


def _scan_quotes(body: str, para: Paragraph) -> list[Quote]:
    quotes: list[Quote] = []
    open_at = -1
    for m in _QUOTE_MARK.finditer(body, para.start, para.end):
        ch = m.group()
        pos = m.start()
        if ch in "“«„":
            if open_at < 0:
                open_at = pos
        elif ch in "”»":
            if open_at >= 0:
                quotes.append(Quote(open_at + 1, pos, open_at, pos, para.index))
                open_at = -1
        else:  # straight quote: opens when nothing is open, else closes
            if open_at < 0:
                nxt = body[pos + 1] if pos + 1 < para.end else " "
                if not nxt.isspace():
                    open_at = pos
            else:
                prev = body[pos - 1] if pos > para.start else " "
                if not prev.isspace() or pos == open_at + 1:
                    quotes.append(Quote(open_at + 1, pos, open_at, pos, para.index))
                    open_at = -1
    if open_at >= 0 and para.end > open_at + 1:
        quotes.append(Quote(open_at + 1, para.end, open_at, -1, para.index))
    return quotes


def _is_abbreviation(body: str, punct: int, cut: int) -> bool:
    if body[punct] != ".":
        return False
    m = _LAST_TOKEN.search(body, max(0, punct - 24), punct + 1)
    if not m:
        return False
    token = m.group(1).rstrip(".")
    low = token.lower()
    if low in _ABBREV:
        return True
    if len(token) == 1 and token.isupper():  # an initial: "John F. Kennedy"
        return True
    if "." in token and len(token) <= 6 and token.replace(".", "").isupper():
        # "U.S." ends a sentence only when a typical sentence opener follows
        nxt = re.match(r"\s+[\"“‘«(\[]?(\w+)", body[cut : cut + 30])
        return not (nxt and nxt.group(1) in _STARTERS_AFTER_ABBR)
    return False
