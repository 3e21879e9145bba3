"""Translated pages: which English page each one translates, whether it is up to date, and the
links between the two (the language switch and hreflang alternates).

A Spanish page lives at docs/es/<path> and says in its front matter

    translation:
      of: safety/overdose-risk-after-detox.md   # the English page
      source_hash: 3f9a1c2b7d4e                 # the English file it was made from
      translated_on: 2026-11-30

`source_hash` is the first 12 hex digits of the SHA-256 of the English file. When the English file
changes, the hash no longer matches: the Spanish page shows a notice and `scripts/lint_content.py`
reports it, until an editor brings the translation up to date and runs
`scripts/translations.py --mark docs/es/<path>`.
"""
from __future__ import annotations

import hashlib
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from beyond_detox import paths
from beyond_detox.built_site import is_redirect_stub
from beyond_detox.frontmatter import parse_page

TRANSLATED = {"es": paths.DOCS / "es"}  # language -> its docs folder


def english_hash(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]


@dataclass(frozen=True)
class Translation:
    lang: str
    src: str            # inside the language folder, e.g. "safety/x.md"
    of: str             # the English page inside docs/
    source_hash: str    # as recorded in the front matter ("" if never marked)
    current_hash: str   # of the English file now ("" if it does not exist)
    line: int           # of `translation:` in the front matter

    @property
    def stale(self) -> bool:
        return bool(self.current_hash) and self.source_hash != self.current_hash

    @property
    def missing_english(self) -> bool:
        return not self.current_hash


def load(lang: str = "es", docs: Path = paths.DOCS) -> list[Translation]:
    folder = Path(docs) / lang
    found = []
    for path in sorted(folder.rglob("*.md")):
        page = parse_page(path.read_text(encoding="utf-8"), path)
        info = (page.meta or {}).get("translation") or {}
        if not isinstance(info, dict) or not info.get("of"):
            continue
        english = Path(docs) / info["of"]
        found.append(Translation(lang, path.relative_to(folder).as_posix(), info["of"], str(info.get("source_hash") or ""),
                                 english_hash(english) if english.is_file() else "", page.line_of("translation")))
    return found


def page_url(src: str) -> str:
    """MkDocs' directory URL for a page path: 'a/b.md' -> 'a/b/', 'a/index.md' -> 'a/', 'index.md' -> ''."""
    stem = src[:-3] if src.endswith(".md") else src
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")]
        return stem
    return stem + "/"


def relative_url(to_url: str, from_url: str) -> str:
    """A relative link between two site URLs ('' is the site root)."""
    rel = posixpath.relpath("/" + to_url, "/" + (from_url or ""))
    rel = "./" if rel == "." else rel
    directory = to_url == "" or to_url.endswith("/")  # '' is the site root, a directory too
    return rel + ("/" if directory and not rel.endswith("/") else "")


# Markdown inline links to pages: [text](path.md#anchor){ .class }
MD_LINK = re.compile(r"(?<!!)\[(?P<text>[^\]\n]+)\]\((?P<target>[^)\s#]+\.md)(?P<anchor>#[^)\s]*)?\)(?P<attrs>\{[^}\n]*\})?")


def link_untranslated(markdown: str, page_src: str, lang: str, note: str, docs: Path = paths.DOCS) -> str:
    """On a translated page, a link to a page that has no translation goes to the English page,
    as raw HTML (outside this language's docs folder MkDocs cannot resolve it), marked
    hreflang="en" with `note` (" (en inglés)") after it."""
    folder = Path(docs) / lang
    here = posixpath.dirname(page_src)

    def replace(match: re.Match) -> str:
        target = posixpath.normpath(posixpath.join(here, match.group("target")))
        if (folder / target).is_file() or not (Path(docs) / target).is_file():
            return match.group(0)  # translated (or broken: MkDocs reports it)
        from_url = f"{lang}/{page_url(page_src)}"
        href = relative_url(page_url(target), from_url) + (match.group("anchor") or "")
        classes = " ".join(part[1:] for part in (match.group("attrs") or "").strip("{} ").split() if part.startswith("."))
        css = f' class="{classes}"' if classes else ""
        # The note inside the link: it reads with it, and stays inside a button-styled link
        # (a no-break space, which a flex button does not drop as it does a plain one).
        return f'<a href="{href}" hreflang="en"{css}>{match.group("text")}&nbsp;<span class="bd-en-note">{note.strip()}</span></a>'

    return MD_LINK.sub(replace, markdown)


def alternates(lang: str = "es", docs: Path = paths.DOCS) -> dict[str, str]:
    """English page -> translated page (paths inside their docs folders)."""
    return {t.of: t.src for t in load(lang, docs)}


# --- keeping a translation in step with its English page ------------------------------------

LINK_TARGET = re.compile(r"(?<!!)\]\((?P<target>[^)\s]+)\)")
CITED = re.compile(r"@([A-Za-z0-9][A-Za-z0-9_.:-]*)")


def key_point_count(body: str) -> int:
    """Bullets in the opening key points box (0 if the page has none)."""
    lines = body.splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None or not re.match(r'^(!!!|\?\?\?\+?)\s+\w+\s+"', lines[start].strip()):
        return 0
    count = 0
    for line in lines[start + 1:]:
        if line.strip() and not line.startswith(("    ", "\t")):
            break
        if re.match(r"^\s{4}- ", line):
            count += 1
    return count


@dataclass(frozen=True)
class Structure:
    citations: frozenset[str]
    key_points: int
    links: frozenset[str]


def structure(front_and_body: str) -> Structure:
    """What must match between a page and its translation: cited keys (text and `urgent:` lines),
    key points, and internal link targets (other pages and anchors; web links may differ)."""
    from beyond_detox.frontmatter import split_front_matter
    front, body, _ = split_front_matter(front_and_body)
    cited = set()
    for match in re.finditer(r"\[@([^\]]+)\]", (front or "") + "\n" + body):
        cited.update(CITED.findall("@" + match.group(1)))
    links = {m.group("target") for m in LINK_TARGET.finditer(body) if not m.group("target").startswith(("http:", "https:", "mailto:", "tel:", "sms:"))}
    return Structure(frozenset(cited), key_point_count(body), frozenset(links))


def differences(english: str, translated: str) -> list[str]:
    """Plain sentences naming what differs; empty when the translation keeps the structure."""
    a, b = structure(english), structure(translated)
    out = []
    if a.citations - b.citations:
        out.append("citations missing from the translation: " + ", ".join(sorted(a.citations - b.citations)))
    if b.citations - a.citations:
        out.append("citations not in the English page: " + ", ".join(sorted(b.citations - a.citations)))
    if a.key_points != b.key_points:
        out.append(f"{b.key_points} key points; the English page has {a.key_points}")
    if a.links - b.links:
        out.append("links missing from the translation: " + ", ".join(sorted(a.links - b.links)))
    if b.links - a.links:
        out.append("links not in the English page: " + ", ".join(sorted(b.links - a.links)))
    return out


# --- the sitemap: every page, with its other-language page as an hreflang alternate ----------

def sitemap_xml(site_dir: Path, base_url: str, lang: str = "es", docs: Path = paths.DOCS) -> str:
    """A sitemap of the whole built site (English and the translation), absolute addresses from
    base_url (extra.public_url), each translated pair linked both ways with xhtml:link hreflang
    (Google reads hreflang from sitemaps; relative <link> tags in pages it ignores)."""
    from xml.sax.saxutils import quoteattr, escape
    base = base_url if base_url.endswith("/") else base_url + "/"
    pairs = alternates(lang, docs)
    english_to_other = {page_url(en): f"{lang}/" + page_url(other) for en, other in pairs.items()}
    other_to_english = {v: k for k, v in english_to_other.items()}
    urls = []
    for html in sorted(Path(site_dir).rglob("index.html")):
        rel = html.parent.relative_to(site_dir).as_posix()
        url = "" if rel == "." else rel + "/"
        if url.startswith(("assets/", "search/", "offline/", f"{lang}/assets/", f"{lang}/search/", f"{lang}/offline/")) \
                or is_redirect_stub(html):
            continue  # redirect stubs (permanent links) are not pages; the offline pages are for the worker
        urls.append(url)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for url in urls:
        lines.append(f"  <url><loc>{escape(base + url)}</loc>")
        pair = (url, english_to_other[url]) if url in english_to_other else ((other_to_english[url], url) if url in other_to_english else None)
        if pair:
            lines.append(f'    <xhtml:link rel="alternate" hreflang="en" href={quoteattr(base + pair[0])}/>')
            lines.append(f'    <xhtml:link rel="alternate" hreflang="{lang}" href={quoteattr(base + pair[1])}/>')
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def write_sitemap(root: Path, base_url: str, lang: str = "es", docs: Path = paths.DOCS) -> None:
    """site/sitemap.xml (and .gz, which MkDocs also writes) for the whole built site."""
    import gzip
    from beyond_detox.atomic import atomic_write_text
    sitemap = sitemap_xml(root, base_url, lang, docs)
    atomic_write_text(Path(root) / "sitemap.xml", sitemap)
    (Path(root) / "sitemap.xml.gz").write_bytes(gzip.compress(sitemap.encode("utf-8"), mtime=0))  # a build output


def counterparts(build_lang: str, lang: str = "es", docs: Path = paths.DOCS) -> dict[str, str]:
    """For a build in build_lang: its page -> the same page in the other language (src paths)."""
    pairs = alternates(lang, docs)
    return pairs if build_lang == "en" else {other: en for en, other in pairs.items()}


def switch_link(src_uri: str, other_src: str, build_lang: str, strings: dict) -> dict:
    """The header's language link on a page of a build in build_lang (the site's other language
    lives under its code, e.g. es/): where it goes, in which language, and its words."""
    here = ("" if build_lang == "en" else f"{build_lang}/") + page_url(src_uri)
    there = ("es/" if build_lang == "en" else "") + page_url(other_src)
    return {"href": relative_url(there, here), "lang": strings["switch_lang"], "label": strings["switch_label"],
            "name": strings["switch_name"]}
