#!/usr/bin/env python3
"""Build the site strictly into site/: any MkDocs warning or error fails the build.

Prints only the warnings and errors (MkDocs' INFO lines are hidden) and exits 1 if there are any.
Use this, not `mkdocs build --strict --quiet`: with --quiet, MkDocs 1.6 does not count warnings.
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from beyond_detox.build import build_site  # noqa: E402
from beyond_detox.paths import ROOT  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site-dir", help="where to write the site (default: site/)")
    parser.add_argument("--project", default=str(ROOT), help="the folder holding mkdocs.yml (default: this repository)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    if sys.stdout.isatty():
        print("Building the site (strict) ...", flush=True)
    result = build_site(args.project, args.site_dir)
    for line in result.problems:
        print(line, file=sys.stderr)
    if not result.ok:
        print(f"Build failed: {len(result.problems)} warning or error line(s) above. The strict build accepts none.", file=sys.stderr)
        return 1
    if sys.stdout.isatty():
        print(f"Built in {time.monotonic() - started:.1f} s, no warnings.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
