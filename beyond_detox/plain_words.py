"""Plain words on lay pages: each technical term from data/plain-words.yml must be explained in
plain words in the same sentence (or replaced). A glossary hover alone does not work on a phone."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from beyond_detox import paths
from beyond_detox.data_files import load_word_patterns
from beyond_detox.problems import Problem
from beyond_detox.readability import prose

PLAIN_WORDS = paths.DATA / "plain-words.yml"
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“(])")


@dataclass(frozen=True)
class Term:
    pattern: re.Pattern
    plain: str
    explained_by: tuple[str, ...]

    def explained_in(self, sentence: str) -> bool:
        lower = sentence.lower()
        return any(hint.lower() in lower for hint in self.explained_by)


def load_terms(path: Path = PLAIN_WORDS) -> list[Term]:
    return load_word_patterns(path, "plain-words", "term", "`term`, `plain` and `explained_by`",
                              lambda pattern, item: Term(pattern, item["plain"], tuple(item["explained_by"])))


def sentences(markdown_line: str) -> list[str]:
    text = prose(markdown_line)
    return [s for chunk in text.splitlines() for s in SENTENCE_END.split(chunk) if s.strip()]


def _blocks(body: str, first_line: int):
    """Paragraphs and list items with the line each starts on, so a sentence wrapped over two
    lines is read whole."""
    block: list[str] = []
    block_line = first_line
    in_fence = False
    for number, raw in enumerate(body.splitlines(), start=first_line):
        stripped = raw.strip()
        if stripped.startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        starts_new = not stripped or re.match(r"^([-*+]|\d+\.)\s+", stripped) or stripped.startswith(("#", "!!!", "???", "*[", "<", "|"))
        if starts_new or in_fence:
            if block:
                yield block_line, " ".join(block)
            block = []
            if in_fence or not stripped or stripped.startswith(("#", "!!!", "???", "*[", "<", "|")):
                continue
        if not block:
            block_line = number
        block.append(stripped)
    if block:
        yield block_line, " ".join(block)


def find_unexplained(body: str, terms: list[Term], path: str, first_line: int = 1) -> list[Problem]:
    """Each sentence that uses a term without explaining it, reported at its paragraph's first line."""
    problems = []
    for line, block in _blocks(body, first_line):
        for sentence in sentences(block):
            for term in terms:
                match = term.pattern.search(sentence)
                if match and not term.explained_in(sentence.replace(match.group(0), "")):
                    problems.append(Problem(path, line, "plain-words",
                                            f'"{match.group(0)}" is not explained in this sentence: say "{term.plain}", or explain it in the same sentence'))
    return problems
