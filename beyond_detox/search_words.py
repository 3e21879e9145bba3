"""Words readers type that our pages do not show: misspellings (data/search-words.yml) and each
page's `search_terms`. They reach the search index as hidden terms and are never displayed."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from beyond_detox import paths
from beyond_detox.frontmatter import parse_yaml_with_lines
from beyond_detox.problems import ContentError, Problem, display_path

SEARCH_WORDS = paths.DATA / "search-words.yml"


@dataclass(frozen=True)
class Misspellings:
    by_word: dict[str, tuple[str, ...]]   # the right word -> how readers misspell it

    def all(self) -> list[str]:
        return sorted({m for ms in self.by_word.values() for m in ms})

    def for_text(self, text: str) -> list[str]:
        """The misspellings of every word that the text uses (so the page is found by them too)."""
        found = []
        for word, misspelt in self.by_word.items():
            if re.search(r"\b" + re.escape(word) + r"\b", text, re.IGNORECASE):
                found += misspelt
        return found

    def pattern(self) -> re.Pattern:
        return re.compile(r"\b(?:" + "|".join(re.escape(m) for m in self.all()) + r")\b", re.IGNORECASE)


def load_misspellings(path: Path = SEARCH_WORDS) -> Misspellings:
    data, lines = parse_yaml_with_lines(Path(path).read_text(encoding="utf-8"), path)
    table = (data or {}).get("misspellings") if isinstance(data, dict) else None
    if not isinstance(table, dict) or not table:
        raise ContentError(Problem(display_path(path), 1, "search-words", "needs a `misspellings:` table: word: [misspelling, ...]"))
    problems = []
    for word, misspelt in table.items():
        if not isinstance(misspelt, list) or not all(isinstance(m, str) and m.strip() for m in misspelt):
            problems.append(Problem(display_path(path), lines.get(("misspellings", word), 1), "search-words", f"{word}: give a list of misspellings"))
    if problems:
        raise ContentError(problems)
    return Misspellings({str(word): tuple(misspelt) for word, misspelt in table.items()})


def find_visible_misspellings(body: str, misspellings: Misspellings, path: str, first_line: int = 1) -> list[Problem]:
    """A listed misspelling typed into a page's text (readers would see it)."""
    pattern = misspellings.pattern()
    problems = []
    for number, line in enumerate(body.splitlines(), start=first_line):
        text = re.sub(r"\]\([^)]*\)", "]", line)
        for match in pattern.finditer(text):
            problems.append(Problem(path, number, "spelling", f'"{match.group(0)}" is a misspelling readers type; it belongs in data/search-words.yml, not on the page'))
    return problems


def hidden_terms(search_terms: list[str], page_text: str, misspellings: Misspellings) -> str:
    """What the search index gets for a page besides its text: its search_terms and the misspellings
    of the words it uses."""
    return " ".join(dict.fromkeys([*search_terms, *misspellings.for_text(page_text)]))


HIDDEN_FIELD = "synonyms"
HIDDEN_BOOST = 10.0


def add_hidden_terms_to_index(index: dict, terms_by_location: dict[str, str]) -> dict:
    """Material's lunr index (search/search_index.json): give each page's own entry (location
    without '#') a hidden field the search worker indexes but never shows in results."""
    index.setdefault("config", {}).setdefault("fields", {})[HIDDEN_FIELD] = {"boost": HIDDEN_BOOST}
    for doc in index.get("docs", []):
        terms = terms_by_location.get(doc.get("location", ""))
        if terms and "#" not in doc.get("location", ""):
            doc[HIDDEN_FIELD] = terms
    return index


def write_hidden_terms(index_file: Path, terms_by_location: dict[str, str]) -> None:
    import json

    from beyond_detox.atomic import atomic_write_text

    index_file = Path(index_file)
    if not index_file.exists():  # search turned off
        return
    index = add_hidden_terms_to_index(json.loads(index_file.read_text(encoding="utf-8")), terms_by_location)
    atomic_write_text(index_file, json.dumps(index, ensure_ascii=False, separators=(",", ":")))
