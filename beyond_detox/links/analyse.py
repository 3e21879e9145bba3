"""Turn LinkChecker's results into findings an editor can act on, and list the outbound links."""
from __future__ import annotations

import difflib
import posixpath
import re
import urllib.parse
from collections.abc import Iterable
from pathlib import Path

from .crawl import Crawl, Occurrence, strip_fragment
from .model import ERROR, WARNING, Finding

_KINDS = {
    "image": (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".ico", ".bmp"),
    "stylesheet": (".css",),
    "script": (".js", ".mjs"),
    "page": (".html", ".htm", ""),
}
_CANONICAL = re.compile(r"""<link\b[^>]*\brel=["']?canonical["']?[^>]*>""", re.I)
_HREF = re.compile(r"""\bhref=["']([^"']+)["']""", re.I)


def site_path(url: str, base_url: str) -> str:
    """`http://127.0.0.1:PORT/a/b/` -> `/a/b/`; other URLs unchanged."""
    if url.startswith(base_url):
        return "/" + url[len(base_url):]
    return url


def kind_of(url: str) -> str:
    path = urllib.parse.urlsplit(url).path
    if path.endswith("/"):
        return "page"
    ext = posixpath.splitext(path)[1].lower()
    for kind, extensions in _KINDS.items():
        if ext in extensions:
            return kind
    return "file"


def source_file(page: str, docs_dir: Path | None) -> str:
    """The Markdown file that most likely produced a page of the site, when it exists."""
    if docs_dir is None or not page.startswith("/"):
        return ""
    rel = urllib.parse.unquote(page.lstrip("/"))
    if rel.endswith(".html"):
        rel = rel[: -len(".html")]
        if rel.endswith("index"):
            rel = rel[: -len("index")]
    rel = rel.rstrip("/")
    candidates = [f"{rel}.md", f"{rel}/index.md", f"{rel}/README.md"] if rel else ["index.md", "README.md"]
    if posixpath.splitext(rel)[1] and not rel.endswith(".md"):
        candidates.insert(0, rel)  # a stylesheet or script copied from docs/
    for candidate in candidates:
        if (docs_dir / candidate).is_file():
            return (Path(docs_dir.name) / candidate).as_posix()
    return ""


def own_site_address(site_dir: Path) -> str | None:
    """The site's public address, from the home page's canonical link (set when mkdocs.yml has
    site_url). Links to it are this site's own pages: they are checked against the build, offline,
    instead of asking the live site (which may not have the page yet)."""
    try:
        head = (site_dir / "index.html").read_text(encoding="utf-8", errors="replace")[:20000]
    except OSError:
        return None
    tag = _CANONICAL.search(head)
    href = _HREF.search(tag.group(0)) if tag else None
    if not href or not href.group(1).startswith(("http://", "https://")):
        return None
    address = href.group(1)
    return address if address.endswith("/") else address + "/"


def _local_target_exists(site_dir: Path, path: str) -> bool:
    path = urllib.parse.unquote(urllib.parse.urlsplit(path).path).lstrip("/")
    root = site_dir.resolve()
    target = (root / path).resolve()
    if target != root and root not in target.parents:
        return False
    return target.is_file() or (target / "index.html").is_file()


def _reason_not_found(kind: str, result: str) -> str:
    code = result.split(" ", 1)[0]
    if code == "404":
        return f"{kind} not found (404): the file is missing from the build, or the link has a typo"
    return f"{kind} could not be loaded: {result}"


def _anchor_missing(fragment: str, target_page: str, anchors: Iterable[str]) -> str:
    close = difflib.get_close_matches(fragment, sorted(anchors), n=1, cutoff=0.6)
    hint = f"; did you mean #{close[0]}?" if close else "; was the heading renamed or removed?"
    return f"no section #{fragment} on {target_page}{hint}"


def _anchor_ok(fragment: str, anchors: frozenset[str]) -> bool:
    if not fragment or fragment.startswith(":~:") or fragment.lower() == "top":
        return True  # no fragment, a text fragment, or "#top" (browsers scroll to the top)
    return fragment in anchors or urllib.parse.unquote(fragment) in anchors


def internal_findings(crawl: Crawl, docs_dir: Path | None = None) -> list[Finding]:
    base = crawl.base_url
    found: set[Finding] = set()

    def add(occ: Occurrence, reason: str, kind: str, severity: str = ERROR, target: str = "") -> None:
        page = site_path(occ.parent, base)
        found.add(Finding(page=page, link=occ.link or occ.url, reason=reason, severity=severity, kind=kind,
                          target=target or site_path(occ.url, base), source_file=source_file(page, docs_dir)))

    for key, row in crawl.rows.items():
        uses = crawl.occurrences.get(key) or [Occurrence(row.url, row.url, row.url, None)]
        if row.extern:
            if not row.valid:  # an outbound address LinkChecker could not even parse
                for occ in uses:
                    add(occ, f"the address is not valid: {row.result}", "syntax")
            continue
        kind = kind_of(row.url)
        if not row.valid:
            for occ in uses:
                add(occ, _reason_not_found(kind, row.result), kind, target=site_path(strip_fragment(occ.url), base))
            continue
        for _tag, message in row.warnings:
            for occ in uses:
                add(occ, message, kind, WARNING)
        anchors = crawl.anchors.get(key) or crawl.anchors.get(strip_fragment(row.url))
        if anchors is None:
            continue  # not an HTML page: nothing to check a #fragment against
        for occ in uses:
            fragment = urllib.parse.urldefrag(occ.url)[1]
            if not _anchor_ok(fragment, anchors):
                target = site_path(strip_fragment(occ.url), base)
                add(occ, _anchor_missing(urllib.parse.unquote(fragment), target, anchors), "anchor")
    for row in crawl.keyless_rows:
        occ = Occurrence(row.parent_url or row.url or "", row.base_url or "", row.url or row.base_url or "", row.line)
        add(occ, f"the address is not valid: {row.result}", "syntax")
    return sorted(found)


def internal_link_count(crawl: Crawl) -> int:
    """Distinct internal links checked: pages, files and page#anchor pairs."""
    urls = set()
    for key, row in crawl.rows.items():
        if not row.extern:
            urls.add(row.url)
            urls.update(occ.url for occ in crawl.occurrences.get(key, ()))
    return len(urls)


def outbound_links(crawl: Crawl) -> dict[str, list[Occurrence]]:
    """Every http(s) link that leaves the site: URL without #fragment -> where it is used."""
    links: dict[str, list[Occurrence]] = {}
    for key, row in crawl.rows.items():
        if not (row.extern and row.valid):
            continue
        url = strip_fragment(row.url or "")
        if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
            continue
        links.setdefault(url, []).extend(crawl.occurrences.get(key, []))
    return links


def own_site_findings(links: dict[str, list[Occurrence]], address: str | None, site_dir: Path, base_url: str,
                      docs_dir: Path | None = None) -> tuple[list[Finding], dict[str, list[Occurrence]]]:
    """Check links to the site's own public address against the build; return the other links."""
    if not address:
        return [], links
    found: set[Finding] = set()
    rest = {}
    for url, uses in links.items():
        if not url.startswith(address):
            rest[url] = uses
            continue
        path = "/" + url[len(address):]
        if _local_target_exists(site_dir, path):
            continue
        for occ in uses:
            page = site_path(occ.parent, base_url)
            found.add(Finding(page=page, link=occ.link, kind=kind_of(url), target=url,
                              reason=f"links to this site's own address, but the build has no {path}",
                              source_file=source_file(page, docs_dir)))
    return sorted(found), rest
