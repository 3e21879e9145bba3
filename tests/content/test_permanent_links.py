"""Permanent links: every address ever published still opens a page, short links and moved pages
redirect to live pages (in the built site and in `_redirects`), and bad link data stops the build
with file and line."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from beyond_detox.handouts.links import load_links, page_url, read_published
from beyond_detox.paths import ROOT
from beyond_detox.problems import ContentError

REFRESH = re.compile(r'http-equiv="refresh" content="0; url=([^"]+)"')
ISSUE_SHORT_LINKS = {"start", "paws", "meds", "overdose", "family", "help", "florida"}


def resolve(site_dir, url: str, hops: int = 3):
    """Follow redirect stubs like a browser; return the page file finally opened (or None)."""
    path = url.strip("/")
    for _ in range(hops):
        page = site_dir / path / "index.html" if path else site_dir / "index.html"
        if not page.exists():
            return None
        match = REFRESH.search(page.read_text(encoding="utf-8")[:4000])
        if not match:
            return page
        import posixpath

        path = posixpath.normpath(posixpath.join(path, match.group(1))).strip("/")
        path = "" if path == "." else path
    return None


def test_every_published_address_still_opens_a_page(site_dir):
    broken = [url for url in read_published() if resolve(site_dir, url) is None]
    assert broken == [], f"published addresses that no longer open a page (add a redirect in data/links.yml): {broken}"


def test_every_built_page_is_on_the_published_list(site_dir):
    run = subprocess.run([sys.executable, "scripts/published_urls.py", "--site", str(site_dir)], cwd=ROOT,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_short_links_and_moved_pages_redirect_to_the_right_live_page(site_dir):
    links = load_links()
    assert ISSUE_SHORT_LINKS <= set(links.short_links)
    for word, page in links.short_links.items():
        assert f"/go/{word}/" in read_published(), f"/go/{word}/ is not on the published list"
        opened = resolve(site_dir, f"/go/{word}/")
        assert opened == site_dir / page_url(page) / "index.html", word
    for old, new in links.moved.items():
        assert resolve(site_dir, "/" + page_url(old)) == site_dir / page_url(new) / "index.html", old
    redirects = (site_dir / "_redirects").read_text(encoding="utf-8")
    assert "/go/start/ /first-days-after-detox/ 301" in redirects
    assert "/for-clinics/ /for-clinicians/ 301" in redirects


def test_bad_link_data_names_the_file_and_line(tmp_path):
    docs = tmp_path / "docs"
    (docs / "safety").mkdir(parents=True)
    (docs / "safety" / "a.md").write_text("# A\n")
    data = tmp_path / "links.yml"
    data.write_text("short_links:\n  good: safety/a.md\n  Bad Word: safety/a.md\n  gone: safety/nope.md\nmoved:\n  safety/a.md: safety/nope.md\n")
    with pytest.raises(ContentError) as caught:
        load_links(data, docs)
    messages = [(p.line, p.message) for p in caught.value.problems]
    assert (3, "short link 'Bad Word': use lower-case letters, digits and hyphens") in messages
    assert (4, "short link 'gone' points to docs/safety/nope.md, which does not exist") in messages
    assert (6, "moved 'safety/a.md' still exists in docs/: a redirect would replace it") in messages
    data.write_text("short_links: [oops]\n")
    with pytest.raises(ContentError) as caught:
        load_links(data, docs)
    assert caught.value.problems[0].path.endswith("links.yml") and caught.value.problems[0].line == 1
