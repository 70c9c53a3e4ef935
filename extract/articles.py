"""The article record and the parser for the seed text format.

The seed format is one article per UTF-8 file::

     date 2024-01-09 Title of the article on the same line
    - highlight line (zero or more)
    First body paragraph, one paragraph per line.

Parsing never raises on bad input: it returns either an :class:`Article` or a
:class:`Rejected` carrying a reason that ends up in quarantine.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta

# Plausible publication dates: anything outside is more likely a typo than news. The
# upper bound moves with the clock: one day of slack, because a feed in UTC+14 is
# already on tomorrow. The gate applies the same bounds (expectation parameters).
MIN_DATE = date(1900, 1, 1)
FUTURE_SLACK_DAYS = 1


def max_date(today: date | None = None) -> date:
    """The latest publication date accepted today (inclusive)."""
    return (today or date.today()) + timedelta(days=FUTURE_SLACK_DAYS)

_DATE_LINE = re.compile(r"^\s*date\s+(\S+)\s*(.*)$", re.IGNORECASE)
# Optional, directly after the date line: " url https://..." (the article's web address).
_URL_LINE = re.compile(r"^\s*url\s+(https?://\S+)\s*$", re.IGNORECASE)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Control characters other than tab/newline signal binary junk, not prose.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e"))
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Article:
    """One landed article. ``article_id`` is a content hash, so ids are stable."""

    article_id: str
    source_name: str
    source_uri: str
    url: str | None
    published_date: date
    title: str
    highlights: tuple[str, ...]
    body: str
    raw_text: str
    content_hash: str
    word_count: int
    canonical_id: str = ""
    duplicate_reason: str | None = None

    def __post_init__(self) -> None:
        if not self.canonical_id:
            object.__setattr__(self, "canonical_id", self.article_id)


@dataclass(frozen=True)
class Rejected:
    """An input that could not become an article, kept with the reason why."""

    source_name: str
    source_uri: str
    reason: str
    raw: bytes = field(repr=False, default=b"")

    @property
    def input_id(self) -> str:
        return hashlib.sha256(self.source_uri.encode() + b"\0" + self.raw).hexdigest()[:16]


def clean_text(text: str) -> str:
    """Normalise what breaks matching but carries no meaning.

    NBSP and other Unicode spaces become spaces, zero-width and bidi controls go,
    and the text is NFC-composed. Quotes and dashes are kept as written (the
    extractor understands both straight and curly quotes).
    """
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = re.sub(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]", " ", text)
    return text


def content_hash(title: str, published: date, body: str) -> str:
    norm = " ".join(_WORD.findall(f"{published.isoformat()} {title}\n{body}".lower()))
    return hashlib.sha256(norm.encode()).hexdigest()


def article_id_for(title: str, published: date, body: str) -> str:
    """Stable id: the same story text yields the same id wherever it was found."""
    return content_hash(title, published, body)[:16]


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


def parse_date(value: str) -> date | str:
    """A ``date`` or the reason it is not a plausible one."""
    value = value.strip()
    if not _ISO_DATE.match(value):
        return f"invalid date {value[:40]!r}: expected YYYY-MM-DD"
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        return f"invalid date {value!r}: no such day"
    if parsed < MIN_DATE:
        return f"implausible date {value!r}: before {MIN_DATE.isoformat()}"
    if parsed > max_date():
        return f"implausible date {value!r}: in the future (after {max_date().isoformat()})"
    return parsed


def unencodable(*texts: str | None) -> str | None:
    """Why one of ``texts`` cannot be stored as UTF-8 (a lone surrogate such as the
    JSON escape ``"\\ud800"``), or None when all can."""
    for text in texts:
        if not text:
            continue
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            bad = text[exc.start:exc.end]
            return (f"text not encodable as UTF-8: lone surrogate {', '.join(f'U+{ord(c):04X}' for c in bad[:3])} "
                    f"at character {exc.start}")
    return None


def is_http_url(url: str) -> bool:
    """Whether ``url`` is an absolute http(s) URL with a host (the only kind published)."""
    from extract.sources.urls import UnsupportedURL, require_http_url

    try:
        require_http_url(url)
    except UnsupportedURL:
        return False
    return True


def printable(text: str) -> str:
    """``text`` with anything UTF-8 cannot hold escaped (a file name in a foreign
    encoding, a lone surrogate): safe to store and show."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def decode(raw: bytes) -> str | None:
    """UTF-8 text, or None for bytes that are not text."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    if _CONTROL.search(text):
        return None
    return text


def make_article(
    *,
    source_name: str,
    source_uri: str,
    url: str | None,
    published: date,
    title: str,
    body_paragraphs: list[str],
    highlights: list[str] | None = None,
    raw_text: str,
) -> Article | Rejected:
    """Build an article from parts any source found, applying the shared checks."""
    title = " ".join(clean_text(title).split())
    paras = [" ".join(clean_text(p).split()) for p in body_paragraphs]
    paras = [p for p in paras if p]
    body = "\n".join(paras)
    highlights = [" ".join(clean_text(h).split()) for h in highlights or []]
    source_uri = printable(source_uri)
    if url is not None and not is_http_url(url):
        # A javascript:, data: or file: "URL" from a JSONL file or a feed is not a link
        # anyone should be offered: the article keeps its text, not the link.
        url = None
    bad = unencodable(title, body, url, *highlights)
    if bad:
        return Rejected(source_name, source_uri, bad, raw_text.encode("utf-8", "backslashreplace"))
    if not title:
        return Rejected(source_name, source_uri, "empty title", raw_text.encode("utf-8", "backslashreplace"))
    if not body:
        return Rejected(source_name, source_uri, "empty body: no paragraph after the title",
                        raw_text.encode("utf-8", "backslashreplace"))
    digest = content_hash(title, published, body)
    return Article(
        article_id=digest[:16],
        source_name=source_name,
        source_uri=source_uri,
        url=url,
        published_date=published,
        title=title,
        highlights=tuple(highlights),
        body=body,
        raw_text=printable(raw_text),
        content_hash=digest,
        word_count=count_words(body),
    )


def parse_seed_text(raw: bytes, *, source_name: str, source_uri: str, url: str | None = None) -> Article | Rejected:
    """Parse one seed-format file."""
    if not raw.strip():
        return Rejected(source_name, source_uri, "empty file", raw)
    text = decode(raw)
    if text is None:
        return Rejected(source_name, source_uri, "not UTF-8 text (binary or wrong encoding)", raw)
    lines = text.splitlines()
    first = clean_text(lines[0])
    match = _DATE_LINE.match(first)
    if not match:
        return Rejected(
            source_name, source_uri, "no date line: the first line must be ' date YYYY-MM-DD Title'", raw
        )
    published = parse_date(match.group(1))
    if isinstance(published, str):
        return Rejected(source_name, source_uri, published, raw)
    rest = lines[1:]
    # An optional url line follows the date line; it is neither highlight nor body, so
    # the article id (title, date, body) is the same with or without it.
    if rest and (url_match := _URL_LINE.match(clean_text(rest[0]))):
        url, rest = url_match.group(1), rest[1:]
    highlights: list[str] = []
    body: list[str] = []
    for line in rest:
        stripped = line.strip()
        if not stripped:
            continue
        # Highlights only directly follow the title; a "- " line later is body text.
        if stripped.startswith("- ") and not body:
            highlights.append(stripped[2:])
        else:
            body.append(stripped)
    return make_article(
        source_name=source_name,
        source_uri=source_uri,
        url=url,
        published=published,
        title=match.group(2),
        body_paragraphs=body,
        highlights=highlights,
        raw_text=text,
    )
