"""Privacy: no page asks any host but our own for anything, sets a cookie, or puts search words in a URL."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest


@pytest.mark.parametrize("chunk", range(2))  # two groups, so pytest-xdist runs them on both cores
def test_no_page_requests_another_host_or_sets_cookies(new_page, site_url, pages, chunk):
    page = new_page()
    offsite: dict[str, list[str]] = {}
    current = {"path": ""}

    def record(request):
        host = urlsplit(request.url).hostname
        if request.url.startswith(("data:", "blob:", "about:")):
            return
        if host != "127.0.0.1":
            offsite.setdefault(current["path"], []).append(request.url)

    page.context.on("request", record)
    # Anything that slips through is blocked too, so a failing page cannot leak during the test.
    page.context.route(lambda url: urlsplit(url).hostname not in (None, "127.0.0.1"), lambda route: route.abort())
    for path in pages[chunk::2]:
        current["path"] = path
        page.goto(site_url + path, wait_until="networkidle")
    assert offsite == {}, f"pages asked other hosts for something: {offsite}"
    assert page.context.cookies() == [], "a page set a cookie"
    assert page.evaluate("document.cookie") == ""


def test_search_runs_locally_and_keeps_words_out_of_urls(new_page, site_url):
    page = new_page()
    requests = []
    page.context.on("request", lambda request: requests.append(request.url))
    page.goto(site_url + "/", wait_until="networkidle")
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially("naloxone", delay=50)  # typed, as a reader would
    page.wait_for_function("document.querySelector('.md-search-result__meta').textContent.includes('matching')", timeout=20000)
    results = page.locator(".md-search-result__list a")
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert hrefs and all("naloxone" not in (href.split("#")[0].split("?", 1)[1] if "?" in href else "") for href in hrefs)
    assert all("?h=" not in href for href in hrefs), hrefs
    assert all(urlsplit(url).hostname == "127.0.0.1" for url in requests if url.startswith("http")), requests
    assert not any("naloxone" in url for url in requests), "search words were sent in a request"
