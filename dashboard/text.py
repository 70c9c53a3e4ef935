"""Keeping article text inert.

Titles, quotes, evidence, actor names and even pipeline messages come from scraped
news: they are data. The app shows them through `st.dataframe`/`st.table`/`st.text`
(React renders them as text nodes). Where a Markdown-rendering call is unavoidable
(`st.caption`, `st.error`, ...), the string goes through `md_escape` first, and links
are only made from http(s) URLs (`javascript:` or `data:` URLs stay plain text).
"""

from __future__ import annotations

import string
from typing import Any
from urllib.parse import urlsplit

import pandas as pd

# CommonMark lets any ASCII punctuation be backslash-escaped, which neutralises
# emphasis, links, raw HTML (`<`), Streamlit's `:color[...]` directives and `$` math.
_MD_SPECIAL = {ord(c): "\\" + c for c in string.punctuation}


def md_escape(value: Any) -> str:
    """Render `value` literally inside Markdown; newlines become spaces."""
    text = "" if _missing(value) else str(value)
    return " ".join(text.split()).translate(_MD_SPECIAL)


def _missing(value: Any) -> bool:
    if isinstance(value, str):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # list-likes: not a missing scalar
        return False


def safe_link(*candidates: Any) -> str | None:
    """First candidate that is an absolute http(s) URL, else None."""
    for value in candidates:
        if not isinstance(value, str):
            continue
        url = value.strip()
        parts = urlsplit(url)
        if parts.scheme.lower() in ("http", "https") and parts.netloc:
            return url
    return None
