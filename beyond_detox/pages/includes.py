"""Shared blocks of content (includes/NAME.md), placed in a page with `[[include:NAME]]`.

A block that must read the same everywhere (what to do in an overdose) is written once.
"""
from __future__ import annotations

import re
from pathlib import Path

from beyond_detox.paths import INCLUDES
from beyond_detox.problems import Problem

INCLUDE = re.compile(r"^(?P<indent>[ \t]*)\[\[include:(?P<name>[A-Za-z0-9_-]+)\]\][ \t]*$", re.MULTILINE)


def include_path(name: str, directory: Path = INCLUDES) -> Path:
    return Path(directory) / f"{name}.md"


def included_names(text: str) -> list[str]:
    return [m.group("name") for m in INCLUDE.finditer(text)]


def expand_includes(text: str, directory: Path = INCLUDES) -> str:
    """Replace each `[[include:NAME]]` line with the block, indented like the line (so it can sit
    inside an admonition). An unknown NAME raises KeyError."""

    def replace(match: re.Match) -> str:
        path = include_path(match.group("name"), directory)
        if not path.exists():
            raise KeyError(f"no shared block includes/{match.group('name')}.md")
        indent = match.group("indent")
        block = path.read_text(encoding="utf-8").rstrip("\n")
        return "\n".join(indent + line if line.strip() else "" for line in block.splitlines())

    return INCLUDE.sub(replace, text)


def check_includes(body: str, where: str, first_line: int = 1, directory: Path = INCLUDES) -> list[Problem]:
    problems = []
    for number, line in enumerate(body.splitlines(), start=first_line):
        for match in INCLUDE.finditer(line):
            if not include_path(match.group("name"), directory).exists():
                problems.append(Problem(where, number, "include", f"no shared block includes/{match.group('name')}.md"))
    return problems
