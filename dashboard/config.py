"""Where the dashboard finds the warehouse directory."""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from pathlib import Path

ENV_VAR = "DIPNEWS_WAREHOUSE"
DEFAULT_DIR = "warehouse"


def warehouse_dir(argv: Sequence[str], environ: Mapping[str, str]) -> Path:
    """`--warehouse DIR` (script args after `--`), else $DIPNEWS_WAREHOUSE, else `warehouse`.

    Unknown arguments are ignored and abbreviations are off: under AppTest the script
    sees pytest's own argv, which must not be mistaken for ours.
    """
    parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    parser.add_argument("--warehouse", type=Path)
    args, _ = parser.parse_known_args(list(argv))
    if args.warehouse is not None:
        return args.warehouse
    return Path(environ.get(ENV_VAR) or DEFAULT_DIR)
