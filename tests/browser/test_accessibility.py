"""WCAG 2.2 AA: axe-core on every built page in Chromium, zero violations; keyboard access to help."""
from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
    # Only violations are asserted: axe then skips collecting details of passes (its documented speed-up).
    "resultTypes": ["violations"],
}


CHUNKS = 4  # pages split in groups so that pytest-xdist runs them on both cores


@pytest.mark.parametrize("chunk", range(CHUNKS))
@pytest.mark.parametrize("width,height", [(1280, 800), (375, 667)])
def test_every_page_has_no_axe_violations(new_page, site_url, pages, width, height, chunk):
    axe = Axe()
    failures = {}
    page = new_page(width, height)
    for path in pages[chunk::CHUNKS]:
        page.goto(site_url + path)
        results = axe.run(page, options=AXE_OPTIONS)
        violations = results.response["violations"]
        if violations:
            failures[f"{path} @{width}px"] = [
                f"{v['id']}: {v['help']} ({', '.join(n['target'][0] if isinstance(n['target'][0], str) else str(n['target'][0]) for n in v['nodes'][:3])})"
                for v in violations
            ]
    assert failures == {}, "\n".join(f"{page}: {problems}" for page, problems in failures.items())


def test_skip_link_then_crisis_links_are_first_by_tab(new_page, site_url):
    page = new_page(375, 667)
    page.goto(site_url + "/safety/overdose-risk-after-detox/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    assert page.locator("a.bd-skip").is_visible(), "the skip link must show when focused"
    names = []
    for _ in range(4):
        page.keyboard.press("Tab")
        names.append(page.evaluate("document.activeElement.innerText.replace(/\\s+/g, ' ').trim()"))
    assert names == ["Call 988", "Text 988", "Call 911", "More help"]


def test_skip_link_moves_focus_to_the_content(new_page, site_url):
    page = new_page()
    page.goto(site_url + "/safety/overdose-risk-after-detox/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"
    page.keyboard.press("Tab")
    inside = page.evaluate("!!document.activeElement.closest('article')")
    assert inside, "after skipping, the next Tab should land inside the article"


# What a keyboard user meets first, in each language (words from data/ui/<lang>.yml).
ENGLISH_ORDER = ["Skip to main content", "Call 988", "Text 988", "Call 911", "More help"]
SPANISH_ORDER = ["Ir al contenido principal", "Llame al 988", "Mande texto al 988", "Llame al 911", "Más ayuda"]


def test_crisis_strip_is_first_by_keyboard_on_every_page(new_page, site_url, pages):
    page = new_page(375, 667)
    wrong = {}
    for path in pages:
        page.goto(site_url + path)
        names = []
        for _ in range(5):
            page.keyboard.press("Tab")
            names.append(page.evaluate("document.activeElement.innerText.replace(/\\s+/g, ' ').trim()"))
        expected = SPANISH_ORDER if path.startswith("/es/") else ENGLISH_ORDER
        if names != expected:
            wrong[path] = names
    assert wrong == {}, wrong
