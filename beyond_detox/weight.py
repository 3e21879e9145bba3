"""What a first visit to a page downloads, from the built files (deterministic): the HTML and
every same-origin stylesheet, script, image and icon it references, at gzip sizes as a static
host serves them. The service worker's background caching starts after the page has loaded and
is reported apart; the search index is not loaded until search is opened (search.js)."""
from __future__ import annotations

import gzip
import re
from dataclasses import dataclass, field
from pathlib import Path

from beyond_detox.built_site import is_redirect_stub

FIRST_VISIT_BUDGET = 100_000     # bytes, gzip: everything a first visit to any page transfers
ARTICLE_CRITICAL_BUDGET = 40_000  # bytes, gzip: an article's HTML + render-blocking CSS

_REF = re.compile(r'<(link|script|img)\b([^>]*)>', re.I)


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9))


@dataclass
class PageWeight:
    path: str
    html: int
    items: dict[str, int] = field(default_factory=dict)   # asset path -> gzip bytes
    blocking_css: int = 0

    @property
    def total(self) -> int:
        return self.html + sum(self.items.values())

    @property
    def critical(self) -> int:
        return self.html + self.blocking_css

    def biggest(self, n: int = 4) -> str:
        ranked = sorted(self.items.items(), key=lambda kv: -kv[1])[:n]
        return ", ".join(f"{name} {size} B" for name, size in [("HTML", self.html), *ranked])


def _attr(attrs: str, name: str) -> str | None:
    match = re.search(rf'\b{name}="([^"]*)"', attrs)
    return match.group(1) if match else None


def page_weight(site_dir: Path, page: Path, cache: dict | None = None) -> PageWeight:
    cache = {} if cache is None else cache
    site_dir = Path(site_dir)
    html = page.read_bytes()
    weight = PageWeight("/" + page.relative_to(site_dir).parent.as_posix().replace(".", "").strip("/") + "/", gz(html))
    weight.path = weight.path.replace("//", "/")
    for tag, attrs in _REF.findall(html.decode("utf-8", "replace")):
        tag = tag.lower()
        if tag == "link":
            rel = (_attr(attrs, "rel") or "").lower()
            if rel not in ("stylesheet", "icon"):
                continue
            ref = _attr(attrs, "href")
        else:
            ref = _attr(attrs, "src")
            if tag == "img" and (_attr(attrs, "loading") or "") == "lazy":
                continue
        if not ref or ref.startswith(("http:", "https:", "//", "data:")):
            continue
        target = (page.parent / ref.split("?")[0].split("#")[0]).resolve()
        if not target.is_file():
            continue
        key = target.relative_to(site_dir.resolve()).as_posix()
        if key not in cache:
            cache[key] = gz(target.read_bytes())
        weight.items[key] = cache[key]
        if tag == "link" and (_attr(attrs, "rel") or "").lower() == "stylesheet" and "print" not in (_attr(attrs, "media") or ""):
            weight.blocking_css += cache[key]
    return weight


def site_weights(site_dir: Path) -> list[PageWeight]:
    site_dir = Path(site_dir)
    cache: dict[str, int] = {}
    pages = []
    for page in sorted(site_dir.rglob("*.html")):
        rel = page.relative_to(site_dir).as_posix()
        if rel.startswith("assets/") or is_redirect_stub(page):
            continue
        pages.append(page_weight(site_dir, page, cache))
    return pages
