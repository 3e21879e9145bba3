"""The list of handouts on /for-clinicians/: title, who it is for, PDF, short address, QR code."""
from __future__ import annotations

import html
import posixpath

from beyond_detox.frontmatter import read_page
from beyond_detox.handouts.links import Links
from beyond_detox.handouts.pdf import handouts
from beyond_detox.handouts.qr import display_address
from beyond_detox.paths import DOCS

AUDIENCE = {"families": "Families", "people-in-recovery": "People in recovery", "clinicians": "Clinicians"}


def handout_list(links: Links, page_src: str, base: str, docs_dir=DOCS) -> str:
    """One list item a handout: title and who it is for, the PDFs, the short address and its QR
    code (last, so a screen reader hears the title first; the stylesheet puts it at the right).
    A list, not a table, so nothing scrolls sideways on a phone."""
    here = posixpath.dirname(page_src)
    page_url_dir = page_src.removesuffix(".md") + "/" if not page_src.endswith("index.md") else posixpath.dirname(page_src) + "/"
    items = []
    for handout in handouts(docs_dir):
        meta = read_page(docs_dir / handout.source).meta
        title = str(meta.get("title", handout.source))
        link = posixpath.relpath(handout.source, here or ".")
        word = links.word_for(handout.source)
        address = display_address(base + (links.short_url(word) if word else handout.url))
        pdf = posixpath.relpath(handout.pdf, page_url_dir.rstrip("/"))
        pages = "1 page" if handout.page_limit == 1 else f"up to {handout.page_limit} pages"
        pdfs = f'<a href="{pdf}">PDF, {pages}</a>'
        if (docs_dir / "es" / handout.source).is_file():  # the Spanish edition's copy of this handout
            pdfs += f' · <a href="{posixpath.relpath("es/" + handout.pdf, page_url_dir.rstrip("/"))}" hreflang="es" lang="es">en español</a>'
        audience = AUDIENCE.get(str(meta.get("audience", "")), "Everyone")
        # A Markdown image, relative to this file: every builder resolves it (the QR images are
        # files of the site, beyond_detox.handouts.qr.qr_files).
        qr = ""
        if word:
            qr_file = posixpath.relpath(f"assets/qr/go-{word}.svg", here or ".")
            qr = f' ![QR code for {html.escape(address)}]({qr_file}){{ width="64" height="64" .bd-handout-qr }}'
        short = f"<br>Short address: {html.escape(address)}" if word else ""
        items.append(f"- **[{title}]({link})**<br>For {audience.lower()} · {pdfs}{short}{qr}")
    return '<div class="bd-handouts" markdown>\n\n' + "\n\n".join(items) + "\n\n</div>\n"
