"""The ``feed`` source: an RSS or Atom feed whose items link to article pages.

For each feed item not pulled before and inside the run's window, the page is
fetched politely (``extract.sources.http``) and its title, date and main text are
extracted with trafilatura. When the page cannot be had or has no main text, the
item's own text in the feed (``content:encoded`` or the summary) is used instead and
the reason is logged; when that is empty too, the item is rejected with both reasons.

Failure policy (what the pipeline sees):

* the **feed itself** cannot be read (HTTP error after retries, timeout, robots.txt
  disallow, hostile XML, a body that is no feed at all): :class:`SourceError` is
  raised. The run stops with a clear, non-zero error and the source's state is not
  saved, so nothing is marked as seen.
* an **item** fails: it becomes a ``Rejected`` (quarantined with its reason) or,
  when the failure is transient and the item has attempts left, a ``Skipped`` that
  is tried again on the next pull. Every item yields exactly one pull item.

State kept between pulls (``state``, saved by the caller after landing):
``seen`` (ids and canonical URLs of items already pulled, bounded), ``etag`` /
``last_modified`` for conditional GET, ``pending`` (items deferred or outside the
window: while any are pending the feed is fetched unconditionally so they get another
chance), ``attempts`` per deferred item, ``last_published``.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin

from extract.articles import Article, Rejected, count_words, make_article, parse_date, printable
from extract.sources.base import PullItem, Skipped, SourceConfig, Window
from extract.sources.errors import SourceError
from extract.sources.http import HTML_TYPES, Fetcher, FetchError, FetchPolicy
from extract.sources.urls import UnsupportedURL, canonical_url, require_http_url

log = logging.getLogger(__name__)

MAX_SEEN = 5000
MAX_PAGE_ATTEMPTS = 3
# Any DTD entity declaration is refused, however the document is encoded: the NUL-free
# copy catches UTF-16, where every ASCII character is followed or preceded by a NUL.
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
# A character reference to something that is no XML character (``&#xD800;``, a lone
# surrogate; ``&#0;``) makes the whole document unparseable. It is replaced by a
# private-use marker before parsing, so that only the item carrying it is quarantined.
_CHAR_REF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));")
BAD_CHAR_MARK = "\U000F0000"
_BAD_CHAR_REF = f"&#x{ord(BAD_CHAR_MARK):X};".encode()


def _is_xml_char(cp: int) -> bool:
    return (cp in (0x9, 0xA, 0xD) or 0x20 <= cp <= 0xD7FF or 0xE000 <= cp <= 0xFFFD
            or 0x10000 <= cp <= 0x10FFFF) and cp != ord(BAD_CHAR_MARK)


def mark_bad_char_refs(raw: bytes) -> tuple[bytes, int]:
    """``raw`` with references to non-characters replaced by the marker, and how many."""
    count = 0

    def swap(match: re.Match) -> bytes:
        nonlocal count
        cp = int(match.group(1), 16) if match.group(1) else int(match.group(2))
        if _is_xml_char(cp):
            return match.group(0)
        count += 1
        return _BAD_CHAR_REF

    return _CHAR_REF.sub(swap, raw), count


def carries_bad_char(entry: Mapping[str, Any]) -> bool:
    """Whether a parsed item holds a marker left by :func:`mark_bad_char_refs`."""
    def walk(value: Any) -> bool:
        if isinstance(value, str):
            return BAD_CHAR_MARK in value
        if isinstance(value, Mapping):
            return any(walk(v) for v in value.values())
        if isinstance(value, list | tuple):
            return any(walk(v) for v in value)
        return False

    return walk(entry)


@dataclass(frozen=True)
class FeedOptions:
    """Options of one feed source (``[[sources]]`` keys besides name/kind/location)."""

    policy: FetchPolicy
    max_seen: int = MAX_SEEN
    max_page_attempts: int = MAX_PAGE_ATTEMPTS
    fetch_pages: bool = True  # false: use the feed's own item text (full-content feeds)

    @classmethod
    def from_config(cls, config: SourceConfig) -> FeedOptions:
        own = {"max_seen", "max_page_attempts", "fetch_pages"}
        unknown = sorted(set(config.options) - own - FetchPolicy.option_names())
        if unknown:
            known = ", ".join(sorted(own | FetchPolicy.option_names()))
            raise SourceError(config.name, config.location, f"unknown option(s) {', '.join(unknown)}; known: {known}")
        opts: Mapping[str, Any] = config.options
        try:
            policy = FetchPolicy.from_options(opts)
        except ValueError as exc:
            raise SourceError(config.name, config.location, str(exc)) from exc
        max_seen, attempts = opts.get("max_seen", MAX_SEEN), opts.get("max_page_attempts", MAX_PAGE_ATTEMPTS)
        fetch_pages = opts.get("fetch_pages", True)
        for name, value in (("max_seen", max_seen), ("max_page_attempts", attempts)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise SourceError(config.name, config.location, f"option {name} must be a positive integer")
        if not isinstance(fetch_pages, bool):
            raise SourceError(config.name, config.location, "option fetch_pages must be true or false")
        return cls(policy=policy, max_seen=max_seen, max_page_attempts=attempts, fetch_pages=fetch_pages)


# ---------------------------------------------------------------- parsing
def parse_feed(raw: bytes, *, url: str, content_type: str | None = None):
    """The parsed feed (feedparser's dict), or :class:`ValueError` saying why it is not one.

    The XML is first parsed with defusedxml, which refuses entity declarations and
    external references (billion laughs, XXE) before feedparser ever sees the bytes.
    A document that is merely not well-formed (a stray ``&nbsp;`` is common in real
    feeds) is handed to feedparser's lenient parser; it fails only when nothing
    feed-like can be recovered from it.
    """
    import defusedxml.ElementTree as SafeET
    from defusedxml import DefusedXmlException

    if not raw.strip():
        raise ValueError("empty response: not an RSS or Atom feed")
    raw, bad_refs = mark_bad_char_refs(raw)
    if bad_refs:
        log.warning("feed %s: %d character reference(s) to non-characters; their items are quarantined", url, bad_refs)
    well_formed_error: str | None = None
    try:
        SafeET.fromstring(raw, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise ValueError(f"hostile XML refused ({type(exc).__name__}: {exc}): entity declarations and "
                         "external references are not allowed in feeds") from exc
    except SafeET.ParseError as exc:
        well_formed_error = str(exc)
    except (ValueError, RecursionError, MemoryError) as exc:  # odd encodings, absurd nesting
        well_formed_error = f"{type(exc).__name__}: {exc}"
    # The strict parse may stop before a DOCTYPE; feedparser's lenient one would not.
    if _ENTITY_DECL.search(raw) or _ENTITY_DECL.search(raw.replace(b"\x00", b"")):
        raise ValueError("hostile XML refused: the document declares entities (<!ENTITY>), "
                         "which feeds must not do")

    import feedparser

    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    try:
        # Bytes, never a string: feedparser would treat a string as a URL or a file path.
        parsed = feedparser.parse(raw, response_headers=headers, sanitize_html=True, resolve_relative_uris=True)
    except Exception as exc:  # feedparser's lenient mode has its own rare crashes
        raise ValueError(f"malformed feed: the parser failed ({type(exc).__name__}: {exc})") from exc
    if not parsed.entries and (well_formed_error or not parsed.get("version")):
        # Broken and nothing recovered: indistinguishable from a truncated feed, so an
        # error rather than a quiet "no news tonight". (A well-formed empty feed is fine.)
        detail = well_formed_error or str(parsed.get("bozo_exception") or "") or "no RSS/Atom elements"
        raise ValueError(f"malformed feed: not an RSS or Atom feed ({detail})")
    if well_formed_error:
        log.warning("feed %s is not well-formed XML (%s); read leniently: %d items recovered",
                    url, well_formed_error, len(parsed.entries))
    return parsed


def _parse_any_date(value: str) -> date | None:
    """The date as written (its own timezone), from RFC 822 or ISO 8601 text.

    feedparser's ``*_parsed`` fields are converted to UTC, which moves an evening
    story in New York to the next day; the article page says the local day.
    """
    value = value.strip()
    when: datetime | None = None
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        try:
            when = datetime.fromisoformat(value)
        except ValueError:
            when = None
    if when is None:
        return None
    checked = parse_date(when.date().isoformat())
    return checked if isinstance(checked, date) else None


def entry_date(entry: Mapping[str, Any]) -> date | None:
    for name in ("published", "updated", "created"):
        value = entry.get(name)
        if isinstance(value, str) and value.strip():
            day = _parse_any_date(value)
            if day:
                return day
        parsed = entry.get(f"{name}_parsed")
        if parsed:
            try:
                checked = parse_date(date(*parsed[:3]).isoformat())
            except (TypeError, ValueError):
                continue
            if isinstance(checked, date):
                return checked
    return None


def entry_date_problem(entry: Mapping[str, Any]) -> str | None:
    """Why the item's first written date was refused (outside the plausible range), if it was."""
    for name in ("published", "updated", "created"):
        value = entry.get(name)
        if not (isinstance(value, str) and value.strip()):
            continue
        when: datetime | None = None
        try:
            when = parsedate_to_datetime(value.strip())
        except (TypeError, ValueError, IndexError):
            try:
                when = datetime.fromisoformat(value.strip())
            except ValueError:
                continue
        checked = parse_date(when.date().isoformat())
        return checked if isinstance(checked, str) else None
    return None


class _TextCollector(HTMLParser):
    """Plain-text paragraphs from a feed item's (already sanitised) HTML."""

    _BLOCKS = frozenset({"p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
                         "blockquote", "tr", "section", "article", "pre"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_paragraphs(html: str) -> list[str]:
    collector = _TextCollector()
    try:
        collector.feed(html)
        collector.close()
    except Exception:  # the stdlib parser rarely chokes; keep what it read
        pass
    return [p for p in (" ".join(line.split()) for line in "".join(collector.parts).split("\n")) if p]


def item_text(entry: Mapping[str, Any]) -> str:
    """The longest text the feed carries for an item: full content or summary."""
    texts = [c.get("value", "") for c in entry.get("content") or [] if isinstance(c, Mapping)]
    texts.append(entry.get("summary") or "")
    return max((t for t in texts if isinstance(t, str)), key=len, default="")


def item_title(entry: Mapping[str, Any]) -> str:
    """The item's title as plain text (Atom titles may be HTML)."""
    title = entry.get("title")
    if not isinstance(title, str):
        return ""
    detail = entry.get("title_detail") or {}
    if isinstance(detail, Mapping) and "html" in str(detail.get("type", "")):
        return " ".join(html_paragraphs(title))
    return " ".join(title.split())


def item_key(entry: Mapping[str, Any]) -> str:
    for name in ("id", "link"):
        value = entry.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
    basis = f"{entry.get('title', '')}\0{entry.get('published', '')}\0{item_text(entry)}"
    return "sha256:" + hashlib.sha256(basis.encode("utf-8", "replace")).hexdigest()[:32]


def _is_http(url: str) -> bool:
    try:
        require_http_url(url)
    except UnsupportedURL:
        return False
    return True


# ------------------------------------------------------------------ state
class SeenSet:
    """Item ids and URLs already pulled, oldest first, bounded so state stays small."""

    def __init__(self, items: Any, limit: int) -> None:
        self.order: list[str] = [s for s in items if isinstance(s, str)] if isinstance(items, list) else []
        self.index = set(self.order)
        self.limit = limit

    def __contains__(self, key: object) -> bool:
        return key in self.index

    def add(self, *keys: str) -> None:
        for key in keys:
            if key and key not in self.index:
                self.order.append(key)
                self.index.add(key)

    def dump(self, floor: int) -> list[str]:
        # Never forget what the current feed still lists, or it would be fetched again.
        keep = max(self.limit, floor)
        return self.order[-keep:]


# ------------------------------------------------------------------- pull
def pull_feed(config: SourceConfig, window: Window, state: dict[str, Any]) -> Iterator[PullItem]:
    """Yield one pull item per feed item; raise :class:`SourceError` if the feed is unreadable."""
    options = FeedOptions.from_config(config)
    try:
        feed_url = require_http_url(config.location)
    except UnsupportedURL as exc:
        raise SourceError(config.name, config.location, str(exc)) from exc
    with Fetcher(options.policy) as fetcher:
        yield from _FeedPull(config, window, state, options, fetcher, feed_url).run()


class _FeedPull:
    def __init__(self, config: SourceConfig, window: Window, state: dict[str, Any], options: FeedOptions,
                 fetcher: Fetcher, feed_url: str) -> None:
        self.config, self.window, self.state, self.options = config, window, state, options
        self.fetcher, self.feed_url = fetcher, feed_url
        self.seen = SeenSet(state.get("seen"), options.max_seen)
        attempts = state.get("attempts")
        self.attempts: dict[str, int] = dict(attempts) if isinstance(attempts, dict) else {}
        self.pending = 0
        self.run_urls: set[str] = set()
        self.last_published: str | None = state.get("last_published")

    def _fail(self, reason: str) -> SourceError:
        return SourceError(self.config.name, self.feed_url, reason)

    def run(self) -> Iterator[PullItem]:
        state = self.state
        # Validators are only trusted when the previous pull left nothing pending: a 304
        # would otherwise hide items that were outside the window or failed transiently.
        conditional = state.get("feed_url") == self.feed_url and not state.get("pending")
        try:
            fetched = self.fetcher.get(
                self.feed_url,
                etag=state.get("etag") if conditional else None,
                last_modified=state.get("last_modified") if conditional else None,
            )
        except FetchError as exc:
            raise self._fail(exc.reason) from exc
        if fetched.status == 304:
            log.info("feed %s: not modified since the last pull (HTTP 304): nothing new", self.feed_url)
            return
        if fetched.permanent_redirect:
            log.warning("feed %s moved permanently to %s: update the source's location", self.feed_url, fetched.url)
        try:
            parsed = parse_feed(fetched.content, url=fetched.url,
                                content_type=fetched.media_type + (f"; charset={fetched.charset}" if fetched.charset else ""))
        except ValueError as exc:
            raise self._fail(str(exc)) from exc

        entries = list(parsed.entries)
        keys = set()
        for entry in entries:
            keys.add(item_key(entry))
            if carries_bad_char(entry):
                self.seen.add(item_key(entry))
                yield Rejected(self.config.name, printable(f"{self.feed_url}#{item_key(entry)}"),
                               "invalid character reference in the feed item (a lone surrogate such as &#xD800; "
                               "or another non-character): not storable text",
                               repr(dict(entry))[:10000].encode("utf-8", "backslashreplace"))
                continue
            try:
                yield self._item(entry, fetched.url)
            except Exception as exc:  # a bug must cost one item (kept, retried next pull), not the feed
                log.exception("feed %s: item %s failed unexpectedly", self.feed_url, item_key(entry))
                self.pending += 1
                yield Rejected(self.config.name, f"{self.feed_url}#{item_key(entry)}",
                               f"internal error: {type(exc).__name__}: {exc}", repr(dict(entry))[:10000].encode())

        state["feed_url"] = self.feed_url
        state["etag"] = fetched.etag
        state["last_modified"] = fetched.last_modified
        state["pending"] = self.pending
        state["seen"] = self.seen.dump(floor=2 * len(entries))
        # Items gone from the feed need no more attempts.
        state["attempts"] = {k: v for k, v in sorted(self.attempts.items()) if k in keys}
        state["last_published"] = self.last_published
        log.info("feed %s: %d items, %d pending", self.feed_url, len(entries), self.pending)

    # ------------------------------------------------------------------ items
    def _item(self, entry: Mapping[str, Any], base_url: str) -> PullItem:
        key = item_key(entry)
        link = entry.get("link") if isinstance(entry.get("link"), str) else ""
        page_url = urljoin(base_url, link.strip()) if link and link.strip() else ""
        canon = canonical_url(page_url) if page_url and _is_http(page_url) else ""
        uri = canon or f"{self.feed_url}#{key}"
        if canon and canon in self.run_urls:
            self.seen.add(key)
            return Skipped(self.config.name, uri, "duplicate item: same page as an earlier item of this feed")
        if key in self.seen or (canon and canon in self.seen):
            return Skipped(self.config.name, uri, "already pulled: seen in an earlier pull")
        published = entry_date(entry)
        if published is None and (problem := entry_date_problem(entry)):
            self.seen.add(key, canon)
            return Rejected(self.config.name, uri, f"feed item date: {problem}",
                            repr(dict(entry))[:10000].encode("utf-8", "backslashreplace"))
        if published and not self.window.contains(published):
            self.pending += 1  # a run with another window may still want it
            return Skipped(self.config.name, uri, f"published {published} outside window {self.window.label()}")

        item = self._article(entry, key, page_url, canon, uri, published)
        if isinstance(item, Skipped):
            return item
        if isinstance(item, Article) and not self.window.contains(item.published_date):
            # Undated in the feed, dated by its page: window checked only now.
            self.pending += 1
            return Skipped(self.config.name, uri, f"published {item.published_date} outside window {self.window.label()}")
        self.seen.add(key, canon)
        if canon:
            self.run_urls.add(canon)
        self.attempts.pop(key, None)
        if isinstance(item, Article):
            day = item.published_date.isoformat()
            self.last_published = max(self.last_published or day, day)
        return item

    def _article(self, entry: Mapping[str, Any], key: str, page_url: str, canon: str, uri: str,
                 published: date | None) -> Article | Rejected | Skipped:
        title = item_title(entry) or None
        if not page_url:
            return self._from_feed(entry, uri, None, published, "item has no link")
        if not self.options.fetch_pages:
            return self._from_feed(entry, uri, canon, published, None)
        try:
            require_http_url(page_url)
        except UnsupportedURL as exc:
            return self._from_feed(entry, uri, None, published, f"link refused: {exc}")
        try:
            # The canonical URL: trackers need not learn that a crawler followed the feed.
            fetched = self.fetcher.get(canon, accept=HTML_TYPES)
        except FetchError as exc:
            if exc.refused:
                # A link (or a redirect) to an address no feed item may point at: the
                # item is quarantined, its text is not trusted either.
                return Rejected(self.config.name, uri, f"link refused: {exc.reason}",
                                repr(dict(entry))[:10000].encode("utf-8", "backslashreplace"))
            if exc.deadline:
                self.pending += 1
                return Skipped(self.config.name, uri, f"{exc.reason} (tried again on the next pull)")
            done = self.attempts.get(key, 0) + 1
            if exc.transient and done < self.options.max_page_attempts:
                self.attempts[key] = done
                self.pending += 1
                return Skipped(self.config.name, uri, f"page fetch failed ({exc.reason}); tried again on the next "
                                                      f"pull (attempt {done} of {self.options.max_page_attempts})")
            return self._from_feed(entry, uri, canon, published, f"page fetch failed: {exc.reason}")

        from extract.sources.html import parse_html  # trafilatura is slow to import

        text = fetched.text()
        page = parse_html(text.encode("utf-8"), source_name=self.config.name, source_uri=uri,
                          url=canonical_url(fetched.url), title=title, published=published)
        if isinstance(page, Article):
            feed_words = count_words(" ".join(html_paragraphs(item_text(entry))))
            if page.word_count >= feed_words:
                return page
            # Less text on the page than in the feed: a paywall, a consent wall or a
            # script-rendered page that trafilatura could only scrape menus from.
            return self._from_feed(entry, uri, canonical_url(fetched.url), published,
                                   f"page text shorter than the feed's ({page.word_count} < {feed_words} words)",
                                   raw=fetched.content)
        return self._from_feed(entry, uri, canonical_url(fetched.url), published, f"page unusable: {page.reason}",
                               raw=fetched.content)

    def _from_feed(self, entry: Mapping[str, Any], uri: str, url: str | None, published: date | None,
                   why: str | None, raw: bytes = b"") -> Article | Rejected:
        """An article from the feed item's own text; ``why`` says why the page was not used."""
        html = item_text(entry)
        raw = raw or html.encode("utf-8", "replace")
        prefix = f"{why}; " if why else ""
        if published is None:
            return Rejected(self.config.name, uri, f"{prefix or 'feed item: '}no date in the feed item", raw)
        paragraphs = html_paragraphs(html)
        if not paragraphs:
            reason = f"{why}; the feed item has no text to fall back on" if why else "feed item has no text"
            return Rejected(self.config.name, uri, reason, raw)
        item = make_article(source_name=self.config.name, source_uri=uri, url=url, published=published,
                            title=item_title(entry),
                            body_paragraphs=paragraphs, raw_text=html)
        if isinstance(item, Rejected):
            return Rejected(self.config.name, uri, f"{prefix}feed item unusable: {item.reason}", raw)
        if why:
            log.info("%s: loaded from the feed's own text (%s)", uri, why)
        return item
