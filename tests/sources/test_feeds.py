"""The feed source end to end against a real local server: every item ends as an
article, a rejection or a skip; unreadable feeds fail loudly; hostile input is refused."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from extract.articles import Article, Rejected
from extract.sources import get_source
from extract.sources.base import Skipped, Window
from extract.sources.errors import SourceError
from extract.sources.feeds import pull_feed
from tests.sources.conftest import feed_config
from tests.sources.server import FIXTURES, Route

pytestmark = pytest.mark.timeout(30)


def pull(url: str, state: dict | None = None, window: Window | None = None, **options) -> list:
    return list(pull_feed(feed_config(url, **options), window or Window(), {} if state is None else state))


def by_kind(items: list) -> tuple[list[Article], list[Rejected], list[Skipped]]:
    return ([i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Rejected)],
            [i for i in items if isinstance(i, Skipped)])


def rss(server, *items: str, path: str = "/custom.xml", content_type: str = "application/rss+xml") -> str:
    body = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>'
            + "".join(items) + "</channel></rss>").encode()
    server.add(path, body=body, content_type=content_type)
    return server.url(path)


def item(link: str, title: str = "A meeting", day: str = "Mon, 04 Mar 2024 10:00:00 GMT",
         summary: str = "", guid: str | None = None) -> str:
    guid_xml = f"<guid isPermaLink='false'>{guid}</guid>" if guid else ""
    return (f"<item><title>{title}</title><link>{link}</link>{guid_xml}<pubDate>{day}</pubDate>"
            f"<description>{summary}</description></item>")


PAGE = (b"<html><head><title>Talks</title></head><body><article><h1>Talks</h1>"
        b"<p>Finnish President Alexander Stubb met Estonian Prime Minister Kristen Michal in Tallinn on Monday "
        b"to discuss energy links across the Gulf of Finland and the protection of undersea cables.</p>"
        b"<p>\"The Baltic Sea is our common responsibility,\" Stubb said after the meeting.</p>"
        b"</article></body></html>")


# ---------------------------------------------------------------- happy path
def test_rss_items_become_articles_from_their_pages(site):
    items = pull(site.url("/feed.xml"))
    articles, rejected, skipped = by_kind(items)
    assert len(items) == 3 and not rejected and not skipped
    by_title = {a.title: a for a in articles}
    kenya = by_title["Norwegian foreign minister visits Kenya for climate talks"]
    assert kenya.published_date == date(2024, 3, 5)
    assert kenya.body.startswith("Norwegian Foreign Minister Espen Barth Eide arrived in Nairobi")
    assert "Copyright" not in kenya.body and "Subscribe" not in kenya.body and "Most read" not in kenya.body
    assert kenya.url == site.url("/pages/norway-kenya.html") == kenya.source_uri
    brazil = by_title["Brazil and South Africa leaders hold talks in Pretoria"]
    # Tracking parameters stripped from the stored URL and from the request itself.
    assert brazil.url == site.url("/pages/brazil-south-africa.html")
    assert site.hits("/pages/brazil-south-africa.html") == 1
    # A late-evening story in Brasilia is dated by its local day, not the UTC one.
    assert brazil.published_date == date(2024, 3, 6)
    assert by_title["Japan and Vietnam agree to deepen maritime cooperation"].url.endswith("/japan-vietnam.html")
    assert "Lula said" in brazil.body


def test_atom_entries_become_articles_with_relative_links_resolved(site):
    articles, rejected, skipped = by_kind(pull(site.url("/atom.xml")))
    assert not rejected and not skipped
    assert {(a.title, a.published_date) for a in articles} == {
        ("Canada and Mexico renew trade dialogue", date(2024, 4, 2)),  # HTML title flattened
        ("Indonesia and Australia foreign ministers meet in Jakarta", date(2024, 4, 3)),
    }
    assert {a.url for a in articles} == {site.url("/pages/canada-mexico.html"),
                                         site.url("/pages/indonesia-australia.html")}


def test_second_pull_loads_nothing_new_via_304(site):
    state: dict = {}
    assert len(by_kind(pull(site.url("/feed.xml"), state))[0]) == 3
    json.dumps(state)  # the caller persists it as JSON
    assert state["etag"] == '"rss-v1"' and len(state["seen"]) == 6 and state["last_published"] == "2024-03-07"
    pages_before = sum(site.hits(f"/pages/{p}.html") for p in ("norway-kenya", "japan-vietnam"))
    assert pull(site.url("/feed.xml"), state) == []
    feed_requests = [r for r in site.requests if r.path == "/feed.xml"]
    assert feed_requests[-1].headers.get("if-none-match") == '"rss-v1"'
    assert sum(site.hits(f"/pages/{p}.html") for p in ("norway-kenya", "japan-vietnam")) == pages_before


def test_second_pull_without_validators_skips_seen_items_without_fetching_pages(site):
    state: dict = {}
    pull(site.url("/atom.xml"), state)  # the Atom route sends no ETag
    hits = site.hits("/pages/canada-mexico.html")
    again = pull(site.url("/atom.xml"), state)
    assert len(again) == 2 and all(isinstance(i, Skipped) and "already pulled" in i.reason for i in again)
    assert site.hits("/pages/canada-mexico.html") == hits


def test_new_items_are_pulled_on_the_next_run(server):
    server.add("/p1.html", body=PAGE)
    server.add("/p2.html", body=PAGE.replace(b"Monday", b"Tuesday"))
    state: dict = {}
    url = rss(server, item(server.url("/p1.html"), guid="1"))
    assert len(by_kind(pull(url, state))[0]) == 1
    rss(server, item(server.url("/p2.html"), "Second", "Tue, 05 Mar 2024 10:00:00 GMT", guid="2"),
        item(server.url("/p1.html"), guid="1"))
    articles, _, skipped = by_kind(pull(url, state))
    assert [a.title for a in articles] == ["Second"] and len(skipped) == 1


def test_items_outside_the_window_are_skipped_and_stay_pending(site):
    state: dict = {}
    items = pull(site.url("/feed.xml"), state, Window(date(2024, 3, 6), date(2024, 3, 6)))
    articles, _, skipped = by_kind(items)
    assert [a.published_date for a in articles] == [date(2024, 3, 6)]
    assert len(skipped) == 2 and all("outside window" in s.reason for s in skipped)
    assert site.hits("/pages/norway-kenya.html") == 0
    assert state["pending"] == 2
    # Pending items forbid a conditional GET: the next run (no window) must see them.
    articles, _, skipped = by_kind(pull(site.url("/feed.xml"), state))
    assert len(articles) == 2 and len(skipped) == 1
    assert [r.headers.get("if-none-match") for r in site.requests if r.path == "/feed.xml"] == [None, None]


def test_every_item_is_accounted_for(site):
    site.add("/pages/japan-vietnam.html", status=404)
    for state in ({}, None):
        items = pull(site.url("/feed.xml"), state)
        assert len(items) == 3  # one pull item per feed item, whatever happened to it


# ------------------------------------------------------------ item failures
def test_missing_page_falls_back_to_the_feed_summary(server):
    url = rss(server, item(server.url("/gone.html"), "Summit ends",
                           summary="&lt;p&gt;Leaders of the region ended their summit in Lima on Monday.&lt;/p&gt;"))
    articles, rejected, _ = by_kind(pull(url))
    assert not rejected
    assert articles[0].body == "Leaders of the region ended their summit in Lima on Monday."
    assert articles[0].title == "Summit ends" and articles[0].url == server.url("/gone.html")


def test_missing_page_without_summary_is_rejected_with_both_reasons(server):
    url = rss(server, item(server.url("/gone.html")))
    _, rejected, _ = by_kind(pull(url))
    assert rejected[0].reason.startswith("page fetch failed: HTTP 404")
    assert "no text to fall back on" in rejected[0].reason


def test_page_without_main_text_falls_back_to_summary(server):
    server.add("/empty.html", body=b"<html><body><nav>Home</nav></body></html>")
    url = rss(server, item(server.url("/empty.html"), summary="The ministers met in Rome on Monday."))
    articles, _, _ = by_kind(pull(url))
    assert articles[0].body == "The ministers met in Rome on Monday."


def test_transient_page_failure_is_retried_on_later_pulls_then_falls_back(server):
    server.add("/flaky.html", status=500)
    url = rss(server, item(server.url("/flaky.html"), summary="Short summary of the talks.", guid="f1"))
    state: dict = {}
    first = pull(url, state, max_page_attempts=2)
    assert isinstance(first[0], Skipped) and "tried again on the next pull (attempt 1 of 2)" in first[0].reason
    assert state["attempts"] == {"f1": 1} and state["pending"] == 1 and "f1" not in state["seen"]
    second = pull(url, state, max_page_attempts=2)
    assert isinstance(second[0], Article) and second[0].body == "Short summary of the talks."
    assert state["attempts"] == {} and "f1" in state["seen"]


def test_transient_page_failure_then_recovery_loads_the_page(server):
    server.add("/flaky.html", Route(503), Route(503), Route(body=PAGE))
    url = rss(server, item(server.url("/flaky.html"), guid="f1"))
    state: dict = {}
    assert isinstance(pull(url, state)[0], Skipped)  # two tries (attempts=2) both 503
    article = pull(url, state)[0]
    assert isinstance(article, Article) and "Stubb" in article.body


def test_page_timeout_is_deferred_not_lost(server):
    server.add("/slow.html", body=PAGE, delay=1.0)
    url = rss(server, item(server.url("/slow.html"), guid="s1"))
    got = pull(url, read_timeout=0.2, attempts=1)
    assert isinstance(got[0], Skipped) and "timeout" in got[0].reason


def test_page_with_wrong_charset_is_decoded_correctly(server):
    body = (FIXTURES / "pages" / "latin1.html").read_bytes()
    server.add("/latin1.html", body=body, content_type="text/html; charset=utf-8")  # a lie
    url = rss(server, item(server.url("/latin1.html"), "Ivorian and Senegalese ministers meet in Dakar"))
    article = pull(url)[0]
    assert isinstance(article, Article)
    assert "Côte d'Ivoire" in article.body and "Léon" in article.body and "\ufffd" not in article.body


def test_page_with_undeclared_latin1_charset_is_decoded_correctly(server):
    body = (FIXTURES / "pages" / "latin1.html").read_bytes()
    server.add("/latin1.html", body=body, content_type="text/html")
    url = rss(server, item(server.url("/latin1.html"), "Ivorian and Senegalese ministers meet in Dakar"))
    assert "Côte d'Ivoire" in pull(url)[0].body


def test_oversize_page_is_refused(server):
    server.add("/big.html", body=b"<p>" + b"word " * 100_000, send_length=False)
    url = rss(server, item(server.url("/big.html")))
    _, rejected, _ = by_kind(pull(url, max_bytes=100_000))
    assert "too large" in rejected[0].reason


def test_page_redirect_loop_is_reported(server):
    server.add("/a.html", status=302, headers={"Location": "/b.html"})
    server.add("/b.html", status=302, headers={"Location": "/a.html"})
    url = rss(server, item(server.url("/a.html")))
    _, rejected, _ = by_kind(pull(url))
    assert "redirect loop" in rejected[0].reason


def test_page_rate_limited_with_retry_after_is_loaded_after_waiting(server):
    server.add("/busy.html", Route(429, headers={"Retry-After": "1"}), Route(body=PAGE))
    url = rss(server, item(server.url("/busy.html")))
    article = pull(url)[0]
    assert isinstance(article, Article)
    first, second = [r.at for r in server.requests if r.path == "/busy.html"]
    assert second - first >= 0.95


def test_page_disallowed_by_robots_is_not_fetched(server):
    server.add("/robots.txt", body=b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    server.add("/private/p.html", body=PAGE)
    url = rss(server, item(server.url("/private/p.html")))
    _, rejected, _ = by_kind(pull(url))
    assert "disallowed by robots.txt" in rejected[0].reason
    assert server.hits("/private/p.html") == 0


def test_non_http_links_are_never_followed(server, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET local file")
    url = rss(server,
              item(secret.as_uri(), "File link", guid="1"),
              item("ftp://127.0.0.1/x.html", "FTP link", guid="2"),
              item(secret.as_uri(), "File link with summary", summary="What the feed itself says.", guid="3"))
    articles, rejected, _ = by_kind(pull(url))
    assert len(rejected) == 2 and all("link refused" in r.reason and "only http and https" in r.reason
                                      for r in rejected)
    assert [a.body for a in articles] == ["What the feed itself says."] and articles[0].url is None
    assert all("TOP SECRET" not in a.body + a.raw_text for a in articles)
    assert all(b"TOP SECRET" not in r.raw for r in rejected)


def test_item_without_date_uses_the_page_date(server):
    server.add("/p.html", body=PAGE.replace(b"<head>", b'<head><meta property="article:published_time" '
                                                       b'content="2024-02-01T10:00:00Z">'))
    body = (b'<rss version="2.0"><channel><title>T</title><item><title>Undated</title><link>'
            + server.url("/p.html").encode() + b"</link></item></channel></rss>")
    server.add("/f.xml", body=body, content_type="application/rss+xml")
    article = pull(server.url("/f.xml"))[0]
    assert isinstance(article, Article) and article.published_date == date(2024, 2, 1)


def test_duplicate_links_in_one_feed_are_fetched_once(server):
    server.add("/p.html", body=PAGE)
    url = rss(server, item(server.url("/p.html"), guid="1"), item(server.url("/p.html?utm_source=x"), guid="2"))
    articles, _, skipped = by_kind(pull(url))
    assert len(articles) == 1 and "duplicate item" in skipped[0].reason
    assert server.hits("/p.html") == 1


def test_full_content_feeds_can_skip_page_fetches(server):
    url = rss(server, item(server.url("/never.html"), summary="&lt;p&gt;One.&lt;/p&gt;&lt;p&gt;Two.&lt;/p&gt;"))
    articles, _, _ = by_kind(pull(url, fetch_pages=False))
    assert articles[0].body == "One.\nTwo." and server.hits("/never.html") == 0


def test_seen_list_is_bounded(server):
    server.add("/p.html", body=PAGE)
    url = rss(server, item(server.url("/p.html"), guid="new"))
    state = {"seen": [f"old-{i}" for i in range(50)]}
    pull(url, state, max_seen=10)
    assert len(state["seen"]) == 10 and state["seen"][-2:] == ["new", server.url("/p.html")]


# ------------------------------------------------------------- feed failures
@pytest.mark.parametrize("status", [404, 410, 500, 503])
def test_unreadable_feed_raises_a_clear_source_error(server, status):
    server.add("/feed.xml", status=status)
    with pytest.raises(SourceError) as err:
        pull(server.url("/feed.xml"))
    assert err.value.location == server.url("/feed.xml") and f"HTTP {status}" in err.value.reason
    assert f"source 'wire' cannot be read: {server.url('/feed.xml')}: HTTP {status}" == str(err.value)
    assert server.hits("/feed.xml") == (2 if status >= 500 else 1)  # retried only when it may help


def test_feed_timeout_raises(server):
    server.add("/feed.xml", body=b"<rss/>", delay=1.0)
    with pytest.raises(SourceError, match="timeout"):
        pull(server.url("/feed.xml"), read_timeout=0.2, attempts=1)


def test_unreachable_feed_leaves_state_untouched(server):
    server.add("/feed.xml", status=500)
    state = {"seen": ["x"], "etag": '"old"'}
    with pytest.raises(SourceError):
        pull(server.url("/feed.xml"), state)
    assert state == {"seen": ["x"], "etag": '"old"'}


@pytest.mark.parametrize("body, why", [
    (b"\x00\x01\x02 binary junk \xff\xfe", "malformed feed"),
    (b"<html><body><h1>Log in</h1></body></html>", "not an RSS or Atom feed"),
    (b"", "empty response"),
    (b"   \n", "empty response"),
    (b'{"items": []}', "malformed feed"),
])
def test_malformed_feed_raises(server, body, why):
    server.add("/feed.xml", body=body, content_type="application/rss+xml")
    with pytest.raises(SourceError, match=why):
        pull(server.url("/feed.xml"))


def test_not_well_formed_but_recoverable_feed_is_read(server):
    server.add("/p.html", body=PAGE)
    # &nbsp; is undefined in XML and a raw "&" is an error: both are common in real feeds.
    body = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>News &nbsp; & views</title>'
            b"<item><title>Talks &nbsp;in Tallinn</title><link>" + server.url("/p.html").encode()
            + b"</link><pubDate>Mon, 04 Mar 2024 10:00:00 GMT</pubDate></item></channel></rss>")
    server.add("/feed.xml", body=body, content_type="application/rss+xml")
    articles, _, _ = by_kind(pull(server.url("/feed.xml")))
    assert len(articles) == 1 and "Stubb" in articles[0].body


def test_feed_disallowed_by_robots_raises(server):
    server.add("/robots.txt", body=b"User-agent: dipnews\nDisallow: /\n", content_type="text/plain")
    server.add("/feed.xml", body=b"<rss/>")
    with pytest.raises(SourceError, match="robots.txt"):
        pull(server.url("/feed.xml"))
    assert server.hits("/feed.xml") == 0


@pytest.mark.parametrize("location", ["file:///etc/passwd", "/etc/passwd", "ftp://127.0.0.1/feed.xml"])
def test_non_http_feed_location_is_refused(location):
    with pytest.raises(SourceError, match="only http and https"):
        list(pull_feed(feed_config(location), Window(), {}))


def test_unknown_or_bad_options_are_refused(server):
    with pytest.raises(SourceError, match="unknown option.*min_intervall"):
        pull(server.url("/feed.xml"), min_intervall=3)
    with pytest.raises(SourceError, match="max_seen"):
        pull(server.url("/feed.xml"), max_seen=0)
    assert server.requests == []


# -------------------------------------------------------------- hostile XML
BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title><link>http://x/</link></item></channel></rss>
"""


def _xxe(target: str) -> bytes:
    return (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "{target}">]>'
            '<rss version="2.0"><channel><title>t</title><item><title>&xxe;</title>'
            '<description>&xxe;</description><link>http://x/</link></item></channel></rss>').encode()


@pytest.mark.parametrize("name", ["billion_laughs", "xxe_file", "xxe_http", "parameter_entity", "utf16_xxe",
                                  "broken_then_entity"])
def test_hostile_xml_is_refused(server, tmp_path, name):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    body = {
        "billion_laughs": BILLION_LAUGHS,
        "xxe_file": _xxe(secret.as_uri()),
        "xxe_http": _xxe(server.url("/exfiltrate")),
        "parameter_entity": (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY % ext SYSTEM "'
                             + server.url("/evil.dtd").encode() + b'"> %ext;]><rss version="2.0"/>'),
        "utf16_xxe": _xxe(secret.as_uri()).replace(b'<?xml version="1.0"?>', b"").decode().encode("utf-16"),
        # Not well-formed before the DOCTYPE: the strict parser stops early, the guard still sees it.
        "broken_then_entity": b"<rss &&& <!DOCTYPE x [<!ENTITY a 'aaaa'>]><item><title>&a;</title></item></rss>",
    }[name]
    server.add("/feed.xml", body=body, content_type="application/rss+xml")
    with pytest.raises(SourceError, match="hostile XML refused"):
        pull(server.url("/feed.xml"))
    assert server.hits("/exfiltrate") == 0 and server.hits("/evil.dtd") == 0


def test_entities_in_an_html_page_are_not_expanded(server, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    page = (f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "{secret.as_uri()}">'
            '<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            "<html><body><article><p>The envoy met the minister in Oslo on Monday and said &xxe; &b; twice, "
            "according to a statement released by the foreign ministry after the meeting.</p></article>"
            "</body></html>").encode()
    server.add("/p.html", body=page, content_type="application/xhtml+xml")
    url = rss(server, item(server.url("/p.html")))
    got = pull(url)[0]
    text = got.body + got.raw_text if isinstance(got, Article) else got.reason
    assert "TOP SECRET" not in text and "aaaaaaaaaaaaaaaaaaaa" not in text


# --------------------------------------------------------------- with landing
def test_pull_stage_lands_feed_articles_and_reruns_load_nothing(site, tmp_path):
    from extract.stages import pull as pull_stage
    from extract.warehouse import Layout

    layout = Layout(tmp_path / "wh")
    source = feed_config(site.url("/feed.xml"))
    assert get_source("feed") is pull_feed
    first = pull_stage(layout, [source], Window())
    assert (first.seen, first.loaded) == (3, 3) and first.reconciles()
    state = json.loads(Path(layout.source_state_dir / "wire.json").read_text())
    assert state["etag"] == '"rss-v1"'
    again = pull_stage(layout, [source], Window())
    assert (again.seen, again.loaded) == (0, 0)
    site.add_fixture("/feed.xml", "rss.xml", "application/rss+xml")  # validators gone: a full fetch
    third = pull_stage(layout, [source], Window())
    assert (third.seen, third.loaded, third.skipped) == (3, 0, 3) and third.reconciles()


def test_an_unexpected_error_costs_one_item_which_is_retried_next_pull(site, monkeypatch):
    from extract.sources import feeds

    real = feeds._FeedPull._article

    def flaky(self, entry, key, *args):
        if key == "wire-2024-0306-002":
            raise KeyError("surprise")
        return real(self, entry, key, *args)

    monkeypatch.setattr(feeds._FeedPull, "_article", flaky)
    state: dict = {}
    articles, rejected, _ = by_kind(pull(site.url("/feed.xml"), state))
    assert len(articles) == 2 and rejected[0].reason == "internal error: KeyError: 'surprise'"
    assert "wire-2024-0306-002" not in state["seen"] and state["pending"] == 1
    monkeypatch.setattr(feeds._FeedPull, "_article", real)
    articles, _, skipped = by_kind(pull(site.url("/feed.xml"), state))
    assert len(articles) == 1 and len(skipped) == 2
