"""One problem found in a file: printed as `path:line: rule: message`, the format editors see."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from beyond_detox.paths import ROOT


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    rule: str
    message: str
    severity: str = "error"  # error | warning (warnings are printed but do not fail)

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{self.path}:{self.line}: {prefix}{self.rule}: {self.message}"


class ContentError(Exception):
    """Raised where a build must stop; carries the Problem(s) so the message names file and line."""

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def display_path(path: Path | str) -> str:
    """Paths relative to the repository when they are inside it, so messages are short and clickable."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)
