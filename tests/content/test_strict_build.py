"""`make build`, the command CI runs, fails on any MkDocs warning and names the file.

Each case copies the project, breaks one page the way an editor might, and runs the real
`make build` in the copy (with this test run's virtualenv, so nothing is installed).
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from beyond_detox.build import problem_lines
from beyond_detox.paths import ROOT

PROJECT_PARTS = ["Makefile", "mkdocs.yml", "requirements.txt", "docs", "overrides", "data", "includes", "beyond_detox", "scripts"]
PAGE = "about/privacy.md"


@pytest.fixture(scope="module")
def venv() -> Path:
    prefix = Path(sys.prefix)
    if not (prefix / "bin" / "python").exists() or not (prefix / ".installed").exists():
        pytest.fail(f"run the tests from the project's virtualenv (make test); {prefix} is not it")
    return prefix


def copy_project(destination: Path) -> Path:
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, destination / part)
    return destination


def make_build(project: Path, venv: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "--no-print-directory", "build", f"VENV={venv}"], cwd=project,
                          capture_output=True, text=True, timeout=300)


CASES = {
    "broken relative link": ("[broken](no-such-page.md)", "no-such-page.md"),
    "missing anchor": ("[broken](accessibility.md#no-such-section)", "no-such-section"),
    "external image": ('<img src="https://tracker.example.com/pixel.png" alt="">', "https://tracker.example.com/pixel.png"),
}


@pytest.mark.parametrize("case", CASES)
def test_make_build_fails_on_a_warning_and_names_the_file(tmp_path, venv, case):
    snippet, named = CASES[case]
    project = copy_project(tmp_path)
    page = project / "docs" / PAGE
    page.write_text(page.read_text(encoding="utf-8") + f"\n\n{snippet}\n", encoding="utf-8")
    run = make_build(project, venv)
    output = run.stdout + run.stderr
    assert run.returncode != 0, f"make build passed with a {case}:\n{output}"
    problems = "\n".join(problem_lines(output))
    assert named in problems and ("privacy.md" in problems or "about/privacy/" in problems), output
    assert "INFO" not in output, "the build output should stay short (no INFO lines)"


def test_make_build_passes_on_the_real_project(tmp_path, venv):
    run = make_build(copy_project(tmp_path), venv)
    assert run.returncode == 0, run.stdout + run.stderr
    assert (tmp_path / "site" / "index.html").exists()


def test_problem_lines_keep_warnings_and_their_details_and_drop_info():
    log = "INFO    -  Cleaning site directory\nWARNING -  Doc file 'a.md' contains a link 'b.md'\n" \
          "ERROR   -  Error building page 'c.md': content check failed:\ndocs/c.md:3: citation: unknown key\n" \
          "INFO    -  Documentation built in 0.5 seconds\nAborted with 1 warnings in strict mode!\n"
    assert problem_lines(log) == [
        "WARNING -  Doc file 'a.md' contains a link 'b.md'",
        "ERROR   -  Error building page 'c.md': content check failed:",
        "docs/c.md:3: citation: unknown key",
        "Aborted with 1 warnings in strict mode!",
    ]


def test_reader_facing_validation_is_a_warning_so_strict_fails_on_it():
    from mkdocs.config import load_config

    validation = load_config(str(ROOT / "mkdocs.yml")).validation
    for group, checks in {"nav": ["omitted_files", "not_found"], "links": ["not_found", "anchors", "unrecognized_links"]}.items():
        for check in checks:
            assert validation[group][check] >= 30, f"validation.{group}.{check} must be warn (30) so the strict build fails on it"
