from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.articles import Article, Rejected, clean_text, parse_seed_text


def parse(text: str | bytes):
    raw = text.encode() if isinstance(text, str) else text
    return parse_seed_text(raw, source_name="t", source_uri="mem://x")


def test_parses_date_title_highlights_and_body():
    a = parse(" date 2024-01-09 A title here\n- first highlight\n- second\nPara one.\n\nPara two.\n- not a highlight\n")
    assert isinstance(a, Article)
    assert a.published_date == date(2024, 1, 9)
    assert a.title == "A title here"
    assert a.highlights == ("first highlight", "second")
    assert a.body == "Para one.\nPara two.\n- not a highlight"
    assert a.word_count == 7
    assert len(a.article_id) == 16 and a.canonical_id == a.article_id


def test_same_text_same_id_regardless_of_whitespace():
    a = parse(" date 2024-01-09 Title\nBody text here.\n")
    b = parse("date 2024-01-09   Title\n\n  Body text here.  \n")
    assert a.article_id == b.article_id


@pytest.mark.parametrize(
    "raw, reason",
    [
        (b"", "empty file"),
        (b"Just a paragraph.\n", "no date line"),
        (b" date 2024-02-31 Title\nBody.\n", "no such day"),
        (b" date 24-1-9 Title\nBody.\n", "expected YYYY-MM-DD"),
        (b" date 1820-01-01 Title\nBody.\n", "implausible date"),
        (b" date 2024-01-09 Title\n", "empty body"),
        (b" date 2024-01-09 \nBody.\n", "empty title"),
        (b"\xff\xfe\x00\x01garbage\x80", "not UTF-8"),
        (b" date 2024-01-09 T\n\x00\x01\x02 binary\n", "not UTF-8"),
    ],
)
def test_bad_inputs_are_rejected_with_a_reason(raw, reason):
    r = parse(raw)
    assert isinstance(r, Rejected)
    assert reason in r.reason
    assert r.raw == raw  # the original bytes are kept for the quarantine


def test_invisible_characters_and_nbsp_are_normalised():
    a = parse(" date 2024-01-09 Ti\u200btle\nWang\u00a0Yi met\u200f Blinken.\n")
    assert a.title == "Title"
    assert a.body == "Wang Yi met Blinken."
    assert clean_text("a\u202fb") == "a b"


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_become_an_article_or_a_rejection(raw):
    result = parse(raw)
    assert isinstance(result, Article | Rejected)
    if isinstance(result, Rejected):
        assert result.reason


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=500))
def test_any_text_after_a_date_line_parses_or_is_rejected(body):
    result = parse(" date 2024-05-01 Title\n" + body)
    assert isinstance(result, Article | Rejected)
    if isinstance(result, Article):
        assert result.body and "\n\n" not in result.body


def test_seed_url_line_is_optional_and_keeps_the_article_id():
    from extract.articles import parse_seed_text

    plain = b" date 2024-01-09 A title\n- a highlight\nBody paragraph.\n"
    with_url = b" date 2024-01-09 A title\n url https://news.example/world/2024/01/09/a-title\n- a highlight\nBody paragraph.\n"
    a = parse_seed_text(plain, source_name="s", source_uri="a.txt")
    b = parse_seed_text(with_url, source_name="s", source_uri="a.txt")
    assert a.url is None and b.url == "https://news.example/world/2024/01/09/a-title"
    assert (b.article_id, b.body, b.highlights) == (a.article_id, a.body, a.highlights)
    # only an http(s) URL directly after the date line counts; elsewhere it is body text
    late = parse_seed_text(b" date 2024-01-09 T\nBody.\n url https://x.example/\n", source_name="s", source_uri="c")
    assert late.url is None and "url https://x.example/" in late.body
    js = parse_seed_text(b" date 2024-01-09 T\n url javascript:alert(1)\nBody.\n", source_name="s", source_uri="d")
    assert js.url is None


def test_sample_articles_carry_reserved_domain_urls(root):
    from extract.articles import Rejected, parse_seed_text

    for path in sorted((root / "seeds" / "articles").glob("*.txt")):
        article = parse_seed_text(path.read_bytes(), source_name="sample", source_uri=str(path))
        if not isinstance(article, Rejected):
            assert article.url and article.url.startswith("https://news.example/"), path.name
