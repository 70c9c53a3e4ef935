"""Robustness: random and hostile input never raises, hangs or invents spans."""

from __future__ import annotations

import time
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.articles import Article
from extract.extraction import Extractor
from tests.extraction.conftest import article

_EXTRACTOR = Extractor()
_WORDS = ["said", "told", "met", "visited", "arrived in", "held talks with", "according to", "Mr", "President",
          "Chinese", "Beijing", "Liu", "Jianchao", "Joe", "Biden", "on Monday", "“", "”", '"', ",", ".", " ",
          "\n", "he", "the ministry", "will visit", "US", "—", "in November", "Asia Society", "led by"]


def _raw_article(body: str) -> Article:
    # bodies built directly, bypassing the parser's cleaning, to test the extractor alone
    return Article(article_id="x", source_name="t", source_uri="t.txt", url=None,
                   published_date=date(2024, 1, 9), title="t", highlights=(), body=body,
                   raw_text=body, content_hash="x", word_count=len(body.split()))


def _check(ex, body: str) -> None:  # type: ignore[no-untyped-def]
    for s in ex.statements:
        assert 0 <= s.quote_start < s.quote_end <= len(body)
        assert body[s.quote_start:s.quote_end] == s.quote
        assert -1.0 <= s.tone <= 1.0
    for e in [*ex.visits, *ex.meetings, *ex.statements]:
        ev = e.evidence
        assert 0 <= ev.char_start <= ev.char_end <= len(body)
        assert body[ev.char_start:ev.char_end] == ev.sentence
        assert 0.0 <= ev.confidence <= 1.0
    for m in ex.meetings:
        assert len(m.participants) >= 2 and m.mode in ("in_person", "phone", "video")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=0, max_size=400))
def test_random_unicode_never_raises(text: str) -> None:
    ex = _EXTRACTOR.extract(_raw_article(text))
    _check(ex, text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=80))
def test_news_like_word_salad_keeps_invariants(words: list[str]) -> None:
    body = " ".join(words)
    ex = _EXTRACTOR.extract(_raw_article(body))
    _check(ex, body)


def test_hostile_inputs() -> None:
    bodies = [
        "",
        "\u00a0\u200b\u200f\u202e",
        "<p>President <b>Joe Biden</b> said &amp; “hello</p><script>x()</script>",
        "“" * 500 + "Biden said",
        '"' * 501 + " he said " + "”" * 300,
        "مرحبا said the minister. \u202eReversed text\u202c said Liu.",
        "A. " * 2000,
        "Mr " * 3000 + "said",
        ", " * 5000 + "said",
    ]
    for body in bodies:
        ex = _EXTRACTOR.extract(_raw_article(body))
        _check(ex, body)


def test_one_megabyte_paragraph_is_linear() -> None:
    unit = ("Chinese Foreign Minister Wang Yi met US Secretary of State Antony Blinken in Beijing on Monday "
            "and said “the two sides should talk, ")
    body = unit * (1_000_000 // len(unit))
    t0 = time.perf_counter()
    ex = _EXTRACTOR.extract(_raw_article(body))
    elapsed = time.perf_counter() - t0
    _check(ex, body)
    small = unit * 1000
    t1 = time.perf_counter()
    _EXTRACTOR.extract(_raw_article(small))
    small_elapsed = time.perf_counter() - t1
    # ~10x the text must not cost much more than ~10x the time (no quadratic blow-up)
    assert elapsed < 60
    assert elapsed < 25 * max(small_elapsed, 0.05) * (len(body) / len(small)) / 10


def test_no_events_invented_from_nothing() -> None:
    ex = _EXTRACTOR.extract(article("The weather was mild.\nMarkets were flat on Monday."))
    assert (ex.visits, ex.meetings, ex.statements) == ([], [], [])
