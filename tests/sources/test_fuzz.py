"""Property-based fuzzing of the feed parsing path: random bytes, broken and hostile XML,
odd encodings. Nothing escapes as an unhandled exception; every input is either a feed
or a clear refusal; hostile entity declarations are never parsed."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.articles import Article, Rejected
from extract.sources.base import Skipped, Window
from extract.sources.errors import SourceError
from extract.sources.feeds import (
    entry_date,
    html_paragraphs,
    item_key,
    item_text,
    item_title,
    parse_feed,
    pull_feed,
)
from extract.sources.http import decode_text, parse_content_type, parse_retry_after
from extract.sources.urls import UnsupportedURL, canonical_url, require_http_url
from tests.sources.conftest import feed_config
from tests.sources.server import FixtureServer

pytestmark = pytest.mark.timeout(60)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

FRAGMENTS = [
    '<?xml version="1.0"?>', "<?xml version='1.0' encoding='iso-8859-1'?>", '<?xml version="1.0" encoding="utf-16"?>',
    '<rss version="2.0">', "</rss>", "<channel>", "</channel>", "<item>", "</item>", "<title>", "</title>",
    '<feed xmlns="http://www.w3.org/2005/Atom">', "</feed>", "<entry>", "</entry>", '<link href="/a.html"/>',
    "<link>http://127.0.0.1:9/p.html</link>", "<link>file:///etc/passwd</link>", "<link>javascript:x()</link>",
    "<guid>g</guid>", "<pubDate>Mon, 04 Mar 2024 10:00:00 GMT</pubDate>", "<pubDate>31/31/31</pubDate>",
    "<published>2024-13-45T99:00:00Z</published>", "<updated>1900-01-01</updated>",
    "<description>", "</description>", "&lt;p&gt;", "&amp;", "&nbsp;", "&#0;", "&#xD800;", "&unknown;",
    "<![CDATA[", "]]>", "<!-- c -->", "<!DOCTYPE rss>", '<!DOCTYPE rss [<!ENTITY a "b">]>', "<!ENTITY x SYSTEM 'file:///'>",
    "<script>alert(1)</script>", "<p>", "</p>", "é", "\u202e", "\x00", "\ufeff", "<" * 50, "<a>" * 200,
]
xmlish = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=30)), max_size=60).map("".join)
encoded = st.tuples(xmlish, st.sampled_from(["utf-8", "utf-16", "latin-1", "utf-8-sig"])).map(
    lambda t: t[0].encode(t[1], errors="replace"))
# Well-formed feed skeletons with fuzzed fields: reaches the per-item code far more often.
structured = st.lists(st.tuples(xmlish, xmlish, xmlish, st.sampled_from(["Mon, 04 Mar 2024 10:00:00 GMT", "2024-03-04",
                                                                      "yesterday", ""])), max_size=5).map(
    lambda items: '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>' + "".join(
        f"<item><title>{t}</title><link>{link}</link><description>{d}</description><pubDate>{p}</pubDate></item>"
        for t, link, d, p in items) + "</channel></rss>")
encoded = st.one_of(encoded, st.tuples(structured, st.sampled_from(["utf-8", "utf-16"])).map(
    lambda t: t[0].replace('"1.0"?>', f'"1.0" encoding="{t[1]}"?>', 1).encode(t[1], errors="replace")))
ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)


def _check_parse(raw: bytes) -> None:
    try:
        parsed = parse_feed(raw, url="http://127.0.0.1/feed.xml", content_type="application/rss+xml")
    except ValueError as exc:
        assert str(exc)  # a refusal always says why
        return
    assert not ENTITY.search(raw.replace(b"\x00", b""))  # entity declarations never get through
    for entry in parsed.entries:
        # The helpers the pull uses on every entry must cope with whatever was parsed.
        entry_date(entry), item_text(entry), item_title(entry), item_key(entry)


@FUZZ
@given(st.binary(max_size=3000))
def test_random_bytes_never_escape_the_feed_parser(raw):
    _check_parse(raw)


@FUZZ
@given(encoded)
def test_broken_and_hostile_xml_never_escapes_the_feed_parser(raw):
    _check_parse(raw)


@FUZZ
@given(st.binary(max_size=2000), st.one_of(st.none(), st.sampled_from(["utf-8", "cp1252", "utf-16", "shift_jis",
                                                                         "utf-32", "ascii"])))
def test_decode_text_always_returns_text(raw, charset):
    assert isinstance(decode_text(raw, charset), str)


@FUZZ
@given(st.text(max_size=300))
def test_text_helpers_never_raise(text):
    assert isinstance(html_paragraphs(text), list)
    parse_content_type(text)
    parse_retry_after(text)
    out = canonical_url(text)
    assert isinstance(out, str)
    try:
        require_http_url(text)
    except UnsupportedURL:
        return
    # A fetchable URL stays fetchable once canonical, and canonicalising is stable.
    assert canonical_url(out) == out


@pytest.fixture(scope="module")
def fuzz_server():
    srv = FixtureServer()
    yield srv
    srv.close()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(encoded)
def test_a_whole_pull_of_a_fuzzed_feed_fails_clearly_or_accounts_for_every_item(fuzz_server, raw):
    fuzz_server.add("/fuzz.xml", body=raw, content_type="application/rss+xml")
    # fetch_pages=False: items are built from the feed alone, so no fuzzed link is ever fetched.
    config = feed_config(fuzz_server.url("/fuzz.xml"), fetch_pages=False)
    try:
        items = list(pull_feed(config, Window(), {}))
    except SourceError as exc:
        assert exc.reason
        return
    parsed = parse_feed(raw, url=fuzz_server.url("/fuzz.xml"), content_type="application/rss+xml")  # as served
    assert len(items) == len(parsed.entries)
    assert all(isinstance(i, Article | Rejected | Skipped) for i in items)
