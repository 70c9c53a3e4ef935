"""Fixtures for source tests: a live 127.0.0.1 server and a fast fetch policy."""

from __future__ import annotations

import pytest

from extract.sources.base import SourceConfig
from tests.sources.server import FixtureServer

PAGES = ["norway-kenya", "brazil-south-africa", "japan-vietnam", "canada-mexico", "indonesia-australia"]
# Small timeouts and no politeness delay: the suite stays fast, each test bounded.
FAST = {"min_interval": 0, "connect_timeout": 1, "read_timeout": 1, "total_timeout": 3, "attempts": 2,
        "backoff": 0.01, "max_backoff": 0.05, "max_retry_after": 2}


@pytest.fixture(autouse=True)
def _loopback_allowed(monkeypatch):
    """The fixture servers listen on 127.0.0.1, which the request-forgery guard refuses
    unless it is opened explicitly: exactly that address, nothing more."""
    monkeypatch.setenv("DIPNEWS_ALLOW_NETWORKS", "127.0.0.1/32")


@pytest.fixture
def server():
    srv = FixtureServer()
    try:
        yield srv
    finally:
        srv.close()


@pytest.fixture
def site(server):
    """The fixture feeds (RSS at /feed.xml, Atom at /atom.xml) and their pages."""
    server.add_fixture("/feed.xml", "rss.xml", "application/rss+xml; charset=utf-8", etag='"rss-v1"')
    server.add_fixture("/atom.xml", "atom.xml", "application/atom+xml")
    for name in PAGES:
        server.add_fixture(f"/pages/{name}.html", f"pages/{name}.html", "text/html; charset=utf-8")
    return server


def feed_config(url: str, name: str = "wire", **options) -> SourceConfig:
    return SourceConfig(name=name, kind="feed", location=url, options={**FAST, **options})
