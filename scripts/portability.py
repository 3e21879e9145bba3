#!/usr/bin/env python3
"""Portability report: builds the same content with Zensical (Material for MkDocs' successor;
Material reaches end of life in 2027) in a temporary folder, and prints which published
addresses are missing and which project features do not run there (help-line shortcodes,
citations, the directory, shared blocks, the glossary, the theme overrides), so the move is a
known quantity. Not part of `make test`; a non-blocking CI job runs it. Zensical is installed
into .cache/zensical on first use (0.0.73: the newest version whose dependencies the package
registry here serves)."""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from beyond_detox.handouts.links import read_published  # noqa: E402

VERSION = "0.0.73"
VENV = ROOT / ".cache" / "zensical"
PARTS = ["docs", "overrides", "mkdocs.yml", "data", "includes", "beyond_detox"]
LEFTOVERS = {
    "help-line shortcodes ([[call:...]])": re.compile(r"\[\[(?:call|text|tty|name|link):"),
    "citations ([@key])": re.compile(r"\[@[A-Za-z0-9]"),
    "directory placeholders": re.compile(r"&lt;!-- directory:|<!-- directory:"),
    "shared blocks ([[include:...]])": re.compile(r"\[\[include:"),
    "glossary and bibliography placeholders": re.compile(r"<!-- (?:glossary|bibliography) -->"),
    "urgent-advice blocks (front matter urgent:)": None,
}


def zensical() -> Path:
    binary = VENV / "bin" / "zensical"
    if not binary.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(VENV / "bin" / "pip"), "install", "--quiet", f"zensical=={VERSION}"], check=True)
    return binary


def build(binary: Path, project: Path) -> tuple[bool, str]:
    run = subprocess.run([str(binary), "build", "-f", "mkdocs.yml"], cwd=project, capture_output=True, text=True, timeout=600)
    return run.returncode == 0 and (project / "site" / "index.html").exists(), (run.stdout + run.stderr).strip()


def report(site: Path) -> list[str]:
    lines = []
    missing = [url for url in read_published() if not (site / url.strip("/") / "index.html").exists()]
    lines.append(f"published addresses missing: {len(missing)} of {len(read_published())}"
                 + (": " + ", ".join(missing[:12]) + (" ..." if len(missing) > 12 else "") if missing else ""))
    pages = [p for p in site.rglob("*.html")]
    for feature, pattern in LEFTOVERS.items():
        if pattern is None:
            hit = [p for p in pages if "first-days-after-detox" in p.as_posix() and "bd-care" not in p.read_text(encoding="utf-8", errors="replace")]
        else:
            hit = [p for p in pages if pattern.search(p.read_text(encoding="utf-8", errors="replace"))]
        lines.append(f"{feature}: {'not run on ' + str(len(hit)) + ' page(s)' if hit else 'works'}")
    return lines


def main(argv=None) -> int:
    argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter).parse_args(argv)
    try:
        binary = zensical()
    except subprocess.CalledProcessError as exc:
        print(f"Zensical {VERSION} could not be installed ({exc}); no report.")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        project.mkdir()
        for part in PARTS:
            (shutil.copytree if (ROOT / part).is_dir() else shutil.copy2)(ROOT / part, project / part)
        print(f"Zensical {VERSION}: building the site as it is (theme overrides and hooks included)")
        ok, log = build(binary, project)
        if not ok:
            reason = log.splitlines()[-1] if log else "no output"
            print(f"  fails: {reason}")
            print("  (the templates use values that the MkDocs hooks provide, e.g. the crisis numbers)")
            config = (project / "mkdocs.yml").read_text(encoding="utf-8")
            config = config.replace("  custom_dir: overrides\n", "")
            # `alternate: true` only switches on our header partial; Material's own expects a list.
            config = re.sub(r"(?m)^  alternate: true\n", "", config)
            (project / "mkdocs.yml").write_text(config, encoding="utf-8")
            shutil.rmtree(project / "site", ignore_errors=True)
            print("Zensical: building again without the theme overrides, to see what the content needs")
            ok, log = build(binary, project)
            if not ok:
                print(f"  fails too: {log.splitlines()[-1] if log else 'no output'}")
                return 0
        for line in report(project / "site"):
            print("  " + line)
    print("Move the hooks' work (shortcodes, citations, directory, includes, urgent blocks) into a pre-build "
          "step that writes plain Markdown, and give the templates their data another way, before moving.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
