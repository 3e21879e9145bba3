"""A new article, ready to write: a valid draft at docs/SECTION/SLUG.md, added to the navigation.

Called by scripts/new_article.py. The skeleton passes `make lint` at once, honestly:

- `review.status: draft` with today's date and the next review one year later;
- a "Key points" box first, a visible "Draft" box, a commented-out "When to get help" example,
  and "Related pages" linking the overdose page (every article links it);
- no invented sources. An article needs at least three cited sources (beyond_detox.lint), so the
  skeleton cites three sources that are already in data/references.json, chosen for the section,
  in example sentences that say only what each source's checking note says. A TODO in the front
  matter and in the page tells the editor to replace them with the page's own sources.

The page is added to the `nav:` of mkdocs.yml by inserting one line after the section's last
page (a text edit: comments and layout stay as they are), then the file is written atomically.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from beyond_detox.atomic import atomic_write_text
from beyond_detox.content_model import ARTICLE_SECTIONS, Audience, validate_meta
from beyond_detox.frontmatter import parse_page
from beyond_detox.problems import ContentError, Problem, display_path

AUDIENCES = tuple(a.value for a in Audience)
OVERDOSE_PAGE = "safety/overdose-risk-after-detox.md"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_SLUG = 60

# Three sources per section that are already in data/references.json, each with an example
# sentence that says no more than the source's checking note. They only show how to cite; the
# editor replaces them (the skeleton says so twice). Help lines are shortcodes, never typed.
EXAMPLE_SOURCES: dict[str, list[tuple[str, str]]] = {
    "understand": [
        ("santo2022", "Depression is common in people with opioid use disorder: more than 1 in 3 have it now"),
        ("nasem2019", "Medicines for opioid use disorder work, and they save lives"),
        ("nida-words-matter", "Words that shame people can keep them from getting help"),
    ],
    "treatment": [
        ("samhsa-tip63", "The FDA has approved three medicines for opioid use disorder"),
        ("nasem2019", "These medicines work, and they save lives"),
        ("sordo2017", "People were much less likely to die while they were in methadone or buprenorphine treatment than after they left it"),
    ],
    "safety": [
        ("strang2003", "In one small study, all the overdose deaths in the four months after detox were among people who had finished detox"),
        ("cdc-overdose-response", "If you think someone is overdosing, give naloxone if you have it and call [[call:emergency-911]]"),
        ("nasem2019", "Medicines for opioid use disorder work, and they save lives"),
    ],
    "families": [
        ("archer2020", "Family training (CRAFT) helped more loved ones start treatment than other ways of helping"),
        ("nida-words-matter", "Words that shame people can keep them from getting help"),
        ("nasem2019", "Medicines for opioid use disorder work, and they save lives"),
    ],
    "recovery": [
        ("lapse-relapse-2010", "Using again after detox is common"),
        ("reif2014", "Support from peers who have been there may help people stay in treatment"),
        ("nasem2019", "Medicines for opioid use disorder work, and they save lives"),
    ],
}
assert set(EXAMPLE_SOURCES) == set(ARTICLE_SECTIONS), "every article section needs its example sources"


class ScaffoldError(Exception):
    """A problem the editor must fix; exit_code 2 = bad input (usage), 1 = refused (nothing written)."""

    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self.exit_code = exit_code


@dataclass
class Created:
    page: Path
    nav_line: str
    problems: list[Problem] = field(default_factory=list)  # what `make lint` says about the new page (should be none)


# --- input -----------------------------------------------------------------------------------

def slugify(title: str) -> str:
    """'Sleep & dreams after detox?' -> 'sleep-dreams-after-detox' (ASCII, at most 60 characters, whole words)."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii").lower()
    ascii_title = ascii_title.replace("'", "").replace("’", "")
    words = re.findall(r"[a-z0-9]+", ascii_title)
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > MAX_SLUG:
            break
        slug = candidate
    return slug or (words[0][:MAX_SLUG] if words else "")


def check_section(section: str) -> str:
    section = section.strip().strip("/").lower()
    if section not in ARTICLE_SECTIONS:
        raise ScaffoldError(f"unknown section '{section}': choose one of {', '.join(ARTICLE_SECTIONS)}", 2)
    return section


def check_audience(audience: str) -> str:
    audience = audience.strip().lower()
    if audience not in AUDIENCES:
        raise ScaffoldError(f"unknown audience '{audience}': choose one of {', '.join(AUDIENCES)}", 2)
    return audience


def check_title(title: str) -> str:
    title = " ".join(title.split())
    if not 3 <= len(title) <= 90:
        raise ScaffoldError(f"the title must be 3 to 90 characters long (it has {len(title)})", 2)
    return title


def check_slug(slug: str) -> str:
    slug = slug.strip().removesuffix(".md")
    if not SLUG.match(slug) or len(slug) > MAX_SLUG or slug == "index":
        raise ScaffoldError(f"bad slug '{slug}': use lower-case words joined by hyphens, at most {MAX_SLUG} characters "
                            "(it becomes the page's permanent address)", 2)
    return slug


def split_terms(text: str | list[str] | None) -> list[str]:
    """Search terms from 'dope sick, bupe' (or a list): trimmed, no empty or repeated ones."""
    items = text if isinstance(text, list) else (text or "").split(",")
    out: list[str] = []
    for item in items:
        item = " ".join(str(item).split())
        if item and item not in out:
            out.append(item)
    return out


def one_year_later(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


# --- the page --------------------------------------------------------------------------------

def _scalar(text: str) -> str:
    """A YAML scalar: plain when that is safe, else double-quoted (JSON strings are valid YAML)."""
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9 ,.'()?!&/-]*", text) and not text.endswith((" ", ":")) and yaml.safe_load(text) == text:
        return text
    return json.dumps(text, ensure_ascii=False)


def skeleton(title: str, section: str, audience: str, search_terms: list[str], today: dt.date) -> str:
    """The text of a new draft article (front matter and body)."""
    examples = EXAMPLE_SOURCES[section]
    keys = ", ".join(key for key, _ in examples)
    terms = ", ".join(json.dumps(term, ensure_ascii=False) for term in search_terms)
    overdose = f"../{OVERDOSE_PAGE}"
    cited = "\n".join(f"- {sentence} [@{key}]." for key, sentence in examples)
    return f"""---
# Made by scripts/new_article.py on {today.isoformat()}. Every field is explained in CONTRIBUTING.md.
title: {_scalar(title)}
description: >-
  TODO: say in one or two plain sentences what this page tells the reader.
audience: {audience}
# also_called: [another name readers know the topic by]   # optional: shown as "Also called: ..."
search_terms: [{terms}]   # hidden: words and phrases readers type (search only)
# When to get help (optional): keep only the levels this page needs, cite each line, and remove
# the "# " in front of each line. The build shows it right after the key points, with the numbers.
# urgent:
#   emergency:
#     - Someone will not wake up, or their breathing is slow or has stopped.
#   urgent:
#     - You are thinking about ending your life.
#   soon:
#     - You have no plan yet for medication or a next appointment.
review:
  status: draft                 # editorial only once an editor has checked every claim against its source
  reviewed_on: {today.isoformat()}
  next_review: {one_year_later(today).isoformat()}
# TODO: these three are EXAMPLE sources, so that the page passes `make lint` from the start.
# Replace them with the sources this page really cites (new ones: scripts/add_reference.py).
references: [{keys}]   # TODO: replace
---

!!! note "Key points"

    - TODO: the most important thing for the reader, in one short sentence.
    - TODO: what the reader can do next, and where to get help.

!!! warning "Draft"

    This page is not finished. TODO: write the page, then delete this box.

## TODO: a heading in plain words

TODO: write short sentences in plain words. Put each source right after the claim it backs.

These lines show how to cite. Their sources are only examples: replace them with your own.

{cited}

## Related pages

- [Overdose risk after detox]({overdose})
- TODO: add links to two or three pages on the same topic.
"""


# --- the navigation --------------------------------------------------------------------------

_NAV_START = re.compile(r"^nav:\s*(#.*)?$")
_TOP_LEVEL = re.compile(r"^[^\s#-]")


def _nav_entry(section: str) -> re.Pattern:
    # "  - understand/x.md" or "  - Some title: understand/x.md", optionally with a comment.
    return re.compile(r"^(?P<indent>\s*)- (?:(?:\"[^\"]*\"|'[^']*'|[^:#\"']+):\s+)?(?P<path>" + re.escape(section) +
                      r"/[^\s#/]+\.md)\s*(?:#.*)?$")


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as data: !ENV and other tags become None (only the nav matters here)."""


_AnyTagLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_AnyTagLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def _nav_pages(item) -> list[str]:
    if isinstance(item, str):
        return [item]
    if isinstance(item, list):
        return [page for sub in item for page in _nav_pages(sub)]
    if isinstance(item, dict):
        return [page for value in item.values() for page in _nav_pages(value)]
    return []


def nav_sections(text: str) -> list[list[str]]:
    """The pages under each top-level entry of the nav (one list per entry)."""
    config = yaml.load(text, Loader=_AnyTagLoader) or {}
    return [_nav_pages(item) for item in config.get("nav") or []]


def add_to_nav(text: str, section: str, rel: str) -> tuple[str, str]:
    """Insert `- rel` after the last nav entry of `section`/; returns (new text, the line added).
    Only that one line changes. Raises ScaffoldError if the nav has no page of that section."""
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if _NAV_START.match(line.rstrip("\n"))), None)
    if start is None:
        raise ScaffoldError("mkdocs.yml has no `nav:` list; add the page to the navigation by hand")
    end = next((i for i in range(start + 1, len(lines)) if _TOP_LEVEL.match(lines[i])), len(lines))
    entry = _nav_entry(section)
    found = [(i, m) for i in range(start + 1, end) if (m := entry.match(lines[i].rstrip("\n")))]
    if any(m.group("path") == rel for _, m in found):
        raise ScaffoldError(f"mkdocs.yml already lists {rel} in its nav")
    if not found:
        raise ScaffoldError(f"mkdocs.yml's nav has no page in {section}/ to put the new page after; add it by hand")
    index, match = found[-1]
    new_line = f"{match.group('indent')}- {rel}"
    newline = "\r\n" if lines[index].endswith("\r\n") else "\n"
    if not lines[index].endswith(("\n", "\r")):
        lines[index] += newline
    lines.insert(index + 1, new_line + newline)
    new_text = "".join(lines)
    # The edit must leave the YAML readable, with the page in the same group as its section's pages.
    try:
        groups = nav_sections(new_text)
    except yaml.YAMLError as exc:  # pragma: no cover - a text insertion after a list item keeps the YAML valid
        raise ScaffoldError(f"adding the page would break mkdocs.yml: {exc}") from None
    group = next((g for g in groups if rel in g), None)
    if group is None or match.group("path") not in group:
        raise ScaffoldError(f"could not place {rel} next to {match.group('path')} in mkdocs.yml's nav; add it by hand")
    return new_text, new_line.strip()


def _update_nav(config: Path, section: str, rel: str, attempts: int = 3) -> str:
    """Read, insert, write atomically; if someone changed mkdocs.yml meanwhile, start again."""
    for _ in range(attempts):
        before = config.read_text(encoding="utf-8")
        new_text, line = add_to_nav(before, section, rel)
        if config.read_text(encoding="utf-8") == before:
            atomic_write_text(config, new_text)
            return line
    raise ScaffoldError("mkdocs.yml kept changing while the page was being added; run the command again")


# --- all together ----------------------------------------------------------------------------

def create_article(root: Path, title: str, section: str, audience: str, search_terms: list[str] | str | None = None,
                   slug: str | None = None, today: dt.date | None = None, check: bool = True) -> Created:
    """Write docs/SECTION/SLUG.md and add it to mkdocs.yml's nav under SECTION.

    Raises ScaffoldError: exit_code 2 for bad input (unknown section or audience, bad title or slug),
    1 when it refuses (the page exists, or the nav cannot take it). Nothing is written then."""
    root = Path(root)
    today = today or dt.date.today()
    title = check_title(title)
    section = check_section(section)
    audience = check_audience(audience)
    slug = check_slug(slug if slug else slugify(title))
    terms = split_terms(search_terms)
    rel = f"{section}/{slug}.md"
    target = root / "docs" / rel
    config = root / "mkdocs.yml"
    if target.exists():
        raise ScaffoldError(f"{display_path(target)} already exists: nothing was written. Edit that page, or choose another --slug.")
    if not config.exists():
        raise ScaffoldError(f"{config}: no mkdocs.yml here (is --root the project folder?)", 2)
    add_to_nav(config.read_text(encoding="utf-8"), section, rel)  # fail before writing anything

    text = skeleton(title, section, audience, terms, today)
    try:
        _, problems = validate_meta(parse_page(text, target), article=True)
    except ContentError as error:
        problems = error.problems
    if problems:  # e.g. a title the model refuses: say so, write nothing
        raise ScaffoldError("the new page would not be valid:\n" + "\n".join(p.message for p in problems), 2)

    atomic_write_text(target, text)
    try:
        line = _update_nav(config, section, rel)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    created = Created(target, line)
    if check:  # the page is written: a failure here must not hide that, so it becomes a problem line
        where = display_path(target)
        try:
            from beyond_detox.lint import lint

            result = lint([target], docs_dir=root / "docs", data_dir=root / "data", today=today, includes_dir=root / "includes")
            created.problems = [p for p in result.problems if p.path == where]
        except Exception as error:  # noqa: BLE001 - reported, not raised
            created.problems = [Problem(where, 1, "lint", f"the content check could not run ({error}); run `make lint`")]
    return created
