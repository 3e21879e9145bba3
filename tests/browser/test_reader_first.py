"""Reader first, on a 375x667 phone: what a frightened reader notices in the first screens.

Titles start high and are dark and bold, pages are short enough to read, the home page offers
the reader's situation first, urgent advice sits in the same place on every page, and the
misspellings readers type are found by search but never shown.
"""
from __future__ import annotations

import re

import pytest

from beyond_detox.content_model import is_article
from beyond_detox.page_measure import PHONE, budgeted_paths, measure
from beyond_detox.paths import DOCS
from beyond_detox.search_words import load_search_words

ARTICLE_PATHS = sorted("/" + p.relative_to(DOCS).as_posix().removesuffix(".md") + "/"
                       for p in DOCS.rglob("*.md") if is_article(p.relative_to(DOCS).as_posix()))
BUDGETED_PATHS = budgeted_paths(DOCS)  # the articles and Get help pages, English and Spanish
SITUATIONS = ["Just left detox: start here", "Someone may be overdosing", "Worried about suicide", "Thinking about using",
              "Feeling low or flat after detox", "Help in Florida", "For clinics"]

_CONTRAST_JS = """(selector) => [...document.querySelectorAll(selector)].filter(el => el.offsetParent).map(el => {
  const parse = c => c.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
      .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  let bg = null, node = el;
  while (node && !bg) { const c = getComputedStyle(node).backgroundColor; if (parse(c).length < 4 || parse(c)[3] > 0) bg = c; node = node.parentElement; }
  const style = getComputedStyle(el), fg = parse(style.color), back = parse(bg || 'rgb(255,255,255)');
  const alpha = fg.length > 3 ? fg[3] : 1;
  const mixed = fg.slice(0, 3).map((v, i) => v * alpha + back[i] * (1 - alpha));
  const [l1, l2] = [lum(mixed), lum(back)].sort((a, b) => b - a);
  return {text: el.textContent.trim().slice(0, 40), ratio: (l1 + 0.05) / (l2 + 0.05), weight: Number(style.fontWeight)};
})"""


@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(viewport={"width": PHONE[0], "height": PHONE[1]})
    yield context.new_page()
    context.close()


def test_titles_and_headings_are_dark_and_bold(phone, site_url):
    weak = []
    for path in ["/", "/first-days-after-detox/", "/understand/post-acute-withdrawal/", "/get-help/", "/about/"]:
        phone.goto(site_url + path)
        for heading in phone.evaluate(_CONTRAST_JS, ".md-content h1, .md-content h2, .md-content h3"):
            if heading["ratio"] < 7 or heading["weight"] < 600:
                weak.append((path, heading))
    assert weak == [], weak


def test_budgeted_pages_include_every_article_and_the_spanish_edition():
    for path in ["/first-days-after-detox/", "/safety/overdose-risk-after-detox/", "/get-help/", "/get-help/florida/",
                 "/es/first-days-after-detox/", "/es/safety/overdose-risk-after-detox/", "/es/get-help/florida/"]:
        assert path in BUDGETED_PATHS, path
    assert "/glossary/" not in BUDGETED_PATHS and "/es/" not in BUDGETED_PATHS


@pytest.mark.parametrize("path", BUDGETED_PATHS)
def test_page_fits_its_phone_length_budget(phone, site_url, path):
    m = measure(phone, site_url + path, path)
    assert m.details_open == 0, f"{path}: folded blocks must start closed"
    assert m.screens is not None, f"{path}: no title or Sources heading found"
    assert m.screens <= m.budget(), f"{path}: {m.screens} phone screens from the title to Sources (budget {m.budget()})"


def test_home_page_offers_the_readers_situation_in_the_first_screen(phone, site_url):
    phone.goto(site_url + "/")
    nav = phone.get_by_role("navigation", name="Choose your situation")
    for name in SITUATIONS:
        link = nav.get_by_role("link", name=name, exact=True)
        box = link.bounding_box()
        assert box and box["y"] + box["height"] <= PHONE[1], f"'{name}' is not in the first screen: {box}"
        assert box["height"] >= 44, f"'{name}' is too small to tap: {box}"
    nav.get_by_role("link", name="Just left detox: start here").click()
    phone.wait_for_load_state()
    assert phone.url.endswith("/first-days-after-detox/")


def test_urgent_advice_sits_right_after_the_key_points_wherever_it_appears(phone, site_url):
    having, misplaced = [], {}
    for path in ARTICLE_PATHS:
        m = measure(phone, site_url + path, path)
        if m.care_after_key_points is None:
            continue
        having.append(path)
        if not m.care_after_key_points:
            misplaced[path] = "not right after the key points"
        # Same spot for the reader: the block starts within a short gap below the key points box.
        gap = phone.evaluate("""() => {
          const kp = document.querySelector('.md-content .admonition'), h = document.getElementById('when-to-get-help');
          return h.getBoundingClientRect().top - kp.getBoundingClientRect().bottom; }""")
        if not 0 <= gap <= 80:
            misplaced[path] = f"{gap:.0f} px below the key points"
    assert misplaced == {}, misplaced
    assert len(having) >= 5, f"only {having} use the urgent-advice block"
    old_boxes = [p for p in ARTICLE_PATHS if "When to get help now" in (DOCS / (p.strip("/") + ".md")).read_text(encoding="utf-8")]
    assert old_boxes == [], f"old danger boxes left: {old_boxes}"


def test_no_misspelling_readers_type_is_visible_on_any_page(phone, site_url, pages):
    pattern = load_search_words().pattern()
    seen = {}
    for path in pages:
        phone.goto(site_url + path)
        text = phone.evaluate("document.body.innerText")
        found = sorted({m.group(0).lower() for m in pattern.finditer(text)})
        if found:
            seen[path] = found
        if "Also called:" in text:
            line = next(l for l in text.splitlines() if "Also called:" in l)
            assert not re.search(r"\b(how to|my son|dope sick)\b", line, re.I), f"{path}: search phrases shown: {line}"
    assert seen == {}, seen


def test_a_misspelling_finds_the_right_page(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(site_url + "/", wait_until="networkidle")
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially("nalaxone", delay=40)
    page.wait_for_function("document.querySelector('.md-search-result__meta').textContent.includes('matching')", timeout=20000)
    hrefs = page.eval_on_selector_all(".md-search-result__list a", "els => els.map(a => a.getAttribute('href'))")
    context.close()
    assert any("overdose-risk-after-detox" in href for href in hrefs), hrefs
