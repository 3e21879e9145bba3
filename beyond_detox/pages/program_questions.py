"""Questions to ask a treatment program: data/program-questions.yml, checked and rendered as the
checklist on treatment/questions-to-ask.md (the page holds the placeholder `<!-- program-questions -->`).

Every problem names the file and line (`data/program-questions.yml:12: program-questions: ...`),
as beyond_detox/data_files.py does: a YAML syntax error, a missing or unknown field, an id used
twice, a citation key that is not in data/references.json, or an `article` page that does not exist.
"""
from __future__ import annotations

import html
import re
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from pydantic import BaseModel, ConfigDict, Field, field_validator

from beyond_detox import paths
from beyond_detox.pages.citations import relative_link
from beyond_detox.data_files import validate_data_file
from beyond_detox.frontmatter import parse_yaml_with_lines, read_page
from beyond_detox.problems import ContentError, Problem, display_path

if TYPE_CHECKING:  # render.py imports this module
    from beyond_detox.pages.render import SiteData

FILE_NAME = "program-questions.yml"
PAGE = "treatment/questions-to-ask.md"  # the page the checklist is placed on (links are relative to it)
PLACEHOLDER = "<!-- program-questions -->"
RULE = "program-questions"
ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _plain(text: str) -> str:
    text = text.strip()
    if not text:
        raise ValueError("must not be empty")
    if "<" in text or "[@" in text or "[[" in text:
        raise ValueError("plain text only: no HTML, citations (use `sources`) or shortcodes")
    return text


class Question(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(description="Short and unique: lower-case words joined by hyphens (the tick box is q-ID)")
    question: str = Field(min_length=10, description="What to ask, in the reader's words")
    why: str = Field(min_length=10, description="Why it matters, in one plain sentence")
    article: str = Field(description="The page that explains it: a path inside docs/, e.g. treatment/dual-diagnosis.md")
    sources: list[str] = Field(default_factory=list, description="Citation keys (data/references.json) that support `why`")

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not ID.match(value):
            raise ValueError(f"'{value}' must be lower-case words joined by hyphens, e.g. treat-both")
        return value

    @field_validator("question")
    @classmethod
    def _question(cls, value: str) -> str:
        return _plain(value)

    @field_validator("why")
    @classmethod
    def _why(cls, value: str) -> str:
        value = _plain(value)
        if not value.endswith("."):
            raise ValueError("must be one sentence ending with a full stop")
        if re.search(r"[.!?]\s+[A-Z\"']", value[:-1]):
            raise ValueError("must be ONE plain sentence")
        return value

    @field_validator("article")
    @classmethod
    def _article(cls, value: str) -> str:
        if not value.endswith(".md") or value.startswith(("/", ".")) or "://" in value:
            raise ValueError(f"'{value}' must be a Markdown page inside docs/, e.g. treatment/dual-diagnosis.md")
        return value


class Topic(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str = Field(min_length=3)
    questions: list[Question] = Field(min_length=1)

    @field_validator("title")
    @classmethod
    def _title(cls, value: str) -> str:
        return _plain(value)


class ProgramQuestions(BaseModel):
    model_config = ConfigDict(extra="forbid")
    topics: list[Topic] = Field(min_length=1)

    def questions(self) -> list[Question]:
        return [question for topic in self.topics for question in topic.questions]


def load_program_questions(path: Path | str | None = None, docs_dir: Path | str = paths.DOCS,
                           citation_keys: Iterable[str] | None = None) -> ProgramQuestions:
    """Read and check the file; raise ContentError (every problem with its file and line).
    citation_keys: the ids in data/references.json (None: `sources` are not checked)."""
    path = Path(path) if path else paths.DATA / FILE_NAME
    where = display_path(path)
    if not path.exists():
        raise ContentError(Problem(where, 1, RULE, "file is missing"))
    problems = validate_data_file(path, ProgramQuestions)  # YAML syntax and the schema, with lines
    if problems:
        raise ContentError(problems)
    data, lines = parse_yaml_with_lines(path.read_text(encoding="utf-8"), path)
    model = ProgramQuestions.model_validate(data)

    def line(*keys) -> int:
        while keys:
            if keys in lines:
                return lines[keys]
            keys = keys[:-1]
        return 1

    keys = set(citation_keys) if citation_keys is not None else None
    seen: dict[str, int] = {}
    for t, topic in enumerate(model.topics):
        for q, question in enumerate(topic.questions):
            at = ("topics", t, "questions", q)
            if question.id in seen:
                problems.append(Problem(where, line(*at, "id"), RULE, f"id '{question.id}' is used twice (first on line {seen[question.id]})"))
            else:
                seen[question.id] = line(*at, "id")
            target = Path(docs_dir) / question.article
            if not target.is_file():
                problems.append(Problem(where, line(*at, "article"), RULE, f"article: the page docs/{question.article} does not exist"))
            for s, key in enumerate(question.sources):
                if keys is not None and key not in keys:
                    problems.append(Problem(where, line(*at, "sources", s), RULE, f"sources: unknown citation key '{key}' (not in data/references.json)"))
    if problems:
        raise ContentError(problems)
    return model


def _link_text(docs_dir: Path, article: str) -> str:
    """The linked page's title, up to its first colon ("Dual diagnosis: care for..." -> "Dual diagnosis")."""
    try:
        title = str(read_page(Path(docs_dir) / article).meta.get("title") or "")
    except ContentError:
        title = ""
    title = title.split(":")[0].strip()
    return title or Path(article).stem.replace("-", " ").capitalize()


def render_checklist(model: ProgramQuestions, page: str = PAGE, docs_dir: Path | str = paths.DOCS) -> str:
    """The checklist as HTML for Python-Markdown's md_in_html: a form with one fieldset per topic,
    and for each question a tick box labelled with the question, why it matters (with its
    citations and a relative Markdown link to the article, which MkDocs checks and converts) and
    a notes line. Citations `[@key]` are numbered later by beyond_detox.pages.render. The fields have no
    `name`, so even a form submitted by accident could carry nothing the reader typed."""
    esc = html.escape
    out = ['<form class="bd-tool bd-checklist" id="bd-checklist" autocomplete="off" markdown="1">', ""]
    number = 0
    for topic in model.topics:
        out += ['<fieldset class="bd-checklist__topic" markdown="1">', f"<legend>{esc(topic.title)}</legend>", ""]
        for question in topic.questions:
            number += 1
            qid = f"q-{question.id}"
            cite = f"[@{'; @'.join(question.sources)}]" if question.sources else ""  # no space: none is left when print hides it
            link = relative_link(page, question.article)
            out += [
                '<div class="bd-q" markdown="1">',
                f'<div class="bd-q__tick"><input type="checkbox" id="{qid}" '
                f'aria-describedby="{qid}-why"> <label for="{qid}"><span class="bd-q__number">{number}.</span> '
                f"{esc(question.question)}</label></div>",
                f'<p class="bd-q__why" id="{qid}-why" markdown="span"><span class="bd-q__why-label">Why it matters:</span> '
                f"{esc(question.why[:-1])}{cite}. <span class=\"bd-q__more\">Read more: [{esc(_link_text(Path(docs_dir), question.article))}]({link}).</span></p>",
                f'<div class="bd-q__notes"><label for="{qid}-notes">Notes<span class="bd-visually-hidden"> for question {number}</span></label> '
                f'<input type="text" id="{qid}-notes" class="bd-tool__line"></div>',
                "</div>",
                "",
            ]
        out += ["</fieldset>", ""]
    out += ["</form>", ""]
    return "\n".join(out)


def checklist_markdown(site: "SiteData") -> str:
    """For render.PLACEHOLDERS: the checked checklist from the site's data folder."""
    model = load_program_questions(Path(site.data_dir) / FILE_NAME, paths.DOCS, site.bibliography.entries.keys())
    return render_checklist(model, PAGE, paths.DOCS)
