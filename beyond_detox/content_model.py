"""The front-matter contract for every page, and the stricter one for articles.

data/schemas/article.schema.json is generated from ArticleMeta (`scripts/lint_content.py
--write-schema`); a test keeps the file and the model in step.
"""
from __future__ import annotations

import datetime as dt
import json
from enum import Enum
from pathlib import PurePosixPath
from typing import Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from beyond_detox.frontmatter import Page
from beyond_detox.problems import Problem, display_path

# Folders of docs/ whose pages are articles (and so need audience, also_called, references...).
ARTICLE_SECTIONS = ("understand", "treatment", "safety", "families", "recovery")
# Articles outside those folders, at short URLs of their own.
ARTICLE_PAGES = ("first-days-after-detox.md",)
# Interactive tools in article folders: pages, not articles (no key points or Sources required).
TOOL_PAGES = ("understand/mood-check.md", "safety/my-safety-plan.md", "treatment/questions-to-ask.md")
MAX_REVIEW_INTERVAL_YEARS = 3


class Audience(str, Enum):
    families = "families"
    people_in_recovery = "people-in-recovery"
    clinicians = "clinicians"


class ReviewStatus(str, Enum):
    draft = "draft"
    editorial = "editorial"
    clinical = "clinical"


class Review(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: ReviewStatus = Field(description="draft: not reviewed; editorial: checked by an editor against its sources; clinical: signed off by a named clinician in data/reviewers.yml")
    reviewed_on: dt.date = Field(description="Date of the review named by status (YYYY-MM-DD)")
    next_review: dt.date = Field(description=f"When the page must be reviewed again: after reviewed_on, at most {MAX_REVIEW_INTERVAL_YEARS} years later")
    reviewer: Optional[str] = Field(default=None, description="Key in data/reviewers.yml; required when status is clinical")

    @model_validator(mode="after")
    def _check(self):
        if self.next_review <= self.reviewed_on:
            raise ValueError("next_review must be after reviewed_on")
        try:
            limit = self.reviewed_on.replace(year=self.reviewed_on.year + MAX_REVIEW_INTERVAL_YEARS)
        except ValueError:  # 29 February
            limit = self.reviewed_on.replace(year=self.reviewed_on.year + MAX_REVIEW_INTERVAL_YEARS, day=28)
        if self.next_review > limit:
            raise ValueError(f"next_review must be at most {MAX_REVIEW_INTERVAL_YEARS} years after reviewed_on (by {limit})")
        if self.status == ReviewStatus.clinical and not self.reviewer:
            raise ValueError("status clinical needs a reviewer (a key in data/reviewers.yml)")
        return self


class SearchOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")
    boost: Optional[float] = None
    exclude: Optional[bool] = None


class UrgentAdvice(BaseModel):
    """When to get help, at three levels (as NHS care cards): each a list of short Markdown lines.
    Rendered by beyond_detox.pages.urgent right after the key points, with the numbers from data/resources/."""

    model_config = ConfigDict(extra="forbid")
    emergency: list[str] = Field(default_factory=list, description="Call 911 now if ... (life in danger)")
    urgent: list[str] = Field(default_factory=list, description="Get help today if ... (988, a crisis service, an emergency department)")
    soon: list[str] = Field(default_factory=list, description="See a doctor this week if ...")

    @model_validator(mode="after")
    def _not_empty(self):
        if not (self.emergency or self.urgent or self.soon):
            raise ValueError("give at least one of emergency, urgent or soon (or leave `urgent` out)")
        return self


class TranslationMeta(BaseModel):
    """On a translated page (docs/es/...): which English page it translates, and from which version."""

    model_config = ConfigDict(extra="forbid")
    of: str = Field(description="The English page inside docs/, e.g. safety/overdose-risk-after-detox.md")
    source_hash: Optional[str] = Field(default=None, description="Hash of the English file the translation was made from (scripts/translations.py --mark writes it)")
    translated_on: Optional[dt.date] = Field(default=None, description="When the translation was made or last brought up to date")
    reviewer: Optional[str] = Field(default=None, description="Key in data/reviewers.yml of a clinician who speaks the language and reviewed the translation")


ASSET = r"^assets/[A-Za-z0-9_./-]+\.(?:css|js)$"


class PageScript(BaseModel):
    """A script of the page's own (a tool), loaded deferred at the end of the page."""

    model_config = ConfigDict(extra="forbid")

    src: str = Field(pattern=ASSET, description="From the site root, e.g. assets/javascripts/print-form.js (the file is in overrides/ or docs/)")
    data: dict[str, str] = Field(default_factory=dict, description="data-* attributes the script reads, e.g. {form: bd-plan}")


class PageMeta(BaseModel):
    """Every page: a title, a description for previews, and an honest review record."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=3, max_length=90)
    description: str = Field(min_length=30, max_length=300, description="One or two plain sentences: the meta description and link preview")
    review: Review
    audience: Optional[Audience] = None
    also_called: list[str] = Field(default_factory=list, description="Other names a reader knows the topic by (PAWS, Narcan); shown as 'Also called: ...'. Real names only: misspellings and search phrases go in search_terms")
    search_terms: list[str] = Field(default_factory=list, description="Words and phrases readers type (slang, questions); feed the search index only, never shown. Common misspellings come from data/search-words.yml")
    urgent: Optional[UrgentAdvice] = Field(default=None, description="When to get help (emergency / urgent / soon), shown right after the key points")
    start_here: bool = Field(default=False, description="A start-here page: reading grade 7 or lower")
    references: list[str] = Field(default_factory=list, description="Citation keys (ids in data/references.json) the page cites")
    hide: list[str] = Field(default_factory=list, description="Material: parts of the layout to hide, e.g. [toc]")
    search: Optional[SearchOptions] = None
    translation: Optional[TranslationMeta] = Field(default=None, description="Translated pages only (docs/es/): the English page and version it was made from")
    # A tool's own files, in front matter rather than raw HTML: the theme links them with its `url`
    # filter, so the address is right under MkDocs and Zensical alike (Zensical reads addresses in
    # raw HTML relative to the Markdown file, MkDocs leaves them as written).
    stylesheets: list[str] = Field(default_factory=list, description="The page's own stylesheets, from the site root (e.g. assets/stylesheets/tools-print.css), linked in the head")
    scripts: list[PageScript] = Field(default_factory=list, description="The page's own scripts, loaded deferred at the end of the page")


class ArticleMeta(PageMeta):
    """An article (a page in understand/, treatment/, safety/, families/ or recovery/)."""

    audience: Audience
    references: list[str] = Field(min_length=1, description="Citation keys (ids in data/references.json) the page cites")


def is_article(relative_path: str | PurePosixPath) -> bool:
    """relative_path is the page's path inside docs/, e.g. 'safety/overdose-risk-after-detox.md'."""
    path = PurePosixPath(relative_path)
    if path.as_posix() in ARTICLE_PAGES:
        return True
    if path.as_posix() in TOOL_PAGES:
        return False
    parts = path.parts
    return len(parts) > 1 and parts[0] in ARTICLE_SECTIONS and parts[-1] != "index.md"


def validate_meta(page: Page, article: bool) -> tuple[PageMeta | None, list[Problem]]:
    model = ArticleMeta if article else PageMeta
    try:
        return model.model_validate(page.meta), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            location = tuple(part for part in error["loc"] if part not in ("__root__",))
            field = ".".join(str(part) for part in location) or "front matter"
            message = error["msg"].removeprefix("Value error, ")
            if error["type"] == "missing":
                message = "is required"
            elif error["type"] == "extra_forbidden":
                message = "is not a known field (see data/schemas/article.schema.json)"
            # A rule across fields ("next_review must be ...") points at the field it names first.
            named = location + (message.split(" ", 1)[0],)
            line = page.key_lines.get(named) or page.line_of(*location)
            problems.append(Problem(display_path(page.path), line, "front-matter", f"{field}: {message}"))
        return None, problems


def article_json_schema() -> str:
    schema = ArticleMeta.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Beyond Detox article front matter"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"
