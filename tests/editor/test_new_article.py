"""scripts/new_article.py: a new article that passes the content check at once, in the right
place in the nav; never overwrites; rejects a bad section; asks in a terminal, refuses without one."""
from __future__ import annotations

import datetime as dt
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from beyond_detox.pages.bibliography import load_bibliography
from beyond_detox.build import build_site
from beyond_detox.content_model import ARTICLE_SECTIONS
from beyond_detox.editor import scaffold
from beyond_detox.frontmatter import read_page
from beyond_detox.lint import lint
from beyond_detox.paths import DATA, ROOT
from .conftest import BUILD_PARTS, copy_parts

SCRIPT = ROOT / "scripts" / "new_article.py"
TODAY = dt.date.today()


def run(project: Path, *args: str) -> subprocess.CompletedProcess:
    """The script as an editor runs it, without a terminal (stdin is not a tty)."""
    return subprocess.run([sys.executable, str(SCRIPT), "--root", str(project), *args], stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=120)


def lint_copy(project: Path):
    return lint(docs_dir=project / "docs", data_dir=project / "data", includes_dir=project / "includes", today=TODAY)


def errors_of(result, page: Path) -> list[str]:
    return [str(p) for p in result.errors if p.path == str(page)]


@pytest.mark.parametrize("section", ARTICLE_SECTIONS)
def test_new_article_passes_the_content_check_and_is_in_the_nav(project_copy, section):
    before = {str(p) for p in lint_copy(project_copy).errors}
    audience = "families" if section != "recovery" else "people-in-recovery"
    done = run(project_copy, "--title", f"Test page about {section}", "--section", section, "--audience", audience,
               "--search-terms", "dope sick, what to do")
    assert done.returncode == 0, done.stdout + done.stderr
    page = project_copy / "docs" / section / f"test-page-about-{section}.md"
    assert page.exists() and f"created {page}" in done.stdout

    result = lint_copy(project_copy)
    assert errors_of(result, page) == [], "\n".join(errors_of(result, page))
    assert {str(p) for p in result.errors} <= before, "the new page brought new problems"
    report = next(r for r in result.reports if r.path == str(page))
    assert report.sources >= 3 and report.grade <= 8

    meta = read_page(page).meta
    assert meta["review"] == {"status": "draft", "reviewed_on": TODAY.isoformat(),
                              "next_review": scaffold.one_year_later(TODAY).isoformat()}
    assert meta["audience"] == audience and meta["search_terms"] == ["dope sick", "what to do"]
    assert len(meta["references"]) == 3
    text = page.read_text(encoding="utf-8")
    assert text.split("---\n", 2)[2].lstrip().startswith('!!! note "Key points"')
    assert "# urgent:" in text and "#   emergency:" in text, "the commented urgent-advice example"
    assert "## Related pages" in text and "(../safety/overdose-risk-after-detox.md)" in text
    assert "EXAMPLE sources" in text and "TODO" in text, "the example sources must be marked for replacement"

    # In the nav, in the group that holds the section's other pages, after the last of them.
    nav_text = (project_copy / "mkdocs.yml").read_text(encoding="utf-8")
    rel = f"{section}/test-page-about-{section}.md"
    group = next(g for g in scaffold.nav_sections(nav_text) if rel in g)
    assert all(p.startswith(f"{section}/") for p in group if "/" in p) and len(group) > 1
    real_group = next(g for g in scaffold.nav_sections((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
                      if any(p.startswith(f"{section}/") for p in g))
    assert group == real_group + [rel]


def test_only_one_line_of_mkdocs_yml_changes(project_copy):
    before = (project_copy / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    assert run(project_copy, "--title", "Sleep and dreams", "--section", "understand", "--audience", "families",
               "--search-terms", "").returncode == 0
    after = (project_copy / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    assert len(after) == len(before) + 1
    added = [line for line in after if line not in before]
    assert added == ["      - understand/sleep-and-dreams.md"]
    assert [line for line in after if line != added[0]] == before, "comments and every other line stay as they were"


def test_the_example_sources_exist_and_are_checkable():
    bibliography = load_bibliography(DATA / "references.json")
    for section, examples in scaffold.EXAMPLE_SOURCES.items():
        assert len({key for key, _ in examples}) == 3, section
        for key, _sentence in examples:
            data = bibliography[key].data
            assert data.get("DOI") or data.get("PMID") or data.get("URL"), key
            assert data.get("note"), key


def test_refuses_to_overwrite_an_existing_page(project_copy):
    args = ("--title", "Overdose risk after detox", "--section", "safety", "--audience", "families", "--search-terms", "")
    page = project_copy / "docs" / "safety" / "overdose-risk-after-detox.md"
    before_page = page.read_text(encoding="utf-8")
    before_nav = (project_copy / "mkdocs.yml").read_text(encoding="utf-8")
    refused = run(project_copy, *args)
    assert refused.returncode == 1
    assert str(page) in refused.stderr and "already exists" in refused.stderr
    assert page.read_text(encoding="utf-8") == before_page
    assert (project_copy / "mkdocs.yml").read_text(encoding="utf-8") == before_nav

    # A page it made itself is not overwritten either.
    first = run(project_copy, "--title", "A new page", "--section", "families", "--audience", "families", "--search-terms", "")
    assert first.returncode == 0
    mine = project_copy / "docs" / "families" / "a-new-page.md"
    mine.write_text(mine.read_text(encoding="utf-8") + "\nMy own words.\n", encoding="utf-8")
    again = run(project_copy, "--title", "A new page", "--section", "families", "--audience", "families", "--search-terms", "")
    assert again.returncode == 1 and "families/a-new-page.md" in again.stderr
    assert "My own words." in mine.read_text(encoding="utf-8")
    assert (project_copy / "mkdocs.yml").read_text(encoding="utf-8").count("families/a-new-page.md") == 1


def test_rejects_an_unknown_section_and_lists_the_valid_ones(project_copy):
    before = (project_copy / "mkdocs.yml").read_text(encoding="utf-8")
    done = run(project_copy, "--title", "Something new", "--section", "news", "--audience", "families", "--search-terms", "")
    assert done.returncode == 2
    assert "unknown section 'news'" in done.stderr
    assert all(section in done.stderr for section in ARTICLE_SECTIONS)
    assert not (project_copy / "docs" / "news").exists()
    assert (project_copy / "mkdocs.yml").read_text(encoding="utf-8") == before


@pytest.mark.parametrize("args, message", [
    (("--audience", "teenagers"), "unknown audience 'teenagers'"),
    (("--slug", "Bad Slug!"), "bad slug"),
    (("--slug", "index"), "bad slug"),
])
def test_rejects_bad_input_with_exit_2(project_copy, args, message):
    base = {"--title": "Something new", "--section": "recovery", "--audience": "families", "--search-terms": ""}
    base.update(dict(zip(args[::2], args[1::2])))
    done = run(project_copy, *[x for pair in base.items() for x in pair])
    assert done.returncode == 2 and message in done.stderr
    assert not list((project_copy / "docs" / "recovery").glob("something-new.md"))


def test_without_a_terminal_missing_flags_are_a_usage_error(project_copy):
    done = run(project_copy, "--title", "Something new")
    assert done.returncode == 2
    assert "missing --section, --audience, --search-terms" in done.stderr and "usage:" in done.stderr


def test_help():
    done = subprocess.run([sys.executable, str(SCRIPT), "--help"], capture_output=True, text=True)
    assert done.returncode == 0
    for flag in ("--title", "--section", "--audience", "--search-terms", "--slug"):
        assert flag in done.stdout


def _load_script():
    spec = importlib.util.spec_from_file_location("new_article_script", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_in_a_terminal_it_asks_for_what_is_missing(project_copy, monkeypatch, capsys):
    script = _load_script()
    answers = iter(["Hi", "Work after detox", "9", "recovery", "2", "job, work", "", ])
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    assert script.main(["--root", str(project_copy)]) == 0
    out = capsys.readouterr().out
    assert "the title must be 3 to 90 characters" in out, "a too-short title is asked again"
    assert "please choose one of" in out, "a wrong choice is asked again"
    page = project_copy / "docs" / "recovery" / "work-after-detox.md"
    meta = read_page(page).meta
    assert meta["title"] == "Work after detox" and meta["audience"] == "people-in-recovery"
    assert meta["search_terms"] == ["job", "work"]


def test_slugs_from_titles():
    assert scaffold.slugify("Sleep & dreams after detox?") == "sleep-dreams-after-detox"
    assert scaffold.slugify("What’s “PAWS”, really") == "whats-paws-really"
    assert len(scaffold.slugify("word " * 40)) <= scaffold.MAX_SLUG
    assert scaffold.one_year_later(dt.date(2028, 2, 29)) == dt.date(2029, 2, 28)


def test_a_title_that_needs_quoting_stays_valid_yaml(project_copy):
    title = 'Methadone: "liquid handcuffs"? # no'
    done = run(project_copy, "--title", title, "--slug", "methadone-myths", "--section", "treatment",
               "--audience", "people-in-recovery", "--search-terms", 'a "quoted" term, b')
    assert done.returncode == 0, done.stderr
    meta = read_page(project_copy / "docs" / "treatment" / "methadone-myths.md").meta
    assert meta["title"] == title and meta["search_terms"] == ['a "quoted" term', "b"]


def test_the_strict_build_accepts_the_new_page(tmp_path):
    project = copy_parts(tmp_path / "project", BUILD_PARTS)
    created = scaffold.create_article(project, "Going back to work after detox", "recovery", "people-in-recovery",
                                      "job, work", today=TODAY)
    assert created.problems == []
    result = build_site(project, tmp_path / "site")
    assert result.ok, "\n".join(result.problems) or result.output[-3000:]
    html = (tmp_path / "site" / "recovery" / "going-back-to-work-after-detox" / "index.html").read_text(encoding="utf-8")
    assert "Going back to work after detox" in html and "Draft" in html
