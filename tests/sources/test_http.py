"""The polite fetcher against a real local server: errors, retries, limits, robots."""

from __future__ import annotations

import time

import pytest

from extract.sources.http import (
    USER_AGENT,
    Fetcher,
    FetchError,
    FetchPolicy,
    decode_text,
    parse_content_type,
    parse_retry_after,
)
from extract.sources.urls import UnsupportedURL, canonical_url, require_http_url
from tests.sources.conftest import FAST
from tests.sources.server import Route

pytestmark = pytest.mark.timeout(20)


class Sleeps(list):
    """Records the fetcher's sleeps instead of sleeping (retry waits are asserted, not waited)."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def fetcher(sleep=None, **options) -> Fetcher:
    return Fetcher(FetchPolicy.from_options({**FAST, **options}), sleep=sleep if sleep is not None else Sleeps())


def test_fetches_with_project_user_agent_and_reports_type_and_charset(server):
    server.add("/p.html", body=b"<p>hi</p>", content_type="text/html; charset=ISO-8859-1")
    with fetcher() as f:
        got = f.get(server.url("/p.html"))
    assert got.status == 200 and got.content == b"<p>hi</p>"
    assert (got.media_type, got.charset) == ("text/html", "cp1252")  # WHATWG: latin-1 means windows-1252
    page = [r for r in server.requests if r.path == "/p.html"][0]
    assert page.headers["user-agent"] == USER_AGENT == "dipnews/0.1 (+https://github.com/dipnews/dipnews)"
    assert server.hits("/robots.txt") == 1


def test_404_fails_at_once_without_retries(server):
    with fetcher() as f, pytest.raises(FetchError) as err:
        f.get(server.url("/missing"))
    assert err.value.status == 404 and not err.value.transient and "HTTP 404" in err.value.reason
    assert server.hits("/missing") == 1




def test_500_is_retried_with_exponential_backoff_then_fails(server):
    server.add("/boom", status=500, body=b"oops")
    sleeps = Sleeps()
    with fetcher(sleep=sleeps, attempts=3, backoff=1, max_backoff=10) as f, pytest.raises(FetchError) as err:
        f.get(server.url("/boom"))
    assert err.value.transient and err.value.status == 500
    assert server.hits("/boom") == 3
    assert sleeps == [1, 2]  # exponential: 1 s, then 2 s


def test_503_then_success_honours_retry_after(server):
    server.add("/busy", Route(503, b"", headers={"Retry-After": "7"}), Route(body=b"<p>ok</p>"))
    sleeps = Sleeps()
    with fetcher(sleep=sleeps, max_retry_after=60) as f:
        assert f.get(server.url("/busy")).content == b"<p>ok</p>"
    assert 7 in sleeps


def test_429_waits_exactly_retry_after_seconds(server):
    server.add("/limited", Route(429, b"slow down", headers={"Retry-After": "1"}), Route(body=b"fine"))
    with fetcher(sleep=time.sleep) as f:  # really waits: proves the wait happens before the retry
        got = f.get(server.url("/limited"))
    assert got.content == b"fine"
    first, second = [r.at for r in server.requests if r.path == "/limited"]
    assert second - first >= 0.95


def test_429_with_retry_after_longer_than_we_wait_gives_up_at_once(server):
    server.add("/later", status=429, headers={"Retry-After": "3600"})
    with fetcher() as f, pytest.raises(FetchError) as err:
        f.get(server.url("/later"))
    assert server.hits("/later") == 1
    assert err.value.transient and "Retry-After 3600" in err.value.reason


def test_timeout_is_retried_then_reported(server):
    server.add("/slow", body=b"late", delay=3)
    started = time.monotonic()
    with fetcher(read_timeout=0.3, attempts=2) as f, pytest.raises(FetchError) as err:
        f.get(server.url("/slow"))
    assert "timeout" in err.value.reason and err.value.transient
    assert time.monotonic() - started < 2.5  # two 0.3 s tries, never the server's 3 s
    assert server.hits("/slow") == 2


def test_slow_drip_body_is_cut_by_the_wall_clock_cap(server):
    # 40 chunks, 0.1 s apart: each read is quick (no read timeout), the whole takes 4 s.
    server.add("/drip", body=b"x" * 4000, chunk=100, drip=0.1)
    started = time.monotonic()
    with fetcher(total_timeout=0.5, attempts=1) as f, pytest.raises(FetchError) as err:
        f.get(server.url("/drip"))
    assert "too slow" in err.value.reason
    assert time.monotonic() - started < 3


def test_slow_but_acceptable_response_succeeds(server):
    server.add("/tardy", body=b"<p>worth the wait</p>", delay=0.3)
    with fetcher(read_timeout=2) as f:
        assert f.get(server.url("/tardy")).content == b"<p>worth the wait</p>"


def test_size_cap_refuses_declared_length_before_reading(server):
    server.add("/big", body=b"x" * 5000)
    with fetcher(max_bytes=1000) as f, pytest.raises(FetchError) as err:
        f.get(server.url("/big"))
    assert "Content-Length 5000" in err.value.reason


def test_size_cap_is_enforced_while_streaming_an_undeclared_11mb_body(server):
    server.add("/huge", body=b"<p>" + b"a" * (11 * 1024 * 1024), send_length=False, chunk=1024 * 1024)
    with fetcher() as f, pytest.raises(FetchError) as err:  # the real 10 MB default cap
        f.get(server.url("/huge"))
    assert "too large" in err.value.reason and "cut while streaming" in err.value.reason


def test_redirects_are_followed_and_loops_reported(server):
    server.add("/old", status=301, headers={"Location": "/new"})
    server.add("/new", body=b"moved here")
    server.add("/loop-a", status=302, headers={"Location": "/loop-b"})
    server.add("/loop-b", status=302, headers={"Location": "/loop-a"})
    with fetcher() as f:
        got = f.get(server.url("/old"))
        assert got.url == server.url("/new") and got.content == b"moved here" and got.permanent_redirect
        with pytest.raises(FetchError) as err:
            f.get(server.url("/loop-a"))
    assert "redirect loop" in err.value.reason
    assert server.hits("/loop-a") == 1 and server.hits("/loop-b") == 1


def test_redirect_chain_longer_than_the_limit_fails(server):
    for i in range(8):
        server.add(f"/hop{i}", status=302, headers={"Location": f"/hop{i + 1}"})
    with fetcher(max_redirects=5) as f, pytest.raises(FetchError) as err:
        f.get(server.url("/hop0"))
    assert "too many redirects" in err.value.reason


def test_redirect_to_a_non_http_scheme_is_refused(server):
    server.add("/sneaky", status=302, headers={"Location": "file:///etc/passwd"})
    with fetcher() as f, pytest.raises(FetchError) as err:
        f.get(server.url("/sneaky"))
    assert "redirect refused" in err.value.reason and "'file'" in err.value.reason


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/x", "javascript:alert(1)", "/relative",
                                 "gopher://127.0.0.1:70/", "http://", "http://[::1"])
def test_non_http_urls_are_refused_without_any_request(server, url):
    with fetcher() as f, pytest.raises(FetchError):
        f.get(url)
    assert server.requests == []


def test_content_type_outside_the_accepted_ones_is_refused(server):
    server.add("/report.pdf", body=b"%PDF-1.7", content_type="application/pdf")
    with fetcher() as f, pytest.raises(FetchError) as err:
        f.get(server.url("/report.pdf"), accept=("text/html",))
    assert "unsupported content type 'application/pdf'" in err.value.reason


def test_robots_txt_disallow_is_obeyed_and_fetched_once(server):
    server.add("/robots.txt", body=b"User-agent: *\nDisallow: /private/\n\nUser-agent: dipnews\nDisallow: /no-bots/\n",
               content_type="text/plain")
    server.add("/private/x.html", body=b"secret")
    server.add("/no-bots/x.html", body=b"secret")
    server.add("/public.html", body=b"open")
    with fetcher() as f:
        assert f.get(server.url("/public.html")).content == b"open"
        for path in ("/no-bots/x.html",):
            with pytest.raises(FetchError) as err:
                f.get(server.url(path))
            assert "disallowed by robots.txt" in err.value.reason
    assert server.hits("/no-bots/x.html") == 0
    assert server.hits("/robots.txt") == 1


def test_robots_wildcard_rules_apply_when_no_group_names_us(server):
    server.add("/robots.txt", body=b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    with fetcher() as f, pytest.raises(FetchError):
        f.get(server.url("/private/x.html"))
    assert server.hits("/private/x.html") == 0


def test_unreachable_robots_txt_means_disallow(server):
    server.add("/robots.txt", status=503)
    server.add("/page.html", body=b"x")
    with fetcher() as f, pytest.raises(FetchError) as err:
        f.get(server.url("/page.html"))
    assert err.value.reason.startswith("unreachable: robots.txt could not be fetched (HTTP 503")
    assert "disallowed" not in err.value.reason and err.value.transient  # tried again next run
    assert server.hits("/page.html") == 0


def test_robots_can_be_ignored_by_option(server):
    server.add("/robots.txt", body=b"User-agent: *\nDisallow: /\n", content_type="text/plain")
    server.add("/page.html", body=b"x")
    with fetcher(obey_robots=False) as f:
        assert f.get(server.url("/page.html")).content == b"x"


def test_per_host_rate_limit_spaces_requests(server):
    server.add("/a", body=b"a")
    with fetcher(sleep=time.sleep, min_interval=0.2) as f:
        for _ in range(3):
            f.get(server.url("/a"))
    times = [r.at for r in server.requests]  # robots.txt, then three pages
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert len(times) == 4 and min(gaps) >= 0.18


def test_crawl_delay_from_robots_txt_is_honoured(server):
    server.add("/robots.txt", body=b"User-agent: *\nCrawl-delay: 4\n", content_type="text/plain")
    server.add("/a", body=b"a")
    sleeps = Sleeps()
    with fetcher(sleep=sleeps, min_interval=0) as f:
        f.get(server.url("/a"))
        f.get(server.url("/a"))
    assert sleeps and max(sleeps) > 3.5


def test_conditional_get_gets_304(server):
    server.add("/feed.xml", body=b"<rss/>", etag='"abc"', content_type="application/rss+xml")
    with fetcher() as f:
        first = f.get(server.url("/feed.xml"))
        again = f.get(server.url("/feed.xml"), etag=first.etag)
    assert first.etag == '"abc"' and again.status == 304 and again.content == b""
    assert [r.headers.get("if-none-match") for r in server.requests if r.path == "/feed.xml"] == [None, '"abc"']


def test_connection_refused_is_a_clear_transient_error():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again at once: nothing listens there
    with fetcher(attempts=1) as f, pytest.raises(FetchError) as err:
        f.get(f"http://127.0.0.1:{port}/x", check_robots=False)
    assert err.value.transient and "connection failed" in err.value.reason


def test_policy_options_are_type_checked():
    with pytest.raises(ValueError, match="min_interval"):
        FetchPolicy.from_options({"min_interval": "fast"})
    with pytest.raises(ValueError, match="obey_robots"):
        FetchPolicy.from_options({"obey_robots": "no"})
    assert FetchPolicy.from_options({"read_timeout": 5}).read_timeout == 5.0


# ------------------------------------------------------------- pure helpers
def test_decode_text_handles_wrong_and_missing_charsets():
    latin = "Côte d'Ivoire and São Tomé".encode("latin-1")
    assert decode_text(latin, "utf-8") == "Côte d'Ivoire and São Tomé"  # declared UTF-8, is Latin-1
    assert decode_text(latin, None) == "Côte d'Ivoire and São Tomé"  # undeclared
    utf8 = "Côte d'Ivoire “quoted”".encode()
    assert decode_text(utf8, "cp1252") == "Côte d'Ivoire “quoted”"  # declared Latin-1, is UTF-8
    assert decode_text("naïve".encode("utf-16"), None) == "naïve"  # BOM
    meta = b'<meta charset="windows-1252"><p>\x93quoted\x94</p>'
    assert decode_text(meta, None) == "<meta charset=\"windows-1252\"><p>“quoted”</p>"
    assert decode_text(b"\x81\x8d\xff", "no-such-codec")  # never raises


def test_parse_content_type_and_retry_after():
    assert parse_content_type('text/html; charset="UTF-8"') == ("text/html", "utf-8")
    assert parse_content_type("application/rss+xml; charset=bogus") == ("application/rss+xml", None)
    assert parse_content_type(None) == ("", None)
    assert parse_retry_after("120") == 120
    assert parse_retry_after("soon") is None
    from datetime import UTC, datetime

    fixed = datetime(2024, 1, 1, 12, 0, 0, tzinfo=UTC)
    assert parse_retry_after("Mon, 01 Jan 2024 12:00:30 GMT", now=lambda: fixed) == 30


def test_canonical_url_strips_tracking_and_fragments():
    assert canonical_url("HTTPS://News.Example.org:443/a/B?id=7&utm_source=rss&utm_medium=x&fbclid=z#top") == \
        "https://news.example.org/a/B?id=7"
    assert canonical_url("http://example.org/x?gclid=1") == "http://example.org/x"
    assert canonical_url("http://example.org:8080") == "http://example.org:8080/"
    assert canonical_url("http://user:pw@example.org/p?q=a%2Fb") == "http://example.org/p?q=a%2Fb"
    assert canonical_url("file:///etc/passwd") == "file:///etc/passwd"  # not ours to touch; refused elsewhere


def test_require_http_url():
    assert require_http_url(" https://example.org/x ") == "https://example.org/x"
    for bad in ("file:///etc/passwd", "data:text/html,hi", "//example.org/x", "http:///x", "http://a b/"):
        with pytest.raises(UnsupportedURL):
            require_http_url(bad)
