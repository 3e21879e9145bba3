"""The glossary (data/glossary.yml): hover definitions for abbreviations and the /glossary/ page."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from beyond_detox.frontmatter import parse_yaml_with_lines
from beyond_detox.paths import GLOSSARY
from beyond_detox.problems import ContentError, Problem, display_path


@dataclass(frozen=True)
class Term:
    term: str
    definition: str
    stands_for: str | None = None
    abbr: bool = False

    @property
    def anchor(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", self.term.lower()).strip("-")


def load_glossary(path: Path = GLOSSARY) -> list[Term]:
    data, lines = parse_yaml_with_lines(Path(path).read_text(encoding="utf-8"), path)
    terms, problems = [], []
    for index, item in enumerate((data or {}).get("terms", [])):
        line = lines.get(("terms", index), 1)
        if not isinstance(item, dict) or not item.get("term") or not item.get("definition"):
            problems.append(Problem(display_path(path), line, "glossary", "each entry needs `term` and `definition`"))
            continue
        if item.get("abbr") and not item.get("stands_for"):
            problems.append(Problem(display_path(path), line, "glossary", f"{item['term']}: an abbreviation needs `stands_for`"))
            continue
        terms.append(Term(item["term"], item["definition"], item.get("stands_for"), bool(item.get("abbr"))))
    if problems:
        raise ContentError(problems)
    return terms


def abbreviation_lines(terms: list[Term]) -> str:
    """Python-Markdown `abbr` definitions appended to every page: hover text wherever the letters appear."""
    return "\n".join(f"*[{t.term}]: {t.stands_for}: {t.definition}" for t in terms if t.abbr)


def glossary_markdown(terms: list[Term]) -> str:
    out = []
    for t in sorted(terms, key=lambda t: t.term.lower()):
        heading = f"{t.term} ({t.stands_for})" if t.stands_for else t.term
        out.append(f"## {heading} {{#{t.anchor}}}\n\n{t.definition}\n")
    return "\n".join(out)


def terms_used(text: str, terms: list[Term]) -> list[Term]:
    """Glossary terms that appear in the text (whole words, any case; abbreviations as written)."""
    found = []
    for t in terms:
        flags = 0 if t.abbr else re.IGNORECASE
        if re.search(r"(?<![\w-])" + re.escape(t.term) + r"(?![\w-])", text, flags):
            found.append(t)
    return sorted(found, key=lambda t: t.term.lower())


def words_on_this_page(text: str, terms: list[Term], glossary_link: str) -> str:
    """A short "Words on this page" line linking each glossary term the article uses."""
    used = terms_used(text, terms)
    if not used:
        return ""
    links = ", ".join(f"[{t.term}]({glossary_link}#{t.anchor})" for t in used)
    return f"\n\n**Words on this page, explained in the [glossary]({glossary_link}):** {links}.\n"
