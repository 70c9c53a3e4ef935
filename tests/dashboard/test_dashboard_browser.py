"""The dashboard in a real browser: `extract.dashboard`'s command + headless Chromium.

Streamlit draws the page from WebSocket messages after load, so the test drives Chromium
over the DevTools protocol and waits for the script run to finish and the charts to be
drawn before it checks the DOM and takes the screenshot (a plain `--screenshot` would
capture a grey page).
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import signal
import socket
import subprocess
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from chrome_devtools import DevTools, page_websocket_url, wait_for
from fixture_warehouse import XSS_BOLD, XSS_QUOTE, XSS_SCRIPT, XSS_TITLE

from extract import dashboard

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
DOCS_SCREENSHOT = REPO / "docs" / "dashboard.png"
VIEWPORT = {"width": 1400, "height": 1000}

# One snapshot of what is on the page, as JSON (CDP returns it by value).
PAGE_STATE_JS = """JSON.stringify({
  running: document.querySelector('[data-testid="stStatusWidget"]') !== null,
  scriptState: document.querySelector('[data-testid="stApp"]')
                 ?.getAttribute('data-test-script-state') ?? null,
  charts: document.querySelectorAll('.vega-embed canvas, .vega-embed svg').length,
  tables: document.querySelectorAll('[data-testid="stTable"]').length,
  metrics: document.querySelectorAll('[data-testid="stMetric"]').length,
  exceptions: document.querySelectorAll('[data-testid="stException"]').length,
})"""


def find_chromium() -> str | None:
    if Path("/usr/bin/chromium").is_file():
        return "/usr/bin/chromium"
    return shutil.which("chromium")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def process_group(cmd: list[str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """Start `cmd` in its own session; on exit end that group (and only it)."""
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            yield proc
        finally:
            # Chromium forks zygote/renderer children: signal the whole group we created.
            for sig, grace in ((signal.SIGTERM, 5), (signal.SIGKILL, 5)):
                try:
                    os.killpg(proc.pid, sig)
                except ProcessLookupError:
                    break
                try:
                    proc.wait(timeout=grace)
                    break
                except subprocess.TimeoutExpired:
                    continue


def healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1) as r:
            return r.read() == b"ok"
    except OSError:
        return False


@pytest.mark.browser
def test_dashboard_renders_in_chromium(fixture_warehouse: Path, tmp_path: Path) -> None:
    chromium = find_chromium()
    if chromium is None:
        pytest.skip(
            "Chromium not found (/usr/bin/chromium or on PATH): apt-get install -y chromium"
        )

    port, debug_port = free_port(), free_port()
    app_cmd = dashboard.command(fixture_warehouse, port=port)
    browser_cmd = [
        chromium,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--remote-debugging-port={debug_port}",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
        "about:blank",
    ]
    app_log, browser_log = tmp_path / "streamlit.log", tmp_path / "chromium.log"

    with process_group(app_cmd, app_log) as app:
        try:
            wait_for(lambda: app.poll() is not None or healthy(port), timeout=30)
        except TimeoutError:
            pytest.fail(f"streamlit not healthy:\n{app_log.read_text()}")
        assert app.poll() is None, f"streamlit exited:\n{app_log.read_text()}"

        with process_group(browser_cmd, browser_log):
            page = DevTools(page_websocket_url(debug_port))
            try:
                page.call("Page.enable")
                page.call("Runtime.enable")
                page.call(
                    "Emulation.setDeviceMetricsOverride",
                    deviceScaleFactor=1,
                    mobile=False,
                    **VIEWPORT,
                )
                page.call("Page.navigate", url=f"http://127.0.0.1:{port}/")

                def settled() -> dict[str, object] | None:
                    state = json.loads(page.evaluate(PAGE_STATE_JS))
                    done = (
                        not state["running"]
                        and state["scriptState"] == "notRunning"
                        and state["charts"] >= 1
                        and state["tables"] >= 2
                    )
                    return state if done else None

                try:
                    wait_for(settled, timeout=30)
                except TimeoutError:
                    state = page.evaluate(PAGE_STATE_JS)
                    pytest.fail(f"page did not settle: {state}\n{app_log.read_text()[-2000:]}")
                # Vega draws the canvas asynchronously after the element appears.
                wait_for(
                    lambda: page.evaluate(
                        "Array.from(document.querySelectorAll('.vega-embed canvas'))"
                        ".some(c => c.width > 100 && c.height > 100)"
                        " || document.querySelectorAll('.vega-embed svg .mark-rect path').length > 0"
                    ),
                    timeout=10,
                )
                state = settled()
                assert state is not None and state["exceptions"] == 0 and state["metrics"] == 5

                text = page.evaluate("document.body.innerText")
                for expected in ("Activity by month", "Latest statements", XSS_TITLE, XSS_QUOTE):
                    assert expected in text
                # The markup is text, never elements: no injected <script>, no <b>x</b>.
                assert not page.evaluate(
                    "Array.from(document.querySelectorAll('script'))"
                    ".some(s => s.textContent.includes('alert(1)'))"
                )
                assert not page.evaluate(
                    "Array.from(document.querySelectorAll('b')).some(b => b.textContent === 'x')"
                )
                cells = page.evaluate(
                    "Array.from(document.querySelectorAll('[data-testid=\"stTable\"] td'))"
                    ".map(td => td.textContent)"
                )
                assert any(XSS_SCRIPT in c and XSS_BOLD in c for c in cells)
                assert not page.saw("Page.javascriptDialogOpening")

                shot = base64.b64decode(page.call("Page.captureScreenshot", format="png")["data"])
            finally:
                page.close()

    assert not page.saw("Page.javascriptDialogOpening")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "dashboard.png").write_bytes(shot)
    assert shot.startswith(b"\x89PNG") and len(shot) > 20_000  # a drawn page, not blank


# Every view, opened as a link would open it (?view=<slug>), then drawn and photographed.
VIEW_STATE_JS = """JSON.stringify({
  running: document.querySelector('[data-testid="stStatusWidget"]') !== null,
  scriptState: document.querySelector('[data-testid="stApp"]')
                 ?.getAttribute('data-test-script-state') ?? null,
  header: document.querySelector('[data-testid="stMain"] h2')?.innerText ?? null,
  charts: document.querySelectorAll('.vega-embed canvas, .vega-embed svg').length,
  frames: document.querySelectorAll('[data-testid="stDataFrame"], [data-testid="stTable"]').length,
  decks: document.querySelectorAll('[data-testid="stDeckGlJsonChart"] canvas').length,
  metrics: document.querySelectorAll('[data-testid="stMetric"]').length,
  exceptions: document.querySelectorAll('[data-testid="stException"]').length,
  errors: document.querySelectorAll('[data-testid="stAlertContentError"]').length,
})"""

# What each view must draw (charts, dataframes/tables, deck.gl maps) on the fixture warehouse.
VIEW_NEEDS = {
    "overview": {"charts": 1, "frames": 2},
    "map": {"decks": 1, "frames": 2},
    "country": {"charts": 4, "frames": 5},
    "network": {"charts": 1, "frames": 1},
    "summits": {"frames": 1},
    "bilateral": {"charts": 2, "frames": 1},
    "actors": {"charts": 1, "frames": 2},
    "events": {"frames": 1},
    "data-quality": {"frames": 2},
    # a link to one event's evidence: the summit table, then its sentences and sources
    "summits&ev=": {"frames": 2},
}


def _a_summit(warehouse: Path) -> str:
    """The meeting with the most participants, as an evidence key."""
    import duckdb

    with duckdb.connect(str(warehouse / "diplomacy.duckdb"), read_only=True) as con:
        (meeting_id,) = con.execute(
            "SELECT meeting_id FROM marts.fct_meetings ORDER BY len(participants) DESC, meeting_id LIMIT 1"
        ).fetchone()
    return f"meeting:{meeting_id}"


def _click_an_arc_end(page: DevTools) -> None:
    """Click China on the map: the pick shows a link to its page or its arc's evidence."""
    import time

    from dashboard.charts import centroids, map_pixel

    rect = json.loads(page.evaluate(
        "JSON.stringify(document.querySelector('[data-testid=\"stDeckGlJsonChart\"] canvas')"
        ".getBoundingClientRect())"))
    chn = centroids().set_index("iso3").loc["CHN"]
    x, y = map_pixel(chn.lat, chn.lon, rect["width"], rect["height"])
    x, y = rect["x"] + x, rect["y"] + y
    page.call("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)
    time.sleep(0.5)  # deck.gl picks on hover first
    page.call("Input.dispatchMouseEvent", type="mousePressed", x=x, y=y, button="left", clickCount=1)
    page.call("Input.dispatchMouseEvent", type="mouseReleased", x=x, y=y, button="left", clickCount=1)
    # China's circle lies over the arc's end: the pick is the country (a link to its page)
    # or the arc (its visits' evidence, kept in the URL).
    def picked() -> bool:
        text = page.evaluate("document.body.innerText")
        return "China: open the country page" in text or (
            "ev=visit" in page.evaluate("location.search") and "sentence(s) from" in text)

    wait_for(picked, timeout=20)


def _click_chart(page: DevTools, index: int, points: list[tuple[float, float]], expected: str) -> None:
    """Click the `index`-th chart of the page at relative points until `expected` text shows."""
    _click_chart_until(page, index, points, lambda: expected in page.evaluate("document.body.innerText"))


def _click_chart_until(page: DevTools, index: int, points: list[tuple[float, float]], done) -> None:
    import time

    rect = json.loads(page.evaluate(
        f"JSON.stringify(document.querySelectorAll('.vega-embed svg, .vega-embed canvas')[{index}]"
        ".getBoundingClientRect())"))
    for fx, fy in points:
        x, y = rect["x"] + rect["width"] * fx, rect["y"] + rect["height"] * fy
        page.call("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)
        time.sleep(0.3)
        page.call("Input.dispatchMouseEvent", type="mousePressed", x=x, y=y, button="left", clickCount=1)
        page.call("Input.dispatchMouseEvent", type="mouseReleased", x=x, y=y, button="left", clickCount=1)
        try:
            wait_for(done, timeout=8)
            return
        except TimeoutError:
            continue
    pytest.fail(f"no click on chart {index} had its effect")


def _pick_first_row(page: DevTools) -> None:
    """Tick the first row of the first data grid: its evidence appears and enters the URL."""
    import time

    rect = json.loads(page.evaluate(
        "JSON.stringify(document.querySelector('[data-testid=\"stDataFrame\"]').getBoundingClientRect())"))
    for dx, dy in ((17, 52), (17, 55), (20, 50)):  # the selection column, below the 35 px header
        x, y = rect["x"] + dx, rect["y"] + dy
        page.call("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)
        time.sleep(0.2)
        page.call("Input.dispatchMouseEvent", type="mousePressed", x=x, y=y, button="left", clickCount=1)
        page.call("Input.dispatchMouseEvent", type="mouseReleased", x=x, y=y, button="left", clickCount=1)
        try:
            wait_for(lambda: "ev=meeting" in page.evaluate("location.search")  # noqa: B023
                     and "sentence(s) from" in page.evaluate("document.body.innerText"), timeout=8)
            return
        except TimeoutError:
            continue
    pytest.fail("picking a row did not show its evidence")


def _links(page: DevTools) -> list[str]:
    return page.evaluate("Array.from(document.querySelectorAll('a')).map(a => a.href)")


def _click_a_bar(page: DevTools) -> None:
    """January's bar in the overview links to that month's events and their evidence."""
    _click_chart(page, 0, [(0.12, 0.7), (0.15, 0.75), (0.18, 0.65)], "of Jan 2024, with their evidence")
    assert any("view=events" in h and "from=2024-01-08" in h and "to=2024-01-31" in h for h in _links(page))


def _click_a_counterpart(page: DevTools) -> None:
    """On the United States' page, China's bar shows the pair's evidence and links to the pair."""
    _click_chart(page, 0, [(0.3, 0.12), (0.3, 0.2), (0.3, 0.28)], "United States and China")
    assert any("view=bilateral" in h and "pair=CHN-USA" in h for h in _links(page))
    wait_for(lambda: "sentence(s) from" in page.evaluate("document.body.innerText"), timeout=10)
    # The mode chart's "phone" bar (the lower of two): the phone call's evidence, in the URL.
    _click_chart_until(page, 1, [(0.5, 0.55), (0.5, 0.6), (0.4, 0.5)],
                       lambda: "ev=meeting%3Am3" in page.evaluate("location.search"))


@pytest.mark.browser
def test_every_view_renders_in_chromium(fixture_warehouse: Path, tmp_path: Path) -> None:
    """Each view in headless Chromium: drawn, no exception or error box, a screenshot.

    DIPNEWS_SCREENSHOT_WAREHOUSE=DIR photographs another warehouse (the sample corpus
    after `make run`) into tests/dashboard/artifacts/real-<view>.png instead.
    """
    chromium = find_chromium()
    if chromium is None:
        pytest.skip("Chromium not found (/usr/bin/chromium or on PATH): apt-get install -y chromium")
    real = os.environ.get("DIPNEWS_SCREENSHOT_WAREHOUSE")
    warehouse = Path(real) if real else fixture_warehouse
    prefix = "real-" if real else "view-"

    port, debug_port = free_port(), free_port()
    browser_cmd = [
        chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        # deck.gl needs WebGL: software rendering without a GPU.
        "--use-angle=swiftshader", "--enable-unsafe-swiftshader",
        f"--remote-debugging-port={debug_port}", f"--user-data-dir={tmp_path / 'chromium-profile'}",
        "about:blank",
    ]
    app_log, browser_log = tmp_path / "streamlit.log", tmp_path / "chromium.log"
    shots: dict[str, bytes] = {}
    with process_group(dashboard.command(warehouse, port=port), app_log) as app:
        try:
            wait_for(lambda: app.poll() is not None or healthy(port), timeout=30)
        except TimeoutError:
            pytest.fail(f"streamlit not healthy:\n{app_log.read_text()}")
        with process_group(browser_cmd, browser_log):
            page = DevTools(page_websocket_url(debug_port))
            try:
                page.call("Page.enable")
                page.call("Runtime.enable")
                page.call("Emulation.setDeviceMetricsOverride", deviceScaleFactor=1, mobile=False,
                          width=1400, height=1300)
                for slug, needs in VIEW_NEEDS.items():
                    query = slug + _a_summit(warehouse) if slug.endswith("ev=") else slug
                    page.call("Page.navigate", url=f"http://127.0.0.1:{port}/?view={query}")

                    def drawn(needs=needs) -> dict[str, object] | None:
                        state = json.loads(page.evaluate(VIEW_STATE_JS))
                        done = (not state["running"] and state["scriptState"] == "notRunning"
                                and state["header"] is not None
                                and all(state[k] >= n for k, n in needs.items()))
                        return state if done or state["exceptions"] else None

                    try:
                        state = wait_for(drawn, timeout=45)
                    except TimeoutError:
                        pytest.fail(f"{slug} did not draw: {page.evaluate(VIEW_STATE_JS)}\n"
                                    f"{app_log.read_text()[-2000:]}")
                    assert state["exceptions"] == 0, (slug, state)
                    # Red boxes belong only to the data-quality page (the fixture's failed runs).
                    assert state["errors"] == 0 or slug == "data-quality", (slug, state)
                    # Canvases (Vega, deck.gl, data grids) paint after the element appears.
                    wait_for(lambda: page.evaluate(
                        "Array.from(document.querySelectorAll('canvas'))"
                        ".every(c => c.width > 0 && c.height > 0)"), timeout=10)
                    page.evaluate("new Promise(r => setTimeout(r, 1500))")
                    text = page.evaluate("document.body.innerText")
                    assert "Traceback" not in text and "StreamlitAPIException" not in text, slug
                    # The URL keeps the view: Streamlit rewrote it with the filters.
                    assert f"view={slug.split('&')[0]}" in page.evaluate("location.search"), slug
                    if slug == "map" and not real:
                        _click_an_arc_end(page)
                    if slug == "overview" and not real:
                        _click_a_bar(page)
                    if slug == "summits" and not real:
                        _pick_first_row(page)
                    if slug == "country" and not real:  # the fixture's most active: the United States
                        _click_a_counterpart(page)
                    shots[slug] = base64.b64decode(
                        page.call("Page.captureScreenshot", format="png", captureBeyondViewport=False)["data"])
                assert not page.saw("Page.javascriptDialogOpening")
            finally:
                page.close()

    ARTIFACTS.mkdir(exist_ok=True)
    for slug, shot in shots.items():
        assert shot.startswith(b"\x89PNG") and len(shot) > 20_000, slug  # a drawn page, not blank
        name = "summits-evidence" if slug.endswith("ev=") else slug
        (ARTIFACTS / f"{prefix}{name}.png").write_bytes(shot)
    # The README shows the map of the sample corpus:
    #   make run && DIPNEWS_SCREENSHOT_WAREHOUSE=warehouse DIPNEWS_UPDATE_SCREENSHOT=1 pytest -k every_view
    if real and os.environ.get("DIPNEWS_UPDATE_SCREENSHOT") == "1":
        DOCS_SCREENSHOT.write_bytes(shots["map"])
