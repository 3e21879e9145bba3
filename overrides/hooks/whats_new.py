"""MkDocs hook for /about/whats-new/: thin on purpose, the logic is in beyond_detox/editor/whats_new.py.

- on_nav: remember which section of the navigation each page sits in.
- on_page_markdown: replace `<!-- whats-new -->` with the pages by their last review date, newest first.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from beyond_detox.editor.whats_new import PLACEHOLDER, nav_sections, replace_placeholder  # noqa: E402

_sections: dict[str, str] = {}


def on_nav(nav, config, files):
    _sections.clear()
    _sections.update(nav_sections(nav))
    return nav


def on_page_markdown(markdown, page, config, files):
    if PLACEHOLDER not in markdown:
        return markdown
    return replace_placeholder(markdown, Path(config.docs_dir), page.file.src_uri, _sections)
