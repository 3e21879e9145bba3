"""Words readers type that our pages do not use (data/search-words.yml): misspellings, and brand
names, slang and question words, each mapped to the word our pages use. With each page's
`search_terms`, they reach the search index as a hidden field and are never displayed.

A page gets a reader's word in proportion to how much it is about the word it stands for (how
often it uses it, and whether its title does), so "nalaxone" finds the overdose page before a
page that mentions naloxone once.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from beyond_detox import paths
from beyond_detox.frontmatter import parse_yaml_with_lines
from beyond_detox.problems import ContentError, Problem, display_path

SEARCH_WORDS = paths.DATA / "search-words.yml"
TABLES = ("misspellings", "other_words")
ABOUT_REPEAT = 8         # the page a word is about gets the word and its readers' words this often
SEARCH_TERMS_REPEAT = 3  # a page's own search_terms
MIN_USES = 8             # other pages get a reader's word once if they use the word this often (or in the title)


@dataclass(frozen=True)
class SearchWords:
    misspellings: dict[str, tuple[str, ...]]                 # the right word -> how readers misspell it (never shown)
    other_words: dict[str, tuple[str, ...]] = field(default_factory=dict)  # word -> brand names, slang readers use for it
    crisis_words: tuple[str, ...] = ()                       # a query with one of these shows the crisis numbers first
    crisis_words_es: tuple[str, ...] = ()                    # the same, for searches on the Spanish pages
    about: dict[str, str] = field(default_factory=dict)      # word -> the page about it (docs path)
    about_lines: dict[str, int] = field(default_factory=dict)  # word -> its line in the file, for messages
    path: str = ""

    def crisis_words_for(self, lang: str) -> tuple[str, ...]:
        return self.crisis_words_es if lang == "es" else self.crisis_words

    def all(self) -> list[str]:
        """Every misspelling (the words that must never be visible on a page)."""
        return sorted({m for ms in self.misspellings.values() for m in ms})

    def for_text(self, text: str, title: str = "", page: str = "") -> list[str]:
        """The readers' words for the words a page uses: many times on the page the word is about,
        once on a page that uses the word often or in its title, not at all on a passing mention."""
        found = []
        # Counting one-word entries from one pass over the text (same as \bword\b, any case);
        # a regex only for entries of several words.
        counts = Counter(re.findall(r"\w+", text.lower()))
        title_words = set(re.findall(r"\w+", title.lower()))
        for table in (self.misspellings, self.other_words):
            for word, variants in table.items():
                if page and self.about.get(word.lower()) == page:
                    found += [word, *variants] * ABOUT_REPEAT
                    continue
                parts = re.findall(r"\w+", word.lower())
                if len(parts) == 1 and parts[0] == word.lower():
                    uses, in_title = counts[parts[0]], parts[0] in title_words
                else:
                    # Searched for only where each of its words is there (a regex per entry and page
                    # otherwise costs the build more than the rest of this module).
                    pattern = _phrase(word)
                    uses = len(pattern.findall(text)) if all(counts[p] for p in parts) else 0
                    in_title = bool(pattern.search(title)) if title_words.issuperset(parts) else False
                if uses >= MIN_USES or in_title:
                    found += list(variants)
        return found

    def pattern(self) -> re.Pattern:
        return re.compile(r"\b(?:" + "|".join(re.escape(m) for m in self.all()) + r")\b", re.IGNORECASE)


@functools.lru_cache(maxsize=None)
def _phrase(word: str) -> re.Pattern:
    return re.compile(r"\b" + re.escape(word) + r"\b", re.IGNORECASE)


def load_search_words(path: Path = SEARCH_WORDS) -> SearchWords:
    data, lines = parse_yaml_with_lines(Path(path).read_text(encoding="utf-8"), path)
    if not isinstance(data, dict) or not isinstance(data.get("misspellings"), dict) or not data["misspellings"]:
        raise ContentError(Problem(display_path(path), 1, "search-words", "needs a `misspellings:` table: word: [misspelling, ...]"))
    problems, tables = [], {}
    for name in TABLES:
        table = data.get(name) or {}
        if not isinstance(table, dict):
            problems.append(Problem(display_path(path), lines.get((name,), 1), "search-words", f"`{name}` must be a table: word: [variant, ...]"))
            continue
        for word, variants in table.items():
            if not isinstance(variants, list) or not all(isinstance(v, str) and v.strip() for v in variants):
                problems.append(Problem(display_path(path), lines.get((name, word), 1), "search-words", f"{word}: give a list of {name.replace('_', ' ')}"))
        tables[name] = {str(word): tuple(variants) for word, variants in table.items() if isinstance(variants, list)}
    crisis = data.get("crisis_words") or []
    if not isinstance(crisis, list) or not all(isinstance(w, str) and w.strip() for w in crisis):
        problems.append(Problem(display_path(path), lines.get(("crisis_words",), 1), "search-words", "crisis_words: give a list of words"))
        crisis = []
    crisis_es = data.get("crisis_words_es") or []
    if not isinstance(crisis_es, list) or not all(isinstance(w, str) and w.strip() for w in crisis_es):
        problems.append(Problem(display_path(path), lines.get(("crisis_words_es",), 1), "search-words", "crisis_words_es: give a list of words"))
        crisis_es = []
    about = data.get("about") or {}
    if not isinstance(about, dict) or not all(isinstance(v, str) and v.endswith(".md") for v in about.values()):
        problems.append(Problem(display_path(path), lines.get(("about",), 1), "search-words", "about: give word: page.md (a path in docs/)"))
        about = {}
    if problems:
        raise ContentError(problems)
    return SearchWords(tables["misspellings"], tables.get("other_words", {}), tuple(w.lower() for w in crisis),
                       crisis_words_es=tuple(w.lower() for w in crisis_es),
                       about={str(k).lower(): str(v) for k, v in about.items()},
                       about_lines={str(k).lower(): lines.get(("about", k), 1) for k in about}, path=display_path(path))


def missing_about_pages(words: SearchWords, docs_dir: Path) -> list[Problem]:
    """An `about` entry naming a page that is not in docs/."""
    return [Problem(words.path, words.about_lines.get(word, 1), "search-words", f"{word}: no page docs/{page}")
            for word, page in words.about.items() if not (Path(docs_dir) / page).exists()]


def find_visible_misspellings(body: str, words: SearchWords, path: str, first_line: int = 1) -> list[Problem]:
    """A listed misspelling typed into a page's text (readers would see it)."""
    pattern = words.pattern()
    problems = []
    for number, line in enumerate(body.splitlines(), start=first_line):
        text = re.sub(r"\]\([^)]*\)", "]", line)
        for match in pattern.finditer(text):
            problems.append(Problem(path, number, "spelling", f'"{match.group(0)}" is a misspelling readers type; it belongs in data/search-words.yml, not on the page'))
    return problems


def hidden_terms(search_terms: list[str], page_text: str, words: SearchWords, title: str = "", page: str = "") -> str:
    """What the search index gets for a page besides its text: its own search_terms, and the readers'
    words for the words it is about. page: the page's path in docs/ ("safety/overdose-risk-after-detox.md")."""
    return " ".join([*search_terms * SEARCH_TERMS_REPEAT, *words.for_text(page_text, title, page)])


HIDDEN_FIELD = "synonyms"
HIDDEN_BOOST = 10.0


def add_hidden_terms_to_index(index: dict, terms_by_location: dict[str, str]) -> dict:
    """Material's lunr index (search/search_index.json): give each page's own entry (location
    without '#') a hidden field the search worker indexes but never shows in results."""
    index.setdefault("config", {}).setdefault("fields", {}).setdefault(HIDDEN_FIELD, {"boost": HIDDEN_BOOST})
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
