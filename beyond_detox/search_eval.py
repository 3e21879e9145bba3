"""Does site search find the right page for the words readers type? Types each query of
tests/search/queries.yml into the real search box of the built site (Material's dialog, in
Chromium) and reads the ranked results. Used by tests/search and benchmarks/search.py."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from beyond_detox.paths import ROOT

QUERIES = ROOT / "tests" / "search" / "queries.yml"
INITIAL = "Type to start searching"
# Material's "waiting" words in the box's meta line, in each language the site is built in.
PLACEHOLDERS = ("Type to start", "Teclee para comenzar")
BUSY = PLACEHOLDERS + ("Initializing", "Inicializando")


@dataclass
class Query:
    q: str
    expect: list[str]
    kind: str


@dataclass
class Outcome:
    query: Query
    results: list[str]   # page paths, best first ("treatment/starting-medication/")

    @property
    def rank(self) -> int | None:
        """1-based rank of the first expected page, or None if it is not listed."""
        for index, path in enumerate(self.results, start=1):
            if path in self.query.expect:
                return index
        return None


def load_queries(path: Path = QUERIES) -> list[Query]:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return [Query(str(item["q"]), list(item["expect"]), item.get("kind", "topic")) for item in data["queries"]]


def page_path(href: str, base: str) -> str:
    path = urlsplit(href).path
    prefix = urlsplit(base).path.rstrip("/")
    return path[len(prefix):].lstrip("/") if path.startswith(prefix) else path.lstrip("/")


def open_search(page, base_url: str, navigate: bool = True) -> None:
    """Open the search dialog (on the home page, or on the page already open)."""
    if navigate:
        page.goto(base_url.rstrip("/") + "/", wait_until="networkidle")
    page.keyboard.press("/")
    page.locator("input.md-search__input").focus()


def search(page, base_url: str, text: str, timeout: float = 15000) -> list[str]:
    """Type text into the open search box, as a reader would, and return the result pages in order."""
    box = page.locator("input.md-search__input")
    meta = page.locator(".md-search-result__meta")
    box.fill("")
    box.press("End")
    page.wait_for_function("(words) => words.some(w => document.querySelector('.md-search-result__meta').textContent.includes(w))",
                           arg=list(PLACEHOLDERS), timeout=timeout)
    box.fill(text)
    box.press("End")
    page.wait_for_function(
        "([q, busy]) => { const m = document.querySelector('.md-search-result__meta').textContent;"
        " return document.querySelector('input.md-search__input').value === q && !busy.some(w => m.includes(w)); }",
        arg=[text, list(BUSY)], timeout=timeout)
    del meta
    hrefs = page.eval_on_selector_all(".md-search-result__list > li.md-search-result__item",
                                      "items => items.map(li => li.querySelector('a').getAttribute('href'))")
    return [page_path(href, base_url) for href in hrefs]


def run(page, base_url: str, queries: list[Query]) -> list[Outcome]:
    open_search(page, base_url)
    return [Outcome(query, search(page, base_url, query.q)) for query in queries]


def summary(outcomes: list[Outcome]) -> dict:
    ranks = [o.rank for o in outcomes]
    n = len(outcomes)
    return {
        "queries": n,
        "first": sum(1 for r in ranks if r == 1) / n,
        "top3": sum(1 for r in ranks if r and r <= 3) / n,
        "mrr": sum(1 / r for r in ranks if r) / n,
    }
