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

_site: SiteData | None = None


def on_config(config):
    global _site
    _site = SiteData(report_error_url=config.extra.get("report_error_url") or "")
    return config


def on_env(env, config, files):
    env.globals["crisis_lines"] = crisis_lines()
    return env


def on_page_markdown(markdown, page, config, files):
    try:
        return render_page(page.file.src_uri, Path(page.file.abs_src_path), markdown, _site)
    except ContentError as error:
        raise PluginError(f"content check failed:\n{error}") from None
