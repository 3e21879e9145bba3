"""The theme's stylesheet is trimmed to what the site uses, and nothing a page needs is lost:
checked with the browser's own CSS parser and selector matching on every built page."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import material

from beyond_detox.css_trim import trim_css, trim_theme_stylesheet

ORIGINAL = next((Path(material.__file__).parent / "templates/assets/stylesheets").glob("main.*.min.css"))


def test_rules_for_unused_classes_go_and_the_rest_stay():
    css = ('@charset "UTF-8";.used{a:1}.gone{b:2}.used .gone{c:3}.used,.gone{d:4}'
           '@media (min-width:10em){.gone{e:5}.used{f:6}}@media print{.gone{g:7}}'
           '.used:not(.gone){h:8}.used:is(.gone){i:9}[data-x=".gone"]{j:10}.used::after{content:"}.gone{"}'
           '@font-face{font-family:x}@keyframes spin{0%{k:11}to{l:12}}.sm\\:gone{m:13}body{n:14}')
    trimmed, dropped = trim_css(css, {"used"})
    assert trimmed == ('@charset "UTF-8";.used{a:1}.used{d:4}@media (min-width:10em){.used{f:6}}'
                       '.used:not(.gone){h:8}.used:is(.gone){i:9}[data-x=".gone"]{j:10}.used::after{content:"}.gone{"}'
                       '@font-face{font-family:x}@keyframes spin{0%{k:11}to{l:12}}.sm\\:gone{m:13}body{n:14}')
    assert dropped == 4


def test_a_broken_stylesheet_is_an_error_not_a_guess():
    import pytest

    with pytest.raises(ValueError):
        trim_css(".a{b:1", {"a"})


def test_the_built_stylesheets_are_trimmed_and_named_by_their_content(site_dir):
    for folder in (site_dir, site_dir / "es"):
        [sheet] = list(folder.glob("assets/stylesheets/main.*.min.css"))
        text = sheet.read_bytes()
        assert sheet.name == f"main.{hashlib.sha256(text).hexdigest()[:8]}.min.css"
        assert len(text) < 0.8 * ORIGINAL.stat().st_size, "less than a fifth of the theme's CSS was trimmed"
        assert list(folder.glob("assets/stylesheets/palette.*.css")) == []  # no page loads the theme's colour schemes
        for page in folder.rglob("*.html"):
            html = page.read_text(encoding="utf-8")
            assert ORIGINAL.name not in html, page
            for href in re.findall(r'href="([^"]*stylesheets/main\.[^"]*)"', html):
                assert href.endswith(sheet.name), (page, href)


def test_trimming_twice_changes_nothing(tmp_path, site_dir):
    import shutil

    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy, ignore=shutil.ignore_patterns("es", "search", "handouts", "*.pdf"))
    [before] = list(copy.glob("assets/stylesheets/main.*.min.css"))
    again = trim_theme_stylesheet(copy)
    assert again.rules_dropped == 0 and again.new_name == before.name and again.pages == 0


# In the page: every selector of the theme's full stylesheet that matches an element (states such
# as :hover or :checked and pseudo-elements set aside) must still be in the trimmed stylesheet.
MISSING_SELECTORS = """(original) => {
  const split = (text) => { const out = []; let depth = 0, cur = "";
    for (const c of text) { if ("([".includes(c)) depth++; if (")]".includes(c)) depth--;
      if (c === "," && depth === 0) { out.push(cur.trim()); cur = ""; } else cur += c; }
    out.push(cur.trim()); return out; };
  // Each selector of each rule, with the rule's declarations and the conditions around it.
  const selectors = (rules, into, context = "") => { for (const rule of rules) {
      if (rule.selectorText !== undefined) split(rule.selectorText).forEach((s) => into.set(`${context}|${s}{${rule.style.cssText}}`, s));
      else if (rule.cssRules && !(rule instanceof CSSKeyframesRule)) selectors(rule.cssRules, into, context + "@" + (rule.conditionText || rule.name || "")); }
    return into; };
  const full = new CSSStyleSheet(); full.replaceSync(original);
  const theme = [...document.styleSheets].find((s) => s.href && /stylesheets\\/main\\.[0-9a-f]+\\.min\\.css$/.test(s.href));
  if (!theme) return ["(the page has no theme stylesheet)"];
  const kept = selectors(theme.cssRules, new Map());
  const STATE = /::?(?:-webkit-[\\w-]+|-moz-[\\w-]+|before|after|placeholder|marker|selection|first-letter|first-line|backdrop|hover|focus-visible|focus-within|focus|active|visited|checked|target|disabled|placeholder-shown|indeterminate|invalid|-webkit-autofill)(?:\\([^)]*\\))?/g;
  const missing = [];
  for (const [key, selector] of selectors(full.cssRules, new Map())) {
    if (kept.has(key)) continue;
    const plain = selector.replace(STATE, "").replace(/(^|[\\s>+~,(])(?=$|[\\s>+~,)])/g, "$1*");
    let matches = false;
    try { matches = document.querySelector(plain) !== null; } catch (e) { matches = false; }
    if (matches) missing.push(selector);
  }
  return missing;
}"""


def test_no_rule_that_matches_a_page_was_trimmed(site_url, pages, new_page):
    original = ORIGINAL.read_text(encoding="utf-8")
    page = new_page(1280, 800, service_workers="block")
    checked, missing = 0, {}
    assert any(p.startswith("/es/") for p in pages)  # both languages' stylesheets
    for path in pages:
        page.goto(site_url + path)
        lost = page.evaluate(MISSING_SELECTORS, original)
        checked += 1
        if lost:
            missing[path] = lost[:5]
    assert checked > 30
    assert missing == {}, f"rules that match these pages were trimmed: {missing}"
