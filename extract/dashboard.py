"""`dipnews dashboard`: serve the Streamlit app on the published warehouse."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

# The app lives next to the package in the repository, not inside it.
REPO_ROOT = Path(__file__).resolve().parents[1]
APP = REPO_ROOT / "dashboard" / "app.py"


def command(warehouse: Path, port: int = 8501, host: str = "127.0.0.1") -> list[str]:
    """The streamlit command line; the tests start the app with exactly this."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP),
        "--server.address",
        host,
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        # A headless server should not phone home (and CI machines are offline).
        "--browser.gatherUsageStats",
        "false",
        # Readers get a viewer's toolbar (no "Deploy" button, no developer menu).
        "--client.toolbarMode",
        "viewer",
        "--",
        # Absolute, so the app finds it whatever directory Streamlit runs in.
        "--warehouse",
        str(Path(warehouse).resolve()),
    ]


def launch(warehouse: Path, port: int = 8501, host: str = "127.0.0.1") -> int:
    """Run the dashboard until it exits or Ctrl-C; return its exit code."""
    proc = subprocess.Popen(command(warehouse, port, host))
    try:
        return proc.wait()
    except KeyboardInterrupt:
        # Ctrl-C also reached Streamlit (same process group): give it time to shut down.
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        return 130
