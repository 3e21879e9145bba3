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
from beyond_detox.bibliography import Bibliography, check_entries, format_reference_html, load_bibliography
from beyond_detox.citations import find_citations, relative_link, render_citations, sources_section
from beyond_detox.content_model import is_article, validate_meta
from beyond_detox.frontmatter import Page, parse_page
from beyond_detox.includes import check_includes, expand_includes, include_path, included_names
from beyond_detox.glossary import abbreviation_lines, glossary_markdown, load_glossary, words_on_this_page
from beyond_detox.problems import ContentError, Problem, display_path
from beyond_detox.review import review_footer
from beyond_detox.shortcodes import check_shortcodes, render_shortcodes


@dataclass
class SiteData:
    """The data files, read once per build."""

    data_dir: Path = paths.DATA
    report_error_url: str = ""  # mkdocs.yml extra.report_error_url, set by the deploy workflow

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
    problems += check_includes(markdown, where, body_start)
    sources = [(where, find_citations(markdown, body_start))]
    for name in dict.fromkeys(included_names(markdown)):
        block = include_path(name)
        if block.exists():
            sources.append((display_path(block), find_citations(block.read_text(encoding="utf-8"))))
    for source, citations in sources:
        for citation in citations:
            if citation.key not in site.bibliography:
                problems.append(Problem(source, citation.line, "citation", f"unknown citation key '{citation.key}' (not in data/references.json)"))
    if meta and meta.review.reviewer and meta.review.reviewer not in site.reviewers:
        problems.append(Problem(where, page.line_of("review", "reviewer"), "review", f"reviewer '{meta.review.reviewer}' is not in data/reviewers.yml"))
    if problems:
        raise ContentError(problems)

    text = render_shortcodes(expand_includes(markdown))
    if "<!-- glossary -->" in text:
        text = text.replace("<!-- glossary -->", glossary_markdown(site.glossary))
    if "<!-- report-error-link -->" in text:
        text = text.replace("<!-- report-error-link -->", report_error_markdown(site.report_error_url))
    if "<!-- bibliography -->" in text:
        text = text.replace("<!-- bibliography -->", bibliography_markdown(site.bibliography))
    text, cited = render_citations(text, site.bibliography)
    if meta.also_called:
        also = ", ".join(html.escape(term) for term in meta.also_called)
        text = f'<p class="bd-also-called"><strong>Also called:</strong> {also}</p>\n\n' + text
    if is_article(rel_path):
        text += words_on_this_page(markdown, site.glossary, relative_link(rel_path, "glossary.md"))
    text += sources_section(cited, site.bibliography, rel_path)
    text += review_footer(meta, site.reviewers, relative_link(rel_path, "about/editorial-policy.md"))
    text += "\n\n" + abbreviation_lines(site.glossary) + "\n"
    return text


def bibliography_markdown(bibliography: Bibliography) -> str:
    """Every reference on the site, alphabetical by first author, with its confirmation note."""
    items = sorted(bibliography.entries.values(), key=lambda ref: format_reference_html(ref).lower())
    out = ['<ul class="bd-bibliography">']
    for ref in items:
        note = html.escape(str(ref.data.get("note", "")))
        out.append(f'<li id="{html.escape(ref.id)}">{format_reference_html(ref)}<br><small>Where we confirmed it: {note}</small></li>')
    out.append("</ul>")
    return "\n".join(out)


def report_error_markdown(url: str) -> str:
    if url:
        return f"**[Report an error on our public issue form]({url})** (it opens GitHub; you need a free account)."
    return (
        "**Open an issue in the Beyond Detox source repository on GitHub**, using the "
        "\"Content error\" form (it needs a free account)."
    )
