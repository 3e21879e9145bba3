"""What the tool tests share: opening a tool page, moving by keyboard, reading the printed PDF,
and checking that nothing the reader typed left the page."""
from __future__ import annotations

import io
from urllib.parse import urlsplit

from pypdf import PdfReader


def open_tool(new_page, site_url, path: str, width=375, height=667, **options):
    """The tool page on a phone-sized screen. The site's offline service worker caches pages in the
    background; it is blocked so that every request counted is one the tool made."""
    options.setdefault("service_workers", "block")
    page = new_page(width, height, **options)
    page.goto(site_url + path, wait_until="networkidle")
    return page


def active_id(page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.id || ''")


def skip_to_content(page) -> None:
    """First Tab: the skip link; Enter moves focus to the start of the content."""
    # The tab the reader is looking at has the keyboard (on two busy cores a background page once
    # did not, and the first Tab went nowhere).
    page.bring_to_front()
    page.keyboard.press("Tab")
    focused = page.evaluate("({text: document.activeElement.textContent.trim().slice(0, 60),"
                            " tag: document.activeElement.tagName, page_has_focus: document.hasFocus()})")
    assert focused["text"] == "Skip to main content", focused
    page.keyboard.press("Enter")
    assert active_id(page) == "main-content"


def tab_to(page, element_id: str, limit: int = 25) -> None:
    """Press Tab until the element has focus, as a keyboard user would."""
    for _ in range(limit):
        if active_id(page) == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached #{element_id} (focus is on #{active_id(page)})")


def pdf_text(page) -> tuple[int, str]:
    """Print the page (print stylesheet) and return (pages, its text on one line)."""
    page.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(page.pdf(format="Letter")))
    text = "\n".join(p.extract_text() for p in reader.pages)
    return len(reader.pages), " ".join(text.split())


def assert_nothing_sent(requests, entries) -> None:
    """While filling and printing: no request at all but the browser fetching one of the page's own
    static files (Chromium asks for the favicon late), and none carries a word the reader typed."""
    other = [r.url for r in requests if r.method != "GET" or urlsplit(r.url).hostname != "127.0.0.1"
             or not urlsplit(r.url).path.startswith("/assets/")]
    assert other == [], f"filling and printing made requests: {other}"
    for request in requests:
        sent = request.url + (request.post_data or "")
        assert not any(entry in sent or entry.replace(" ", "+") in sent or entry.replace(" ", "%20") in sent
                       for entry in entries), f"an entry was sent: {request.url}"
