"""Injected faults: each ends with a clear error, a non-zero exit, nothing published."""

from __future__ import annotations

import hashlib
import resource
import shutil
import subprocess

import pytest

from tests.conftest import FIXTURE_ARTICLES
from tests.reliability.conftest import dipnews


def sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "missing"


@pytest.fixture(scope="module")
def published_once(tmp_path_factory):
    # One real run for the module; each test gets a copy (copy2 keeps the mtimes the
    # extraction manifests and the dbt file stamps compare, so the copy is up to date).
    base = tmp_path_factory.mktemp("faults")
    corpus = base / "articles"  # the same directory name as fixture_corpus: same source
    shutil.copytree(FIXTURE_ARTICLES, corpus)
    wh = base / "wh"
    result = dipnews("run", "--source", corpus, "--warehouse", wh)
    assert result.returncode == 0, result.stderr[-3000:]
    return wh


@pytest.fixture
def published(published_once, tmp_path):
    wh = tmp_path / "wh"
    shutil.copytree(published_once, wh, symlinks=True)
    return wh


def test_corrupted_landing_file(published, fixture_corpus):
    part = sorted((published / "landing/articles").glob("source=*/*/part-*.parquet"))[0]
    part.write_bytes(b"PAR1 this is not parquet at all")
    before = sha(published / "diplomacy.duckdb")
    result = dipnews("run", "--source", fixture_corpus, "--warehouse", published)
    assert result.returncode != 0
    assert str(part.name) in result.stderr and "Traceback" not in result.stderr
    assert sha(published / "diplomacy.duckdb") == before


def test_dbt_model_failure(published, fixture_corpus, root, tmp_path):
    # A broken model in a copy of the dbt project (as a bad upgrade or edit would be).
    project = tmp_path / "dbt_project"
    shutil.copytree(root / "dbt_project", project, ignore=shutil.ignore_patterns("target", "logs"))
    model = project / "models" / "marts" / "mart_actor_activity.sql"
    model.write_text(model.read_text().replace("group by month, actor_id", "group by month, no_such_column"))
    # The copy gets its own seeds: an absolute seed path would make dbt write compiled
    # seed nodes over the original CSV files.
    (project / "seeds").mkdir()
    for csv in (root / "seeds").glob("*.csv"):
        shutil.copy(csv, project / "seeds" / csv.name)
    (project / "dbt_project.yml").write_text(
        (project / "dbt_project.yml").read_text().replace('seed-paths: ["../seeds"]', 'seed-paths: ["seeds"]'))
    before = sha(published / "diplomacy.duckdb")
    result = dipnews("run", "--source", fixture_corpus, "--warehouse", published,
                     env_extra={"DIPNEWS_DBT_PROJECT": str(project)})
    assert result.returncode == 1, result.stdout + result.stderr
    assert "gate:     FAILED" in result.stdout
    assert "dbt: mart_actor_activity: error" in result.stdout
    assert sha(published / "diplomacy.duckdb") == before


def test_read_only_warehouse_directory(published, fixture_corpus):
    if shutil.which("chattr") is None:
        pytest.skip("chattr not available: cannot make a directory read-only for root")
    before = sha(published / "diplomacy.duckdb")
    extra = fixture_corpus / "new-article.txt"
    extra.write_text(" date 2024-07-01 New article\nKenyan President William Ruto visited Ghana on Monday.\n")
    target = published / "landing" / "articles"
    if subprocess.run(["chattr", "-R", "+i", str(target)], capture_output=True).returncode != 0:
        pytest.skip("this filesystem does not support the immutable attribute")
    try:
        result = dipnews("run", "--source", fixture_corpus, "--warehouse", published)
    finally:
        subprocess.run(["chattr", "-R", "-i", str(target)], check=True)
    assert result.returncode != 0
    assert "run failed" in result.stderr and "Traceback" not in result.stderr
    assert sha(published / "diplomacy.duckdb") == before
    assert dipnews("run", "--source", fixture_corpus, "--warehouse", published).returncode == 0


def test_full_disk(published, fixture_corpus):
    """A process that may not write more than 64 kB at a time (RLIMIT_FSIZE): disk full."""
    before = sha(published / "diplomacy.duckdb")
    shutil.rmtree(published / "work")  # the rebuild must write a new build.duckdb

    def limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))

    result = dipnews("run", "--source", fixture_corpus, "--warehouse", published, preexec_fn=limit)
    assert result.returncode != 0
    assert sha(published / "diplomacy.duckdb") == before
    assert not list(published.glob(".*.tmp")), "a temporary file was left behind"
    assert dipnews("run", "--source", fixture_corpus, "--warehouse", published).returncode == 0
