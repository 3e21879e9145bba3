#!/usr/bin/env python3
"""Site search, measured in a real browser: Material's built-in search (lunr, what the site uses)
against Pagefind on the same pages, the same hidden reader's words and the same query set
(tests/search/queries.yml).

Prints, for each engine: index size, what a first visit downloads, what opening search and the
first query add, time per query, and how often the right page comes first / in the top three
(with the mean reciprocal rank). Figures only, not pass/fail. Run `make build` first.
"""
from __future__ import annotations

import argparse
import gzip
import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from beyond_detox.browser import CHROMIUM_ARGS, find_chromium  # noqa: E402
from beyond_detox.links.server import serve  # noqa: E402
from beyond_detox.paths import ROOT  # noqa: E402
from beyond_detox.search_eval import Outcome, load_queries, open_search, page_path, search, summary  # noqa: E402

FIRST_VISIT = "/understand/post-acute-withdrawal/"


def gz_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


class Traffic:
    """Bytes a page downloads, counted as gzip sizes of the files served (the local server does not compress)."""

    def __init__(self, page, site: Path, base: str):
        self.site, self.base, self.urls = site, base.rstrip("/"), []
        page.on("requestfinished", lambda request: self.urls.append(request.url))

    def gzip_bytes(self, start: int = 0) -> int:
        total = 0
        for url in self.urls[start:]:
            path = url.split("?", 1)[0].removeprefix(self.base)
            target = self.site / path.lstrip("/")
            if target.is_dir():
                target = target / "index.html"
            if target.is_file():
                total += len(target.read_bytes()) if target.suffix == ".pagefind" else gz_size(target)
        return total


def measure_lunr(browser, site: Path, queries) -> dict:
    with serve(site) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        traffic = Traffic(page, site, base)
        page.goto(base.rstrip("/") + FIRST_VISIT, wait_until="networkidle")
        first_visit = traffic.gzip_bytes()
        mark = len(traffic.urls)
        open_search(page, base, navigate=False)
        started = time.perf_counter()
        search(page, base, queries[0].q)
        first_query_ms = (time.perf_counter() - started) * 1000
        opened = traffic.gzip_bytes(mark)
        outcomes, times = [], []
        for query in queries:
            started = time.perf_counter()
            outcomes.append(Outcome(query, search(page, base, query.q)))
            times.append((time.perf_counter() - started) * 1000)
        page.close()
    index = site / "search" / "search_index.json"
    return {"engine": "Material (lunr)", "index": f"{index.stat().st_size} B, {gz_size(index)} B gzip",
            "first_visit": first_visit, "open_and_first_query": opened, "first_query_ms": first_query_ms,
            "per_query_bytes": 0, "per_query_ms": sum(times) / len(times), **summary(outcomes)}


def pagefind_copy(site: Path, target: Path) -> None:
    """The same pages for Pagefind: article content only, with the same hidden reader's words as metadata."""
    shutil.copytree(site, target)
    hidden = {doc["location"]: doc.get("synonyms", "") for doc in json.loads((site / "search" / "search_index.json").read_text())["docs"]
              if "#" not in doc["location"]}
    for page in target.rglob("index.html"):
        location = page.relative_to(target).parent.as_posix()
        location = "" if location == "." else location + "/"
        text = page.read_text(encoding="utf-8")
        words = html.escape(re.sub(r"[,:]", " ", hidden.get(location, "")), quote=True)
        text = text.replace('<article class="md-content__inner md-typeset">',
                            f'<article class="md-content__inner md-typeset" data-pagefind-body data-pagefind-meta="also:{words}">', 1)
        page.write_text(text, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(target), "--exclude-selectors", ".headerlink",
                    "--exclude-selectors", ".bd-sources", "--exclude-selectors", ".bd-review"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def measure_pagefind(browser, site: Path, queries) -> dict | None:
    try:
        import pagefind  # noqa: F401
    except ImportError:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "site"
        pagefind_copy(site, copy)
        size = sum(p.stat().st_size for p in (copy / "pagefind").rglob("*") if p.is_file())
        with serve(copy) as base:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            traffic = Traffic(page, copy, base)
            page.goto(base.rstrip("/") + FIRST_VISIT, wait_until="networkidle")
            first_visit = traffic.gzip_bytes()  # the page as it is today, minus nothing: Pagefind loads on demand
            mark = len(traffic.urls)
            started = time.perf_counter()
            page.evaluate("async () => { window.pf = await import('/pagefind/pagefind.js'); await window.pf.init(); }")
            run = "async (q) => { const r = await window.pf.search(q); const d = await Promise.all(r.results.slice(0, 5).map(x => x.data())); return d.map(x => x.url); }"
            page.evaluate(run, queries[0].q)
            first_query_ms = (time.perf_counter() - started) * 1000
            opened = traffic.gzip_bytes(mark)
            outcomes, times, before = [], [], len(traffic.urls)
            for query in queries:
                started = time.perf_counter()
                urls = page.evaluate(run, query.q)
                times.append((time.perf_counter() - started) * 1000)
                outcomes.append(Outcome(query, [page_path(u, base) for u in urls]))
            per_query = traffic.gzip_bytes(before) / len(queries)
            page.close()
    return {"engine": "Pagefind 1.5", "index": f"{size} B on disk (pagefind/)", "first_visit": first_visit,
            "open_and_first_query": opened, "first_query_ms": first_query_ms, "per_query_bytes": per_query,
            "per_query_ms": sum(times) / len(times), **summary(outcomes)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").exists():
        print(f"{args.site}: no built site; run `make build`", file=sys.stderr)
        return 2
    executable = find_chromium()
    if not executable:
        print("No Chromium found: run `make browser`", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    queries = load_queries()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        rows = [measure_lunr(browser, args.site, queries), measure_pagefind(browser, args.site, queries)]
        browser.close()
    print(f"{len(queries)} queries from tests/search/queries.yml; bytes are gzip sizes; first visit = {FIRST_VISIT}")
    for row in rows:
        if row is None:
            print("Pagefind: not installed (pip install 'pagefind[bin]'), not measured")
            continue
        print(f"\n{row['engine']}\n  index: {row['index']}\n  first visit: {row['first_visit']} B (no search index)"
              f"\n  opening search + first query: {row['open_and_first_query']} B, {row['first_query_ms']:.0f} ms"
              f"\n  each later query: {row['per_query_bytes']:.0f} B, {row['per_query_ms']:.0f} ms"
              f"\n  right page first {row['first']:.0%}, in top 3 {row['top3']:.0%}, mean reciprocal rank {row['mrr']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
