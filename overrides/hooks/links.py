"""MkDocs hook for permanent links: thin on purpose, the logic is in beyond_detox/handouts/.

- on_config: give mkdocs-redirects the redirects written once in data/links.yml.
- on_page_markdown: the handout list on /for-clinicians/ (`<!-- handout-list -->`).
- on_files: a QR code image for each short link (assets/qr/go-WORD.svg).
- on_post_build: write `_redirects` (for hosts that read one).
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mkdocs.exceptions import PluginError  # noqa: E402

from beyond_detox.handouts.links import load_links, redirects_file  # noqa: E402
from beyond_detox.handouts.catalogue import handout_list  # noqa: E402
from beyond_detox.handouts.qr import public_url, qr_files  # noqa: E402
from beyond_detox.problems import ContentError  # noqa: E402
from beyond_detox.atomic import atomic_write_text  # noqa: E402

_links = None


def on_config(config):
    global _links
    try:
        _links = load_links(docs_dir=Path(config.docs_dir))
    except ContentError as error:
        raise PluginError(f"data/links.yml has problems:\n{error}") from None
    redirects = config.plugins.get("redirects")
    if redirects is None:
        raise PluginError("mkdocs.yml must list the `redirects` plugin (permanent links come from data/links.yml)")
    redirects.config["redirect_maps"] = _links.redirect_maps()
    return config


def on_post_build(config):
    base = public_url(config)
    from urllib.parse import urlsplit

    atomic_write_text(Path(config.site_dir) / "_redirects", redirects_file(_links, urlsplit(base).path))


def on_files(files, config):
    from mkdocs.structure.files import File

    for uri, svg in qr_files(_links, public_url(config)).items():
        files.append(File.generated(config, uri, content=svg))
    return files


def on_page_markdown(markdown, page, config, files):
    if "<!-- handout-list -->" in markdown:
        markdown = markdown.replace("<!-- handout-list -->", handout_list(_links, page.file.src_uri, public_url(config)))
    return markdown
