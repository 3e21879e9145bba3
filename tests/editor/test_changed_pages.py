"""scripts/changed_pages.py on a tiny git repository: the pages a branch changed, with grades."""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from beyond_detox.editor import scaffold
from beyond_detox.editor.changed import changed_pages
from beyond_detox.paths import DATA, INCLUDES, ROOT

from .conftest import git

SCRIPT = ROOT / "scripts" / "changed_pages.py"
TODAY = dt.date.today()

HARD = textwrap.dedent(f"""\
    ---
    title: A hard page
    description: A plain description of what this page tells a reader, in one sentence.
    audience: families
    review:
      status: editorial
      reviewed_on: {TODAY.isoformat()}
      next_review: {scaffold.one_year_later(TODAY).isoformat()}
    references: [nasem2019, strang2003, sordo2017]
    ---

    !!! note "Key points"

        - Pharmacological interventions demonstrate considerable effectiveness regarding mortality reduction [@nasem2019].

    Epidemiological investigations consistently demonstrate substantially elevated mortality following institutional
    detoxification, particularly attributable to diminished physiological tolerance [@strang2003]. Maintenance
    pharmacotherapy administration demonstrates considerable protective associations regarding all-cause mortality
    throughout continuous engagement [@sordo2017].
    """)

PLAIN = textwrap.dedent(f"""\
    ---
    title: An about page
    description: A plain description of what this page tells a reader, in one sentence.
    review:
      status: editorial
      reviewed_on: {TODAY.isoformat()}
      next_review: {scaffold.one_year_later(TODAY).isoformat()}
    ---

    We are a small team. We write plain pages.
    """)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(DATA, root / "data", ignore=shutil.ignore_patterns("*.lock", ".*.tmp"))
    shutil.copytree(INCLUDES, root / "includes")
    docs = root / "docs"
    (docs / "safety").mkdir(parents=True)
    (docs / "about").mkdir()
    (docs / "treatment").mkdir()
    (docs / "safety" / "changed.md").write_text(
        scaffold.skeleton("A page that changes", "safety", "families", [], TODAY), encoding="utf-8")
    (docs / "treatment" / "uses-block.md").write_text(
        scaffold.skeleton("A page with a shared block", "treatment", "people-in-recovery", [], TODAY)
        + "\n[[include:tolerance-warning]]\n", encoding="utf-8")
    (docs / "about" / "old.md").write_text(PLAIN, encoding="utf-8")
    (docs / "about" / "untouched.md").write_text(PLAIN.replace("An about page", "Untouched"), encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "base")
    git(root, "branch", "-M", "main")
    git(root, "switch", "-qc", "feature")

    changed = docs / "safety" / "changed.md"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nOne more plain sentence.\n", encoding="utf-8")
    (docs / "families").mkdir()
    (docs / "families" / "hard.md").write_text(HARD, encoding="utf-8")
    (docs / "about" / "old.md").unlink()
    block = root / "includes" / "tolerance-warning.md"
    block.write_text(block.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "feature")
    (docs / "about" / "not-yet-committed.md").write_text(PLAIN.replace("An about page", "Not yet committed"), encoding="utf-8")
    return root


def test_lists_the_changed_pages_with_grades(repo):
    merge_base, pages = changed_pages(repo, "main")
    by_rel = {page.rel: page for page in pages}
    assert set(by_rel) == {"safety/changed.md", "families/hard.md", "about/old.md", "treatment/uses-block.md",
                           "about/not-yet-committed.md"}
    assert by_rel["safety/changed.md"].change == "changed"
    assert by_rel["families/hard.md"].change == "added"
    assert by_rel["about/old.md"].change == "deleted"
    assert by_rel["treatment/uses-block.md"].change == "via includes/tolerance-warning.md"
    assert by_rel["about/not-yet-committed.md"].change == "added"

    hard = by_rel["families/hard.md"]
    assert hard.grade > 8 and hard.limit == 8 and hard.sources == 3
    assert any("reading-level" in problem for problem in hard.problems)
    changed = by_rel["safety/changed.md"]
    assert changed.grade <= 8 and changed.problems == [] and changed.todos >= 3 and changed.status == "draft"
    assert by_rel["about/not-yet-committed.md"].limit is None, "no grade limit on a page that is not an article"
    assert pages[-1].rel == "about/old.md", "deleted pages last"


def test_the_script_prints_a_markdown_table(repo):
    done = subprocess.run([sys.executable, str(SCRIPT), "--base", "main", "--root", str(repo)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.startswith("## Changed pages")
    rows = [line for line in out.splitlines() if line.startswith("| `docs/")]
    assert len(rows) == 5
    hard = next(row for row in rows if "families/hard.md" in row)
    assert "| added | families |" in hard and "(≤ 8) ❌" in hard and "problem(s)" in hard
    changed = next(row for row in rows if "safety/changed.md" in row)
    assert "(≤ 8) ✅" in changed and "TODO left" in changed and "| draft |" in changed
    assert "| deleted |" in next(row for row in rows if "about/old.md" in row)
    assert "What the content check says" in out and "reading-level" in out


def test_nothing_changed(repo):
    git(repo, "switch", "-q", "main")
    (repo / "docs" / "about" / "not-yet-committed.md").unlink()
    done = subprocess.run([sys.executable, str(SCRIPT), "--base", "main", "--root", str(repo)], capture_output=True, text=True)
    assert done.returncode == 0 and "No page changed." in done.stdout


def test_an_unknown_base_is_a_clear_error(repo):
    done = subprocess.run([sys.executable, str(SCRIPT), "--base", "origin/nowhere", "--root", str(repo)],
                          capture_output=True, text=True)
    assert done.returncode == 2 and "cannot compare with 'origin/nowhere'" in done.stderr and "fetch-depth" in done.stderr
