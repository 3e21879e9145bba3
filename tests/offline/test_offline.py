"""No signal: after one visit, the crisis numbers, the start-here page, Get help, the Florida page
and the overdose page open offline; a page never opened shows the offline page; a new build
replaces the old copies on the next online visit; nothing else is stored or sent."""
from __future__ import annotations

import json
import shutil
from urllib.parse import urlsplit

import pytest

from beyond_detox.offline import CACHE_PREFIX, write_service_worker
from beyond_detox.links.server import serve

KEY_PAGES = ["/first-days-after-detox/", "/get-help/", "/get-help/florida/", "/safety/overdose-risk-after-detox/"]


def first_visit(context, base: str):
    page = context.new_page()
    page.goto(base + "/", wait_until="networkidle")
    page.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.controller !== null", timeout=20000)
    return page


def test_key_pages_open_offline_with_the_crisis_numbers(browser, site_url):
    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = first_visit(context, site_url)
    context.set_offline(True)
    for path in KEY_PAGES:
        response = page.goto(site_url + path)
        assert response.ok and response.from_service_worker, path
        crisis = page.locator("nav.bd-crisis")
        assert crisis.is_visible(), path
        assert crisis.locator('a[href="tel:988"]').count() == 1 and crisis.locator('a[href="tel:911"]').count() == 1
        notice = page.locator(".bd-offline")
        assert notice.is_visible() and "You are offline. This copy was saved on" in notice.inner_text(), path
    # A page never opened: the offline page, with the help lines and the overdose steps.
    page.goto(site_url + "/about/privacy/")
    assert page.url == site_url + "/offline/"
    assert page.locator("h1").inner_text().strip() == "You are offline"
    for href in ("tel:988", "sms:988", "tel:911"):
        assert page.locator(f'.md-content a[href="{href}"]').count() >= 1, href
    assert "Stay with them until help arrives" in page.locator(".md-content").inner_text()
    # Nothing about the reader is kept, and nothing went anywhere else.
    assert context.cookies() == []
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
    assert all(urlsplit(url).hostname == "127.0.0.1" for url in requests if url.startswith("http")), requests
    context.close()


def test_a_new_build_replaces_the_saved_copies_after_one_online_visit(browser, site_dir, tmp_path):
    folder = tmp_path / "site"
    shutil.copytree(site_dir, folder)
    with serve(folder) as root:
        base = root.rstrip("/")
        context = browser.new_context()
        page = first_visit(context, base)
        old_version = page.evaluate("caches.keys()")
        page.goto(base + "/first-days-after-detox/", wait_until="networkidle")
        # Deploy a changed build: new text on a page, so a new service worker version.
        target = folder / "first-days-after-detox" / "index.html"
        target.write_text(target.read_text(encoding="utf-8").replace("</h1>", " (updated)</h1>", 1), encoding="utf-8")
        new_version = write_service_worker(folder)
        page.goto(base + "/first-days-after-detox/", wait_until="networkidle")
        assert "(updated)" in page.locator("h1").inner_text()
        page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
        page.wait_for_function(f"caches.keys().then(k => k.includes({json.dumps(CACHE_PREFIX + new_version)}))", timeout=20000)
        page.wait_for_function(f"caches.keys().then(k => !k.includes({json.dumps(old_version[0])}))", timeout=20000)
        context.set_offline(True)
        page.goto(base + "/first-days-after-detox/")
        assert "(updated)" in page.locator("h1").inner_text(), "the offline copy is the new build's"
        context.close()


def test_the_site_can_be_saved_to_a_home_screen(site_dir):
    manifest = json.loads((site_dir / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["name"] == "Beyond Detox" and manifest["start_url"] == "./" and manifest["display"] == "browser"
    icon = manifest["icons"][0]
    assert (site_dir / icon["src"]).exists() and icon["type"] == "image/svg+xml"
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    assert 'rel="manifest" href="manifest.webmanifest"' in html


@pytest.mark.parametrize("path", ["/", "/get-help/"])
def test_without_service_workers_the_site_works_as_before(browser, site_url, path):
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    response = page.goto(site_url + path)
    assert response.ok and not response.from_service_worker
    assert page.locator("nav.bd-crisis").is_visible()
    assert not page.locator(".bd-offline").is_visible()
    context.close()


def test_a_spanish_page_never_opened_shows_the_offline_page_in_spanish(browser, site_url):
    context = browser.new_context()
    page = first_visit(context, site_url)
    context.set_offline(True)
    page.goto(site_url + "/es/understand/post-acute-withdrawal/")
    assert page.url == site_url + "/es/offline/"
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.locator("h1").inner_text().strip() == "No tiene conexión"
    for href in ("tel:988", "sms:988", "tel:911"):
        assert page.locator(f'.md-content a[href="{href}"]').count() >= 1, href
    assert "Quédese con la persona hasta que llegue la ayuda" in page.locator(".md-content").inner_text()
    # An English page never opened still gets the English one.
    page.goto(site_url + "/about/privacy/")
    assert page.url == site_url + "/offline/"
    context.close()
