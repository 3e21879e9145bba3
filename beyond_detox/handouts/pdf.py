"""Printed handouts, made with headless Chromium's own printing (Playwright page.pdf()):
- a key-points handout of every article (title, key points, when to get help, review date,
  short address, QR code and licence; at most 2 US Letter pages), and
- the one-page after-detox discharge sheet.
Written into the built site under handouts/, next to the pages, atomically."""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from beyond_detox.content_model import is_article
from beyond_detox.paths import DOCS

SHEET = "handouts/after-detox.md"
ARTICLE_PAGE_LIMIT = 2
SHEET_PAGE_LIMIT = 1


@dataclass(frozen=True)
class Handout:
    source: str        # docs path: "understand/post-acute-withdrawal.md"
    url: str           # page URL path: "understand/post-acute-withdrawal/"
    pdf: str           # path in the site: "handouts/understand/post-acute-withdrawal.pdf"
    key_points: bool   # True: the article's key-points version; False: the whole page (the sheet)
    page_limit: int


def pdf_path(source: str) -> str:
    if source == SHEET:
        return "handouts/after-detox.pdf"
    return "handouts/" + source.removesuffix(".md") + ".pdf"


def handouts(docs_dir: Path = DOCS, lang: str = "en") -> list[Handout]:
    """Every handout of one language. A translation's live under its folder in the site (es/):
    handouts(DOCS / "es", "es") gives es/handouts/after-detox.pdf for es/handouts/after-detox/.
    Only the pages that exist in that language (the sheet too, if translated)."""
    prefix = "" if lang == "en" else f"{lang}/"
    out = []
    if (Path(docs_dir) / SHEET).is_file():
        out.append(Handout(SHEET, prefix + "handouts/after-detox/", prefix + pdf_path(SHEET), False, SHEET_PAGE_LIMIT))
    for md in sorted(Path(docs_dir).rglob("*.md")):
        rel = md.relative_to(docs_dir).as_posix()
        if is_article(rel):  # docs/es/... is never an English article
            out.append(Handout(rel, prefix + rel.removesuffix(".md") + "/", prefix + pdf_path(rel), True, ARTICLE_PAGE_LIMIT))
    return out


def all_handouts(docs_dir: Path = DOCS) -> list[Handout]:
    """English and every translation (docs/<lang>/, printed into site/<lang>/handouts/)."""
    from beyond_detox.i18n import LANGUAGES

    return handouts(docs_dir) + [h for lang in LANGUAGES if lang != "en" for h in handouts(Path(docs_dir) / lang, lang)]


def _atomic_write_bytes(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".pdf")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def render(page, base_url: str, handout: Handout, site_dir: Path) -> Path:
    """Print one handout with the page's print stylesheet; returns the PDF written."""
    page.goto(base_url.rstrip("/") + "/" + handout.url, wait_until="networkidle")
    if handout.key_points:
        page.evaluate("document.documentElement.classList.add('bd-handout-mode')")
    pdf = page.pdf(format="Letter", print_background=True, prefer_css_page_size=True, tagged=True, outline=True)
    target = Path(site_dir) / handout.pdf
    _atomic_write_bytes(target, pdf)
    return target


def handout_link(source: str, page_url: str) -> str | None:
    """The page's handout PDF, relative to the page (None for pages without one)."""
    import posixpath

    if source != SHEET and not is_article(source):
        return None
    return posixpath.relpath(pdf_path(source), page_url.rstrip("/") or ".")
