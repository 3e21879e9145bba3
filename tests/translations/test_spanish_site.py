"""The built Spanish edition as a reader meets it: Spanish pages at /es/, linked both ways with
the English ones, Spanish interface words, a Spanish crisis strip, and Spanish search that finds
Spanish pages first."""
from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import pytest

from beyond_detox import i18n, translations
from beyond_detox.resources import find_service
from beyond_detox.search_eval import open_search, search

ROWS = translations.load("es")
ES = i18n.strings("es")


def built(site_dir, url_path: str) -> str:
    return (site_dir / url_path.strip("/") / "index.html").read_text(encoding="utf-8") if url_path.strip("/") else \
        (site_dir / "index.html").read_text(encoding="utf-8")


def resolve(from_path: str, href: str) -> str:
    """The site path a relative link on page from_path ('/es/x/') points to."""
    return urlsplit(urljoin("http://site" + from_path, href)).path


def switch_href(html: str) -> str:
    match = re.search(r'<a class="bd-lang__link" href="([^"]+)" hreflang="(\w+)" lang="\w+">', html)
    assert match, "no language switch on the page"
    return match.group(1)


@pytest.mark.parametrize("row", ROWS, ids=[r.src for r in ROWS])
def test_switch_and_hreflang_link_the_two_pages_both_ways(site_dir, row):
    spanish_path = "/es/" + translations.page_url(row.src)
    english_path = "/" + translations.page_url(row.of)
    spanish, english = built(site_dir, spanish_path), built(site_dir, english_path)
    assert '<html lang="es"' in spanish and '<html lang="en"' in english
    assert resolve(spanish_path, switch_href(spanish)) == english_path
    assert resolve(english_path, switch_href(english)) == spanish_path
    # hreflang for search engines: in the sitemap, absolute, both ways (not as <link> tags: see main.html)
    sitemap = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    for page_path, other_lang, other_path in ((spanish_path, "en", english_path), (english_path, "es", spanish_path)):
        entry = re.search(rf"<url><loc>https?://[^/<]+{re.escape(page_path)}</loc>(.*?)</url>", sitemap, re.S)
        if row.src == "offline.md":  # the service worker's page, in neither language's sitemap
            assert entry is None, f"{page_path} is in the sitemap"
            continue
        assert entry, f"{page_path} not in the sitemap"
        assert re.search(rf'hreflang="{other_lang}" href="https?://[^/"]+{re.escape(other_path)}"', entry.group(1)), entry.group(1)
    assert '<link rel="alternate"' not in spanish and '<link rel="alternate"' not in english


@pytest.mark.parametrize("row", ROWS, ids=[r.src for r in ROWS])
def test_spanish_pages_speak_spanish_around_the_content(site_dir, row):
    html = built(site_dir, "/es/" + translations.page_url(row.src))
    for key in ("skip_link", "crisis_more", "translation_status", "review_last"):
        assert ES[key] in html, f"{key}: {ES[key]!r} not on the page"
    for english in ("Skip to main content", "Need help now?", "Page last reviewed", "Share this page",
                    '<span class="bd-visually-hidden">Source </span>'):
        assert english not in html, f"English interface words on a Spanish page: {english!r}"


def test_links_to_pages_not_yet_in_spanish_go_to_the_english_page_and_say_so(site_dir):
    checked = 0
    for row in ROWS:
        path = "/es/" + translations.page_url(row.src)
        html = built(site_dir, path)
        for href, note in re.findall(r'<a href="([^"]+)" hreflang="en"[^>]*>.*?<span class="bd-en-note">([^<]*)</span></a>', html):
            target = resolve(path, href).split("#")[0]
            assert not target.startswith("/es/"), href
            assert (site_dir / target.strip("/") / "index.html").exists(), f"{path}: {href} leads nowhere"
            assert note == "(en inglés)"
            checked += 1
    assert checked >= 5, "expected links from Spanish pages to English-only pages"


def test_spanish_get_help_lists_the_spanish_options_in_spanish(site_dir):
    html = built(site_dir, "/es/get-help/")
    lifeline = find_service("lifeline-988")
    assert f'href="{lifeline.phone("voice").tel_uri}">Llamar al {lifeline.phone("voice").display}<' in html
    assert "Enviar AYUDA al" in html, "the Spanish text keyword for 988"
    assert "Marque 2 para español" in html or "marque 2" in html.lower()
    assert "Free, confidential support" not in html, "an English description on the Spanish page"


def test_spanish_urgent_block_uses_spanish_titles(site_dir):
    html = built(site_dir, "/es/safety/overdose-risk-after-detox/")
    assert 'id="when-to-get-help"' in html and "Cuándo pedir ayuda" in html and "ahora si:" in html


# --- in the browser ----------------------------------------------------------------------------

SPANISH_QUERIES = ["abstinencia", "metadona", "naloxona", "depresión después de la desintoxicación", "sobredosis"]


def test_spanish_search_finds_spanish_pages_first(new_page, site_url):
    page = new_page(1280, 800)
    open_search(page, site_url + "/es")
    for query in SPANISH_QUERIES:
        results = search(page, site_url, query)
        assert results, f"no results for {query!r}"
        assert results[0].startswith("es/"), f"{query!r}: first result {results[0]}"
        assert all(r.startswith("es/") for r in results[:3]), f"{query!r}: {results[:3]}"


def test_spanish_crisis_words_bring_the_crisis_numbers(new_page, site_url):
    page = new_page(1280, 800)
    open_search(page, site_url + "/es")
    search(page, site_url, "quiero morir")
    crisis = page.locator(".bd-search-help__crisis")
    assert crisis.is_visible() and "Si alguien puede estar en peligro ahora" in crisis.inner_text()


def test_crisis_strip_reads_in_spanish_on_a_phone(new_page, site_url):
    page = new_page(375, 667)
    page.goto(site_url + "/es/first-days-after-detox/")
    strip = page.locator("nav.bd-crisis")
    assert strip.get_attribute("aria-label") == ES["crisis_label"]
    names = [" ".join(t.split()) for t in strip.locator("a").all_inner_texts()]
    assert names == ["Llame al 988", "Mande texto al 988", "Llame al 911", "Más ayuda"]
    for link in strip.locator("a").all():
        box = link.bounding_box()
        assert box["height"] >= 44 and box["y"] + box["height"] <= 667
    title = page.locator(".md-content h1").bounding_box()
    assert title["y"] < 200, "the title starts in the top of the first screen"


def test_the_switch_takes_a_reader_to_english_and_back(new_page, site_url):
    page = new_page(375, 667)
    page.goto(site_url + "/es/safety/overdose-risk-after-detox/")
    page.get_by_role("link", name=ES["switch_name"], exact=True).click()
    page.wait_for_url("**/safety/overdose-risk-after-detox/")
    assert page.evaluate("document.documentElement.lang") == "en"
    page.get_by_role("link", name=i18n.strings("en")["switch_name"], exact=True).click()
    page.wait_for_url("**/es/safety/overdose-risk-after-detox/")
    assert page.evaluate("document.documentElement.lang") == "es"


def test_the_spanish_sheet_prints_on_one_page_in_spanish_with_its_address(new_page, site_url):
    import io

    from pypdf import PdfReader

    page = new_page()
    page.goto(site_url + "/es/handouts/after-detox/")
    reader = PdfReader(io.BytesIO(page.pdf(format="Letter")))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert len(reader.pages) == 1, f"{len(reader.pages)} pages"
    assert ES["print_read_online"] in text and "/es/handouts/after-detox" in text
    assert "Llame" in text and "988" in text
