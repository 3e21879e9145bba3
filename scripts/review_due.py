#!/usr/bin/env python3
"""List what falls due for review in the next N days (default 90): pages (front matter
`review.next_review`), references (last "Confirmed YYYY-MM-DD" in the note + 2 years) and
directory entries (`assured_date` + 12 months). Overdue items and items with no date come first.

    .venv/bin/python scripts/review_due.py                      # one line each: path:line: what: due date
    .venv/bin/python scripts/review_due.py --days 30 --format markdown

Prints "nothing due ..." when nothing is. Always exits 0 (2 on bad usage): it is a to-do list,
not a check; `make lint` is the check that fails on an overdue page. The monthly workflow
.github/workflows/review-due.yml posts the Markdown to one issue, "Reviews due".
How each date is worked out: beyond_detox/editor/review_due.py and CONTRIBUTING.md.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from beyond_detox.editor.review_due import DEFAULT_DAYS, due_items, format_markdown, format_text  # noqa: E402
from beyond_detox.paths import ROOT  # noqa: E402


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}") from None


def _days(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"not a number of days: {text}")
    return int(text)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", type=_days, default=DEFAULT_DAYS, help="look this many days ahead (default: %(default)s)")
    parser.add_argument("--format", choices=("text", "markdown"), default="text", help="default: text")
    parser.add_argument("--today", type=_day, default=None, help="count from this date (YYYY-MM-DD; default: today)")
    parser.add_argument("--root", type=Path, default=ROOT, help="the project folder holding docs/ and data/ (default: this repository)")
    args = parser.parse_args(argv)
    today = args.today or dt.date.today()
    items = due_items(args.root, today, args.days)
    if args.format == "markdown":
        print(format_markdown(items, today, args.days), end="")
    else:
        print(format_text(items, today, args.days))
    return 0


if __name__ == "__main__":
    sys.exit(main())
