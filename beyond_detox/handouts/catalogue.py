"""The list of handouts on /for-clinicians/: title, who it is for, short address, QR code, PDF."""
from __future__ import annotations

import html
import posixpath

from beyond_detox.frontmatter import read_page
from beyond_detox.handouts.links import Links
from beyond_detox.handouts.pdf import handouts
from beyond_detox.handouts.qr import display_address
from beyond_detox.paths import DOCS

AUDIENCE = {"families": "Families", "people-in-recovery": "People in recovery", "clinicians": "Clinicians"}


def handout_table(links: Links, page_src: str, base: str, docs_dir=DOCS) -> str:
    here = posixpath.dirname(page_src)
    page_url_dir = page_src.removesuffix(".md") + "/" if not page_src.endswith("index.md") else posixpath.dirname(page_src) + "/"
    # The PDF second: on a phone the table scrolls sideways, and the download is what a nurse needs.
    rows = ["| Handout | PDF | For | Short address | QR code |", "|---|---|---|---|---|"]
    for handout in handouts(docs_dir):
        meta = read_page(docs_dir / handout.source).meta
        title = str(meta.get("title", handout.source)).replace("|", "\\|")
        link = posixpath.relpath(handout.source, here or ".")
        word = links.word_for(handout.source)
        address = display_address(base + (links.short_url(word) if word else handout.url))
        # A Markdown image, relative to this file: every builder resolves it (the QR images are
        # files of the site, beyond_detox.handouts.qr.qr_files).
        qr_file = posixpath.relpath(f"assets/qr/go-{word}.svg", here or ".") if word else ""
        qr = f'![QR code for {html.escape(address)}]({qr_file}){{ width="64" height="64" }}' if word else "–"
        pdf = posixpath.relpath(handout.pdf, page_url_dir.rstrip("/"))
        pages = "1 page" if handout.page_limit == 1 else f"up to {handout.page_limit} pages"
        pdfs = f'<a href="{pdf}">PDF, {pages}</a>'
        if (docs_dir / "es" / handout.source).is_file():  # the Spanish edition's copy of this handout
            pdfs += f' · <a href="{posixpath.relpath("es/" + handout.pdf, page_url_dir.rstrip("/"))}" hreflang="es" lang="es">en español</a>'
        rows.append(f"| [{title}]({link}) | {pdfs} | {AUDIENCE.get(str(meta.get('audience', '')), 'Everyone')} | {address} | {qr} |")
    return "\n".join(rows) + "\n"
