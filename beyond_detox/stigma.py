"""Stigmatising words (data/stigma-words.yml), found line by line with a suggested replacement."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from beyond_detox.data_files import load_word_patterns
from beyond_detox.paths import STIGMA_WORDS
from beyond_detox.problems import Problem

IGNORE = re.compile(r"<!--\s*lint-ignore\s+stigma\s*:\s*\S.*?-->")


@dataclass(frozen=True)
class Rule:
    pattern: re.Pattern
    instead: str
    why: str


def load_rules(path: Path = STIGMA_WORDS) -> list[Rule]:
    return load_word_patterns(path, "stigma-words", "pattern", "`pattern` and `instead`",
                              lambda pattern, item: Rule(pattern, item["instead"], item.get("why", "")))


def find_stigma(body: str, rules: list[Rule], path: str, first_line: int = 1) -> list[Problem]:
    problems = []
    lines = body.splitlines()
    in_fence = False
    for index, line in enumerate(lines):
        if line.strip().startswith(("```", "~~~")):
            in_fence = not in_fence
        if in_fence or line.lstrip().startswith("*["):
            continue
        if IGNORE.search(line) or (index > 0 and IGNORE.search(lines[index - 1])):
            continue
        text = re.sub(r"\]\([^)]*\)", "]", line)  # link targets are not prose
        taken: list[tuple[int, int]] = []  # one report per phrase: "dirty urine", not also "dirty"
        for rule in rules:
            for match in rule.pattern.finditer(text):
                if any(start < match.end() and match.start() < end for start, end in taken):
                    continue
                taken.append(match.span())
                problems.append(Problem(path, first_line + index, "stigma", f'"{match.group(0)}": say "{rule.instead}" instead. {rule.why}'.strip()))
    return problems
