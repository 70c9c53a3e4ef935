"""A minimal Chrome DevTools Protocol client for the browser test (websocket-client).

Why not Playwright/Selenium: neither is in the lock, and the test needs only a handful
of CDP calls: navigate, evaluate, screenshot, and noticing a JavaScript dialog.
"""

from __future__ import annotations

import json
import time
import urllib.request
from collections.abc import Callable
from typing import Any, TypeVar

import websocket

T = TypeVar("T")


class DevToolsError(RuntimeError):
    pass


def page_websocket_url(debug_port: int, timeout: float = 20.0) -> str:
    """The first page target's WebSocket URL, polling until Chromium is listening."""
    url = f"http://127.0.0.1:{debug_port}/json/list"
    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:  # noqa: S310 (local)
                targets = json.load(resp)
            for target in targets:
                if target.get("type") == "page" and target.get("webSocketDebuggerUrl"):
                    return str(target["webSocketDebuggerUrl"])
        except OSError as exc:
            last = exc
        time.sleep(0.1)
    raise DevToolsError(f"no page target on DevTools port {debug_port}: {last}")


class DevTools:
    """Synchronous CDP session: `call` sends a command and reads until its reply,
    recording every event seen meanwhile in `events`."""

    def __init__(self, ws_url: str, timeout: float = 15.0) -> None:
        # suppress_origin: Chromium rejects DevTools WebSockets that send an Origin
        # header unless started with --remote-allow-origins.
        self._ws = websocket.create_connection(ws_url, timeout=timeout, suppress_origin=True)
        self._next_id = 0
        self.events: list[dict[str, Any]] = []

    def _send(self, method: str, params: dict[str, Any]) -> int:
        self._next_id += 1
        self._ws.send(json.dumps({"id": self._next_id, "method": method, "params": params}))
        return self._next_id

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        msg_id = self._send(method, params)
        while True:
            msg = json.loads(self._ws.recv())
            if msg.get("id") == msg_id:
                if "error" in msg:
                    raise DevToolsError(f"{method}: {msg['error']}")
                return dict(msg.get("result", {}))
            if "method" in msg:
                self._on_event(msg)

    def _on_event(self, msg: dict[str, Any]) -> None:
        self.events.append(msg)
        if msg["method"] == "Page.javascriptDialogOpening":
            # Dismiss at once so the page is not left blocked; the test fails on the record.
            self._send("Page.handleJavaScriptDialog", {"accept": False})

    def evaluate(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise DevToolsError(f"evaluate failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def saw(self, method: str) -> bool:
        return any(e.get("method") == method for e in self.events)

    def close(self) -> None:
        self._ws.close()


def wait_for(check: Callable[[], T | None], timeout: float, interval: float = 0.25) -> T:
    """Poll `check` until it returns a truthy value; raise TimeoutError after `timeout`."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"condition not met within {timeout:.0f} s")
        time.sleep(interval)
