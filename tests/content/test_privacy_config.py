"""Privacy in the configuration: system fonts, no GitHub API calls, no search words in URLs, and an
external script, style, font or image an editor adds fails the build."""
from __future__ import annotations

import subprocess
import sys
import textwrap

import yaml
from mkdocs.config import load_config

from beyond_detox.paths import ROOT


def real_config():
    return load_config(str(ROOT / "mkdocs.yml"))


def test_theme_settings_that_would_leak():
    config = real_config()
    assert config.theme["font"] is False, "theme.font must be false: Google Fonts tells Google who read what"
    assert not config.repo_url, "repo_url makes every reader's browser call api.github.com"
    assert "search.highlight" not in config.theme["features"], "search.highlight puts search words in URLs"
    assert config.extra["scope"] == "/"
    assert config.plugins["material/privacy"].config.assets_fetch is False


def test_an_external_asset_fails_the_build(tmp_path):
    raw = yaml.safe_load((ROOT / "mkdocs.yml").read_text().replace("!ENV", ""))
    privacy = next(p["privacy"] for p in raw["plugins"] if isinstance(p, dict) and "privacy" in p)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text('# Page\n\n<img src="https://tracker.example.com/pixel.png" alt="">\n')
    (tmp_path / "mkdocs.yml").write_text(textwrap.dedent("""\
        site_name: test
        theme: {name: material, font: false}
        """) + yaml.safe_dump({"plugins": [{"privacy": privacy}]}))
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode != 0
    assert "External file: https://tracker.example.com/pixel.png" in run.stderr + run.stdout
