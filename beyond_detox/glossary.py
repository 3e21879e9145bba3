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
