"""The files GitHub and pre-commit read: they parse, and they say what the editors' workflow needs."""
from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml

from beyond_detox.paths import ROOT

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))


def load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_pull_request_template_is_the_checklist():
    text = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    boxes = re.findall(r"^- \[ \] (.+)", text, re.M)
    assert len(boxes) >= 12
    lowered = " ".join(text.lower().split())
    for needed in ("nhs", "(pif) tick criteria", "discern", "the wording is ours",       # drawn from, not quoted
                   "cited", "current", "evidence is thin", "risks", "no treatment",
                   "grade 8", "7 or lower", "person-first", "right reviewer", "reviewed_on", "next_review",
                   "no phone number is typed", "phone-sized window", "todo"):
        assert needed in lowered, needed


def codeowners() -> dict[str, list[str]]:
    rules = {}
    for line in (GITHUB / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            pattern, *owners = line.split()
            assert owners, f"no owner on: {line}"
            rules[pattern] = owners
    return rules


def test_codeowners_names_placeholder_teams_only():
    rules = codeowners()
    assert rules["*"] == ["@OWNER/maintainers"]
    for content in ("/docs/", "/data/", "/includes/"):
        assert rules[content] == ["@OWNER/content-reviewers"], content
    owners = {owner for team in rules.values() for owner in team}
    assert owners == {"@OWNER/maintainers", "@OWNER/content-reviewers"}, "no invented people or teams"
    text = (GITHUB / "CODEOWNERS").read_text(encoding="utf-8")
    assert "replace OWNER" in text and "must create" in text


def test_contributing_explains_branch_protection_and_the_walkthrough():
    text = " ".join((ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8").split())
    assert "## Branch protection" in text and "Require review from Code Owners" in text and "make test" in text
    for tool in ("scripts/new_article.py", "scripts/add_reference.py", "scripts/review_due.py", "pre-commit",
                 "CSL JSON", "make lint", "make test", "## Review dates"):
        assert tool in text, tool


def test_issue_form_parses():
    form = load(GITHUB / "ISSUE_TEMPLATE" / "content-error.yml")
    assert {"name", "description", "body"} <= set(form)
    ids = [item["id"] for item in form["body"] if "id" in item]
    assert len(ids) == len(set(ids)) and "page" in ids
    for item in form["body"]:
        assert item["type"] in ("markdown", "input", "textarea", "dropdown", "checkboxes")


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_parses_and_has_jobs_with_steps(path):
    workflow = load(path)
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert workflow.get("name") and triggers and workflow.get("jobs"), path.name
    assert "permissions" in workflow, "every workflow states its permissions"
    for name, job in workflow["jobs"].items():
        assert job.get("runs-on") and job.get("steps"), f"{path.name}: {name}"
        for step in job["steps"]:
            assert ("uses" in step) != ("run" in step), f"{path.name}: {step}"
            if "uses" in step:
                assert re.search(r"@v\d+$", step["uses"]), f"{path.name}: pin the action's major version: {step['uses']}"


def test_review_due_workflow_runs_monthly_and_keeps_one_issue():
    workflow = load(GITHUB / "workflows" / "review-due.yml")
    triggers = workflow.get("on", workflow.get(True))
    cron = triggers["schedule"][0]["cron"].split()
    assert len(cron) == 5 and cron[2] not in ("*",) and cron[3] == "*", "once a month"
    assert workflow["permissions"] == {}
    job = next(iter(workflow["jobs"].values()))
    assert job["permissions"] == {"contents": "read", "issues": "write"}
    script = "\n".join(step.get("run", "") for step in job["steps"])
    assert "scripts/review_due.py" in script and "--format markdown" in script
    assert 'title="Reviews due"' in script
    assert "gh issue edit" in script and "gh issue create" in script and "gh issue close" in script


def test_pull_request_workflow_uploads_the_site_and_lists_changed_pages():
    workflow = load(GITHUB / "workflows" / "pull-request.yml")
    assert workflow["permissions"] == {"contents": "read"}, "no write permission: safe for forks"
    steps = workflow["jobs"]["test"]["steps"]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0
    assert any(s.get("run") == "make test" for s in steps)
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["path"] == "site/" and upload["with"]["name"] == "site-preview"
    summary = next(s for s in steps if "changed_pages.py" in s.get("run", ""))
    assert "$GITHUB_STEP_SUMMARY" in summary["run"] and '--base "$BASE"' in summary["run"]
    assert "github.base_ref" in summary["env"]["BASE"], "the base branch comes in through env, not the script"


def test_pre_commit_config_hooks_exist_and_remote_revs_are_pinned():
    config = load(ROOT / ".pre-commit-config.yaml")
    local = [repo for repo in config["repos"] if repo["repo"] == "local"]
    remote = [repo for repo in config["repos"] if repo["repo"] != "local"]
    assert local and remote
    ids = set()
    for hook in local[0]["hooks"]:
        ids.add(hook["id"])
        words = shlex.split(hook["entry"])
        if hook["language"] == "system":
            assert (ROOT / "scripts").exists()
            scripts = [w for w in words if w.endswith(".py")]
            assert scripts and all((ROOT / s).is_file() for s in scripts), hook["entry"]
            assert words[0] == ".venv/bin/python"
            assert "pass_filenames" in hook
        if hook["language"] == "python":
            assert all(re.fullmatch(r"[\w.-]+==\d+(\.\d+)*", dep) for dep in hook["additional_dependencies"]), hook
    assert {"content-check-pages", "content-check-site", "ruff"} <= ids
    pages = next(h for h in local[0]["hooks"] if h["id"] == "content-check-pages")
    assert pages["pass_filenames"] is True and re.search(pages["files"], "docs/safety/x.md")
    site = next(h for h in local[0]["hooks"] if h["id"] == "content-check-site")
    assert site["pass_filenames"] is False and re.search(site["files"], "data/references.json")
    assert re.search(site["files"], "includes/overdose-steps.md")
    ruff = next(h for h in local[0]["hooks"] if h["id"] == "ruff")
    assert ruff["additional_dependencies"] == ["ruff==0.17.6"]
    for repo in remote:
        assert repo["repo"].startswith("https://github.com/")
        assert re.fullmatch(r"v\d+\.\d+\.\d+", repo["rev"]), f"pin {repo['repo']} to a release tag, not {repo['rev']}"
    yaml_hook = next(h for r in remote for h in r["hooks"] if h["id"] == "check-yaml")
    assert "--unsafe" in yaml_hook["args"], "mkdocs.yml uses !ENV tags"
