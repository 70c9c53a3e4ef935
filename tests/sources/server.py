"""A real HTTP server on 127.0.0.1 for source tests: fixture feeds and pages, and the
misbehaviours a crawler meets (errors, slowness, loops, lies about size and charset).

Tests never touch the internet: everything is served from memory by this server.
"""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"


@dataclass
class Route:
    """One canned response."""

    status: int = 200
    body: bytes = b""
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # before the status line: a slow server
    drip: float = 0.0  # between body chunks: a slow body
    chunk: int = 64 * 1024
    send_length: bool = True  # False: no Content-Length, the body ends when the connection closes
    etag: str | None = None  # answers 304 to a matching If-None-Match
    header_drip: float = 0.0  # seconds between header lines, sent for ever (a header-dripping server)


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    at: float


class FixtureServer:
    """``ThreadingHTTPServer`` on a free port; routes can change while it runs."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, list[Route]] = {}
        self.requests: list[Seen] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # keep test output clean
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                server._serve(self)

        server_class = ThreadingHTTPServer
        if ":" in host:
            class V6Server(ThreadingHTTPServer):
                address_family = socket.AF_INET6

            server_class = V6Server
        self.httpd = server_class((host, 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.block_on_close = False
        self.httpd.handle_error = lambda request, address: None  # clients hanging up early is the point
        shown = f"[{host}]" if ":" in host else host
        self.base = f"http://{shown}:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, *responses: Route, **kwargs) -> None:
        """Serve ``responses`` in turn on ``path`` (the last one repeats); or one Route(**kwargs)."""
        with self._lock:
            self.routes[path] = list(responses) or [Route(**kwargs)]

    def add_fixture(self, path: str, name: str, content_type: str, **kwargs) -> None:
        body = (FIXTURES / name).read_bytes().replace(b"{BASE}", self.base.encode())
        self.add(path, Route(body=body, content_type=content_type, **kwargs))

    def hits(self, path: str) -> int:
        return sum(1 for r in self.requests if r.path == path)

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def _serve(self, h: BaseHTTPRequestHandler) -> None:
        with self._lock:
            self.requests.append(Seen(h.path, {k.lower(): v for k, v in h.headers.items()}, time.monotonic()))
            queue = self.routes.get(h.path)
            route = (queue.pop(0) if len(queue) > 1 else queue[0]) if queue else Route(404, b"not found")
        if route.delay:
            time.sleep(route.delay)
        if route.header_drip:
            try:
                h.wfile.write(b"HTTP/1.1 200 OK\r\n")
                for n in range(100000):
                    h.wfile.write(f"X-Drip-{n}: x\r\n".encode())
                    h.wfile.flush()
                    time.sleep(route.header_drip)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        if route.etag and h.headers.get("If-None-Match") == route.etag:
            h.send_response(304)
            h.send_header("ETag", route.etag)
            h.send_header("Content-Length", "0")
            h.end_headers()
            return
        h.send_response(route.status)
        if route.content_type:
            h.send_header("Content-Type", route.content_type)
        if route.etag:
            h.send_header("ETag", route.etag)
        for name, value in route.headers.items():
            h.send_header(name, value)
        if route.send_length:
            h.send_header("Content-Length", str(len(route.body)))
        else:
            h.send_header("Connection", "close")
            h.close_connection = True
        h.end_headers()
        try:
            for start in range(0, len(route.body), route.chunk):
                h.wfile.write(route.body[start:start + route.chunk])
                h.wfile.flush()
                if route.drip:
                    time.sleep(route.drip)
        except (BrokenPipeError, ConnectionResetError):
            pass
