"""The editorial checks behind `scripts/lint_content.py`: every rule that matters, as a Problem.

Rules (the `rule` in `path:line: rule: message`):
  yaml, front-matter   front matter readable and valid (data/schemas/article.schema.json)
  citation             unknown key, cited but not listed in `references`, listed but never cited
  min-sources          an article cites fewer than MIN_SOURCES sources
  key-points           an article does not open with a "Key points" box
  reading-level        families / people-in-recovery article above grade 8 (Flesch-Kincaid)
  stigma               a word from data/stigma-words.yml (Spanish pages: also stigma-words.es.yml), with the suggested replacement
  help-line            a typed phone number, or an unknown help-line shortcode
  include              a [[include:NAME]] with no includes/NAME.md (included blocks get the same checks)
  review               overdue (next_review passed), reviewed_on in the future, unknown reviewer
  bibliography         an entry without DOI/PMID/URL or note; an entry no page cites (warning)
  data-schema          a fact file in data/ that does not match its schema
  spelling             a misspelling from data/search-words.yml typed where readers would see it
  plain-words          on families / people-in-recovery pages, a technical term from
                       data/plain-words.yml not explained in plain words in the same sentence
  translation          a Spanish page (docs/es/) whose English page is gone, or whose citations,
                       key points or links differ from its English page; a Spanish page whose
                       English page changed since it was translated (warning: stale)
  reading-level (es)   a Spanish article below Fernández-Huerta 70 (plain Spanish)
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from beyond_detox import paths, readability
from beyond_detox.pages.bibliography import check_entries, load_bibliography
from beyond_detox.pages.citations import find_citations
from beyond_detox.content_model import is_article, validate_meta
from beyond_detox.data_files import validate_data_files
from beyond_detox.frontmatter import read_page
from beyond_detox.pages.includes import check_includes, included_names
from beyond_detox.problems import ContentError, Problem, display_path
from beyond_detox.pages.shortcodes import check_shortcodes
from beyond_detox.plain_words import find_unexplained, load_terms
from beyond_detox.search_words import find_visible_misspellings, load_search_words, missing_about_pages
from beyond_detox.stigma import find_stigma, load_rules
from beyond_detox.pages.urgent import urgent_lines

MIN_SOURCES = 3
KEY_POINTS = re.compile(r'^(!!!|\?\?\?\+?)\s+\w+\s+"(Key points|Puntos clave)"\s*$')


@dataclass
class PageReport:
    path: str
    audience: str
    grade: float
    words: int
    sources: int


@dataclass
class LintResult:
    problems: list[Problem] = field(default_factory=list)
    reports: list[PageReport] = field(default_factory=list)
    cited_by: dict[str, list[str]] = field(default_factory=dict)  # reference id -> pages citing it
    bibliography: object = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def _collect(fn, *args):
    try:
        return fn(*args), []
    except ContentError as error:
        return None, error.problems


def lint(
    pages: list[Path] | None = None,
    docs_dir: Path = paths.DOCS,
    data_dir: Path = paths.DATA,
    today: dt.date | None = None,
    includes_dir: Path = paths.INCLUDES,
) -> LintResult:
    """Check the given pages (default: every page in docs_dir) and the data files."""
    today = today or dt.date.today()
    result = LintResult()
    whole_site = pages is None
    pages = sorted(Path(docs_dir).rglob("*.md")) if pages is None else [Path(p) for p in pages]

    result.problems += validate_data_files(data_dir)
    bibliography, problems = _collect(load_bibliography, Path(data_dir) / "references.json")
    result.problems += problems
    if bibliography:
        result.problems += check_entries(bibliography)
        result.bibliography = bibliography
    rules, problems = _collect(load_rules, Path(data_dir) / "stigma-words.yml")
    result.problems += problems
    spanish_rules, problems = _collect(load_rules, Path(data_dir) / "stigma-words.es.yml")
    result.problems += problems
    misspellings, problems = _collect(load_search_words, Path(data_dir) / "search-words.yml")
    result.problems += problems
    if misspellings:
        result.problems += missing_about_pages(misspellings, docs_dir)
    plain_terms, problems = _collect(load_terms, Path(data_dir) / "plain-words.yml")
    result.problems += problems
    reviewers = {}
    try:
        import yaml

        reviewers = (yaml.safe_load((Path(data_dir) / "reviewers.yml").read_text(encoding="utf-8")) or {}).get("reviewers") or {}
    except Exception:  # reported by validate_data_files
        pass

    cited_anywhere: set[str] = set()
    include_keys: dict[str, list[str]] = {}
    blocks = sorted(Path(includes_dir).glob("*.md")) + sorted(Path(includes_dir).glob("es/*.md")) if Path(includes_dir).is_dir() else []
    for block in blocks:
        if block.name == "README.md":
            continue
        text, where = block.read_text(encoding="utf-8"), display_path(block)
        citations = find_citations(text)
        include_keys[("es/" if block.parent.name == "es" else "") + block.stem] = [c.key for c in citations]
        for citation in citations:
            if bibliography and citation.key not in bibliography:
                result.problems.append(Problem(where, citation.line, "citation", f"unknown citation key '{citation.key}' (not in data/references.json)"))
        block_rules = (rules or []) + ((spanish_rules or []) if block.parent.name == "es" else [])
        if block_rules:
            result.problems += find_stigma(text, block_rules, where)
        result.problems += check_shortcodes(text, where)
    for path in pages:
        where = display_path(path)
        try:
            rel = Path(path).resolve().relative_to(Path(docs_dir).resolve()).as_posix()
        except ValueError:
            rel = Path(path).name
        page, problems = _collect(read_page, path)
        result.problems += problems
        if page is None:
            continue
        spanish = rel.startswith("es/")
        if spanish:
            rel = rel[3:]
        page_includes = Path(includes_dir) / "es" if spanish else Path(includes_dir)
        article = is_article(rel)
        meta, problems = validate_meta(page, article)
        result.problems += problems
        body, start = page.body, page.body_start

        # The urgent-advice lines (front matter) are page text too: same checks, their own line numbers.
        extra = [(line, page.line_of("urgent", level, index)) for level, index, line in urgent_lines(meta.urgent if meta else None)]
        citations = find_citations(body, start) + [c2 for line, at in extra for c2 in find_citations(line, at)]
        cited = []
        for citation in citations:
            if citation.key not in cited:
                cited.append(citation.key)
            if bibliography and citation.key not in bibliography:
                result.problems.append(Problem(where, citation.line, "citation", f"unknown citation key '{citation.key}' (not in data/references.json)"))
        result.problems += check_includes(body, where, start, page_includes)
        for name in included_names(body):
            for key in include_keys.get(("es/" if spanish else "") + name, []):
                if key not in cited:
                    cited.append(key)
        cited_anywhere.update(cited)
        for key in cited:
            result.cited_by.setdefault(key, []).append(where)
        listed = list(page.meta.get("references") or [])
        for citation in citations:  # the page's own citations (a shared block's need not be listed)
            if citation.key not in listed and (not bibliography or citation.key in bibliography):
                result.problems.append(Problem(where, citation.line, "citation", f"'{citation.key}' is cited but missing from `references` in the front matter"))
        for index, key in enumerate(listed):
            if key not in cited:
                result.problems.append(Problem(where, page.line_of("references", index), "citation", f"'{key}' is listed in `references` but never cited in the text"))

        if article:
            if len(cited) < MIN_SOURCES:
                result.problems.append(Problem(where, start, "min-sources", f"cites {len(cited)} source(s); an article needs at least {MIN_SOURCES}"))
            first = next((line for line in body.splitlines() if line.strip()), "")
            if not KEY_POINTS.match(first.strip()):
                line = start + next((i for i, l in enumerate(body.splitlines()) if l.strip()), 0)
                result.problems.append(Problem(where, line, "key-points", 'an article must open with a key points box: !!! note "Key points"'))

        texts = [(body, start), *extra]
        for text, at in texts:
            page_rules = (rules or []) + ((spanish_rules or []) if spanish else [])
            if page_rules:
                result.problems += find_stigma(text, page_rules, where, at)
            result.problems += check_shortcodes(text, where, at)
            if misspellings and not spanish:
                result.problems += find_visible_misspellings(text, misspellings, where, at)
            if plain_terms and not spanish and article and str(page.meta.get("audience", "")) in readability.LAY_AUDIENCES:
                result.problems += find_unexplained(text, plain_terms, where, at)
        if misspellings and meta and not spanish:
            for index, name in enumerate(meta.also_called):
                result.problems += find_visible_misspellings(name, misspellings, where, page.line_of("also_called", index))

        if meta:
            review = meta.review
            if review.next_review < today:
                result.problems.append(Problem(where, page.line_of("review", "next_review"), "review", f"review overdue: next_review was {review.next_review}; review the page and update the dates"))
            if review.reviewed_on > today:
                result.problems.append(Problem(where, page.line_of("review", "reviewed_on"), "review", f"reviewed_on {review.reviewed_on} is in the future"))
            if review.reviewer and review.reviewer not in reviewers:
                result.problems.append(Problem(where, page.line_of("review", "reviewer"), "review", f"reviewer '{review.reviewer}' is not in data/reviewers.yml"))

        if spanish:
            result.problems += _translation_problems(path, where, page, meta, docs_dir, article, body, extra)
        elif article:
            audience = str(page.meta.get("audience", ""))
            text = body + "".join(f"\n- {line}" for line, _ in extra)
            grade = readability.grade(text)
            result.reports.append(PageReport(where, audience, grade, readability.word_count(text), len(cited)))
            limit = readability.MAX_GRADE_START_HERE if meta and meta.start_here else readability.MAX_GRADE
            if audience in readability.LAY_AUDIENCES and grade > limit:
                result.problems.append(Problem(where, start, "reading-level", f"reading grade {grade} is above {limit:g} for a {'start-here' if limit < readability.MAX_GRADE else audience} page: use shorter sentences and plainer words"))

    if whole_site and bibliography:
        for ref in bibliography.entries.values():
            if ref.id not in cited_anywhere:
                result.problems.append(Problem(display_path(bibliography.path), ref.line, "bibliography", f"{ref.id}: no page cites this entry", "warning"))
    result.problems.sort(key=lambda p: (p.path, p.line, p.rule))
    return result


def _translation_problems(path: Path, where: str, page, meta, docs_dir: Path, article: bool, body: str, extra) -> list[Problem]:
    """A Spanish page: it names its English page, keeps its structure, reads plainly, and says
    (as a warning) when the English page changed after it was translated."""
    from beyond_detox import translations
    problems = []
    info = meta.translation if meta else None
    if not info:
        return [Problem(where, 1, "translation", "a Spanish page needs `translation: {of: <English page in docs/>}` in its front matter")]
    english = Path(docs_dir) / info.of
    line = page.line_of("translation")
    if not english.is_file():
        return [Problem(where, page.line_of("translation", "of"), "translation", f"translation.of: docs/{info.of} does not exist")]
    for difference in translations.differences(english.read_text(encoding="utf-8"), Path(path).read_text(encoding="utf-8")):
        problems.append(Problem(where, line, "translation", f"{difference} (docs/{info.of})"))
    if info.source_hash != translations.english_hash(english):
        problems.append(Problem(where, page.line_of("translation", "source_hash"), "translation",
                                f"stale: docs/{info.of} changed after this translation was made; bring it up to date, "
                                f"then run scripts/translations.py --mark {where}", "warning"))
    if article:
        text = body + "".join(f"\n- {line}" for line, _ in extra)
        ease, _ = readability.spanish_ease(text)
        if ease < readability.SPANISH_PLAIN:
            problems.append(Problem(where, page.body_start, "reading-level",
                                    f"Fernández-Huerta reading ease {ease} is below {readability.SPANISH_PLAIN:g} (plain Spanish): use shorter sentences and plainer words"))
    return problems
