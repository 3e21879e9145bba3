"""The search box as a reader meets it: nothing is downloaded for search until it is opened,
crisis words bring the crisis numbers to the top, and a search with no results still helps."""
from __future__ import annotations

from beyond_detox.resources import find_service
from beyond_detox.search_eval import open_search, search


def index_requests(page) -> list[str]:
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url) if "search_index.json" in request.url else None)
    return urls


def test_first_visit_downloads_no_search_index_until_search_is_opened(new_page, site_url):
    page = new_page(1280, 800)
    urls = index_requests(page)
    page.goto(site_url + "/understand/post-acute-withdrawal/", wait_until="networkidle")
    page.wait_for_timeout(500)
    assert urls == [], "the search index was downloaded before the reader opened search"
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially("paws", delay=30)
    page.wait_for_function("document.querySelectorAll('.md-search-result__list > li').length > 0", timeout=15000)
    assert len(urls) == 1


def test_on_a_phone_the_search_button_opens_search_and_finds(new_page, site_url):
    page = new_page(375, 667)
    urls = index_requests(page)
    page.goto(site_url + "/", wait_until="networkidle")
    assert urls == []
    page.locator("label.md-header__button[for='__search']").click()
    page.locator("input.md-search__input").press_sequentially("bupe", delay=30)
    page.wait_for_function("document.querySelectorAll('.md-search-result__list > li').length > 0", timeout=15000)
    first = page.locator(".md-search-result__list > li a").first
    assert first.is_visible() and "medications-for-opioid-use-disorder" in first.get_attribute("href")


def test_crisis_words_show_the_crisis_numbers_above_the_results(new_page, site_url):
    page = new_page(1280, 800)
    open_search(page, site_url)
    search(page, site_url, "i want to die")
    crisis = page.locator(".bd-search-help__crisis")
    assert crisis.is_visible()
    lifeline, emergency = find_service("lifeline-988"), find_service("emergency-911")
    hrefs = crisis.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs == [emergency.phone("voice").tel_uri, lifeline.phone("voice").tel_uri, lifeline.phone("text").sms_uri]
    box = crisis.bounding_box()
    first_result = page.locator(".md-search-result__list > li").first.bounding_box()
    assert box["y"] < first_result["y"], "the crisis numbers must come before the results"
    search(page, site_url, "sleep")
    assert not crisis.is_visible(), "no crisis box for an ordinary search"


def test_no_results_says_so_and_offers_help(new_page, site_url):
    page = new_page(1280, 800)
    open_search(page, site_url)
    assert search(page, site_url, "zzqxv") == []
    none = page.locator(".bd-search-help__none")
    assert none.is_visible()
    assert none.get_by_role("link", name="Start here: the first days after detox").is_visible()
    assert none.get_by_role("link", name="Get help now").is_visible()
    search(page, site_url, "naloxone")
    assert not none.is_visible()
