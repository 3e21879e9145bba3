"""Reading a Markdown page: its YAML front matter (with the line of every key) and its body."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from beyond_detox import yamlio
from beyond_detox.problems import ContentError, Problem, display_path

FENCE = re.compile(r"^---\s*$")


@dataclass
class Page:
    path: Path
    meta: dict
    body: str
    body_start: int  # 1-based line number of the body's first line in the file
    key_lines: dict[tuple, int] = field(default_factory=dict)  # ("review", "status") -> line

    def line_of(self, *keys) -> int:
        """The line of a front-matter key (or its nearest parent that exists)."""
        keys = tuple(keys)
        while keys:
            if keys in self.key_lines:
                return self.key_lines[keys]
            keys = keys[:-1]
        return 1


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Return (front matter text or None, body, 1-based line where the body starts)."""
    lines = text.splitlines(keepends=True)
    if not lines or not FENCE.match(lines[0]):
        return None, text, 1
    for index in range(1, len(lines)):
        if FENCE.match(lines[index]):
            return "".join(lines[1:index]), "".join(lines[index + 1:]), index + 2
    return "".join(lines[1:]), "", len(lines) + 1


def parse_yaml_with_lines(text: str, path: Path | str, first_line: int = 1) -> tuple[object, dict]:
    """Parse YAML; return (data, key -> line in the file). Dates stay text (the schemas check them),
    and a syntax error becomes a ContentError naming the line."""
    try:
        parsed = yamlio.parse(text)
    except yamlio.YamlSyntaxError as exc:
        raise ContentError(Problem(display_path(path), exc.line + first_line - 1, "yaml", f"cannot read the YAML: {exc.message.removeprefix('YAML syntax error: ')}")) from None
    lines = {key: line + first_line - 1 for key, line in parsed.lines.items() if key != ()}
    return parsed.data, lines


def read_page(path: Path) -> Page:
    text = Path(path).read_text(encoding="utf-8")
    return parse_page(text, path)


def parse_page(text: str, path: Path | str) -> Page:
    front, body, body_start = split_front_matter(text)
    if front is None:
        return Page(Path(path), {}, body, body_start)
    meta, key_lines = parse_yaml_with_lines(front, path, first_line=2)
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ContentError(Problem(display_path(path), 2, "front-matter", "front matter must be a set of `key: value` lines"))
    return Page(Path(path), meta, body, body_start, key_lines)
