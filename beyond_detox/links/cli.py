"""Command line of the link check (scripts/check_links.py is a thin wrapper around main)."""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from beyond_detox.paths import ROOT

from . import CACHE_FILE, CheckCouldNotRun, SettingsError, check_site, load_settings
from beyond_detox.atomic import atomic_write_text as atomic_write
from .report import csv_text, markdown, text
from .settings import ALLOWLIST, LINKCHECKERRC

DESCRIPTION = """\
Check the links of the built site (run `make build` first, or use `make links`).

Internal check (default, offline, a few seconds): every page, every link between pages and every
#anchor, every image, stylesheet and script, every redirect page's target. The site is served on
127.0.0.1 for the run and checked with LinkChecker.

--external also asks every outbound link (sources, services, other sites), politely: one request
at a time per host, a pause between requests, retries with backoff, an honest User-Agent, and a
cache of good answers (7 days) so that a rerun only asks about new or failing links.

Output: one line per broken link, `PAGE -> LINK: reason`, grouped by page, then a summary.
Exit status: 0 no broken links (warnings allowed), 1 broken links found, 2 the check could not run.
Settings: config/linkcheckerrc; hosts that turn robots away: config/link-allowlist.yml;
documentation: config/README.md.
"""


class Progress:
    """One self-erasing status line on a terminal; silent in CI, in pipes and in files."""

    def __init__(self, stream=sys.stderr):
        self.stream = stream
        self.enabled = stream.isatty() and not os.environ.get("CI")
        self.last = 0.0
        self.width = 0

    def __call__(self, message: str) -> None:
        now = time.monotonic()
        if not self.enabled or now - self.last < 0.1:
            return
        self.last = now
        self.stream.write("\r" + message.ljust(self.width))
        self.width = len(message)
        self.stream.flush()

    def clear(self) -> None:
        if self.enabled and self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.width = 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="check_links.py", description=DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=ROOT / "site", metavar="DIR",
                        help="the built site to check (default: site/)")
    parser.add_argument("--external", action="store_true", help="also check outbound links (needs the internet)")
    parser.add_argument("--report", type=Path, metavar="FILE", help="also write a Markdown report to FILE")
    parser.add_argument("--csv", type=Path, metavar="FILE", help="also write the findings as CSV to FILE")
    parser.add_argument("--config", type=Path, default=LINKCHECKERRC, metavar="FILE",
                        help="settings (default: config/linkcheckerrc)")
    parser.add_argument("--allowlist", type=Path, default=ALLOWLIST, metavar="FILE",
                        help="hosts whose 403/429 are warnings (default: config/link-allowlist.yml)")
    parser.add_argument("--cache", type=Path, default=CACHE_FILE, metavar="FILE",
                        help="cache of good external answers (default: .cache/links-external.json)")
    parser.add_argument("--no-cache", action="store_true", help="ask every external link again, keep no cache")
    parser.add_argument("--docs", type=Path, metavar="DIR",
                        help="Markdown sources, to name the file to edit (default: docs/ next to the site)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    progress = Progress()
    docs = args.docs if args.docs is not None else args.site.parent / "docs"
    try:
        settings = load_settings(args.config, args.allowlist)
        report = check_site(args.site, settings, external=args.external, docs_dir=docs if docs.is_dir() else None,
                            cache_file=None if args.no_cache else args.cache, progress=progress)
    except (CheckCouldNotRun, SettingsError) as exc:
        progress.clear()
        print(f"check_links: the check could not run: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        progress.clear()
        print("check_links: interrupted.", file=sys.stderr)
        return 2
    progress.clear()
    sys.stdout.write(text(report))
    try:
        if args.report:
            atomic_write(args.report, markdown(report))
        if args.csv:
            atomic_write(args.csv, csv_text(report))
    except OSError as exc:
        print(f"check_links: cannot write the report: {exc}", file=sys.stderr)
        return 2
    return report.exit_code
