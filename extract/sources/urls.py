"""URL checks and canonical URLs (no network, no heavy imports)."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

ALLOWED_SCHEMES = ("http", "https")

# Query parameters that only track who clicked where: the same article reached from a
# newsletter, a feed and a social post must have one URL.
TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "igshid",
        "mc_cid", "mc_eid", "_ga", "_gl", "ocid", "cmpid", "smid",
        "at_medium", "at_campaign", "at_custom1", "at_custom2", "at_custom3", "at_custom4",
    }
)
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_")
_DEFAULT_PORTS = {"http": 80, "https": 443}


class UnsupportedURL(ValueError):
    """A URL that is not http(s) or has no host: never fetched."""


def require_http_url(url: str) -> str:
    """``url`` stripped, or :class:`UnsupportedURL` when it is not an absolute http(s) URL.

    Feeds are untrusted input: a ``file:``, ``ftp:`` or ``javascript:`` link in one
    must never make us read a local file or talk another protocol.
    """
    url = url.strip()
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError as exc:
        raise UnsupportedURL(f"malformed URL {url[:200]!r}: {exc}") from exc
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        shown = scheme or "none"
        raise UnsupportedURL(f"unsupported URL scheme {shown!r} in {url[:200]!r}: only http and https are fetched")
    if not parts.hostname:
        raise UnsupportedURL(f"URL without a host: {url[:200]!r}")
    if any(ch in url for ch in "\r\n\t\x00 "):
        raise UnsupportedURL(f"URL contains whitespace or control characters: {url[:200]!r}")
    return url


def _is_tracking(name: str) -> bool:
    low = name.lower()
    return low in TRACKING_PARAMS or low.startswith(TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """The URL without tracking parameters, fragment, default port or case noise in the host.

    Path and the remaining query keep their order and case: servers may treat them as
    significant. Non-http(s) strings are returned stripped, unchanged otherwise.
    """
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES or not parts.hostname:
        return url
    host = parts.hostname.lower()
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    # Credentials (user:pass@) are dropped: they never belong in a stored URL.
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(k, v) for k, v in pairs if not _is_tracking(k)]
    # Re-encode only when something was removed, so an untouched query keeps its spelling.
    query = parts.query if len(kept) == len(pairs) else urlencode(kept)
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))
