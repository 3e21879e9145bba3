"""Shared fixtures: the built site, a real HTTP server on 127.0.0.1 serving it, and real Chromium."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from beyond_detox.browser import CHROMIUM_ARGS, find_chromium
from beyond_detox.build import build_site as strict_build
from beyond_detox.built_site import is_redirect_stub
from beyond_detox.paths import ROOT
from beyond_detox.serve import serve_directory

SITE = ROOT / "site"


def build_site(destination: Path = SITE) -> Path:
    """The strict build `make build` runs (beyond_detox.build): any warning fails the session."""
    result = strict_build(ROOT, destination)
    if not result.ok:
        pytest.fail("the strict build failed:\n" + "\n".join(result.problems), pytrace=False)
    return destination


@pytest.fixture(scope="session")
def site_dir() -> Path:
    """The built site. `make test` builds it first; a bare `pytest` builds it if it is missing."""
    if not (SITE / "index.html").exists():
        build_site()
    if not (SITE / "handouts" / "after-detox.pdf").exists():  # `make test` makes them; a bare pytest too
        subprocess.run([sys.executable, str(ROOT / "scripts" / "make_handouts.py"), "--site", str(SITE)], check=True)
    return SITE




@pytest.fixture(scope="session")
def site_url(site_dir):
    server, url = serve_directory(site_dir)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Real headless Chromium through Playwright. Fails (never skips) when no browser is found."""
    executable = find_chromium()
    if not executable:
        pytest.fail("No Chromium found: run `make browser` (apt-get install -y chromium) or set CHROMIUM=/path")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield TestBrowser(chromium)
        chromium.close()


class TestBrowser:
    """The browser, with one change: test contexts may evaluate the test's own JavaScript in the
    page (wait_for_function and friends) despite the site's strict CSP, which forbids eval.
    The site's scripts still run under the policy; tests/security/test_csp.py checks the real
    policy with bypass_csp=False."""

    def __init__(self, browser):
        self._browser = browser

    def new_context(self, **options):
        options.setdefault("bypass_csp", True)
        return self._browser.new_context(**options)

    def new_page(self, **options):
        options.setdefault("bypass_csp", True)
        return self._browser.new_page(**options)

    def __getattr__(self, name):
        return getattr(self._browser, name)


@pytest.fixture
def new_page(browser):
    """A fresh page in its own context: new_page(width, height, **context options)."""
    contexts = []

    def make(width=1280, height=800, **options):
        context = browser.new_context(viewport={"width": width, "height": height}, **options)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def built_pages(site_dir: Path) -> list[str]:
    """URL paths of every HTML page in the built site ('/', '/about/', ...), 404 page included,
    redirect stubs left out (tests/content/test_permanent_links.py follows those)."""
    paths = []
    for html in sorted(site_dir.rglob("*.html")):
        rel = html.relative_to(site_dir).as_posix()
        if rel.startswith("assets/") or is_redirect_stub(html):
            continue
        paths.append("/" + rel.removesuffix("index.html"))
    return paths


@pytest.fixture(scope="session")
def pages(site_dir) -> list[str]:
    found = built_pages(site_dir)
    assert "/" in found and len(found) > 10, f"the built site looks incomplete: {found}"
    return found
