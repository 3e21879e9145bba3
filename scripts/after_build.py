#!/usr/bin/env python3
"""After-build steps on a finished site folder, for a builder that runs no MkDocs hooks (Zensical):
trim the theme's stylesheet, write `_redirects` and the short links' QR images, one sitemap for both
languages, the Content-Security-Policy (in every page and `_headers`), the web app manifest and the
service worker. `make build` does all of this through the hooks; never run it on `site/` after them.

Usage: scripts/after_build.py --site .cache/prebuilt/site   (after `zensical build` of both configs)
"""
import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from beyond_detox.after_build import after_build  # noqa: E402
from beyond_detox.handouts.qr import LOCAL_URL  # noqa: E402
from beyond_detox.paths import ROOT  # noqa: E402
from beyond_detox.prebuild import load_config  # noqa: E402
from beyond_detox.problems import ContentError  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", required=True, help="the built site folder (English at its root, Spanish in es/)")
    parser.add_argument("--config", default=str(ROOT / "mkdocs.yml"), help="the English config (default: mkdocs.yml)")
    args = parser.parse_args(argv)
    site = Path(args.site)
    if not (site / "index.html").is_file():
        print(f"{site}: no index.html, so no built site here; build it first", file=sys.stderr)
        return 1
    try:
        config = load_config(Path(args.config))
    except ContentError as error:
        print(error, file=sys.stderr)
        return 1
    public_url = (config.get("extra") or {}).get("public_url") or LOCAL_URL
    public_url = public_url if public_url.endswith("/") else public_url + "/"
    docs_dir = Path(args.config).resolve().parent / config.get("docs_dir", "docs")
    for line in after_build(site, config.get("site_name", ""), config.get("site_description", ""), public_url, docs_dir):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
