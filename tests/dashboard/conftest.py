"""Fixtures for the dashboard tests: warehouses on disk and an AppTest factory."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fixture_warehouse import build_fixture_warehouse
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"


@pytest.fixture
def fixture_warehouse(tmp_path: Path) -> Path:
    """A warehouse directory holding the small fixture `diplomacy.duckdb`."""
    directory = tmp_path / "warehouse"
    build_fixture_warehouse(directory)
    return directory


@pytest.fixture
def empty_warehouse(tmp_path: Path) -> Path:
    """A warehouse directory before the first run: no `diplomacy.duckdb` at all."""
    directory = tmp_path / "empty"
    directory.mkdir()
    return directory


@pytest.fixture
def open_app(monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    """Run the app on a warehouse directory, optionally on a given view."""

    def start(directory: Path, view: str | None = None) -> AppTest:
        # AppTest runs the script in this process with pytest's argv, so the
        # warehouse comes from the environment variable, as in a container.
        monkeypatch.setenv("DIPNEWS_WAREHOUSE", str(directory))
        at = AppTest.from_file(str(APP), default_timeout=30).run()
        if view is not None:
            at.sidebar.radio(key="view").set_value(view).run()
        return at

    return start
