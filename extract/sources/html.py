"""Article pages: main text, title and date extracted with trafilatura."""

from __future__ import annotations

import re
from datetime import date

from extract.articles import Rejected, decode, make_article, parse_date

_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def parse_html(raw: bytes, *, source_name: str, source_uri: str, url: str | None, fallback_date: str | None = None,
               title: str | None = None, published: date | None = None):
    """An article from an HTML page.

    ``title`` and ``published`` come from a feed item when there is one: they win over
    the page's own metadata, because a feed's pubDate is structured data while the
    page's date is trafilatura's guess (and the feed date is what the window used).
    """
    import trafilatura

    text = decode(raw) or raw.decode("utf-8", errors="replace")
    try:
        doc = trafilatura.bare_extraction(text, url=url, with_metadata=True, include_comments=False, as_dict=True)
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        return Rejected(source_name, source_uri, f"HTML could not be parsed: {type(exc).__name__}: {exc}", raw)
    if not doc or not doc.get("text"):
        return Rejected(source_name, source_uri, "HTML page has no main text", raw)
    day = published if published is not None else parse_date((doc.get("date") or fallback_date or "")[:10])
    if isinstance(day, str):
        return Rejected(source_name, source_uri, f"HTML page has no usable date ({day})", raw)
    headline = title or doc.get("title") or ""
    paragraphs = doc["text"].split("\n")
    # trafilatura keeps the page's <h1> as the first line; the title is stored apart.
    if paragraphs and _words(paragraphs[0]) in (_words(headline), _words(doc.get("title") or "")):
        paragraphs = paragraphs[1:]
    return make_article(
        source_name=source_name,
        source_uri=source_uri,
        url=url,
        published=day,
        title=headline,
        body_paragraphs=paragraphs,
        raw_text=text,
    )
