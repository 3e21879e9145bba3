#!/usr/bin/env python3
"""The list of every address the site has ever published (data/published-urls.txt).

Clinics print and text these addresses, so none may stop working: a test fails if a listed
address no longer opens a page (directly, or through a redirect in data/links.yml). The list
only grows. After adding pages, run with --add to append their addresses (build first).

  scripts/published_urls.py          # show addresses built but not yet listed (exit 1 if any)
  scripts/published_urls.py --add    # append them
"""
import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from beyond_detox.atomic import atomic_write_text  # noqa: E402
from beyond_detox.built_site import is_redirect_stub  # noqa: E402
from beyond_detox.handouts.links import PUBLISHED, read_published  # noqa: E402
from beyond_detox.paths import ROOT  # noqa: E402


def built_addresses(site: Path) -> list[str]:
    found = []
    for html in sorted(site.rglob("index.html")):
        rel = html.relative_to(site).parent.as_posix()
        if rel.startswith(("assets", "search")) or is_redirect_stub(html):
            continue
        found.append("/" if rel == "." else f"/{rel}/")
    return found


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--add", action="store_true", help="append the new addresses to data/published-urls.txt")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").exists():
        parser.error(f"{args.site}: no built site; run make build")
    listed = read_published()
    new = [url for url in built_addresses(args.site) if url not in listed]
    if not new:
        print("every built page is listed")
        return 0
    if args.add:
        text = PUBLISHED.read_text(encoding="utf-8").rstrip("\n") + "\n" + "\n".join(new) + "\n"
        atomic_write_text(PUBLISHED, text)
        print(f"added {len(new)} address(es) to {PUBLISHED.relative_to(ROOT)}")
        return 0
    print("built but not listed in data/published-urls.txt (run with --add):")
    print("\n".join(f"  {url}" for url in new))
    return 1


if __name__ == "__main__":
    sys.exit(main())
