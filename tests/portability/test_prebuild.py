"""The pre-build step (beyond_detox/prebuild.py): the hooks' page work done before any builder runs,
so that the move to Zensical keeps the pages readers see. The strongest check: MkDocs with no
hooks at all, building the pre-built folder, gives the same pages as the real build."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from beyond_detox.paths import ROOT
from beyond_detox.editor.whats_new import config_nav_sections
from beyond_detox.prebuild import _excluded, load_config, prebuild

# What only the real build's after-build steps change (they are not part of the pre-build).
_AFTER_BUILD = [
    (re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>'), ""),             # security hook
    (re.compile(r"main\.[0-9a-f]{8}\.min\.css"), "main.css"),                          # stylesheet hook
    (re.compile(r'<link rel="stylesheet" href="[^"]*palette\.[0-9a-f]+\.min\.css">'), ""),
    (re.compile(r"\s+"), " "),  # the stylesheet hook's edits leave different blank lines
]


def _normal(html: str) -> str:
    for pattern, replacement in _AFTER_BUILD:
        html = pattern.sub(replacement, html)
    return html


@pytest.fixture(scope="module")
def prebuilt_site(tmp_path_factory, site_dir) -> Path:
    out = tmp_path_factory.mktemp("prebuild") / "project"
    result = prebuild([ROOT / "mkdocs.yml", ROOT / "mkdocs.es.yml"], out)
    assert [c.name for c in result.configs] == ["mkdocs.yml", "mkdocs.es.yml"]
    assert "hooks" not in load_config(out / "mkdocs.yml")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for config, site in (("mkdocs.yml", out / "site"), ("mkdocs.es.yml", out / "site" / "es")):
        run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "-d", str(site)],
                             cwd=out, capture_output=True, text=True, env=env)
        assert run.returncode == 0, run.stderr
    return out / "site"


def test_mkdocs_without_hooks_builds_the_prebuilt_pages_as_the_real_build(prebuilt_site, site_dir):
    real = sorted(p.relative_to(site_dir) for p in site_dir.rglob("*.html"))
    rebuilt = sorted(p.relative_to(prebuilt_site) for p in prebuilt_site.rglob("*.html"))
    assert rebuilt == real, "every page, short link and redirect is there, and nothing else"
    differ = [str(rel) for rel in real if _normal((site_dir / rel).read_text()) != _normal((prebuilt_site / rel).read_text())]
    assert not differ, f"pages that differ from the real build: {differ}"


def test_prebuilt_pages_carry_their_template_values_and_no_hook_syntax(prebuilt_site):
    page = (prebuilt_site.parent / "docs" / "first-days-after-detox.md").read_text(encoding="utf-8")
    front = page.split("\n---\n", 1)[0]
    assert "bd_print:" in front and "go/start" in front and "bd_alternate:" in front
    assert "[[call:" not in page and "[@" not in page and '<sup class="bd-cite">' in page
    config = load_config(prebuilt_site.parent / "mkdocs.es.yml")
    assert config["extra"]["bd"]["lifeline"]["voice"]["tel_uri"] == "tel:988"
    assert config["extra"]["bd"]["ui"]["crisis_label"] != load_config(prebuilt_site.parent / "mkdocs.yml")["extra"]["bd"]["ui"]["crisis_label"]


def test_a_content_problem_stops_the_prebuild_and_leaves_the_output_as_it_was(tmp_path):
    project = tmp_path / "project"
    for part in ("docs", "overrides"):
        shutil.copytree(ROOT / part, project / part)
    for config in ("mkdocs.yml", "mkdocs.es.yml"):
        shutil.copy2(ROOT / config, project / config)
    page = project / "docs" / "safety" / "overdose-risk-after-detox.md"
    lines = page.read_text(encoding="utf-8").splitlines(keepends=True)
    line = next(i for i, text in enumerate(lines) if "[@" in text and not text.startswith(("references", "  "))) + 1
    lines[line - 1] = re.sub(r"\[@[\w-]+", "[@nobody1999", lines[line - 1], count=1)
    page.write_text("".join(lines), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "earlier.txt").write_text("kept")
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "prebuild.py"), "--out", str(out),
                          str(project / "mkdocs.yml"), str(project / "mkdocs.es.yml")], capture_output=True, text=True)
    assert run.returncode == 1
    assert f"overdose-risk-after-detox.md:{line}: citation: unknown citation key 'nobody1999'" in run.stderr
    assert sorted(p.name for p in out.iterdir()) == ["earlier.txt"], "the earlier output is untouched"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out-")] == [], "no half-written folder left"


def test_config_values_from_the_environment_and_inherit(tmp_path, monkeypatch):
    (tmp_path / "base.yml").write_text("site_name: Base\ntheme: {name: material, language: en}\n"
                                       "extra:\n  public_url: !ENV [BD_TEST_URL, \"\"]\n  contact: !ENV BD_TEST_MAIL\n")
    (tmp_path / "es.yml").write_text("INHERIT: base.yml\ntheme: {language: es}\nextra: {site_root: ../}\n")
    monkeypatch.setenv("BD_TEST_URL", "https://example.org/")
    monkeypatch.delenv("BD_TEST_MAIL", raising=False)
    config = load_config(tmp_path / "es.yml")
    assert config["theme"] == {"name": "material", "language": "es"}
    assert config["extra"] == {"public_url": "https://example.org/", "contact": None, "site_root": "../"}


def test_nav_sections_and_excluded_files():
    sections = config_nav_sections(load_config(ROOT / "mkdocs.yml")["nav"])
    assert sections["index.md"] == ""
    assert sections["safety/overdose-risk-after-detox.md"] == "Stay safe"
    assert _excluded("es/index.md", "/es/\n") and not _excluded("safety/es.md", "/es/\n")
    assert _excluded("drafts/x.md", "drafts/\n") and _excluded("a/drafts/x.md", "drafts/\n")
    assert _excluded("notes.tmp.md", "*.tmp.md")


def test_the_after_build_steps_finish_the_prebuilt_site_as_the_hooks_finish_the_real_one(prebuilt_site, site_dir, tmp_path):
    from beyond_detox.after_build import after_build
    from beyond_detox.handouts.qr import LOCAL_URL

    site = tmp_path / "site"
    shutil.copytree(prebuilt_site, site)
    config = load_config(ROOT / "mkdocs.yml")
    after_build(site, config["site_name"], config["site_description"], config["extra"].get("public_url") or LOCAL_URL,
                prebuilt_site.parent / "docs")
    for name in ("_headers", "_redirects", "manifest.webmanifest", "sitemap.xml"):
        assert (site / name).read_text() == (site_dir / name).read_text(), name
    assert sorted(p.name for p in (site / "assets" / "stylesheets").iterdir()) == \
        sorted(p.name for p in (site_dir / "assets" / "stylesheets").iterdir()), "the same trimmed stylesheet, no palette"
    space = re.compile(r"\s+")
    differ = [str(p.relative_to(site_dir)) for p in site_dir.rglob("*.html")
              if space.sub(" ", p.read_text()) != space.sub(" ", (site / p.relative_to(site_dir)).read_text())]
    assert not differ, f"pages that differ from the real build: {differ}"
    assert (site / "sw.js").is_file()


def test_a_broken_config_stops_the_prebuild_with_its_file_and_line(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: Test\nnav:\n  - Home: index.md\n   - bad indent\n")
    (tmp_path / "es.yml").write_text("INHERIT: missing.yml\n")
    out = tmp_path / "out"
    for config, expected in (("mkdocs.yml", "mkdocs.yml:4: config: cannot read the YAML"),
                             ("es.yml", "missing.yml:1: config: no such file")):
        run = subprocess.run([sys.executable, str(ROOT / "scripts" / "prebuild.py"), "--out", str(out), str(tmp_path / config)],
                             capture_output=True, text=True)
        assert run.returncode == 1 and expected in run.stderr, run.stderr
        assert "Traceback" not in run.stderr and not out.exists()


def test_a_malformed_phone_number_stops_the_prebuild_with_its_file_and_line(tmp_path):
    data = tmp_path / "resources"
    shutil.copytree(ROOT / "data" / "resources", data)
    florida = data / "florida.yml"
    lines = florida.read_text(encoding="utf-8").splitlines(keepends=True)
    line = next(i for i, text in enumerate(lines) if 'number: "+1850' in text) + 1
    lines[line - 1] = lines[line - 1].replace('"+1850', '"850-', 1)
    florida.write_text("".join(lines), encoding="utf-8")
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "prebuild.py"), "--out", str(out)],
                         capture_output=True, text=True, env={**os.environ, "BEYOND_DETOX_RESOURCES": str(data)})
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr
    assert f"florida.yml:{line}:" in run.stderr and "E.164" in run.stderr
    assert not out.exists()
