"""`extract.dashboard` (the CLI's launcher), warehouse resolution and the text helpers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from dashboard.config import warehouse_dir
from dashboard.text import md_escape, safe_link
from extract import dashboard


def test_command_runs_the_app_headless(tmp_path: Path) -> None:
    cmd = dashboard.command(tmp_path / "wh", port=9123, host="0.0.0.0")
    assert cmd[:5] == [sys.executable, "-m", "streamlit", "run", str(dashboard.APP)]
    assert dashboard.APP.is_file()
    assert dashboard.APP == Path(__file__).resolve().parents[2] / "dashboard" / "app.py"
    opts = dict(zip(cmd[5:-3:2], cmd[6:-3:2], strict=True))
    assert opts["--server.address"] == "0.0.0.0"
    assert opts["--server.port"] == "9123"
    assert opts["--server.headless"] == "true"
    assert cmd[-3:] == ["--", "--warehouse", str((tmp_path / "wh").resolve())]


def test_launch_returns_the_exit_code(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    seen: list[list[str]] = []

    class FakeProc:
        def __init__(self, cmd: list[str], **_: Any) -> None:
            seen.append(cmd)

        def wait(self, timeout: float | None = None) -> int:
            return 3

    monkeypatch.setattr(subprocess, "Popen", FakeProc)
    assert dashboard.launch(tmp_path, port=8600) == 3
    assert seen == [dashboard.command(tmp_path, 8600)]


@pytest.mark.parametrize(
    ("argv", "env", "expected"),
    [
        (["--warehouse", "/data/wh"], {"DIPNEWS_WAREHOUSE": "/env/wh"}, "/data/wh"),
        ([], {"DIPNEWS_WAREHOUSE": "/env/wh"}, "/env/wh"),
        ([], {}, "warehouse"),
        # pytest's own argv under AppTest: nothing in it is ours, no abbreviations.
        (["-q", "--w", "tests/dashboard", "-k", "x"], {}, "warehouse"),
    ],
)
def test_warehouse_dir(argv: list[str], env: dict[str, str], expected: str) -> None:
    assert warehouse_dir(argv, env) == Path(expected)


def test_md_escape_neutralises_markup() -> None:
    assert md_escape("<script>alert(1)</script>") == r"\<script\>alert\(1\)\<\/script\>"
    assert md_escape("**bold** [x](javascript:alert(1)) :red[hi] $x$\n# h") == (
        r"\*\*bold\*\* \[x\]\(javascript\:alert\(1\)\) \:red\[hi\] \$x\$ \# h"
    )
    assert md_escape(None) == "" and md_escape(float("nan")) == ""


def test_safe_link_only_http() -> None:
    assert safe_link("javascript:alert(1)", "https://a.example/x") == "https://a.example/x"
    assert safe_link(None, "seeds/articles/a.txt") is None
    assert safe_link(" JavaScript:alert(1)", "data:text/html,<b>", "file:///etc/passwd") is None
    assert safe_link("http://a.example") == "http://a.example"
    assert safe_link("https:///no-host") is None
