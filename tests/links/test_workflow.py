"""The weekly workflow: schedule, least permissions, and its open/update/close logic (run with a stand-in `gh`)."""
from __future__ import annotations

import os
import subprocess

import pytest
import yaml

from beyond_detox.paths import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "links.yml"


@pytest.fixture(scope="module")
def workflow():
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps(workflow):
    return workflow["jobs"]["links"]["steps"]


def test_runs_weekly_and_by_hand(workflow):
    triggers = workflow.get("on") or workflow.get(True)  # YAML 1.1 reads a bare `on` as true
    cron = triggers["schedule"][0]["cron"].split()
    assert len(cron) == 5 and cron[2:4] == ["*", "*"] and cron[4] != "*"  # one day a week
    assert "workflow_dispatch" in triggers


def test_least_permissions_and_default_token_only(workflow):
    assert workflow["permissions"] == {}
    assert workflow["jobs"]["links"]["permissions"] == {"contents": "read", "issues": "write"}
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "secrets." not in text and "${{ github.token }}" in text
    checkout = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["persist-credentials"] is False


def test_runs_the_external_check_with_report_and_contact(workflow):
    check = next(s for s in steps(workflow) if s.get("id") == "check")
    assert "scripts/check_links.py --site site --external" in check["run"]
    assert "--report reports/links.md" in check["run"]
    assert "BD_LINKS_CONTACT" in check["env"]


@pytest.mark.parametrize("exit_code, open_issue, expected", [
    ("1", "", ["issue list", "issue create --title Link check: broken links --body-file reports/issue.md"]),
    ("1", "7", ["issue list", "issue edit 7 --body-file reports/issue.md", "issue comment 7"]),
    ("0", "7", ["issue list", "issue close 7"]),
    ("0", "", ["issue list"]),
])
def test_opens_updates_or_closes_one_issue(workflow, tmp_path, exit_code, open_issue, expected):
    script = steps(workflow)[-1]["run"]
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    calls = tmp_path / "calls.txt"
    fake = bin_dir / "gh"  # stands in for the GitHub CLI: records its arguments
    fake.write_text(f'#!/bin/bash\necho "$*" >> {calls}\n'
                    f'if [ "$1 $2" = "issue list" ]; then echo "{open_issue}"; fi\n', encoding="utf-8")
    fake.chmod(0o755)
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "links.md").write_text("# Link check report\n", encoding="utf-8")
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "EXIT": exit_code, "RUN_URL": "https://run/1",
           "GH_TOKEN": "x", "GH_REPO": "o/r"}
    subprocess.run(["bash", "-e", "-c", script], cwd=tmp_path, env=env, check=True)
    recorded = calls.read_text(encoding="utf-8").splitlines()
    assert len(recorded) == len(expected)
    for line, start in zip(recorded, expected):
        assert line.startswith(start), (line, start)
    if exit_code == "1":
        assert "https://run/1" in (tmp_path / "reports" / "issue.md").read_text(encoding="utf-8")
