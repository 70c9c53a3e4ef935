"""A polite HTTP fetcher for feeds and article pages.

Politeness and robustness rules, all in one place so every request obeys them:

* a user agent naming the project and where to reach it;
* one request at a time per host, at least ``min_interval`` seconds apart (or the
  host's robots.txt ``Crawl-delay``, when longer);
* robots.txt (RFC 9309), fetched through the same client and cached per origin;
* connect/read timeouts plus a wall-clock cap per response, because a server dripping
  one byte a second never trips a read timeout;
* retries with exponential backoff (tenacity) on timeouts, connection errors, 5xx and
  429, honouring ``Retry-After``; a Retry-After longer than we are willing to wait
  gives up at once instead of blocking the nightly run;
* a size cap enforced while streaming (a lying or missing Content-Length does not
  help a 10 GB response), applied to the *decoded* body so a gzip bomb is cut too;
* redirects followed by hand, so each hop is checked (scheme, robots, rate limit) and
  loops are reported as such;
* conditional GET (ETag / Last-Modified) for feeds;
* a request-forgery guard at connect time: every host of every hop (redirects
  included) is resolved by us, and an address that is loopback, private, link-local,
  carrier-grade NAT, multicast, unspecified or reserved is refused unless a network
  was opened explicitly (``allow_networks`` per source or in dipnews.toml, or
  ``DIPNEWS_ALLOW_NETWORKS=127.0.0.1/32,...``). The socket connects to the very
  address that was checked, so DNS rebinding cannot slip a second answer in;
* deadlines: ``total_timeout`` bounds one response from connect to last byte (headers
  included: every socket read is cut at the deadline), ``source_timeout`` a whole
  source, retries and waits included, and a run-wide deadline set by the pull stage.
"""

from __future__ import annotations

import codecs
import contextvars
import ipaddress
import logging
import os
import re
import socket
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential,
)

from extract.sources.urls import UnsupportedURL, require_http_url

log = logging.getLogger(__name__)

USER_AGENT = "dipnews/0.1 (+https://github.com/dipnews/dipnews)"
MAX_BYTES = 10 * 1024 * 1024
HTML_TYPES = ("text/html", "application/xhtml+xml")
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# Statuses worth asking again: the server is overloaded, restarting or rate limiting.
TRANSIENT_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
# RFC 9309: crawlers must parse at least 500 KiB of robots.txt; more is not needed.
ROBOTS_MAX_BYTES = 512 * 1024
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
# WHATWG: these labels mean windows-1252 in practice (browsers decode them so).
_WINDOWS_1252_LABELS = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii", "cp819"}
ALLOW_NETWORKS_ENV = "DIPNEWS_ALLOW_NETWORKS"
SOURCE_TIMEOUT = 15 * 60.0
# The pull stage's deadline for the whole run (time.monotonic() value), seen by every
# fetcher created while it is set.
RUN_DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar("dipnews_run_deadline", default=None)
# The current request's deadline, read by the guarded sockets on every read and write.
_REQUEST_DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar("dipnews_request_deadline",
                                                                                 default=None)
_CGNAT = ipaddress.ip_network("100.64.0.0/10")


# ------------------------------------------------------------ forgery guard
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(values: Iterable[str] | str | None, what: str = "allow_networks") -> tuple[Network, ...]:
    """CIDRs (``127.0.0.1/32``, ``10.0.0.0/8``, ``::1/128``) as networks; ValueError names a bad one."""
    if values is None:
        return ()
    if isinstance(values, str):
        values = [v for v in values.split(",")]
    out = []
    for value in values:
        if not isinstance(value, str):
            raise ValueError(f"{what}: {value!r} is not a network (CIDR such as 127.0.0.1/32)")
        if not value.strip():
            continue
        try:
            out.append(ipaddress.ip_network(value.strip(), strict=False))
        except ValueError as exc:
            raise ValueError(f"{what}: {value.strip()!r} is not a network (CIDR such as 127.0.0.1/32): {exc}") from None
    return tuple(out)


def env_networks() -> tuple[Network, ...]:
    return parse_networks(os.environ.get(ALLOW_NETWORKS_ENV), ALLOW_NETWORKS_ENV)


def address_refusal(ip: ipaddress.IPv4Address | ipaddress.IPv6Address, allowed: Iterable[Network]) -> str | None:
    """Why connecting to ``ip`` is refused (None: allowed). Only globally routable unicast
    addresses are allowed, plus the networks opened explicitly."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if any(ip.version == net.version and ip in net for net in allowed):
        return None
    for name, hit in (("loopback", ip.is_loopback), ("unspecified", ip.is_unspecified),
                      ("link-local", ip.is_link_local), ("multicast", ip.is_multicast),
                      ("carrier-grade NAT", isinstance(ip, ipaddress.IPv4Address) and ip in _CGNAT),
                      ("reserved", ip.is_reserved), ("private", ip.is_private),
                      ("not globally routable", not ip.is_global)):
        if hit:
            return f"{ip} is a {name} address" if name != "not globally routable" else f"{ip} is {name}"
    return None


class AddressRefused(Exception):
    """The request-forgery guard refused every address of a host."""


class _GuardedStream(httpcore.NetworkStream):
    """A socket stream whose reads and writes never outlast the request's deadline."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    @staticmethod
    def _cap(timeout: float | None, exc: type[Exception]) -> float | None:
        deadline = _REQUEST_DEADLINE.get()
        if deadline is None:
            return timeout
        left = deadline - time.monotonic()
        if left <= 0:
            raise exc("total_timeout reached")
        return left if timeout is None else min(timeout, left)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._cap(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._cap(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context, server_hostname: str | None = None, timeout: float | None = None):
        tls = self._inner.start_tls(ssl_context, server_hostname, self._cap(timeout, httpcore.ConnectTimeout))
        return _GuardedStream(tls)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class GuardedBackend(httpcore.SyncBackend):
    """Resolves the host itself, refuses forbidden addresses, connects to a checked one."""

    def __init__(self, allowed: Iterable[Network]) -> None:
        self.allowed = tuple(allowed)

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable | None = None) -> httpcore.NetworkStream:
        timeout = _GuardedStream._cap(timeout, httpcore.ConnectTimeout)
        name = host.strip("[]")
        try:
            infos = socket.getaddrinfo(name, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            raise httpcore.ConnectError(f"cannot resolve {name}: {exc}") from exc
        refused: list[str] = []
        candidates: list[str] = []
        for family, _type, _proto, _canon, sockaddr in infos:
            if family not in (socket.AF_INET, socket.AF_INET6):
                continue
            ip = ipaddress.ip_address(sockaddr[0].split("%")[0])
            why = address_refusal(ip, self.allowed)
            if why:
                refused.append(why)
            elif str(ip) not in candidates:
                candidates.append(str(ip))
        if not candidates:
            reasons = "; ".join(dict.fromkeys(refused)) or "no address"
            raise AddressRefused(f"request-forgery guard refused {name}: {reasons} (open a network explicitly "
                                 f"with allow_networks or {ALLOW_NETWORKS_ENV} to fetch from it)")
        last: Exception | None = None
        for ip in candidates:
            try:
                stream = super().connect_tcp(ip, port, timeout=timeout, local_address=local_address,
                                             socket_options=socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
                continue
            return _GuardedStream(stream)
        assert last is not None
        raise last


def guarded_transport(allowed: Iterable[Network]) -> httpx.HTTPTransport:
    """httpx's transport with the guard as its network backend (no proxies)."""
    transport = httpx.HTTPTransport(trust_env=False)
    ssl_context = httpx.create_ssl_context(trust_env=False)
    transport._pool = httpcore.ConnectionPool(ssl_context=ssl_context, network_backend=GuardedBackend(allowed),
                                              max_connections=100, max_keepalive_connections=20, keepalive_expiry=5.0)
    return transport


@dataclass(frozen=True)
class FetchPolicy:
    """How hard and how politely to fetch; every field is a source option in dipnews.toml."""

    user_agent: str = USER_AGENT
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    total_timeout: float = 120.0  # wall clock for one response, headers to last byte
    max_bytes: int = MAX_BYTES
    max_redirects: int = 5
    min_interval: float = 1.0  # seconds between two requests to the same host
    attempts: int = 4  # tries per request, the first included
    backoff: float = 2.0  # first wait between tries; doubles each time
    max_backoff: float = 60.0
    max_retry_after: float = 300.0  # a longer Retry-After gives up rather than stalls the run
    obey_robots: bool = True
    max_crawl_delay: float = 30.0
    source_timeout: float = SOURCE_TIMEOUT  # one source's pull, retries and waits included
    allow_networks: tuple[str, ...] = ()  # CIDRs the forgery guard lets through (127.0.0.1/32 ...)

    @classmethod
    def option_names(cls) -> frozenset[str]:
        return frozenset(f.name for f in fields(cls))

    @classmethod
    def from_options(cls, options: Mapping[str, Any]) -> FetchPolicy:
        """The policy with the fields ``options`` sets, type-checked (a typo'd value fails early)."""
        values: dict[str, Any] = {}
        for f in fields(cls):
            if f.name not in options:
                continue
            value = options[f.name]
            kind = type(f.default)
            if f.name == "allow_networks":
                if isinstance(value, str) or not isinstance(value, list | tuple):
                    raise ValueError(f"option allow_networks must be a list of CIDRs such as [\"127.0.0.1/32\"], "
                                     f"not {value!r}")
                parse_networks(value)
                values[f.name] = tuple(value)
                continue
            if kind is bool:
                if not isinstance(value, bool):
                    raise ValueError(f"option {f.name} must be true or false, not {value!r}")
            elif kind in (int, float):
                if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
                    raise ValueError(f"option {f.name} must be a non-negative number, not {value!r}")
                value = kind(value)
            elif not isinstance(value, str) or not value.strip():
                raise ValueError(f"option {f.name} must be a non-empty string, not {value!r}")
            values[f.name] = value
        policy = cls(**values)
        if policy.attempts < 1:
            raise ValueError("option attempts must be at least 1")
        return policy


class FetchError(Exception):
    """A request that failed; ``transient`` when asking again later may succeed."""

    def __init__(self, url: str, reason: str, *, status: int | None = None, transient: bool = False,
                 retry_after: float | None = None, deadline: bool = False, refused: bool = False) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.status = status
        self.transient = transient
        self.retry_after = retry_after
        self.deadline = deadline  # the source's or the run's deadline, not this URL, ended it
        self.refused = refused  # the request-forgery guard refused the address: never fetched


@dataclass(frozen=True)
class Fetched:
    """A successful response (200, or 304 for a conditional GET)."""

    url: str  # after redirects
    status: int
    content: bytes
    media_type: str  # "" when the server did not say
    charset: str | None
    etag: str | None = None
    last_modified: str | None = None
    permanent_redirect: bool = False  # the configured URL moved: worth updating the config

    def text(self) -> str:
        return decode_text(self.content, self.charset)


def parse_content_type(value: str | None) -> tuple[str, str | None]:
    """``("text/html", "utf-8")`` from a Content-Type header; unknown charsets become None."""
    if not value:
        return "", None
    media, _, params = value.partition(";")
    charset = None
    match = re.search(r"""charset\s*=\s*["']?([^"';\s]+)""", params, re.IGNORECASE)
    if match:
        charset = _codec(match.group(1))
    return media.strip().lower(), charset


def _codec(label: str) -> str | None:
    label = label.strip().lower()
    if label in _WINDOWS_1252_LABELS:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_text(raw: bytes, declared: str | None = None) -> str:
    """Decode an HTML page whose declared charset may be missing or wrong.

    Order: byte-order mark; a declared UTF-16/32; valid UTF-8 (a page that decodes as
    UTF-8 with non-ASCII bytes is UTF-8 whatever its header claims: legacy text almost
    never forms valid multi-byte sequences); the HTTP charset; the ``<meta charset>``;
    finally windows-1252, which maps every byte and is what undeclared legacy pages are.
    """
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
                       (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(bom):
            return raw.decode(codec, errors="replace")
    meta = _CHARSET.search(raw[:4096])
    candidates = [declared, _codec(meta.group(1).decode("ascii", "replace")) if meta else None]
    for codec in candidates:
        if codec and codec.startswith(("utf-16", "utf-32")):
            try:
                return raw.decode(codec)
            except UnicodeDecodeError:
                pass
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for codec in candidates:
        if codec and codec != "utf-8":
            try:
                return raw.decode(codec)
            except (UnicodeDecodeError, LookupError):
                continue
    log.debug("charset: neither declared (%s) nor UTF-8 fit; decoding as windows-1252", candidates)
    return raw.decode("cp1252", errors="replace")


def parse_retry_after(value: str | None, now: Callable[[], datetime] = lambda: datetime.now(UTC)) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():  # "²".isdigit() is True too
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now()).total_seconds())


class Fetcher:
    """One HTTP client with the politeness rules above. Not shared across threads."""

    def __init__(self, policy: FetchPolicy | None = None, *, sleep: Callable[[float], None] = time.sleep,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.policy = policy or FetchPolicy()
        self._sleep = sleep
        self.allowed = parse_networks(self.policy.allow_networks) + env_networks()
        # One deadline for everything this fetcher does (a source's pull): its own
        # budget, cut by the run's deadline when the pull stage set one.
        self.deadline = time.monotonic() + self.policy.source_timeout
        run_deadline = RUN_DEADLINE.get()
        if run_deadline is not None:
            self.deadline = min(self.deadline, run_deadline)
        if transport is None:
            transport = guarded_transport(self.allowed)
        self._client = httpx.Client(
            headers={"User-Agent": self.policy.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(self.policy.read_timeout, connect=self.policy.connect_timeout),
            # Redirects are followed by hand so that every hop is checked.
            follow_redirects=False,
            # No proxies or .netrc credentials picked up from the environment by surprise.
            trust_env=False,
            transport=transport,
        )
        self._next_ok: dict[str, float] = {}
        self._robots: dict[str, _Robots] = {}
        self._lock = threading.Lock()
        self.requests = 0  # sent, retries included (for logs and tests)

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    # ------------------------------------------------------------------ public
    def get(self, url: str, *, accept: tuple[str, ...] | None = None, etag: str | None = None,
            last_modified: str | None = None, max_bytes: int | None = None,
            check_robots: bool = True) -> Fetched:
        """GET ``url`` following redirects; :class:`FetchError` when it cannot be had.

        ``accept`` lists acceptable media types (a response without Content-Type is
        accepted and left to the parser); ``etag``/``last_modified`` make it conditional.
        """
        try:
            url = require_http_url(url)
        except UnsupportedURL as exc:
            raise FetchError(url, str(exc)) from exc
        self._check_deadline(url)
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        if accept:
            headers["Accept"] = ", ".join(accept) + ", */*;q=0.1"
        visited = [url]
        permanent = True
        for _hop in range(self.policy.max_redirects + 1):
            if check_robots and self.policy.obey_robots:
                self._check_robots(url)
            status, resp_headers, content = self._with_retries(url, headers, accept, max_bytes)
            if status in REDIRECT_STATUSES:
                location = resp_headers.get("location")
                if not location:
                    raise FetchError(url, f"HTTP {status} redirect without a Location header", status=status)
                target = urljoin(url, location.strip())
                try:
                    target = require_http_url(target)
                except UnsupportedURL as exc:
                    raise FetchError(url, f"redirect refused: {exc}", status=status) from exc
                if target in visited:
                    chain = " -> ".join([*visited, target])
                    raise FetchError(visited[0], f"redirect loop: {chain}", status=status)
                permanent = permanent and status in (301, 308)
                visited.append(target)
                url = target
                continue
            media, charset = parse_content_type(resp_headers.get("content-type"))
            return Fetched(
                url=url,
                status=status,
                content=content,
                media_type=media,
                charset=charset,
                etag=resp_headers.get("etag"),
                last_modified=resp_headers.get("last-modified"),
                permanent_redirect=permanent and len(visited) > 1,
            )
        raise FetchError(visited[0], f"too many redirects (more than {self.policy.max_redirects})")

    # ----------------------------------------------------------------- retries
    def _with_retries(self, url: str, headers: dict[str, str], accept: tuple[str, ...] | None,
                      max_bytes: int | None) -> tuple[int, httpx.Headers, bytes]:
        retrying = Retrying(
            stop=stop_after_attempt(self.policy.attempts),
            wait=self._wait,
            retry=retry_if_exception(self._worth_retrying),
            sleep=self._sleep,
            before_sleep=self._log_retry,
            reraise=True,
        )
        return retrying(self._get_once, url, headers, accept, max_bytes)

    def _worth_retrying(self, exc: BaseException) -> bool:
        if not isinstance(exc, FetchError) or not exc.transient or exc.deadline:
            return False
        if exc.retry_after is not None and exc.retry_after > self.policy.max_retry_after:
            return False
        # No retry whose wait would end past the source's (or the run's) deadline.
        return time.monotonic() + (exc.retry_after or 0) < self.deadline

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, FetchError) and exc.retry_after is not None:
            wait = exc.retry_after  # the server said how long: exactly that
        else:
            wait = wait_exponential(multiplier=self.policy.backoff, max=self.policy.max_backoff)(state)
        return max(0.0, min(wait, self.deadline - time.monotonic()))

    def _check_deadline(self, url: str) -> None:
        if time.monotonic() >= self.deadline:
            raise FetchError(url, "deadline reached: the source's (or the run's) time is up; left for the next run",
                             transient=True, deadline=True)

    @staticmethod
    def _log_retry(state: RetryCallState) -> None:
        exc = state.outcome.exception() if state.outcome else None
        wait = state.next_action.sleep if state.next_action else 0
        log.info("retrying in %.1f s (attempt %d failed: %s)", wait, state.attempt_number, exc)

    # ------------------------------------------------------------ one request
    def _get_once(self, url: str, headers: dict[str, str], accept: tuple[str, ...] | None,
                  max_bytes: int | None) -> tuple[int, httpx.Headers, bytes]:
        cap = self.policy.max_bytes if max_bytes is None else max_bytes
        host = urlsplit(url).netloc.lower()
        self._throttle(host)
        self._check_deadline(url)
        self.requests += 1
        started = time.monotonic()
        # From connect to last byte, headers included: the guarded sockets cut every
        # read at this deadline (a server dripping its headers never trips a read timeout).
        token = _REQUEST_DEADLINE.set(min(started + self.policy.total_timeout, self.deadline))
        try:
            with self._client.stream("GET", url, headers=headers) as resp:
                status = resp.status_code
                if status in REDIRECT_STATUSES or status == 304:
                    return status, resp.headers, b""
                if status in TRANSIENT_STATUSES or status >= 500:
                    retry_after = parse_retry_after(resp.headers.get("retry-after"))
                    if retry_after is not None:
                        self._defer_host(host, retry_after)
                    reason = f"HTTP {status}"
                    if retry_after is not None:
                        reason += f" (Retry-After {retry_after:.0f} s"
                        if retry_after > self.policy.max_retry_after:
                            reason += f", longer than the {self.policy.max_retry_after:.0f} s we wait"
                        reason += ")"
                    raise FetchError(url, reason, status=status, transient=True, retry_after=retry_after)
                if status >= 400 or status < 200 or status == 204:
                    raise FetchError(url, f"HTTP {status}", status=status)
                media, _ = parse_content_type(resp.headers.get("content-type"))
                if accept and media and media not in accept:
                    raise FetchError(url, f"unsupported content type {media!r} (expected {', '.join(accept)})",
                                     status=status)
                declared = resp.headers.get("content-length", "")
                if declared.isascii() and declared.isdigit() and int(declared) > cap:
                    raise FetchError(url, f"too large: Content-Length {declared} bytes exceeds the {cap}-byte cap",
                                     status=status)
                body = bytearray()
                for chunk in resp.iter_bytes():
                    body += chunk
                    if len(body) > cap:
                        raise FetchError(url, f"too large: more than {cap} bytes (cut while streaming)",
                                         status=status)
                    if time.monotonic() - started > self.policy.total_timeout:
                        raise FetchError(url, f"too slow: body not complete after {self.policy.total_timeout:g} s",
                                         status=status, transient=True)
                return status, resp.headers, bytes(body)
        except AddressRefused as exc:
            raise FetchError(url, str(exc), refused=True) from exc
        except httpx.TimeoutException as exc:
            if time.monotonic() >= self.deadline:
                raise FetchError(url, "deadline reached during the request: left for the next run", transient=True,
                                 deadline=True) from exc
            if time.monotonic() - started >= self.policy.total_timeout:
                raise FetchError(url, f"too slow: no complete response after {self.policy.total_timeout:g} s "
                                      "(total_timeout)", transient=True) from exc
            raise FetchError(url, f"timeout ({type(exc).__name__})", transient=True) from exc
        except httpx.DecodingError as exc:
            raise FetchError(url, f"undecodable response body: {exc}") from exc
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            raise FetchError(url, f"invalid URL: {exc}") from exc
        except httpx.TransportError as exc:
            raise FetchError(url, f"connection failed ({type(exc).__name__}: {exc})", transient=True) from exc
        finally:
            _REQUEST_DEADLINE.reset(token)

    # -------------------------------------------------------------- politeness
    def _interval(self, host: str) -> float:
        delay = self.policy.min_interval
        for origin, robots in self._robots.items():
            if urlsplit(origin).netloc == host:
                crawl_delay = robots.crawl_delay(self.policy.user_agent)
                if crawl_delay:
                    delay = max(delay, min(float(crawl_delay), self.policy.max_crawl_delay))
        return delay

    def _throttle(self, host: str) -> None:
        with self._lock:
            now = time.monotonic()
            wait = self._next_ok.get(host, 0.0) - now
            if wait > 0:
                self._sleep(wait)
                now = time.monotonic()
            self._next_ok[host] = now + self._interval(host)

    def _defer_host(self, host: str, seconds: float) -> None:
        with self._lock:
            until = time.monotonic() + min(seconds, self.policy.max_retry_after)
            self._next_ok[host] = max(self._next_ok.get(host, 0.0), until)

    def _check_robots(self, url: str) -> None:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}".lower()
        if origin not in self._robots:
            self._robots[origin] = self._load_robots(origin)
        robots = self._robots[origin]
        if robots.refused:
            raise FetchError(url, robots.refused, refused=True)
        if robots.unreachable:
            # RFC 9309 2.3.1.4: an unreachable robots.txt means "assume complete
            # disallow"; said as what it is, and worth another try on the next run.
            raise FetchError(url, f"unreachable: {robots.unreachable}", transient=True, deadline=robots.deadline)
        if not robots.can_fetch(url, self.policy.user_agent):
            raise FetchError(url, "disallowed by robots.txt")

    def _load_robots(self, origin: str) -> _Robots:
        try:
            fetched = self.get(origin + "/robots.txt", check_robots=False, max_bytes=ROBOTS_MAX_BYTES * 4)
        except FetchError as exc:
            if exc.transient:
                log.warning("robots.txt of %s unreachable (%s): not fetching from it this run", origin, exc.reason)
                return _Robots(None, unreachable=f"robots.txt could not be fetched ({exc.reason})",
                               deadline=exc.deadline)
            if exc.refused:
                # The forgery guard refused the host: nothing of it is fetched.
                return _Robots(None, refused=exc.reason)
            # 4xx and unusable files mean "no rules" (RFC 9309 2.3.1.3).
            return _Robots(None)
        text = fetched.content[:ROBOTS_MAX_BYTES].decode("utf-8", errors="replace")
        from protego import Protego

        return _Robots(Protego.parse(text))


class _Robots:
    """One origin's robots.txt rules, parsed by protego (RFC 9309: wildcards, ``$``, the
    longest match wins), or none (allow all), or unreachable (refuse, saying why)."""

    def __init__(self, parser, *, unreachable: str | None = None, deadline: bool = False,
                 refused: str | None = None) -> None:
        self.parser = parser
        self.refused = refused
        self.unreachable = unreachable
        self.deadline = deadline

    def can_fetch(self, url: str, user_agent: str) -> bool:
        return self.parser is None or self.parser.can_fetch(url, user_agent)

    def crawl_delay(self, user_agent: str) -> float | None:
        return self.parser.crawl_delay(user_agent) if self.parser is not None else None
