"""scripts/review_due.py on a small project with known dates: exactly the items due, one line each."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from beyond_detox.editor.review_due import due_items, format_markdown, format_text
from beyond_detox.paths import ROOT

TODAY = dt.date(2027, 6, 1)
SCRIPT = ROOT / "scripts" / "review_due.py"


def page(title: str, reviewed: str, next_review: str) -> str:
    return textwrap.dedent(f"""\
        ---
        title: {title}
        description: A plain description of what this page tells a reader, in one sentence.
        review:
          status: editorial
          reviewed_on: {reviewed}
          next_review: {next_review}
        ---

        Some words.
        """)


def reference(key: str, note: str) -> dict:
    return {"id": key, "type": "webpage", "title": f"Page {key}", "URL": f"https://www.example.org/{key}", "note": note}


SERVICES = textwrap.dedent("""\
    # A test area.
    area: testland
    name: Testland
    coverage: Testland
    organizations:
      - id: org-one
        name: Organisation one
        services:
          - id: old-line
            name: Old line
            assured_date: 2026-06-20
          - id: fresh-line
            name: Fresh line
            assured_date: 2027-05-01
          - id: never-confirmed
            name: Never confirmed
      - id: org-two
        name: Organisation two
        services:
          - id: imported-listing
            name: An imported listing
            imported: {source: findtreatment}
    """)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    docs, data = tmp_path / "docs", tmp_path / "data"
    (docs / "safety").mkdir(parents=True)
    (data / "resources" / "local").mkdir(parents=True)
    (docs / "due-soon.md").write_text(page("Due soon", "2026-07-01", "2027-07-01"), encoding="utf-8")
    (docs / "safety" / "overdue.md").write_text(page("Overdue", "2026-01-01", "2027-01-01"), encoding="utf-8")
    (docs / "later.md").write_text(page("Later", "2027-05-01", "2028-05-01"), encoding="utf-8")
    (docs / "edge.md").write_text(page("On the last day", "2026-08-30", "2027-08-30"), encoding="utf-8")  # today + 90
    (docs / "no-review.md").write_text("---\ntitle: No review\n---\n\nText.\n", encoding="utf-8")
    refs = [
        reference("old2020", "Confirmed 2025-06-15 on the agency's own page; re-checked 2025-07-01 there."),
        reference("recent2021", "Confirmed 2026-11-27 in a stored copy of the agency's page."),
        reference("undated2019", "From the project's checked evidence list (seen at example.org), used 2026-11-27."),
        reference("both2022", "Confirmed 2024-01-01 on PubMed. Re-checked 2027-01-10 by the lead editor on the publisher's page."),
    ]
    (data / "references.json").write_text(json.dumps(refs, indent=2) + "\n", encoding="utf-8")
    (data / "resources" / "testland.yml").write_text(SERVICES, encoding="utf-8")
    (data / "resources" / "local" / "area.yml").write_text(textwrap.dedent("""\
        area: area
        name: Area
        coverage: Area
        organizations:
          - id: clinic
            name: A clinic
            services:
              - id: clinic-service
                name: Clinic service
                assured_date: 2026-08-01
        """), encoding="utf-8")
    return tmp_path


def line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if needle in line)


def test_finds_exactly_the_items_due(project):
    items = due_items(project, TODAY, 90)
    found = {(i.path, i.line, i.what, i.due) for i in items}
    refs = project / "data" / "references.json"
    services = project / "data" / "resources" / "testland.yml"
    assert found == {
        ("docs/safety/overdue.md", 7, 'page "Overdue"', dt.date(2027, 1, 1)),
        ("docs/due-soon.md", 7, 'page "Due soon"', dt.date(2027, 7, 1)),
        ("docs/edge.md", 7, 'page "On the last day"', dt.date(2027, 8, 30)),
        ("data/references.json", line_of(refs, '"old2020"'), "reference old2020", dt.date(2027, 7, 1)),  # the newer date
        ("data/references.json", line_of(refs, '"undated2019"'), "reference undated2019", None),
        ("data/resources/testland.yml", line_of(services, "2026-06-20"), "directory entry old-line (Old line)", dt.date(2027, 6, 20)),
        ("data/resources/testland.yml", line_of(services, "id: never-confirmed"), "directory entry never-confirmed (Never confirmed)", None),
        ("data/resources/local/area.yml", 10, "directory entry clinic-service (Clinic service)", dt.date(2027, 8, 1)),
    }
    # Undated first, then soonest first.
    assert [i.due for i in items] == sorted([i.due for i in items], key=lambda d: d or dt.date.min)


def test_a_shorter_window_finds_less(project):
    whats = {i.what for i in due_items(project, TODAY, 20)}
    assert whats == {'page "Overdue"', "reference undated2019", "directory entry never-confirmed (Never confirmed)",
                     "directory entry old-line (Old line)"}


def test_text_is_one_line_per_item_in_path_line_format(project):
    items = due_items(project, TODAY, 90)
    text = format_text(items, TODAY, 90).splitlines()
    assert len(text) == len(items) == 8
    assert "docs/safety/overdue.md:7: page \"Overdue\": overdue since 2027-01-01 (next_review; last reviewed 2026-01-01)" in text
    assert any(line.startswith("data/references.json:") and "reference old2020: due 2027-07-01 (confirmed 2025-07-01 + 2 years)" in line
               for line in text), "the newest confirmation date counts"
    assert any("reference undated2019: due now" in line for line in text)
    assert any("old-line (Old line): due 2027-06-20 (assured 2026-06-20 + 12 months)" in line for line in text)


def test_markdown_groups_items_as_a_checklist(project):
    markdown = format_markdown(due_items(project, TODAY, 90), TODAY, 90)
    assert markdown.startswith("# Reviews due\n")
    assert "## Pages (3)" in markdown and "## References (2)" in markdown and "## Directory entries (3)" in markdown
    assert "- [ ] `docs/safety/overdue.md:7` page \"Overdue\": **overdue since 2027-01-01**" in markdown


def test_nothing_due(project):
    text = format_text([], TODAY, 90)
    assert text == "nothing due in the next 90 days (by 2027-08-30)"
    assert "Nothing due in the next 90 days" in format_markdown([], TODAY, 90)
    assert "- [ ]" not in format_markdown([], TODAY, 90), "the workflow closes the issue when no item line is there"


def test_cli_exits_0_and_prints_the_lines(project):
    done = subprocess.run([sys.executable, str(SCRIPT), "--root", str(project), "--today", "2027-06-01", "--days", "90"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 8
    done = subprocess.run([sys.executable, str(SCRIPT), "--root", str(project), "--today", "2020-01-01", "--days", "10",
                           "--format", "markdown"], capture_output=True, text=True)
    assert done.returncode == 0
    assert "undated2019" in done.stdout and "## Pages" not in done.stdout


def test_cli_bad_usage_and_help():
    assert subprocess.run([sys.executable, str(SCRIPT), "--today", "June"], capture_output=True).returncode == 2
    assert subprocess.run([sys.executable, str(SCRIPT), "--days", "-3"], capture_output=True).returncode == 2
    done = subprocess.run([sys.executable, str(SCRIPT), "--help"], capture_output=True, text=True)
    assert done.returncode == 0 and "--days" in done.stdout and "--format" in done.stdout


def test_runs_on_the_real_project():
    done = subprocess.run([sys.executable, str(SCRIPT), "--days", "30"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip()
