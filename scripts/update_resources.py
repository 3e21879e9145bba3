#!/usr/bin/env python3
"""Keep the resource directory true: validate, verify (links) and import-findtreatment.

    .venv/bin/python scripts/update_resources.py validate
    .venv/bin/python scripts/update_resources.py verify --report reports/resources.md
    .venv/bin/python scripts/update_resources.py import-findtreatment --input export.json --area bay-county-fl

Run any subcommand with --help. Exit codes: 0 all is well, 1 a problem was found, 2 bad usage.
The logic lives in beyond_detox/resources/ (cli.py and the modules it calls).
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from beyond_detox.resources.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
