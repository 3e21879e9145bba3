"""What a clinic prints and shares: the discharge sheet and every article's handout exist as PDFs
within their page limits and carry the title, crisis numbers, address and licence; every printed
page shows its address; QR codes decode to the right address; Share and Print work without any
request."""
from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from beyond_detox import readability
from beyond_detox.frontmatter import read_page
from beyond_detox.handouts.links import load_links
from beyond_detox.handouts.pdf import SHEET, handouts
from beyond_detox.handouts.qr import LOCAL_URL, display_address
from beyond_detox.paths import DOCS
from beyond_detox.resources import find_service

HANDOUTS = handouts()
SPANISH = handouts(DOCS / "es", "es")


def pdf_text(path) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return len(reader.pages), " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def address_of(source: str) -> str:
    links = load_links()
    word = links.word_for(source)
    return display_address(LOCAL_URL + (links.short_url(word) if word else source.removesuffix(".md") + "/"))


@pytest.mark.parametrize("handout", HANDOUTS, ids=[h.pdf for h in HANDOUTS])
def test_handout_pdf_has_what_a_patient_needs_within_its_page_limit(site_dir, handout):
    path = site_dir / handout.pdf
    assert path.exists(), f"{handout.pdf} missing: run make handouts"
    pages, text = pdf_text(path)
    assert pages <= handout.page_limit, f"{handout.pdf}: {pages} pages"
    built = (site_dir / handout.url / "index.html").read_text(encoding="utf-8")
    title = re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)</h1>", built, re.S).group(1))
    assert " ".join(title.split())[:40] in text, title
    for number in ("988", "911"):
        assert number in text, f"{handout.pdf}: no {number}"
    assert address_of(handout.source) in text.replace(" ", "").replace("http://", "") or address_of(handout.source) in text
    assert "CC BY 4.0" in text


def test_the_discharge_sheet_has_its_parts_on_one_page(site_dir):
    pages, text = pdf_text(site_dir / "handouts/after-detox.pdf")
    assert pages == 1
    for part in ("If someone may be overdosing", "Next appointment:", "Clinic phone:", "My naloxone is kept:",
                 find_service("samhsa-national-helpline").phone("voice").display, "Start medication"):
        assert part in text, part
    assert readability.grade(read_page(DOCS / SHEET).body) <= readability.MAX_GRADE_START_HERE


@pytest.mark.parametrize("path", ["/", "/get-help/", "/about/privacy/", "/understand/post-acute-withdrawal/"])
def test_printing_any_page_shows_its_address_and_the_licence(new_page, site_url, path):
    page = new_page()
    page.goto(site_url + path)
    _, text = pdf_text_from(page.pdf(format="Letter"))
    assert "Read this online:" in text and "127.0.0.1:8000" in text and "CC BY 4.0" in text
    assert "Need help now?" in text and "988" in text


def pdf_text_from(data: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def decode(png: bytes) -> list[str]:
    import zxingcpp
    from PIL import Image

    return [result.text for result in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


def test_each_short_link_qr_code_decodes_to_its_address(new_page, site_url, site_dir):
    page = new_page(400, 400)
    links = load_links()
    for word in links.short_links:
        svg = site_dir / "assets" / "qr" / f"go-{word}.svg"
        assert svg.exists(), word
        page.goto(f"{site_url}/assets/qr/go-{word}.svg")
        page.set_viewport_size({"width": 300, "height": 300})
        page.evaluate("() => { const s = document.documentElement; s.setAttribute('width', '296'); s.setAttribute('height', '296'); }")
        assert decode(page.screenshot()) == [LOCAL_URL + f"go/{word}/"], word


def test_the_printed_qr_code_of_a_page_decodes_to_its_short_address(new_page, site_url):
    page = new_page()
    page.goto(site_url + "/safety/overdose-risk-after-detox/")
    page.emulate_media(media="print")
    qr = page.locator(".bd-print-footer svg.bd-qr")
    qr.evaluate("svg => { svg.style.width = '300px'; svg.style.height = '300px'; }")
    assert decode(qr.screenshot()) == [LOCAL_URL + "go/overdose/"]


def test_for_clinicians_lists_every_handout_with_its_pdf(site_dir):
    html = (site_dir / "for-clinicians/index.html").read_text(encoding="utf-8")
    listing = html[html.index('<div class="bd-handouts">'):]
    items = re.findall(r"<li>(.*?)</li>", listing[:listing.index("</div>")], re.S)
    assert len(items) == len(HANDOUTS)
    spanish = {handout.pdf.removeprefix("es/") for handout in SPANISH}
    for handout, item in zip(HANDOUTS, items):
        assert f'href="../{handout.pdf}"' in item, handout.pdf
        # A nurse whose patient's family reads Spanish finds the Spanish copy in the same entry.
        if handout.pdf in spanish:
            assert f'<a href="../es/{handout.pdf}" hreflang="es" lang="es">en español</a>' in item, handout.pdf
        assert ("en español" in item) == (handout.pdf in spanish), handout.pdf
    assert spanish and spanish <= {handout.pdf for handout in HANDOUTS}  # every Spanish copy sits in an entry


def test_the_handout_list_fits_a_phone_without_sideways_scrolling(new_page, site_url):
    page = new_page(width=375, height=667)
    page.goto(site_url + "/for-clinicians/")
    entries = page.locator(".bd-handouts li")
    assert entries.count() == len(HANDOUTS)
    for index in range(entries.count()):
        entry = entries.nth(index)
        for part in [entry.get_by_role("link").first, entry.get_by_role("link", name=re.compile(r"^PDF")), entry.locator("img")]:
            if part.count():
                box = part.bounding_box()
                assert box and box["x"] >= 0 and box["x"] + box["width"] <= 375, (index, box)
    # Nothing on the page scrolls sideways inside itself, as a wide table would.
    assert page.evaluate("[...document.querySelectorAll('.md-content *')].filter(e => e.scrollWidth > e.clientWidth + 1"
                         " && getComputedStyle(e).overflowX !== 'visible').length") == 0


@pytest.mark.parametrize("handout", SPANISH, ids=[h.pdf for h in SPANISH])
def test_spanish_handouts_are_in_spanish_within_their_page_limit_and_linked_from_their_page(site_dir, handout):
    pages, text = pdf_text(site_dir / handout.pdf)
    assert pages <= handout.page_limit, f"{handout.pdf}: {pages} pages"
    assert "¿Necesita ayuda ahora?" in text and "Llame al 988" in text and "Need help now" not in text
    assert "CC BY 4.0" in text
    page = (site_dir / handout.url / "index.html").read_text(encoding="utf-8")
    link = re.search(r'<a class="md-button bd-share__button" href="([^"]+\.pdf)">Imprimir o descargar en PDF</a>', page)
    assert link, handout.url
    assert (site_dir / handout.url / link.group(1)).resolve() == (site_dir / handout.pdf).resolve()


def test_share_copies_the_link_and_print_is_offered_with_no_request(browser, site_url):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    url = site_url + "/understand/post-acute-withdrawal/"
    page.goto(url, wait_until="networkidle")
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    assert page.get_by_role("button", name="Print").is_visible()
    has_share_sheet = page.evaluate("!!navigator.share")
    share = page.get_by_role("button", name="Share this page")
    assert share.is_visible()
    if not has_share_sheet:  # headless Chromium on Linux: the fallback copies the link
        share.click()
        page.wait_for_function("document.querySelector('.bd-share__status').textContent.includes('Link copied')")
        assert page.evaluate("navigator.clipboard.readText()") == url
    assert requests == []
    pdf_link = page.get_by_role("link", name="Print or download as PDF")
    assert pdf_link.get_attribute("href") == "../../handouts/understand/post-acute-withdrawal.pdf"
    context.close()
