"""The view and its filters in the URL, so a copied link reopens the same view.

On the first run of a browser session the query string (`?view=country&c=CHN&from=...`)
seeds `st.session_state` for the widgets' keys; after every run the keys the run used
are written back with `st.query_params`. Values from the URL are untrusted: each is
decoded, checked against the widget's options, and dropped when it does not fit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import streamlit as st

_RESTORED = "_url_restored"
_USED = "_url_used"


@dataclass(frozen=True)
class Param:
    name: str  # in the query string
    decode: Callable[[str], Any]
    encode: Callable[[Any], str | None]


def _text(value: str) -> str:
    if not value or len(value) > 200:
        raise ValueError(value)
    return value


def _optional(value: Any) -> str | None:
    return None if value is None else str(value)


def _float(value: str) -> float:
    number = float(value)
    if not 0.0 <= number <= 1.0:
        raise ValueError(value)
    return number


def _list(value: str) -> list[str]:
    return [v for v in value.split(",") if v]


def _pair(value: str) -> tuple[str, str]:
    a, b = value.split("-")
    return _text(a), _text(b)


# session_state key -> query-string parameter. "dates" is special: two parameters.
PARAMS: dict[str, Param] = {
    "view": Param("view", _text, _optional),
    "country": Param("country", _text, _optional),
    "etype": Param("type", _text, _optional),
    "profile": Param("c", _text, _optional),
    "pair": Param("pair", _pair, lambda v: None if v is None else "-".join(v)),
    "actor": Param("actor", _text, _optional),
    "types": Param("types", _list, lambda v: ",".join(v)),
    "search": Param("q", lambda v: v[:200], lambda v: v or None),
    "min_conf": Param("conf", _float, lambda v: None if not v else f"{float(v):g}"),
    "ev": Param("ev", _list, lambda v: ",".join(v) if v else None),
}


def restore() -> None:
    """Seed session state from the URL, once per browser session; start a run's key list."""
    st.session_state[_USED] = []
    if st.session_state.get(_RESTORED):
        return
    st.session_state[_RESTORED] = True
    query = st.query_params
    for key, param in PARAMS.items():
        raw = query.get(param.name)
        if raw is None:
            continue
        try:
            st.session_state[key] = param.decode(raw)
        except (ValueError, TypeError, KeyError):
            continue
    try:
        start = dt.date.fromisoformat(query.get("from", ""))
        end = dt.date.fromisoformat(query.get("to", ""))
    except ValueError:
        return
    if start <= end:
        st.session_state["dates"] = (start, end)


def use(key: str) -> None:
    """Keep `key` in the URL at the end of this run."""
    used = st.session_state.setdefault(_USED, [])
    if key not in used:
        used.append(key)


def valid_choice(key: str, options: Sequence[Any], default: Any = None) -> None:
    """Before a selectbox: a remembered value that is no longer an option gives way to `default`."""
    use(key)
    if key in st.session_state and st.session_state[key] not in options:
        del st.session_state[key]
    if key not in st.session_state and default is not None:
        st.session_state[key] = default


def valid_choices(key: str, options: Sequence[Any]) -> None:
    """Before a multiselect: keep only remembered values that are still options."""
    use(key)
    if key in st.session_state:
        st.session_state[key] = [v for v in st.session_state[key] if v in options]


def set_evidence(keys: list[str] | None) -> None:
    """The events whose evidence the page shows (kept in the URL as `ev`)."""
    use("ev")
    st.session_state["ev"] = list(keys or [])


def evidence_keys() -> list[str]:
    use("ev")
    return list(st.session_state.get("ev") or [])


def publish() -> None:
    """Write this run's view and filters to the query string (only when they changed)."""
    wanted: dict[str, str] = {}
    for key in st.session_state.get(_USED, []):
        if key == "dates":
            value = st.session_state.get("dates")
            if isinstance(value, tuple) and len(value) == 2:
                wanted["from"], wanted["to"] = value[0].isoformat(), value[1].isoformat()
            continue
        param = PARAMS.get(key)
        if param is None or key not in st.session_state:
            continue
        encoded = param.encode(st.session_state[key])
        if encoded is not None:
            wanted[param.name] = encoded
    if {k: st.query_params.get(k) for k in st.query_params} != wanted:
        st.query_params.from_dict(wanted)
