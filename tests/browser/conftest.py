"""Browser-test helpers: every built page, and a fresh page per viewport."""
from __future__ import annotations

from pathlib import Path

import pytest


def is_redirect(html: Path) -> bool:
    """A redirect stub (mkdocs-redirects: /go/ short links and moved pages), not a page."""
    return 'http-equiv="refresh"' in html.read_text(encoding="utf-8", errors="replace")[:1000]


def built_pages(site_dir: Path) -> list[str]:
    """URL paths of every HTML page in the built site ('/', '/about/', ...), 404 page included,
    redirect stubs left out (tests/content/test_permanent_links.py follows those)."""
    paths = []
    for html in sorted(site_dir.rglob("*.html")):
        rel = html.relative_to(site_dir).as_posix()
        if rel.startswith("assets/") or is_redirect(html):
            continue
        paths.append("/" + rel.removesuffix("index.html"))
    return paths


@pytest.fixture(scope="session")
def pages(site_dir) -> list[str]:
    found = built_pages(site_dir)
    assert "/" in found and len(found) > 10, f"the built site looks incomplete: {found}"
    return found
