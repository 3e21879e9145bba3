"""The Get help pages built by MkDocs with overrides/hooks/resources.py, served over real HTTP on
127.0.0.1 and opened in real Chromium: strict build, generated local page and directory.json,
axe-core on the rendered directory, touch targets, and reflow on a 320px screen."""
from __future__ import annotations

import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from beyond_detox.resources.import_findtreatment import read_export_file, run_import
from beyond_detox.serve import serve_directory

from .helpers import FIXTURES, ROOT, TODAY

HOOK = ROOT / "overrides" / "hooks" / "resources.py"
STUB = """---
title: {title}
description: A stand-in page for the resource directory's own build test.
---

Stand-in.
"""
CONFIG = f"""site_name: Directory test
docs_dir: docs
site_dir: site
theme:
  name: material
  font: false
extra_css:
  - assets/site.css      # stands in for the site's own stylesheet (links underlined, as there)
  - assets/directory.css # the directory's stylesheet, as in the real mkdocs.yml
hooks:
  - {HOOK}
markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.details
  - pymdownx.superfences
validation:
  omitted_files: warn
  absolute_links: warn
  unrecognized_links: warn
  anchors: warn
nav:
  - Home: index.md
  - Get help now: [get-help/index.md, get-help/florida.md]
  - Other pages: {{STUBS}}
"""


def build(project: Path, data: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "BEYOND_DETOX_RESOURCES": str(data), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml")],
                          cwd=project, env=env, capture_output=True, text=True, timeout=120)


def make_project(root: Path) -> tuple[Path, Path]:
    docs = root / "docs"
    (docs / "get-help").mkdir(parents=True)
    for page in ("index.md", "florida.md"):
        shutil.copy(ROOT / "docs" / "get-help" / page, docs / "get-help" / page)
    # Every page the two Get help pages link to exists as a stand-in, so the strict build checks
    # the directory's own output, not the rest of the site.
    linked = set()
    for page in ("index.md", "florida.md"):
        text = (docs / "get-help" / page).read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)#\s]+\.md)", text):
            rel = posixpath.normpath(posixpath.join("get-help", target))
            if not rel.startswith("get-help/"):
                linked.add(rel)
    (docs / "index.md").write_text(STUB.format(title="Home"), encoding="utf-8")
    for stub in sorted(linked):
        (docs / stub).parent.mkdir(parents=True, exist_ok=True)
        (docs / stub).write_text(STUB.format(title=stub.rsplit("/", 1)[-1].removesuffix(".md")), encoding="utf-8")
    (docs / "assets").mkdir()
    (docs / "assets" / "site.css").write_text(".md-typeset a { text-decoration: underline; }\n", encoding="utf-8")
    shutil.copy(ROOT / "overrides" / "assets" / "stylesheets" / "directory.css", docs / "assets" / "directory.css")
    (root / "mkdocs.yml").write_text(CONFIG.replace("{STUBS}", "[" + ", ".join(sorted(linked)) + "]"), encoding="utf-8")
    data = root / "data"
    data.mkdir()
    for name in ("national.yml", "florida.yml"):
        shutil.copy(ROOT / "data" / "resources" / name, data / name)
    run_import(area="bay-county-fl", pages=read_export_file(FIXTURES / "findtreatment_bay.json"), source="fixture",
               data_dir=data, name="Bay County, Florida", state="FL", today=TODAY)
    return root, data


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project, data = make_project(tmp_path_factory.mktemp("directory-site"))
    result = build(project, data)
    assert result.returncode == 0, result.stderr[-3000:]
    return project / "site"


@pytest.fixture(scope="module")
def served(built):
    server, url = serve_directory(built)
    yield url
    server.shutdown()
    server.server_close()


def test_strict_build_makes_the_pages_the_local_page_and_directory_json(built):
    for path in ("get-help/index.html", "get-help/florida/index.html", "get-help/local/bay-county-fl/index.html",
                 "get-help/directory.json", "assets/directory.css"):
        assert (built / path).is_file(), path
    florida = (built / "get-help" / "florida" / "index.html").read_text()
    assert 'href="../local/bay-county-fl/"' in florida or 'href="local/bay-county-fl/"' in florida
    local = (built / "get-help" / "local" / "bay-county-fl" / "index.html").read_text()
    assert "Call ahead" in local and "27 November 2026" in local and "Example Recovery Services" in local
    assert 'href="tel:+18505550101"' in local
    document = json.loads((built / "get-help" / "directory.json").read_text())
    names = [svc["name"] for org in document["organizations"] for svc in org["services"]]
    assert "988 Suicide & Crisis Lifeline" in names and "Example Recovery Services" in names
    assert "directory.css" in (built / "get-help" / "index.html").read_text()


def test_the_generated_local_page_passes_the_site_content_checks(tmp_path):
    """Front matter as every page needs it, and no phone number typed into its Markdown."""
    import yaml

    from beyond_detox.content_model import PageMeta
    from beyond_detox.resources.model import Directory
    from beyond_detox.resources.site import local_page_markdown
    from beyond_detox.yamlio import parse
    from beyond_detox.pages.shortcodes import check_shortcodes

    run_import(area="bay-county-fl", pages=read_export_file(FIXTURES / "findtreatment_bay.json"), source="fixture",
               data_dir=tmp_path, name="Bay County, Florida", today=TODAY)
    area = Directory.model_validate(parse((tmp_path / "local" / "bay-county-fl.yml").read_text()).data)
    text = local_page_markdown(area)
    front = yaml.safe_load(text.split("---")[1])
    meta = PageMeta.model_validate(front)
    assert meta.review.status.value == "editorial" and str(meta.review.reviewed_on) == "2026-11-27"
    assert check_shortcodes(text.split("---", 2)[2], "local.md") == []


def test_bad_data_stops_the_build_with_path_and_line(tmp_path):
    project, data = make_project(tmp_path)
    national = data / "national.yml"
    national.write_text(national.read_text().replace('display: 1-800-222-1222', 'display: 1-800-222-1223'), encoding="utf-8")
    result = build(project, data)
    assert result.returncode != 0
    line = next(n for n, text in enumerate(national.read_text().splitlines(), 1) if "1-800-222-1223" in text)
    assert f"{national}:{line}: poison-help.phones[0].display: '1-800-222-1223' does not show the number +18002221222" in result.stderr


PAGES = ("/get-help/", "/get-help/florida/", "/get-help/local/bay-county-fl/")


@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_violation_in_the_directory(browser, served, path):
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page()
    try:
        page.goto(served + path)
        # The page content (the theme's own header and search belong to the site's main tests).
        results = Axe().run(page, context=".md-content", options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]}})
        violations = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]]
        assert violations == []
    finally:
        page.close()


def test_crisis_first_big_buttons_and_reflow_on_a_small_phone(browser, served):
    page = browser.new_page(viewport={"width": 320, "height": 640})
    try:
        page.goto(served + "/get-help/")
        ids = page.eval_on_selector_all("li.bd-entry[id]", "els => els.map(e => e.id)")
        assert ids[:2] == ["lifeline-988", "emergency-911"]
        sizes = page.eval_on_selector_all("a.bd-action", "els => els.map(e => [e.textContent, e.getBoundingClientRect().height, e.getBoundingClientRect().width])")
        assert sizes and all(h >= 44 and w >= 44 for _, h, w in sizes), sizes
        first = page.locator("a.bd-action").first
        assert first.inner_text() == "Call 988" and first.get_attribute("href") == "tel:988"
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        # Link text says what it does: no bare "click here" or empty links in the directory.
        texts = page.eval_on_selector_all(".bd-directory a", "els => els.map(e => e.textContent.trim())")
        assert all(texts) and not any(t.lower() in ("click here", "here", "link") for t in texts)
    finally:
        page.close()


def test_the_whole_site_has_the_directory(site_dir):
    """The real build (the lead's hooks and theme included): shortcodes rendered, data in place."""
    html = (site_dir / "get-help" / "index.html").read_text()
    assert 'href="tel:988"' in html and "[[" not in html
    assert (site_dir / "get-help" / "florida" / "index.html").is_file()
    assert json.loads((site_dir / "get-help" / "directory.json").read_text())["organizations"]
