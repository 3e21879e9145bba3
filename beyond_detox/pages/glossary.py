"""The glossary (data/glossary.yml): hover definitions for abbreviations and the /glossary/ page."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from beyond_detox.frontmatter import parse_yaml_with_lines
from beyond_detox.paths import GLOSSARY
from beyond_detox.problems import ContentError, Problem, display_path
from beyond_detox.i18n import t


@dataclass(frozen=True)
class Term:
    term: str
    definition: str
    stands_for: str | None = None
    abbr: bool = False
    same_as: str | None = None  # an abbreviation defined by the full term's entry (one definition, written once)

    @property
    def anchor(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", self.term.lower()).strip("-")


def load_glossary(path: Path = GLOSSARY) -> list[Term]:
    data, lines = parse_yaml_with_lines(Path(path).read_text(encoding="utf-8"), path)
    terms, problems = [], []
    items = (data or {}).get("terms", [])
    by_term = {str(item.get("term")).lower(): item for item in items if isinstance(item, dict) and item.get("definition")}
    for index, item in enumerate(items):
        line = lines.get(("terms", index), 1)
        if not isinstance(item, dict) or not item.get("term"):
            problems.append(Problem(display_path(path), line, "glossary", "each entry needs `term` and `definition`"))
            continue
        if item.get("abbr") and not item.get("stands_for"):
            problems.append(Problem(display_path(path), line, "glossary", f"{item['term']}: an abbreviation needs `stands_for`"))
            continue
        same_as = None
        definition = item.get("definition")
        if not definition and item.get("abbr") and str(item["stands_for"]).lower() in by_term:
            # "OTP" stands for "Opioid treatment program", which has its own entry: use that one definition.
            same_as = by_term[str(item["stands_for"]).lower()]["term"]
            definition = by_term[str(item["stands_for"]).lower()]["definition"]
        if not definition:
            problems.append(Problem(display_path(path), line, "glossary",
                                    f"{item['term']}: needs a `definition` (an abbreviation may leave it out when `stands_for` names another entry)"))
            continue
        terms.append(Term(item["term"], definition, item.get("stands_for"), bool(item.get("abbr")), same_as))
    if problems:
        raise ContentError(problems)
    return terms


def abbreviation_lines(terms: list[Term], text: str | None = None) -> str:
    """Python-Markdown `abbr` definitions appended to a page: hover text wherever the letters appear.
    With `text`, only the abbreviations that text uses (each definition costs the Markdown
    conversion a pass over the whole page)."""
    abbreviations = [t for t in terms if t.abbr]
    if text is not None:
        abbreviations = terms_used(text, abbreviations)
    return "\n".join(f"*[{t.term}]: {t.stands_for}: {t.definition}" for t in abbreviations)


def glossary_markdown(terms: list[Term]) -> str:
    out = []
    for term in sorted(terms, key=lambda item: item.term.lower()):
        heading = f"{term.term} ({term.stands_for})" if term.stands_for else term.term
        text = f"See [{term.same_as}](#{Term(term.same_as, '').anchor})." if term.same_as else term.definition
        out.append(f"## {heading} {{#{term.anchor}}}\n\n{text}\n")
    return "\n".join(out)


_WORD = re.compile(r"[\w-]+")


@functools.lru_cache(maxsize=None)
def _term_pattern(term: str, abbr: bool) -> re.Pattern:
    return re.compile(r"(?<![\w-])" + re.escape(term) + r"(?![\w-])", 0 if abbr else re.IGNORECASE)


def terms_used(text: str, terms: list[Term]) -> list[Term]:
    """Glossary terms that appear in the text (whole words, any case; abbreviations as written)."""
    # One pass over the text's words; a term of several words is searched for only when each of
    # its words is on the page, so the build stays linear without a regex search per term and page.
    words = set(_WORD.findall(text))
    lower = {w.lower() for w in words}
    found = []
    for term in terms:
        parts = _WORD.findall(term.term)
        if len(parts) == 1 and parts[0] == term.term:
            hit = term.term in words if term.abbr else term.term.lower() in lower
        elif all((part in words) if term.abbr else (part.lower() in lower) for part in parts):
            hit = bool(_term_pattern(term.term, term.abbr).search(text))
        else:
            hit = False
        if hit:
            found.append(term)
    return sorted(found, key=lambda t: t.term.lower())


def words_on_this_page(text: str, terms: list[Term], glossary_link: str) -> str:
    """A short "Words on this page" line linking each glossary term the article uses."""
    used = terms_used(text, terms)
    if not used:
        return ""
    links = ", ".join(f"[{t.term}]({glossary_link}#{t.anchor})" for t in used)
    return "\n\n" + t("words_on_page", link=glossary_link, links=links) + "\n"
