#!/usr/bin/env python3
"""Page weight of the built site: what a phone on a slow network downloads for each page.

Prints, per page, the HTML size (raw and gzip), and the shared first-visit cost (CSS, JS, search
index), against budgets. Figures only: not a pass/fail test. Run `make build` first.
"""
import argparse
import gzip
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET_HTML_GZIP = 20_000          # one article's HTML, compressed
BUDGET_FIRST_VISIT_GZIP = 100_000  # HTML + CSS + JS of a first visit, compressed (search index excluded)


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").exists():
        print(f"{args.site}: no built site; run `make build`", file=sys.stderr)
        return 2
    pages = sorted(p for p in args.site.rglob("index.html") if "assets" not in p.parts)
    print(f"{'page':58} {'html':>8} {'gzip':>7}  first visit (gzip)")
    worst = 0
    for page in pages:
        html = page.read_bytes()
        assets = re.findall(rb'(?:href|src)="([^"]+\.(?:css|js))"', html)
        shared = 0
        for ref in assets:
            target = (page.parent / ref.decode().split("?")[0]).resolve()
            if target.exists():
                shared += gz(target.read_bytes())
        first = gz(html) + shared
        worst = max(worst, first)
        flag = "" if gz(html) <= BUDGET_HTML_GZIP and first <= BUDGET_FIRST_VISIT_GZIP else "  over budget"
        name = "/" + page.relative_to(args.site).parent.as_posix().replace(".", "")
        print(f"{name:58} {len(html):8d} {gz(html):7d}  {first:8d}{flag}")
    index = args.site / "search" / "search_index.json"
    if index.exists():
        print(f"\nsearch index: {index.stat().st_size} bytes, {gz(index.read_bytes())} gzip (loaded when search opens)")
    print(f"budgets: HTML {BUDGET_HTML_GZIP} B gzip per page; first visit {BUDGET_FIRST_VISIT_GZIP} B gzip; heaviest first visit: {worst} B")
    return 0


if __name__ == "__main__":
    sys.exit(main())
