"""Citations in article text: `[@key]` or `[@key1; @key2]` become numbered links to a Sources list."""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from beyond_detox.pages.bibliography import Bibliography, format_reference_html
from beyond_detox.i18n import t

CITATION = re.compile(r"\[@([^\]]+)\]")
KEY = re.compile(r"^@?([A-Za-z0-9][A-Za-z0-9_.:-]*)$")


@dataclass(frozen=True)
class Citation:
    key: str
    line: int  # 1-based, in the text given


def find_citations(text: str, first_line: int = 1) -> list[Citation]:
    """Every cited key with its line; malformed keys are returned as-is so they are reported unknown."""
    found = []
    for number, line in enumerate(text.splitlines(), start=first_line):
        for match in CITATION.finditer(line):
            for part in match.group(1).split(";"):
                part = part.strip()
                key = KEY.match(part)
                found.append(Citation(key.group(1) if key else part, number))
    return found


# A citation leaves the Markdown conversion as this plain-text mark (private-use characters, which
# no page contains) and becomes its link after it (put_back_citations): as raw HTML, 20-40
# citations a page made Python-Markdown's HTML handling most of the page's conversion time.
MARK = "\ue000bd-cite:{numbers}\ue001"
MARKED = re.compile("\ue000bd-cite:([0-9,]+)\ue001")


def render_citations(text: str, bibliography: Bibliography) -> tuple[str, list[str]]:
    """Replace citations with numbered marks (put_back_citations makes them links after the Markdown
    conversion); return (text, keys in order of first citation).

    Unknown keys must have been reported before this is called (they raise KeyError here).
    """
    order: list[str] = []

    def number_of(key: str) -> int:
        if key not in bibliography:
            raise KeyError(key)
        if key not in order:
            order.append(key)
        return order.index(key) + 1

    def replace(match: re.Match) -> str:
        keys = [KEY.match(part.strip()).group(1) if KEY.match(part.strip()) else part.strip() for part in match.group(1).split(";")]
        numbers = sorted({number_of(key) for key in keys})
        return MARK.format(numbers=",".join(map(str, numbers)))

    return CITATION.sub(replace, text), order


def put_back_citations(html: str) -> str:
    """The marks as links to the Sources list: [1, 3], each read "Source 1" by a screen reader."""
    if "\ue000" not in html:
        return html
    label = t("source_label")

    def link(match: re.Match) -> str:
        links = ", ".join(f'<a href="#source-{n}"><span class="bd-visually-hidden">{label} </span>{n}</a>'
                          for n in match.group(1).split(","))
        return f'<sup class="bd-cite">[{links}]</sup>'

    return MARKED.sub(link, html)


def relative_link(from_page: str, to_page: str) -> str:
    """A Markdown link target from one page in docs/ to another (MkDocs resolves and checks it)."""
    return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")


def sources_section(keys: list[str], bibliography: Bibliography, page_path: str) -> str:
    """The numbered "Sources" list that ends an article. page_path: the page's path inside docs/."""
    if not keys:
        return ""
    items = "\n".join(
        f'<li id="source-{number}">{format_reference_html(bibliography[key])}</li>'
        for number, key in enumerate(keys, start=1)
    )
    policy = t("sources_policy", policy=relative_link(page_path, "about/editorial-policy.md"),
               all=relative_link(page_path, "about/sources.md"))
    return (
        f"\n\n## {t('sources')} {{#sources}}\n\n"
        '<ol class="bd-sources">\n' + items + "\n</ol>\n\n" + policy + "\n"
    )
