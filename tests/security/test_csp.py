"""Locked down on any host: served with the generated headers, every page loads with zero
Content-Security-Policy violations, and search, the tools, Share and Print still work."""
from __future__ import annotations


import pytest

from beyond_detox.security import META_MARK, read_headers_file
from beyond_detox.serve import serve_directory

COLLECT = """window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(
  e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sourceFile || '') + ':' + e.lineNumber));"""


@pytest.fixture(scope="module")
def strict_url(site_dir):
    server, url = serve_directory(site_dir, headers=read_headers_file(site_dir))
    yield url
    server.shutdown()


def test_the_policy_is_strict(site_dir):
    policy = read_headers_file(site_dir)["Content-Security-Policy"]
    for part in ("default-src 'none'", "script-src 'self' 'sha256-", "style-src 'self'", "img-src 'self' data:",
                 "connect-src 'self'", "worker-src 'self'", "frame-ancestors 'none'", "base-uri 'self'", "form-action 'none'"):
        assert part in policy, part
    for loose in ("unsafe-inline", "unsafe-eval", "http:", "https:", "*"):
        assert loose not in policy.replace("sha256-", ""), loose
    headers = read_headers_file(site_dir)
    assert headers["Referrer-Policy"] == "no-referrer" and headers["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in headers["Permissions-Policy"]
    assert META_MARK in (site_dir / "index.html").read_text(encoding="utf-8")


def test_every_page_loads_without_a_violation(browser, strict_url, pages):
    context = browser.new_context(bypass_csp=False)
    context.add_init_script(COLLECT)
    page = context.new_page()
    found = {}
    for path in pages:
        response = page.goto(strict_url + path, wait_until="load")
        assert response.headers.get("content-security-policy"), path
        page.wait_for_timeout(50)
        violations = page.evaluate("window.__violations")
        if violations:
            found[path] = violations
    context.close()
    assert found == {}, found


def test_search_tools_share_and_print_work_under_the_policy(browser, strict_url):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"], bypass_csp=False)
    context.add_init_script(COLLECT)
    page = context.new_page()
    page.goto(strict_url + "/", wait_until="networkidle")
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially("naloxone", delay=20)
    page.locator(".md-search-result__list > li").first.wait_for(timeout=15000)
    page.goto(strict_url + "/understand/post-acute-withdrawal/", wait_until="networkidle")
    page.get_by_role("button", name="Share this page").click()
    page.locator(".bd-share__status:not(:empty)").wait_for()
    page.get_by_role("button", name="Print").is_visible()
    page.emulate_media(media="print")
    page.pdf(format="Letter")
    for tool in ("/understand/mood-check/", "/safety/my-safety-plan/", "/treatment/questions-to-ask/"):
        page.goto(strict_url + tool, wait_until="networkidle")
        page.keyboard.press("Tab")
        page.keyboard.press("Space")
    violations = page.evaluate("window.__violations")
    context.close()
    assert violations == []
