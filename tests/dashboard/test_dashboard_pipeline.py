"""The dashboard on a warehouse the real pipeline published (when the pipeline exists).

The fixture warehouse is hand-written; this keeps it honest: the published file must
have every column the fixture (and so the dashboard) relies on, and every view must
render on real marts. Skips while the pipeline cannot publish yet.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from fixture_warehouse import build_fixture_warehouse
from streamlit.testing.v1 import AppTest

from dashboard.app import VIEW_NAMES


def columns(db: Path) -> dict[str, dict[str, str]]:
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "SELECT table_schema || '.' || table_name, column_name, data_type "
            "FROM information_schema.columns WHERE table_schema IN ('marts', 'ops')"
        ).fetchall()
    out: dict[str, dict[str, str]] = {}
    for table, column, dtype in rows:
        out.setdefault(table, {})[column] = dtype
    return out


@pytest.fixture
def published(request: pytest.FixtureRequest) -> Path:
    pytest.importorskip("extract.cli", reason="pipeline CLI not built yet")
    try:
        run = request.getfixturevalue("sample_run")
    except Exception as exc:  # the pipeline's own tests report its failures
        pytest.skip(f"sample pipeline run failed: {type(exc).__name__}: {exc}")
    db = Path(run["warehouse"]) / "diplomacy.duckdb"
    if run["result"].exit_code != 0 or not db.is_file():
        pytest.skip(f"sample pipeline run did not publish (exit {run['result'].exit_code})")
    return db


def test_published_schema_covers_the_fixture(published: Path, tmp_path: Path) -> None:
    expected = columns(build_fixture_warehouse(tmp_path / "fixture"))
    actual = columns(published)
    for table, cols in expected.items():
        if table.startswith("ops.") and table not in actual:
            continue  # ops tables are optional for the dashboard
        assert table in actual, f"{table} missing from the published warehouse"
        missing = sorted(set(cols) - set(actual[table]))
        assert not missing, f"{table} lacks {missing}"


def test_every_view_on_the_published_warehouse(
    published: Path, open_app: Callable[..., AppTest]
) -> None:
    for view in VIEW_NAMES:
        at = open_app(published.parent, view)
        assert not at.exception, (view, [e.value for e in at.exception])
        assert at.header[0].value == view
