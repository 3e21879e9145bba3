#!/usr/bin/env python3
"""Portability report: builds the same content with Zensical (Material for MkDocs' successor;
Material reaches end of life in 2027) in a temporary folder, twice, and prints what carries over:

1. the project as it is (Zensical runs no MkDocs hooks or plugins);
2. after the pre-build step (scripts/prebuild.py: the hooks' page work done beforehand, template
   values in the config and front matter), both languages: which published addresses are missing,
   which project features did not run (help-line shortcodes, citations, the directory, shared
   blocks, glossary, urgent advice, the crisis strip), which files the pages ask for that are not
   there;
3. after the after-build steps (scripts/after_build.py: trimmed stylesheet, redirects, QR images,
   sitemap, CSP and headers, service worker): which files are still missing, and whether every
   page loads in Chromium, served with the generated headers, without a CSP violation; if inline
   styles are blocked, the hashes that would allow them, checked by loading every page again.

Not part of `make test`; a non-blocking CI job runs it. Zensical is installed into .cache/zensical
on first use (0.0.73: the newest version whose dependencies the package registry here serves;
0.1.3 needs zensical-ui, which it does not)."""
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
from beyond_detox.built_site import is_redirect_stub  # noqa: E402
from beyond_detox.handouts.links import read_published  # noqa: E402
from beyond_detox.after_build import after_build  # noqa: E402
from beyond_detox.handouts.qr import LOCAL_URL  # noqa: E402
from beyond_detox.prebuild import load_config, prebuild  # noqa: E402
from beyond_detox.problems import ContentError  # noqa: E402
from beyond_detox.resources import ResourceDataError  # noqa: E402
from beyond_detox.resources.render import SelectorError  # noqa: E402

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
# After-build steps (MkDocs on_post_build hooks) and a file each one writes.
AFTER_BUILD = {
    "security headers and CSP (_headers)": "_headers",
    "redirects file for hosts (_redirects)": "_redirects",
    "offline service worker (sw.js)": "sw.js",
}


def zensical() -> Path:
    binary = VENV / "bin" / "zensical"
    if not binary.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(VENV / "bin" / "pip"), "install", "--quiet", f"zensical=={VERSION}"], check=True)
    return binary


def build(binary: Path, project: Path, config: str = "mkdocs.yml") -> tuple[bool, str]:
    run = subprocess.run([str(binary), "build", "-f", config], cwd=project, capture_output=True, text=True, timeout=600)
    return run.returncode == 0 and (project / "site" / "index.html").exists(), (run.stdout + run.stderr).strip()


def _pages(site: Path) -> list[Path]:
    return [p for p in site.rglob("*.html") if not is_redirect_stub(p)]


def missing_files(site: Path) -> dict[str, list[str]]:
    """Each page's stylesheets, scripts and images that are not in the built site."""
    missing: dict[str, list[str]] = {}
    for page in _pages(site):
        html = page.read_text(encoding="utf-8", errors="replace")
        for ref in re.findall(r'<(?:link rel="stylesheet"|script|img)[^>]*?\s(?:href|src)="([^"#?:]+)"', html):
            target = site / ref.lstrip("/") if ref.startswith("/") else page.parent / ref
            if not target.resolve().exists():
                missing.setdefault(page.parent.relative_to(site).as_posix() + "/", []).append(ref)
    return missing


# Every inline <style> in the page and in open shadow roots (Zensical's search dialog puts its
# stylesheet in a shadow root), to find the hash a policy would need for it.
_INLINE_STYLES = """() => { const texts = []; const visit = root => {
  for (const s of root.querySelectorAll('style')) texts.push(s.textContent);
  for (const e of root.querySelectorAll('*')) if (e.shadowRoot) visit(e.shadowRoot); };
  visit(document); return texts; }"""


def _browse(site: Path, style_hashes: tuple[str, ...] = ()) -> tuple[dict[str, int], set[str], int]:
    """Load every page served with the site's own headers: the CSP violations (with the page count
    for each) and the inline styles seen. With style_hashes, the policy (header and <meta>) allows
    those inline styles too: how the policy would read after the move."""
    from playwright.sync_api import sync_playwright

    from beyond_detox.browser import CHROMIUM_ARGS, find_chromium
    from beyond_detox.security import read_headers_file
    from beyond_detox.serve import serve_directory

    headers = read_headers_file(site)
    allow = (lambda text: text.replace("style-src 'self'", "style-src 'self' " + " ".join(style_hashes))) if style_hashes else None
    if allow:
        headers = {**headers, "Content-Security-Policy": allow(headers["Content-Security-Policy"])}
    server, url = serve_directory(site, headers=headers)
    found: dict[str, int] = {}
    styles: set[str] = set()
    pages = _pages(site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
            context = browser.new_context()
            context.add_init_script("window.__v=[];document.addEventListener('securitypolicyviolation',"
                                    "e=>window.__v.push(e.violatedDirective+' '+(e.blockedURI||'')+' from '+(e.sourceFile||'').split('/').pop()))")
            if allow:
                def rewrite(route):
                    response = route.fetch()
                    route.fulfill(response=response, body=allow(response.text()))
                context.route(lambda address: address.endswith("/"), rewrite)
            page = context.new_page()
            for html in pages:
                page.goto(url + "/" + html.parent.relative_to(site).as_posix().strip(".").strip("/") + "/", wait_until="load")
                page.wait_for_timeout(50)
                for violation in set(page.evaluate("window.__v")):
                    found[violation] = found.get(violation, 0) + 1
                styles.update(page.evaluate(_INLINE_STYLES))
            browser.close()
    finally:
        server.shutdown()
    return found, styles, len(pages)


def csp_check(site: Path) -> list[str]:
    """Serve the site with its own `_headers` and load every page in Chromium: which pages break
    the policy, and, if inline styles did, the hashes that would allow them (checked by loading
    every page again with them added)."""
    from beyond_detox.browser import find_chromium
    from beyond_detox.security import csp_hash

    if find_chromium() is None:
        return ["Content-Security-Policy in a browser: not checked (no Chromium; `make browser` installs it)"]
    found, styles, count = _browse(site)
    if not found:
        return [f"Content-Security-Policy in a browser: no violation on {count} pages"]
    lines = [f"Content-Security-Policy in a browser: blocked on some of {count} pages:"] + [
        f"  {violation} ({pages} pages)" for violation, pages in sorted(found.items())]
    hashes = tuple(sorted({csp_hash(text) for text in styles}))
    if hashes and all(violation.startswith("style-src") for violation in found):
        again, _styles, _count = _browse(site, hashes)
        lines.append(f"  inline styles seen: {len(hashes)}; with style-src 'self' {' '.join(hashes)}: "
                     + ("no violation on any page" if not again else f"still blocked: {'; '.join(sorted(again))}"))
    return lines


def report(site: Path) -> list[str]:
    lines = []
    published = read_published()
    missing = [url for url in published if not (site / url.strip("/") / "index.html").exists()]
    lines.append(f"published addresses missing: {len(missing)} of {len(published)}"
                 + (": " + ", ".join(missing[:12]) + (" ..." if len(missing) > 12 else "") if missing else ""))
    pages = _pages(site)
    texts = {p: p.read_text(encoding="utf-8", errors="replace") for p in pages}
    for feature, pattern in LEFTOVERS.items():
        if pattern is None:
            hit = [p for p in pages if "first-days-after-detox" in p.as_posix() and "bd-care" not in texts[p]]
        else:
            hit = [p for p in pages if pattern.search(texts[p])]
        lines.append(f"{feature}: {'not run on ' + str(len(hit)) + ' page(s)' if hit else 'works'}")
    no_strip = [p for p in pages if 'class="bd-crisis"' not in texts[p]]
    lines.append(f"crisis strip (988, 911) on every page: {'missing on ' + str(len(no_strip)) + ' of ' + str(len(pages)) + ' page(s)' if no_strip else 'works'}")
    absent = missing_files(site)
    lines.append("stylesheets, scripts and images the pages ask for: " + ("all there" if not absent else f"missing on {len(absent)} page(s):"))
    for page, refs in sorted(absent.items()):
        shown = sorted(set(refs))
        lines.append(f"  /{page}: " + ", ".join(shown[:4]) + (f" and {len(shown) - 4} more" if len(shown) > 4 else ""))
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
        print(f"1. Zensical {VERSION}, the project as it is (its hooks do not run):")
        ok, log = build(binary, project)
        if ok:
            for line in report(project / "site"):
                print("  " + line)
        else:
            print(f"  fails: {log.splitlines()[-1] if log else 'no output'}")

        print(f"2. Zensical {VERSION}, after the pre-build step (scripts/prebuild.py), both languages:")
        prebuilt = Path(tmp) / "prebuilt"
        try:
            result = prebuild([ROOT / "mkdocs.yml", ROOT / "mkdocs.es.yml"], prebuilt)
        except (ContentError, ResourceDataError, SelectorError) as error:
            print(f"  the pre-build stopped on a content problem:\n{error}")
            return 0
        print(f"  pre-built {result.pages} pages, {result.generated} generated files, {result.redirects} redirects")
        for config in result.configs:
            ok, log = build(binary, prebuilt, config.name)
            if not ok:
                print(f"  {config.name} fails: {log.splitlines()[-1] if log else 'no output'}")
                return 0
        for line in report(prebuilt / "site"):
            print("  " + line)
        print("3. The after-build steps (scripts/after_build.py) on Zensical's output:")
        config = load_config(prebuilt / "mkdocs.yml")
        for line in after_build(prebuilt / "site", config.get("site_name", ""), config.get("site_description", ""),
                                (config.get("extra") or {}).get("public_url") or LOCAL_URL, prebuilt / "docs"):
            print("  " + line)
        not_run = [name for name, path in AFTER_BUILD.items() if not (prebuilt / "site" / path).exists()]
        print("  after-build files missing: " + ("none" if not not_run else "; ".join(not_run)))
        for line in csp_check(prebuilt / "site"):
            print("  " + line)
    print("Also not carried over: the readers' words in the search index (Zensical's search reads search.json, not"
          " Material's search_index.json). Addresses in raw HTML: Zensical reads them relative to the Markdown file,"
          " MkDocs leaves them as written; name a page's own files in front matter (scripts:, stylesheets:) instead.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
