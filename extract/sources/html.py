"""Article pages: main text, title and date extracted with trafilatura."""

from __future__ import annotations

from extract.articles import Rejected, decode, make_article, parse_date


def parse_html(raw: bytes, *, source_name: str, source_uri: str, url: str | None, fallback_date: str | None = None):
    import trafilatura

    text = decode(raw) or raw.decode("utf-8", errors="replace")
    try:
        doc = trafilatura.bare_extraction(text, url=url, with_metadata=True, include_comments=False, as_dict=True)
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        return Rejected(source_name, source_uri, f"HTML could not be parsed: {type(exc).__name__}: {exc}", raw)
    if not doc or not doc.get("text"):
        return Rejected(source_name, source_uri, "HTML page has no main text", raw)
    published = parse_date((doc.get("date") or fallback_date or "")[:10])
    if isinstance(published, str):
        return Rejected(source_name, source_uri, f"HTML page has no usable date ({published})", raw)
    return make_article(
        source_name=source_name,
        source_uri=source_uri,
        url=url,
        published=published,
        title=doc.get("title") or "",
        body_paragraphs=doc["text"].split("\n"),
        raw_text=text,
    )
