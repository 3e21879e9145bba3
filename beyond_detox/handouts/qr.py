"""QR codes for printed pages and short links, made here at build time (segno), as SVG: no
outside service ever sees an address."""
from __future__ import annotations

import io

import segno


LOCAL_URL = "http://127.0.0.1:8000/"   # what `make serve` serves; the deploy sets PUBLIC_URL


def public_url(config) -> str:
    """The site's public address (mkdocs.yml extra.public_url, from PUBLIC_URL), ending in '/'."""
    url = (config.extra.get("public_url") if hasattr(config, "extra") else None) or LOCAL_URL
    return url if url.endswith("/") else url + "/"


def display_address(url: str) -> str:
    """How an address is printed for people to type: no scheme, no trailing slash."""
    return url.split("://", 1)[-1].rstrip("/")


def qr_svg(url: str, title: str) -> str:
    """An SVG QR code for url (error correction M), with a <title> for screen readers."""
    buffer = io.BytesIO()
    # A fixed mask: segno otherwise tries all eight to pick the best, which costs most of the time
    # on a large site; any mask is valid and the codes decode the same (tests decode them).
    segno.make(url, error="m", boost_error=False, mask=0).save(
        buffer, kind="svg", scale=1, border=4, omitsize=True, xmldecl=False, svgns=True, title=title,
        svgclass="bd-qr", lineclass=None)
    return buffer.getvalue().decode("utf-8").strip().replace("<svg ", '<svg role="img" ', 1)


def qr_files(links, base: str) -> dict[str, str]:
    """One SVG per short link, encoding the public short address: {"assets/qr/go-WORD.svg": svg}.
    Files of the site (the links hook adds them to the build, the pre-build writes them into docs/),
    so a page can show one with a plain Markdown image that every builder resolves."""
    files = {}
    for word in links.short_links:
        url = base + links.short_url(word)
        files[f"assets/qr/go-{word}.svg"] = qr_svg(url, f"QR code for {display_address(url)}")
    return files


def print_footer(links, src_uri: str, url: str, base: str, title: str = "QR code: open this page at {address}") -> dict:
    """What a printed page shows at its foot: its (short) address to type, and its QR code.
    links=None (a translation): the page's own address, no short link."""
    word = links.word_for(src_uri) if links else None
    address = base + (links.short_url(word) if word else url)
    return {"address": display_address(address), "url": address,
            "qr": qr_svg(address, title.format(address=display_address(address)))}
