#!/usr/bin/env python3
"""Check the links of the built site; see `--help` and config/README.md.

    python scripts/check_links.py [--site DIR] [--external] [--report FILE] [--csv FILE]

Exit status: 0 no broken links, 1 broken links found, 2 the check could not run.
The logic lives in beyond_detox/links/; this file only starts it.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from beyond_detox.links.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
