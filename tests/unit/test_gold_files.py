"""The gold sets stay valid: every quote a verbatim span, one line per article, ISO codes."""

import subprocess
import sys

import pytest


@pytest.mark.parametrize("checker", ["tests/gold/check_gold.py", "tests/gold/news_check.py"])
def test_gold_checker_passes(root, checker):
    result = subprocess.run([sys.executable, str(root / checker)], capture_output=True, text=True, cwd=root)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
