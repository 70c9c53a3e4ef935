"""Shared fixtures. Heavy ones (a full pipeline run) are session-scoped so the suite
runs the real stages once and many tests read the result."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Airflow reads its configuration once, at first import: point it at a private home
# before any test module imports it, so tests never touch ~/airflow or .airflow/.
_AIRFLOW_HOME = tempfile.mkdtemp(prefix="dipnews-airflow-")
os.environ.update(
    {
        "AIRFLOW_HOME": _AIRFLOW_HOME,
        "AIRFLOW__CORE__DAGS_FOLDER": str(ROOT / "dags"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__COSMOS__ENABLE_CACHE_DBT_LS": "False",
    }
)
FIXTURE_ARTICLES = ROOT / "tests" / "fixtures" / "articles"
SAMPLE_ARTICLES = ROOT / "seeds" / "articles"


def pytest_addoption(parser):
    parser.addoption("--runslow", action="store_true", help="also run the long variants (marked slow)")


def pytest_collection_modifyitems(config, items):
    if config.getoption("--runslow"):
        return
    skip = pytest.mark.skip(reason="long variant: run with --runslow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture
def fixture_corpus(tmp_path) -> Path:
    """A private copy of the small fixture corpus (tests may add files to it)."""
    dest = tmp_path / "articles"
    shutil.copytree(FIXTURE_ARTICLES, dest)
    return dest


@pytest.fixture(autouse=True)
def _no_ambient_settings(monkeypatch):
    # Tests pass warehouses explicitly; a developer's environment must not leak in.
    monkeypatch.delenv("DIPNEWS_WAREHOUSE", raising=False)
    monkeypatch.delenv("DIPNEWS_CONFIG", raising=False)


@pytest.fixture(scope="session")
def sample_run(tmp_path_factory):
    """The CLI pipeline run once over the bundled sample corpus (shared, read-only)."""
    from click.testing import CliRunner

    from extract.cli import cli

    wh = tmp_path_factory.mktemp("sample") / "warehouse"
    env = {k: v for k, v in os.environ.items() if not k.startswith("DIPNEWS_")}
    result = CliRunner(env=env).invoke(
        cli, ["run", "--source", str(SAMPLE_ARTICLES), "--warehouse", str(wh)], obj={}, catch_exceptions=False
    )
    return {"warehouse": wh, "result": result}
