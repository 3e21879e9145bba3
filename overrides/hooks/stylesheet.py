"""MkDocs hook: after the pages are written, trim the theme's stylesheet to the classes the built
site uses and leave out its unused colour schemes (beyond_detox/css_trim.py). Listed before the
security and offline hooks, which read the finished pages and assets."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from beyond_detox.css_trim import trim_theme_stylesheet  # noqa: E402

log = logging.getLogger("mkdocs.hooks.stylesheet")


def on_post_build(config):
    trimmed = trim_theme_stylesheet(Path(config.site_dir))
    if trimmed:
        log.info("theme stylesheet trimmed to what the site uses: %s -> %s, %d -> %d bytes (%d rules dropped)",
                 trimmed.old_name, trimmed.new_name, trimmed.bytes_before, trimmed.bytes_after, trimmed.rules_dropped)
