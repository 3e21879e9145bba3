"""Turning an editor's Markdown into the page readers see. Called by overrides/hooks/content.py.

For every page: help-line shortcodes, glossary hover definitions, and the review record.
For articles also: "Also called", numbered citations and the Sources list.
Placeholders: `<!-- glossary -->` (the glossary) and `<!-- bibliography -->` (every source).
"""
from __future__ import annotations

import html
from pathlib import Path
from dataclasses import dataclass
from functools import cached_property

import yaml

from beyond_detox import paths
from beyond_detox.pages.bibliography import Bibliography, check_entries, checked_on, format_reference_html, load_bibliography
from beyond_detox.pages.citations import Citation, find_citations, relative_link, render_citations, sources_section
from beyond_detox.content_model import is_article, validate_meta
from beyond_detox.frontmatter import Page, parse_page
from beyond_detox.pages.includes import check_includes, expand_includes, include_path, included_names
from beyond_detox.pages.glossary import abbreviation_lines, glossary_markdown, load_glossary, words_on_this_page
from beyond_detox.problems import ContentError, Problem, display_path
from beyond_detox.pages.program_questions import checklist_markdown
from beyond_detox.review import review_footer
from beyond_detox.search_words import load_search_words
from beyond_detox.pages.shortcodes import check_shortcodes, render_shortcodes
from beyond_detox.pages.urgent import place_after_key_points, urgent_lines, urgent_markdown
from beyond_detox import i18n, translations


@dataclass
class SiteData:
    """The data files, read once per build."""

    data_dir: Path = paths.DATA
    report_error_url: str = ""  # mkdocs.yml extra.report_error_url, set by the deploy workflow
    repository_url: str = ""    # extra.repository_url: the public source repository (set by the deploy workflow)
    publisher: str = ""         # extra.publisher: who publishes the site; unset = not named, never invented
    contact_email: str = ""     # extra.contact_email: where readers can write; unset = no address shown
    lang: str = "en"            # the build's language (theme.language); other languages live in docs/<lang>/
    docs_dir: Path = paths.DOCS  # the English docs folder (translations are under docs/<lang>/)

    @property
    def includes_dir(self) -> Path:
        return paths.INCLUDES if self.lang == "en" else paths.INCLUDES / self.lang

    @cached_property
    def bibliography(self) -> Bibliography:
        """The bibliography; an entry without DOI, PMID or URL (or without a note) stops the build."""
        bibliography = load_bibliography(self.data_dir / "references.json")
        problems = check_entries(bibliography)
        if problems:
            raise ContentError(problems)
        return bibliography

    @cached_property
    def glossary(self):
        return load_glossary(self.data_dir / "glossary.yml")

    @cached_property
    def search_words(self):
        return load_search_words(self.data_dir / "search-words.yml")

    @cached_property
    def reviewers(self) -> dict:
        data = yaml.safe_load((self.data_dir / "reviewers.yml").read_text(encoding="utf-8")) or {}
        return data.get("reviewers") or {}


def render_page(rel_path: str, source_path: Path, markdown: str, site: SiteData) -> str:
    """rel_path: the page inside docs/ (e.g. 'safety/x.md'); source_path: the file (for front matter and
    line numbers); markdown: the body MkDocs hands over (front matter removed)."""
    page: Page = parse_page(Path(source_path).read_text(encoding="utf-8"), source_path)
    # MkDocs hands over the body without its leading blank lines; count them back for line numbers.
    leading = lambda text: len(text) - len(text.lstrip("\n"))  # noqa: E731
    body_start = page.body_start + leading(page.body) - leading(markdown)
    where = display_path(page.path)
    article = is_article(rel_path)
    meta, problems = validate_meta(page, article)
    problems += check_shortcodes(markdown, where, body_start)
    if meta:
        for level, index, line in urgent_lines(meta.urgent):
            problems += check_shortcodes(line, where, page.line_of("urgent", level, index))
    problems += check_includes(markdown, where, body_start, site.includes_dir)
    sources = [(where, find_citations(markdown, body_start))]
    if meta:
        sources.append((where, [Citation(c.key, page.line_of("urgent", level, index))
                                for level, index, line in urgent_lines(meta.urgent) for c in find_citations(line)]))
    for name in dict.fromkeys(included_names(markdown)):
        block = include_path(name, site.includes_dir)
        if block.exists():
            sources.append((display_path(block), find_citations(block.read_text(encoding="utf-8"))))
    for source, citations in sources:
        for citation in citations:
            if citation.key not in site.bibliography:
                problems.append(Problem(source, citation.line, "citation", f"unknown citation key '{citation.key}' (not in data/references.json)"))
    if meta and meta.review.reviewer and meta.review.reviewer not in site.reviewers:
        problems.append(Problem(where, page.line_of("review", "reviewer"), "review", f"reviewer '{meta.review.reviewer}' is not in data/reviewers.yml"))
    translation = meta.translation if meta else None
    if site.lang != "en" and meta and not translation:
        problems.append(Problem(where, 1, "translation", "a translated page needs `translation: {of: <English page in docs/>}` in its front matter"))
    if translation and not (site.docs_dir / translation.of).is_file():
        problems.append(Problem(where, page.line_of("translation", "of"), "translation", f"translation.of: docs/{translation.of} does not exist"))
    if translation and translation.reviewer and translation.reviewer not in site.reviewers:
        problems.append(Problem(where, page.line_of("translation", "reviewer"), "translation", f"reviewer '{translation.reviewer}' is not in data/reviewers.yml"))
    if meta:
        assets = [("stylesheets", i, href) for i, href in enumerate(meta.stylesheets)]
        assets += [("scripts", i, script.src) for i, script in enumerate(meta.scripts)]
        for key, index, href in assets:
            if not any((folder / href).is_file() for folder in (paths.ROOT / "overrides", site.docs_dir)):
                problems.append(Problem(where, page.line_of(key, index), "assets", f"{key}: {href} is in neither overrides/ nor docs/"))
    if problems:
        raise ContentError(problems)

    text = expand_includes(markdown, site.includes_dir)
    if meta.urgent:
        text = place_after_key_points(text, urgent_markdown(meta.urgent))
    text = render_shortcodes(text)
    if "<!-- glossary -->" in text:
        text = text.replace("<!-- glossary -->", glossary_markdown(site.glossary))
    for placeholder, make in PLACEHOLDERS.items():
        if placeholder in text:
            text = text.replace(placeholder, make(site))
    if "<!-- bibliography -->" in text:
        text = text.replace("<!-- bibliography -->", bibliography_markdown(site.bibliography))
    text, cited = render_citations(text, site.bibliography)
    if meta.also_called:  # genuine other names only; search_terms are never shown
        also = ", ".join(html.escape(term) for term in meta.also_called)
        text = f'<p class="bd-also-called"><strong>{i18n.t("also_called")}</strong> {also}</p>\n\n' + text
    english = site.lang == "en"
    if is_article(rel_path) and english:  # the glossary is in English only
        text += words_on_this_page(markdown, site.glossary, relative_link(rel_path, "glossary.md"))
    text += sources_section(cited, site.bibliography, rel_path)
    text += review_footer(meta, site.reviewers, relative_link(rel_path, "about/editorial-policy.md"),
                          translation_note(translation, site))
    if english:
        text += "\n\n" + abbreviation_lines(site.glossary, text) + "\n"
    else:
        text = stale_notice(rel_path, translation, site) + text
        text = translations.link_untranslated(text, rel_path, site.lang, i18n.t("english_link_note"), site.docs_dir)
    return text


def translation_note(translation, site: SiteData) -> str:
    """A translation says plainly whether a clinician who speaks its language has reviewed it."""
    if not translation:
        return ""
    if translation.reviewer:
        person = site.reviewers[translation.reviewer]
        return html.escape(i18n.t("translation_reviewed", name=person["name"], qualifications=person["qualifications"]))
    return i18n.t("translation_status")


def stale_notice(rel_path: str, translation, site: SiteData) -> str:
    """Shown at the top of a translated page whose English page changed after it was translated."""
    english = site.docs_dir / translation.of
    if translation.source_hash == translations.english_hash(english):
        return ""
    link = translations.relative_url(translations.page_url(translation.of), f"{site.lang}/{translations.page_url(rel_path)}")
    return f'<p class="bd-stale" role="note">{i18n.t("stale_notice", link=link)}</p>\n\n'



def bibliography_markdown(bibliography: Bibliography) -> str:
    """Every reference on the site, alphabetical by first author, in its standard form, with the
    date an editor last checked it. The editors' notes on how it was checked stay in
    data/references.json (`scripts/lint_content.py --sources-report`), not on the public page."""
    items = sorted(bibliography.entries.values(), key=lambda ref: format_reference_html(ref).lower())
    out = ['<ul class="bd-bibliography">']
    for ref in items:
        checked = checked_on(ref)
        when = f'<br><small>Checked by an editor on {checked.day} {checked:%B %Y}.</small>' if checked else ""
        out.append(f'<li id="{html.escape(ref.id)}">{format_reference_html(ref)}{when}</li>')
    out.append("</ul>")
    return "\n".join(out)


def report_error_markdown(site: SiteData) -> str:
    parts = []
    if site.contact_email:
        parts.append(f"**Email the editors: [{site.contact_email}](mailto:{site.contact_email})**. You do not need an account. "
                     "Your email is read by the editors only and is not published.")
    if site.report_error_url:
        parts.append(f"**[Report an error on our public issue form]({site.report_error_url})** (it opens GitHub; you need a free "
                     "account, and reports there are public).")
    else:
        parts.append("**Open an issue in the Beyond Detox source repository on GitHub**, using the \"Content error\" form "
                     "(it needs a free account, and reports there are public).")
    return "\n\n".join(parts)


def publisher_markdown(site: SiteData) -> str:
    if site.publisher:
        return f"Beyond Detox is published by **{html.escape(site.publisher)}**."
    return ("Beyond Detox is an **independent, open-source project**. No company, clinic or treatment provider "
            "publishes or owns it. " + repository_markdown(site))


def repository_markdown(site: SiteData) -> str:
    if site.repository_url:
        return f"Its text, data and code are public in [its source repository]({site.repository_url}), with the full history of every change."
    return "Its text, data and code are kept in a public git repository, with the full history of every change."


def contact_markdown(site: SiteData) -> str:
    if site.contact_email:
        return f"Write to the editors at [{site.contact_email}](mailto:{site.contact_email})."
    return "To reach the editors, use [report an error](report-an-error.md)."


# `<!-- name -->` in a page -> what the site's settings say (mkdocs.yml `extra:`).
PLACEHOLDERS = {
    "<!-- report-error-link -->": report_error_markdown,
    "<!-- publisher -->": publisher_markdown,
    "<!-- repository-link -->": repository_markdown,
    "<!-- contact -->": contact_markdown,
    "<!-- program-questions -->": checklist_markdown,
}
