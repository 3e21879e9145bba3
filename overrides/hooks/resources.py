"""MkDocs hook for the resource directory: thin on purpose, the logic is in beyond_detox/resources/.

- on_config: load and validate data/resources/ (bad data stops the build: path:line: field: message).
- on_files: add /get-help/directory.json (HSDS-shaped open data) and the local listing pages.
- on_page_markdown: expand `<!-- directory: ... -->` placeholders (the HTML waits in a stash) and
  name the directory's stylesheet for the theme (page.meta.bd_stylesheets);
- on_page_content: put the entries' HTML in place, after the Markdown conversion.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mkdocs.exceptions import PluginError  # noqa: E402

from beyond_detox.resources import ResourceDataError  # noqa: E402
from beyond_detox.resources.render import SelectorError, put_back  # noqa: E402
from beyond_detox.resources.site import DirectorySite  # noqa: E402

_site: DirectorySite | None = None


def on_config(config):
    global _site
    try:
        _site = DirectorySite()
    except ResourceDataError as error:
        raise PluginError(f"data/resources/ has problems:\n{error}") from None
    return config


def on_files(files, config):
    return _site.add_files(files, config)


_stashes: dict[str, list[str]] = {}  # page -> its directory HTML, put back after the Markdown conversion


def on_page_markdown(markdown, page, config, files):
    try:
        stash = _stashes[page.file.src_uri] = []
        page.meta["bd_stylesheets"] = _site.stylesheets(markdown)
        return _site.page_markdown(markdown, page.file.src_uri, stash)
    except SelectorError as error:
        raise PluginError(str(error)) from None


def on_page_content(html, page, config, files):
    return put_back(html, _stashes.pop(page.file.src_uri, []))
