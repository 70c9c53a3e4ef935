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

import numpy as np
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


def fmt_date(value: Any, precision: Any = "day") -> str:
    """A date as precisely as it is known: "19 Nov 2023", "Nov 2023", "2023", or "–"."""
    if _missing(value):
        return "–"
    day = pd.Timestamp(value)
    precision = "day" if _missing(precision) else str(precision)
    if precision == "month":
        return day.strftime("%b %Y")
    if precision == "year":
        return day.strftime("%Y")
    if precision == "unknown":
        return "date unknown"
    return f"{day.day} {day.strftime('%b %Y')}"


def fmt_tone(value: Any) -> str:
    """Tone with a sign and two decimals; "–" when the statement was not scored."""
    return "–" if _missing(value) else f"{float(value):+.2f}"


def for_display(df: pd.DataFrame, dates: dict[str, str | None] | None = None) -> pd.DataFrame:
    """A copy ready for st.dataframe/st.table: dates at their precision, no "None" cells.

    `dates` maps a date column to its precision column (None: day precision); the
    precision columns are dropped. Missing text becomes "–"; numbers stay numbers.
    """
    out = df.copy()
    for col, prec in (dates or {}).items():
        precisions = out[prec] if prec else ["day"] * len(out)
        out[col] = [fmt_date(v, p) for v, p in zip(out[col], precisions, strict=True)]
        if prec:
            out = out.drop(columns=[prec])
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = [
                ", ".join(str(x) for x in v if not _missing(x)) or "–"
                if isinstance(v, list | tuple | np.ndarray)
                else "–" if _missing(v) else v
                for v in out[col]
            ]
    return out
