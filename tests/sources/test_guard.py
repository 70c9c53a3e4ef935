"""The request-forgery guard, deadlines that hold and robots.txt per RFC 9309, against
real servers on 127.0.0.1, 127.0.0.2 and [::1]."""

from __future__ import annotations

import time
from datetime import date

import pytest

from extract.sources.base import Window
from extract.sources.feeds import pull_feed
from extract.sources.http import Fetcher, FetchError, FetchPolicy, address_refusal, parse_networks
from tests.sources.conftest import FAST, feed_config
from tests.sources.server import FixtureServer, Route
from tests.sources.test_feeds import PAGE, item, rss

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def other_hosts():
    """Servers on addresses the guard must refuse: another loopback address and IPv6 loopback."""
    servers = [FixtureServer("127.0.0.2"), FixtureServer("::1")]
    for srv in servers:
        srv.add("/page.html", body=PAGE)
        srv.add("/robots.txt", body=b"User-agent: *\nAllow: /\n", content_type="text/plain")
    try:
        yield servers
    finally:
        for srv in servers:
            srv.close()


def test_feed_items_linking_to_forbidden_addresses_are_quarantined_unfetched(server, other_hosts):
    """The feed's own host is opened (DIPNEWS_ALLOW_NETWORKS=127.0.0.1/32); its items link
    to 127.0.0.2 and [::1], directly and through a redirect: not one request reaches them."""
    second, v6 = other_hosts
    server.add("/page.html", body=PAGE)
    server.add("/hop", Route(status=302, headers={"Location": second.url("/page.html")}, body=b""))
    url = rss(server,
              item(server.url("/page.html"), "Allowed page", guid="ok"),
              item(second.url("/page.html"), "Other loopback", guid="two"),
              item(v6.url("/page.html"), "IPv6 loopback", guid="six"),
              item(server.url("/hop"), "Redirect to other loopback", guid="hop"))
    got = list(pull_feed(feed_config(url), Window(), {}))
    assert second.requests == [] and v6.requests == []  # no robots.txt, no page, nothing
    refused = [i for i in got if getattr(i, "reason", "").startswith("link refused")]
    assert len(refused) == 3, got
    assert all("request-forgery guard refused" in i.reason for i in refused)
    assert sum("127.0.0.2 is a loopback address" in i.reason for i in refused) == 2  # direct and redirected
    assert any("::1 is a loopback address" in i.reason for i in refused)
    loaded = [i for i in got if hasattr(i, "article_id")]
    assert len(loaded) == 1 and loaded[0].url == server.url("/page.html")


def test_without_the_opening_even_the_feed_host_is_refused(server, monkeypatch):
    monkeypatch.delenv("DIPNEWS_ALLOW_NETWORKS")
    server.add("/page.html", body=PAGE)
    with Fetcher(FetchPolicy.from_options(FAST)) as f, pytest.raises(FetchError) as err:
        f.get(server.url("/page.html"))
    assert err.value.refused and "127.0.0.1 is a loopback address" in err.value.reason
    assert server.requests == []
    # Opened per source instead of globally:
    with Fetcher(FetchPolicy.from_options({**FAST, "allow_networks": ["127.0.0.1/32"]})) as f:
        assert f.get(server.url("/page.html")).content == PAGE


@pytest.mark.parametrize(("address", "kind"), [
    ("127.0.0.2", "loopback"), ("10.1.2.3", "private"), ("192.168.0.1", "private"), ("172.16.5.4", "private"),
    ("169.254.169.254", "link-local"), ("100.64.0.1", "carrier-grade NAT"), ("224.0.0.1", "multicast"),
    ("0.0.0.0", "unspecified"), ("240.0.0.1", "reserved"), ("::1", "loopback"), ("fe80::1", "link-local"),
    ("fc00::1", "private"), ("::ffff:127.0.0.1", "loopback"), ("ff02::1", "multicast"),
])
def test_special_addresses_are_refused_unless_opened(address, kind):
    import ipaddress

    ip = ipaddress.ip_address(address)
    assert kind in (address_refusal(ip, ()) or "")
    assert address_refusal(ip, parse_networks([f"{address}/128" if ":" in address else f"{address}/32"])) is None \
        or ip.version == 6 and ip.ipv4_mapped is not None
    assert address_refusal(ipaddress.ip_address("93.184.216.34"), ()) is None


def test_total_timeout_bounds_a_server_dripping_its_headers(server):
    server.add("/drip", Route(header_drip=0.2))
    started = time.monotonic()
    with Fetcher(FetchPolicy.from_options({**FAST, "total_timeout": 1.5, "read_timeout": 5, "attempts": 1})) as f, \
            pytest.raises(FetchError) as err:
        f.get(server.url("/drip"), check_robots=False)
    took = time.monotonic() - started
    assert took < 3.0, took  # without the cap, a header line every 0.2 s never trips read_timeout
    assert "total_timeout" in err.value.reason


def test_the_source_deadline_bounds_retries_and_leaves_the_rest_for_the_next_pull(server):
    for n in range(5):
        server.add(f"/p{n}.html", status=503)
    url = rss(server, *[item(server.url(f"/p{n}.html"), f"Item {n}", guid=f"g{n}") for n in range(5)])
    state: dict = {}
    started = time.monotonic()
    got = list(pull_feed(feed_config(url, source_timeout=1.0, attempts=50, backoff=0.2, max_backoff=0.2),
                         Window(), state))
    assert time.monotonic() - started < 4.0
    assert len(got) == 5
    skipped = [i for i in got if type(i).__name__ == "Skipped"]
    assert any("deadline reached" in i.reason for i in skipped), got
    assert state["pending"] >= 1  # retried on the next pull


def test_robots_txt_follows_rfc_9309_longest_match_and_wildcards(server):
    server.add("/robots.txt", body=b"User-agent: *\nDisallow: /\nAllow: /news/\nDisallow: /*.pdf$\n",
               content_type="text/plain")
    for path in ("/news/a.html", "/news/b.pdf", "/other.html"):
        server.add(path, body=b"x")
    with Fetcher(FetchPolicy.from_options(FAST)) as f:
        assert f.get(server.url("/news/a.html")).content == b"x"  # the longer Allow wins over Disallow: /
        for path in ("/news/b.pdf", "/other.html"):
            with pytest.raises(FetchError, match="disallowed by robots.txt"):
                f.get(server.url(path))
    assert server.hits("/news/b.pdf") == 0 and server.hits("/other.html") == 0


def test_an_unreachable_feed_is_reported_as_unreachable():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    from extract.sources.errors import SourceError

    with pytest.raises(SourceError) as err:
        list(pull_feed(feed_config(f"http://127.0.0.1:{port}/feed.xml"), Window(date(2024, 1, 1)), {}))
    assert "unreachable" in str(err.value) and "robots" not in str(err.value).split("unreachable")[0]
    assert "disallowed by robots.txt" not in str(err.value)
