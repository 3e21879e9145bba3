#!/usr/bin/env python3
"""Serve the built site (site/: English at /, Spanish at /es/) on http://127.0.0.1:8000.

`make serve` builds both languages first (scripts/build_site.py), then runs this. For live reload
while writing English pages, `make serve-live` runs `mkdocs serve` (English only: the Spanish
edition is a second build, see README.md "Spanish edition"). Stop with Ctrl-C.
"""
import argparse
import os
import sys
import threading

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from beyond_detox.paths import ROOT  # noqa: E402
from beyond_detox.serve import serve_directory  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", default=str(ROOT / "site"), help="the built site (default: site/)")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    if not os.path.isfile(os.path.join(args.site, "index.html")):
        print(f"{args.site}/index.html not found: build first (make build)", file=sys.stderr)
        return 1
    if not os.path.isfile(os.path.join(args.site, "handouts", "after-detox.pdf")):
        # The handout links on /for-clinicians/ and the discharge sheet would answer 404.
        print("No PDF handouts in this build: their links answer 404. `make handouts` prints them (needs Chromium).",
              flush=True)
    server, url = serve_directory(args.site, args.port)
    print(f"Serving {args.site} on {url}/ (Spanish: /es/). Ctrl-C to stop.", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
