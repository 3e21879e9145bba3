"""The pages a branch changed, with their reading grades: the job summary of a pull request.

Called by scripts/changed_pages.py. Compared with the merge base of the branch and BASE (what
the pull request would add), including uncommitted and new files when run on an editor's
machine. A changed shared block (includes/NAME.md) counts as a change to every page that
places it. For each page: its audience, the reading grade the content check measures
(beyond_detox.lint / beyond_detox.readability: US grade, on the prose only), the limit for its
readers, words, sources cited, review status, the content check's problems on that page, and
how many TODOs are left (a page made by scripts/new_article.py starts with several).
"""
from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from beyond_detox import readability
from beyond_detox.content_model import is_article
from beyond_detox.frontmatter import read_page
from beyond_detox.pages.includes import included_names
from beyond_detox.lint import lint
from beyond_detox.problems import ContentError, display_path


class GitError(Exception):
    pass


@dataclass
class ChangedPage:
    rel: str                     # inside docs/
    change: str                  # added | changed | renamed | deleted | via includes/NAME.md
    title: str = ""
    audience: str = ""
    grade: float | None = None
    limit: float | None = None   # the grade limit for its readers (None: no limit, e.g. clinicians)
    words: int = 0
    sources: int = 0
    status: str = ""
    problems: list[str] = field(default_factory=list)
    todos: int = 0


def _git(root: Path, *args: str) -> str:
    run = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)
    if run.returncode:
        raise GitError(run.stderr.strip() or f"git {' '.join(args)} failed")
    return run.stdout


def changed_files(root: Path, base: str) -> tuple[str, list[tuple[str, str]]]:
    """(merge base, [(status letter, path)]) of the files changed since the merge base with `base`,
    committed or not, plus new files git does not track yet (never ignored ones)."""
    try:
        merge_base = _git(root, "merge-base", base, "HEAD").strip()
    except GitError as error:
        raise GitError(f"cannot compare with '{base}': {error} (in CI, check out with fetch-depth: 0; "
                       f"locally, `git fetch origin` first)") from None
    changes = []
    for line in _git(root, "diff", "--name-status", "-M", merge_base, "--").splitlines():
        parts = line.split("\t")
        status = parts[0][:1]
        changes.append((status, parts[-1]))
        if status == "R":  # the old address is gone
            changes.append(("D", parts[1]))
    for path in _git(root, "ls-files", "--others", "--exclude-standard").splitlines():
        changes.append(("A", path))
    return merge_base, changes


def changed_pages(root: Path, base: str) -> tuple[str, list[ChangedPage]]:
    root = Path(root)
    docs, data, includes = root / "docs", root / "data", root / "includes"
    merge_base, changes = changed_files(root, base)
    words = {"A": "added", "M": "changed", "R": "renamed", "C": "copied", "T": "changed", "D": "deleted"}
    pages: dict[str, ChangedPage] = {}
    blocks: list[str] = []
    for status, path in changes:
        if path.startswith("docs/") and path.endswith(".md"):
            rel = path.removeprefix("docs/")
            pages[rel] = ChangedPage(rel, words.get(status, "changed"))
        elif path.startswith("includes/") and path.endswith(".md") and status != "D":
            blocks.append(Path(path).stem)
    if blocks:  # every page that places a changed shared block
        for path in sorted(docs.rglob("*.md")):
            rel = path.relative_to(docs).as_posix()
            if rel in pages:
                continue
            try:
                names = included_names(read_page(path).body)
            except ContentError:
                continue
            hit = next((name for name in blocks if name in names), None)
            if hit:
                pages[rel] = ChangedPage(rel, f"via includes/{hit}.md")

    alive = [rel for rel, page in pages.items() if page.change != "deleted" and (docs / rel).exists()]
    result = lint([docs / rel for rel in alive], docs_dir=docs, data_dir=data, includes_dir=includes) if alive else None
    reports = {r.path: r for r in result.reports} if result else {}
    for rel in alive:
        page = pages[rel]
        path = docs / rel
        where = display_path(path)
        page.problems = [f"{p.line}: {p.rule}: {p.message}" for p in result.problems if p.path == where and p.severity == "error"]
        text = path.read_text(encoding="utf-8")
        page.todos = text.count("TODO")
        try:
            parsed = read_page(path)
        except ContentError:
            continue
        meta = parsed.meta
        page.title = str(meta.get("title") or "")
        page.audience = str(meta.get("audience") or "")
        review = meta.get("review") if isinstance(meta.get("review"), dict) else {}
        page.status = str(review.get("status") or "")
        report = reports.get(where)
        if report:  # an article: the content check's own figures
            page.grade, page.words, page.sources = report.grade, report.words, report.sources
        else:
            page.grade, page.words = readability.grade(parsed.body), readability.word_count(parsed.body)
        if is_article(rel) and page.audience in readability.LAY_AUDIENCES:
            page.limit = readability.MAX_GRADE_START_HERE if meta.get("start_here") is True else readability.MAX_GRADE
    return merge_base, sorted(pages.values(), key=lambda p: (p.change == "deleted", p.rel))


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def summary_markdown(base: str, merge_base: str, pages: list[ChangedPage]) -> str:
    out = ["## Changed pages", "",
           f"Compared with `{base}` (merge base `{merge_base[:10]}`). Grade: US reading grade of the prose, as "
           f"`make lint` measures it; at most {readability.MAX_GRADE:g} for families and people in recovery, "
           f"{readability.MAX_GRADE_START_HERE:g} for start-here pages.", ""]
    if not pages:
        out.append("No page changed.")
        return "\n".join(out) + "\n"
    out += ["| Page | Change | Audience | Grade | Words | Sources | Review | Check |",
            "|---|---|---|---|---|---|---|---|"]
    for page in pages:
        name = f"`docs/{page.rel}`" + (f"<br>{_cell(page.title)}" if page.title else "")
        if page.change == "deleted":
            out.append(f"| {name} | deleted | | | | | | |")
            continue
        grade = "" if page.grade is None else f"{page.grade:.1f}"
        if page.grade is not None and page.limit is not None:
            grade += f" (≤ {page.limit:g}) " + ("✅" if page.grade <= page.limit else "❌")
        check = "✅" if not page.problems else f"❌ {len(page.problems)} problem(s)"
        if page.todos:
            check += f", {page.todos} TODO left"
        out.append(f"| {name} | {page.change} | {page.audience} | {grade} | {page.words} | {page.sources or ''} | "
                   f"{page.status} | {check} |")
    problems = [(page, problem) for page in pages for problem in page.problems]
    if problems:
        out += ["", "<details><summary>What the content check says</summary>", "", "```"]
        out += [f"docs/{page.rel}:{problem}" for page, problem in problems]
        out += ["```", "", "</details>"]
    return "\n".join(out) + "\n"
