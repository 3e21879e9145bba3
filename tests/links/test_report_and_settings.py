"""Report formats, the allow-list rules and the project's own settings files."""
from __future__ import annotations

import csv
import io

import pytest

from beyond_detox.links import load_settings
from beyond_detox.links.analyse import kind_of, source_file
from beyond_detox.links.model import ERROR, WARNING, Finding, Report
from beyond_detox.links.report import CSV_COLUMNS, csv_text, markdown, text
from beyond_detox.links.settings import ALLOWLIST, LINKCHECKERRC, AllowEntry


def sample() -> Report:
    return Report(pages=3, internal_links=10, external_links=4, external_skipped=False, findings=[
        Finding("/b/", "https://x.org/a|b", "404 Not Found", ERROR, "external", source_file="docs/b.md"),
        Finding("/a/", "../c/", "page not found (404)", ERROR, "page", source_file="docs/a.md"),
        Finding("/a/", "https://slow.org/", "403 Forbidden from slow.org", WARNING, "external"),
    ])


def test_text_groups_by_page_and_ends_with_a_summary():
    out = text(sample())
    lines = out.splitlines()
    assert lines[0] == "Broken links:"
    assert "# /a/  (edit docs/a.md)" in lines
    assert lines.index("/a/ -> ../c/: page not found (404)") < lines.index("/b/ -> https://x.org/a|b: 404 Not Found")
    assert "Warnings (they do not fail the check):" in lines
    assert lines[-1].startswith("Checked 3 pages, 10 internal links, 4 external links (0 from the cache): "
                                "2 broken links on 2 pages, 1 warning.")


def test_markdown_is_pasteable_into_an_issue():
    md = markdown(sample())
    assert "## Broken links (2)" in md and "## Warnings (1)" in md
    assert "### `/a/` — edit `docs/a.md`" in md
    assert "| `https://x.org/a\\|b` | 404 Not Found |" in md  # a | inside a cell is escaped


def test_markdown_is_cut_to_fit_an_issue():
    many = Report(pages=1, findings=[Finding("/p/", f"https://x.org/{n}", "404 Not Found " + "x" * 100)
                                     for n in range(2000)])
    md = markdown(many, max_chars=5000)
    assert len(md) < 5000 and "cut here" in md


def test_csv_has_one_row_per_finding():
    rows = list(csv.reader(io.StringIO(csv_text(sample()))))
    assert rows[0] == CSV_COLUMNS
    assert len(rows) == 4 and rows[1][0] == ERROR and rows[-1][0] == WARNING


def test_clean_report():
    assert "Every link works." in markdown(Report(pages=2))
    assert "no broken links, 0 warnings" in text(Report(pages=2))


@pytest.mark.parametrize("pattern, host, port, status, expected", [
    ("www.example.org", "www.example.org", 443, 403, True),
    ("www.example.org", "WWW.EXAMPLE.ORG", 443, 429, True),
    ("www.example.org", "example.org", 443, 403, False),
    ("www.example.org", "www.example.org", 443, 404, False),
    ("*.example.org", "a.b.example.org", 443, 403, True),
    ("*.example.org", "example.org", 443, 403, True),
    ("*.example.org", "badexample.org", 443, 403, False),
    ("127.0.0.1:8080", "127.0.0.1", 8080, 403, True),
    ("127.0.0.1:8080", "127.0.0.1", 8081, 403, False),
])
def test_allow_list_matching(pattern, host, port, status, expected):
    assert AllowEntry(pattern, frozenset({403, 429}), "why").matches(host, port, status) is expected


def test_the_projects_settings_files_load_and_every_exclusion_says_why():
    settings = load_settings(LINKCHECKERRC, ALLOWLIST)
    assert settings.external.per_host_interval >= 1 and settings.external.cache_days == 7
    assert settings.external.user_agent.startswith("BeyondDetoxLinkCheck/")
    assert settings.allowlist.entries
    for entry in settings.allowlist.entries:
        assert len(entry.why) > 30 and entry.answers <= {403, 429}


@pytest.mark.parametrize("url, kind", [
    ("http://h/a/", "page"), ("http://h/a.html", "page"), ("http://h/i.PNG", "image"), ("http://h/s.css", "stylesheet"),
    ("http://h/app.js", "script"), ("http://h/leaflet.pdf", "file"), ("http://h/", "page"),
])
def test_kind_of(url, kind):
    assert kind_of(url) == kind


def test_source_file_names_the_markdown_to_edit(tmp_path):
    docs = tmp_path / "docs"
    (docs / "safety").mkdir(parents=True)
    (docs / "about").mkdir()
    (docs / "index.md").write_text("x")
    (docs / "safety" / "overdose.md").write_text("x")
    (docs / "about" / "index.md").write_text("x")
    assert source_file("/", docs) == "docs/index.md"
    assert source_file("/safety/overdose/", docs) == "docs/safety/overdose.md"
    assert source_file("/about/", docs) == "docs/about/index.md"
    assert source_file("/nowhere/", docs) == ""
    assert source_file("/safety/overdose/", None) == ""
