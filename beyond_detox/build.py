"""The one way the site is built: `mkdocs build --strict`, with short output.

MkDocs 1.6 drops warnings before counting them when `--quiet` is given, so `--strict --quiet`
never fails (mkdocs issue 4126). We build without `--quiet`, hide the INFO lines ourselves, print
every warning and error, and fail on any of them, even if a plugin forgot to count one.
"""
from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from beyond_detox.paths import ROOT

# MkDocs' log lines start with the level name, padded ("WARNING -  ...", "INFO    -  ...").
PROBLEM_LEVELS = ("WARNING", "ERROR", "CRITICAL")


@dataclass
class BuildResult:
    returncode: int
    problems: list[str] = field(default_factory=list)   # warning and error lines, as MkDocs printed them
    output: str = ""                                     # everything, for a test that wants to look

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.problems


def problem_lines(output: str) -> list[str]:
    """The WARNING/ERROR lines of a MkDocs log, each with the lines that continue it (tracebacks,
    the content checker's `path:line: rule: message` lists), without the INFO chatter."""
    kept: list[str] = []
    keeping = False
    for line in output.splitlines():
        level = line.split(" ", 1)[0].rstrip(":")
        if level in PROBLEM_LEVELS:
            keeping = True
            kept.append(line)
        elif level in ("INFO", "DEBUG"):
            keeping = False
        elif keeping and line.strip():
            kept.append(line)
        elif line.startswith(("Aborted", "Error:", "Traceback")):
            keeping = True
            kept.append(line)
    return kept


# English first (its build empties site/), then each translation into site/<lang>/.
CONFIGS = (("mkdocs.yml", ""), ("mkdocs.es.yml", "es"))


def build_site(project: Path = ROOT, site_dir: Path | None = None, config_file: str | None = None) -> BuildResult:
    """Build every language (or only `config_file`) strictly; the first failure stops it."""
    configs = [(c, sub) for c, sub in CONFIGS if (Path(project) / c).exists()] if config_file is None else [(config_file, "")]
    output, problems = "", []
    for config, subfolder in configs:
        target = None if site_dir is None else Path(site_dir) / subfolder
        result = _build_one(project, target, config)
        output += result.output
        problems += result.problems
        if not result.ok:
            return BuildResult(result.returncode or 1, problems, output)
    return BuildResult(0, problems, output)


def _build_one(project: Path, site_dir: Path | None, config_file: str) -> BuildResult:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(Path(project) / config_file)]
    if site_dir is not None:
        command += ["--site-dir", str(site_dir)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    run = subprocess.run(command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output = run.stdout
    problems = problem_lines(output)
    returncode = run.returncode if run.returncode else (1 if problems else 0)
    return BuildResult(returncode, problems, output)
