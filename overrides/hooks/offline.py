"""MkDocs hook: after the build, write the service worker (with this build's file list and
version) and the web app manifest. Thin on purpose: the logic is in beyond_detox/offline.py."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from beyond_detox.offline import write_manifest, write_service_worker  # noqa: E402


def on_post_build(config):
    # After the other hooks (search words, redirects): the version covers everything built.
    # A translation (site/es/, extra.site_root "../") shares the root's worker and manifest, and the
    # worker, rewritten after it, precaches its key pages too.
    if config.extra.get("site_root"):
        write_service_worker(Path(config.site_dir).parent)
        return
    write_manifest(Path(config.site_dir), config.site_name, " ".join(str(config.site_description).split()))
    write_service_worker(Path(config.site_dir))
