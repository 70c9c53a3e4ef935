"""The gold sets stay valid: every quote a verbatim span, one line per article, ISO codes.

Five sets (tests/gold/README.md): sample (seeds/articles), news, dev, blind and heldout
(tests/gold/<set>/ + tests/gold/<set>.jsonl). The blind set lands separately: its checks
are skipped only while its gold file is absent. The other four must be present.
"""

import subprocess
import sys

import pytest

# (set, checker, arguments); no arguments = the checker's own defaults.
CHECKS = [
    ("sample", "tests/gold/check_gold.py", []),
    ("news", "tests/gold/news_check.py", []),
    ("news", "tests/gold/check_gold.py", ["--articles", "tests/gold/news", "--gold", "tests/gold/news.jsonl"]),
    ("dev", "tests/gold/news_check.py", ["--articles", "tests/gold/dev", "--gold", "tests/gold/dev.jsonl"]),
    ("dev", "tests/gold/check_gold.py", ["--articles", "tests/gold/dev", "--gold", "tests/gold/dev.jsonl"]),
    ("blind", "tests/gold/news_check.py", ["--articles", "tests/gold/blind", "--gold", "tests/gold/blind.jsonl"]),
    ("blind", "tests/gold/check_gold.py", ["--articles", "tests/gold/blind", "--gold", "tests/gold/blind.jsonl"]),
    ("heldout", "tests/gold/news_check.py", ["--articles", "tests/gold/heldout", "--gold", "tests/gold/heldout.jsonl"]),
    ("heldout", "tests/gold/check_gold.py", ["--articles", "tests/gold/heldout", "--gold", "tests/gold/heldout.jsonl"]),
]
OPTIONAL = {"blind"}


@pytest.mark.parametrize(("name", "checker", "args"), CHECKS,
                         ids=[f"{n}-{c.rsplit('/', 1)[-1][:-3]}" for n, c, _ in CHECKS])
def test_gold_checker_passes(root, name, checker, args):
    if name in OPTIONAL and not (root / "tests" / "gold" / f"{name}.jsonl").exists():
        pytest.skip(f"tests/gold/{name}.jsonl is not present (the {name} set lands separately)")
    result = subprocess.run([sys.executable, str(root / checker), *args], capture_output=True, text=True, cwd=root)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
