#!/usr/bin/env python3
"""The pages this branch changed compared with BASE, with their reading grades (Markdown).

    .venv/bin/python scripts/changed_pages.py --base origin/main
    .venv/bin/python scripts/changed_pages.py --base origin/main >> "$GITHUB_STEP_SUMMARY"   # in CI

One table row per page added, changed, renamed or deleted in docs/ since the branch left BASE
(committed or not), and per page that places a changed shared block from includes/: audience,
reading grade against the limit for its readers, words, sources, review status, the content
check's problems and the TODOs left. It reports; it does not fail: exit 0, or 2 if BASE cannot be
compared (in CI: check out with fetch-depth: 0). The logic lives in beyond_detox/editor/changed.py.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from beyond_detox.editor.changed import GitError, changed_pages, summary_markdown  # noqa: E402
from beyond_detox.paths import ROOT  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", required=True, help="the branch or commit to compare with, e.g. origin/main")
    parser.add_argument("--root", type=Path, default=ROOT, help="the git repository (default: this one)")
    args = parser.parse_args(argv)
    try:
        merge_base, pages = changed_pages(args.root, args.base)
    except GitError as error:
        print(f"changed_pages: {error}", file=sys.stderr)
        return 2
    print(summary_markdown(args.base, merge_base, pages), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
