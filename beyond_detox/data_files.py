"""Schemas for the hand-edited fact files in data/ (pydantic), with errors that name the line."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Callable, Optional, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from beyond_detox import paths
from beyond_detox.frontmatter import parse_yaml_with_lines
from beyond_detox.problems import ContentError, Problem, display_path


class GlossaryTerm(BaseModel):
    model_config = ConfigDict(extra="forbid")
    term: str = Field(min_length=1)
    definition: Optional[str] = Field(default=None, min_length=10,
                                      description="Required, except for an abbreviation whose stands_for is another entry (defined once there)")
    stands_for: Optional[str] = None
    abbr: bool = False

    @model_validator(mode="after")
    def _definition(self):
        if not self.definition and not (self.abbr and self.stands_for):
            raise ValueError("definition is required (only an abbreviation whose stands_for is another entry may leave it out)")
        return self


class GlossaryFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    terms: list[GlossaryTerm]


class Reviewer(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=3)
    qualifications: str = Field(min_length=3)
    role: str
    since: dt.date


class ReviewersFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reviewers: dict[str, Reviewer] = Field(default_factory=dict)


class StigmaTerm(BaseModel):
    model_config = ConfigDict(extra="forbid")
    pattern: str = Field(min_length=2)
    instead: str = Field(min_length=2)
    why: str = ""


class StigmaWordsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    terms: list[StigmaTerm]


SCHEMAS: dict[str, type[BaseModel]] = {
    "glossary.yml": GlossaryFile,
    "reviewers.yml": ReviewersFile,
    "stigma-words.yml": StigmaWordsFile,
}


def validate_data_file(path: Path, model: type[BaseModel]) -> list[Problem]:
    where = display_path(path)
    try:
        data, lines = parse_yaml_with_lines(Path(path).read_text(encoding="utf-8"), path)
    except ContentError as error:
        return error.problems
    try:
        model.model_validate(data if data is not None else {})
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            location = tuple(error["loc"])
            line = 1
            for cut in range(len(location), 0, -1):
                if location[:cut] in lines:
                    line = lines[location[:cut]]
                    break
            field = ".".join(str(part) for part in location) or "file"
            message = "is required" if error["type"] == "missing" else error["msg"].removeprefix("Value error, ")
            problems.append(Problem(where, line, "data-schema", f"{field}: {message}"))
        return problems
    return []


def validate_data_files(data_dir: Path = paths.DATA) -> list[Problem]:
    problems = []
    for name, model in SCHEMAS.items():
        path = Path(data_dir) / name
        if not path.exists():
            problems.append(Problem(display_path(path), 1, "data-schema", "file is missing"))
            continue
        problems += validate_data_file(path, model)
    return problems


Entry = TypeVar("Entry")


def load_word_patterns(path: Path, kind: str, pattern_key: str, needs: str, make: Callable[[re.Pattern, dict], Entry]) -> list[Entry]:
    """A list of `terms:` in a data file, each with a regular expression under pattern_key, matched
    as whole words, any case. make(pattern, item) builds one entry. All problems at once, each
    with file and line (kind names the check); nothing is returned unless every entry is valid."""
    if not Path(path).is_file():
        raise ContentError(Problem(display_path(path), 1, kind, "file is missing"))
    data, lines = parse_yaml_with_lines(Path(path).read_text(encoding="utf-8"), path)
    entries, problems = [], []
    for index, item in enumerate((data or {}).get("terms", [])):
        line = lines.get(("terms", index), 1)
        try:
            entries.append(make(re.compile(r"\b(?:" + item[pattern_key] + r")\b", re.IGNORECASE), item))
        except (KeyError, TypeError):
            problems.append(Problem(display_path(path), line, kind, f"each entry needs {needs}"))
        except re.error as exc:
            problems.append(Problem(display_path(path), line, kind, f"{pattern_key} is not a valid regular expression: {exc}"))
    if problems:
        raise ContentError(problems)
    return entries
