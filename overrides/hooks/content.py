"""MkDocs hook: render each page's Markdown with beyond_detox.render, and give templates the help lines.

Thin on purpose: the logic lives in beyond_detox/ where tests call it directly.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mkdocs.exceptions import PluginError  # noqa: E402

from beyond_detox.problems import ContentError  # noqa: E402
from beyond_detox.render import SiteData, render_page  # noqa: E402
from beyond_detox.resources import crisis_lines  # noqa: E402
from beyond_detox.search_words import hidden_terms, write_hidden_terms  # noqa: E402

_site: SiteData | None = None
_hidden_terms: dict[str, str] = {}  # page URL -> words for the search index only


def on_config(config):
    global _site
    extra = config.extra
    _site = SiteData(report_error_url=extra.get("report_error_url") or "", repository_url=extra.get("repository_url") or "",
                     publisher=extra.get("publisher") or "", contact_email=extra.get("contact_email") or "")
    return config


def on_env(env, config, files):
    env.globals["crisis_lines"] = crisis_lines()
    env.globals["search_crisis_words"] = list(_site.search_words.crisis_words)
    return env


def on_page_markdown(markdown, page, config, files):
    try:
        rendered = render_page(page.file.src_uri, Path(page.file.abs_src_path), markdown, _site)
        _hidden_terms[page.url] = hidden_terms(page.meta.get("search_terms") or [], markdown, _site.search_words,
                                             page.meta.get("title") or page.title or "", page.file.src_uri)
    except ContentError as error:
        raise PluginError(f"content check failed:\n{error}") from None
    return rendered


def on_post_build(config):
    # Runs after the search plugin wrote its index (hooks come after plugins).
    write_hidden_terms(Path(config.site_dir) / "search" / "search_index.json", _hidden_terms)
