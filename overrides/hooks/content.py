"""MkDocs hook: render each page's Markdown with beyond_detox.pages.render (citations become links after the
conversion), and give templates their data as plain values (beyond_detox/pages/template_data.py):
`config.extra.bd` for the whole build, `page.meta.bd_*` for each page.

Thin on purpose: the logic lives in beyond_detox/ where tests call it directly.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mkdocs.exceptions import PluginError  # noqa: E402

from beyond_detox import i18n, translations  # noqa: E402
from beyond_detox.pages.citations import put_back_citations  # noqa: E402
from beyond_detox.problems import ContentError  # noqa: E402
from beyond_detox.pages.render import SiteData, render_page  # noqa: E402
from beyond_detox.search_words import hidden_terms, write_hidden_terms  # noqa: E402
from beyond_detox.handouts.links import load_links  # noqa: E402
from beyond_detox.handouts.qr import public_url  # noqa: E402
from beyond_detox.pages.template_data import page_values, site_values  # noqa: E402

_site: SiteData | None = None
_hidden_terms: dict[str, str] = {}  # page URL -> words for the search index only


_alternates: dict[str, str] = {}  # this build's page -> the same page in the other language (src paths)
_links = None  # data/links.yml (English build): the short /go/ addresses printed on pages


def on_config(config):
    global _site, _alternates, _links
    _links = None
    extra = config.extra
    lang = config.theme["language"]
    i18n.set_language(lang)
    _site = SiteData(report_error_url=extra.get("report_error_url") or "", repository_url=extra.get("repository_url") or "",
                     publisher=extra.get("publisher") or "", contact_email=extra.get("contact_email") or "", lang=lang)
    _alternates = translations.counterparts(lang)
    extra["bd"] = site_values(lang, _site.search_words)
    return config


def on_page_context(context, page, config, nav):
    global _links
    if _site.lang == "en" and _links is None:
        try:
            _links = load_links(docs_dir=Path(config.docs_dir))
        except ContentError as error:
            raise PluginError(f"data/links.yml has problems:\n{error}") from None
    page.meta.update(page_values(page.file.src_uri, page.url, _site.lang, public_url(config), _links, _alternates))
    return context


def on_page_markdown(markdown, page, config, files):
    try:
        rendered = render_page(page.file.src_uri, Path(page.file.abs_src_path), markdown, _site)
        _hidden_terms[page.url] = hidden_terms(page.meta.get("search_terms") or [], markdown, _site.search_words,
                                             page.meta.get("title") or page.title or "", page.file.src_uri)
    except ContentError as error:
        raise PluginError(f"content check failed:\n{error}") from None
    return rendered


def on_page_content(html, page, config, files):
    return put_back_citations(html)


def on_post_build(config):
    # Runs after the search plugin wrote its index (hooks come after plugins).
    write_hidden_terms(Path(config.site_dir) / "search" / "search_index.json", _hidden_terms)
    if config.extra.get("site_root"):  # the last build (the translation): one sitemap for the whole site
        from beyond_detox.handouts.qr import public_url
        translations.write_sitemap(Path(config.site_dir).parent, public_url(config))
