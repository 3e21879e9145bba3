"""The What's new page (/about/whats-new/): pages by the date of their last review, newest first.

The page docs/about/whats-new.md holds the placeholder `<!-- whats-new -->`; the MkDocs hook
overrides/hooks/whats_new.py replaces it at build time with the list made here, so it can never
fall behind the pages. Each entry: the date (front matter `review.reviewed_on`: the date an
editor last checked the page, so a new page and a corrected page both appear), the page's title
linked, the section it sits in (as the navigation names it), and "draft" for a page not yet
reviewed. Pages without a review record, pages outside the navigation, and the What's new
page itself are left out.
"""
from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass
from pathlib import Path

from beyond_detox.frontmatter import read_page
from beyond_detox.problems import ContentError
from beyond_detox.resources.dates import long_date

PLACEHOLDER = "<!-- whats-new -->"
# Section names when the navigation is not at hand (tests, scripts): the nav's own labels.
FOLDER_SECTIONS = {
    "understand": "Understand", "treatment": "Treatment", "safety": "Stay safe", "families": "Families",
    "recovery": "Recovery", "get-help": "Get help", "about": "About", "handouts": "For clinicians",
}


@dataclass(frozen=True)
class Entry:
    rel: str          # the page inside docs/, e.g. 'safety/overdose-risk-after-detox.md'
    title: str
    section: str      # '' for a page at the top of the navigation (Home, Glossary)
    day: dt.date      # review.reviewed_on
    status: str       # draft | editorial | clinical


def nav_sections(nav) -> dict[str, str]:
    """From a MkDocs Navigation: each page's source path -> the title of its top-level section.
    Pages at the top level get '' (they are their own entry in the menu)."""
    sections: dict[str, str] = {}

    def walk(items, top: str) -> None:
        for item in items:
            if getattr(item, "is_section", False):
                walk(item.children or [], top or str(item.title))
            elif getattr(item, "is_page", False) and getattr(item, "file", None) is not None:
                sections[item.file.src_uri] = top

    walk(getattr(nav, "items", []) or [], "")
    return sections


def config_nav_sections(nav: list) -> dict[str, str]:
    """The same from mkdocs.yml's `nav:` list, for a step that runs without MkDocs (the pre-build)."""
    sections: dict[str, str] = {}

    def walk(items, top: str) -> None:
        for item in items or []:
            if isinstance(item, str):
                sections[item] = top
            elif isinstance(item, dict):
                for title, value in item.items():
                    if isinstance(value, list):
                        walk(value, top or str(title))
                    elif isinstance(value, str) and value.endswith(".md"):
                        sections[value] = top

    walk(nav, "")
    return sections


def section_of(rel: str, sections: dict[str, str] | None = None) -> str:
    if sections and rel in sections:
        return sections[rel]
    folder = rel.split("/", 1)[0] if "/" in rel else ""
    return FOLDER_SECTIONS.get(folder, folder.replace("-", " ").capitalize())


def collect(docs_dir: Path, sections: dict[str, str] | None = None, exclude: tuple[str, ...] = ()) -> list[Entry]:
    """Every page with a review date, newest first (then by section and title). With `sections`
    (from the navigation), only the pages in the navigation."""
    docs_dir = Path(docs_dir)
    entries = []
    for path in sorted(docs_dir.rglob("*.md")):
        rel = path.relative_to(docs_dir).as_posix()
        if rel in exclude or (sections is not None and rel not in sections):
            continue  # the page itself, and pages outside the navigation (the offline page, 404)
        try:
            page = read_page(path)
        except ContentError:  # the content check reports it
            continue
        review = page.meta.get("review")
        if not isinstance(review, dict):
            continue
        try:
            day = dt.date.fromisoformat(str(review.get("reviewed_on")))
        except ValueError:
            continue
        entries.append(Entry(rel, str(page.meta.get("title") or path.stem), section_of(rel, sections), day,
                             str(review.get("status") or "")))
    return sorted(entries, key=lambda e: (-e.day.toordinal(), e.section, e.title.lower()))


def render(entries: list[Entry], current: str, limit: int | None = None) -> str:
    """Markdown: one heading per date, newest first; under it each page, linked relative to `current`."""
    if not entries:
        return "No page has a review date yet."
    here = posixpath.dirname(current)
    out: list[str] = []
    day = None
    for entry in entries[:limit]:
        if entry.day != day:
            day = entry.day
            out += ["", f"## {long_date(day)}", ""]
        link = posixpath.relpath(entry.rel, here or ".")
        where = f" ({entry.section})" if entry.section else ""
        draft = ": draft, not reviewed yet" if entry.status == "draft" else ""
        out.append(f"- [{entry.title}]({link}){where}{draft}")
    return "\n".join(out).strip() + "\n"


def replace_placeholder(markdown: str, docs_dir: Path, current: str, sections: dict[str, str] | None = None) -> str:
    """The page's Markdown with the placeholder replaced by the list (unchanged if it has none)."""
    if PLACEHOLDER not in markdown:
        return markdown
    return markdown.replace(PLACEHOLDER, render(collect(docs_dir, sections, exclude=(current,)), current))
