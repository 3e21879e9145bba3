"""Copies of the project for the editors' tools, so that nothing here writes to the real docs/,
data/ or mkdocs.yml."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from beyond_detox.paths import ROOT

CONTENT_PARTS = ["docs", "data", "includes", "mkdocs.yml"]
BUILD_PARTS = CONTENT_PARTS + ["overrides", "beyond_detox", "scripts"]


def copy_parts(destination: Path, parts: list[str]) -> Path:
    for part in parts:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns("__pycache__", ".*.tmp", "*.lock"))
        else:
            shutil.copy2(source, destination / part)
    return destination


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """docs/, data/, includes/ and mkdocs.yml: enough for the content check and the nav."""
    return copy_parts(tmp_path / "project", CONTENT_PARTS)


def git(root: Path, *args: str) -> str:
    run = subprocess.run(["git", "-C", str(root), "-c", "user.name=Test", "-c", "user.email=test@example.invalid",
                          "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return run.stdout
