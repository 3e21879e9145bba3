"""Clinics print pages: the printout keeps the content, the help lines and where each source lives."""
from __future__ import annotations


def test_article_prints_with_help_lines_and_source_addresses(new_page, site_url):
    page = new_page()
    page.goto(site_url + "/safety/overdose-risk-after-detox/")
    page.emulate_media(media="print")
    assert page.locator("nav.bd-crisis").is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert not page.locator("a.bd-skip").is_visible()
    after = page.evaluate(
        "getComputedStyle(document.querySelector('.bd-sources a[href^=\"http\"]'), '::after').content"
    )
    assert "http" in after, "printed sources should show their web address"
    pdf = page.pdf(format="Letter")
    assert pdf[:4] == b"%PDF" and len(pdf) > 10_000
