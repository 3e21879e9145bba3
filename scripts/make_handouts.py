#!/usr/bin/env python3
"""Make the printed handouts into the built site (run `make build` first; `make handouts` does both).

For every article, a key-points handout PDF (at most 2 US Letter pages), and the one-page
after-detox discharge sheet, printed by headless Chromium from the built pages, into
site/handouts/, and the same for the Spanish edition into site/es/handouts/. Shows progress on a terminal; quiet otherwise. Exit 1 if a handout is over its
page limit, 2 if it cannot run (no built site, no browser).
"""
import argparse
import io
import os
import sys
from pathlib import Path

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from beyond_detox.browser import CHROMIUM_ARGS, find_chromium  # noqa: E402
from beyond_detox.handouts.pdf import all_handouts, render  # noqa: E402
from beyond_detox.links.server import serve  # noqa: E402
from beyond_detox.paths import ROOT  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").exists():
        print(f"{args.site}: no built site; run make build first", file=sys.stderr)
        return 2
    executable = find_chromium()
    if not executable:
        print("No Chromium found: run `make browser` (apt-get install -y chromium)", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright
    from pypdf import PdfReader

    # The Spanish edition's too, once it is built (site/es/).
    todo = [h for h in all_handouts() if (args.site / h.url / "index.html").exists()]
    over = []
    tty = sys.stdout.isatty()
    with serve(args.site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page()
        for number, handout in enumerate(todo, start=1):
            target = render(page, base, handout, args.site)
            pages = len(PdfReader(io.BytesIO(target.read_bytes())).pages)
            if pages > handout.page_limit:
                over.append(f"{handout.pdf}: {pages} pages (limit {handout.page_limit})")
            if tty:
                print(f"\r[{number}/{len(todo)}] {handout.pdf} ({pages} p)".ljust(80), end="", flush=True)
        browser.close()
    if tty:
        print()
    for line in over:
        print(f"over its page limit: {line}", file=sys.stderr)
    if tty or over:
        print(f"{len(todo)} handouts in {args.site / 'handouts'} and {args.site / 'es' / 'handouts'}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
