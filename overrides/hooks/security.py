"""MkDocs hook: after the build, lock the site down (beyond_detox/security.py): no source maps, a
strict Content-Security-Policy from the built pages' own inline scripts, in every page and in
`_headers`. Runs after the hooks that write pages, before the service worker's version is taken."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from beyond_detox.security import secure  # noqa: E402


def on_post_build(config):
    # A translation is built into a folder of the site (site/es/, extra.site_root "../"): lock down
    # the whole site again, so `_headers` holds the hashes of both languages' pages.
    site = Path(config.site_dir)
    secure(site.parent if config.extra.get("site_root") else site)
