from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

DIPNEWS = str(Path(sys.executable).with_name("dipnews"))


def dipnews(*args, env_extra: dict[str, str] | None = None, **kwargs) -> subprocess.CompletedProcess:
    """Run the real CLI in its own process, as a user or cron would."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DIPNEWS_")} | (env_extra or {})
    return subprocess.run([DIPNEWS, *map(str, args)], capture_output=True, text=True, env=env, timeout=600, **kwargs)


@pytest.fixture
def run_cli():
    return dipnews
