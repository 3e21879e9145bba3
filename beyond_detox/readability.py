"""Reading level of an article's prose: Flesch-Kincaid grade (textstat), on sentences a reader reads.

Headings, tables, code, HTML, admonition titles, citations, link targets and list markers are left
out; list items without a full stop count as sentences of their own.
"""
from __future__ import annotations

import re

import textstat

MAX_GRADE = 8.0  # NIH recommends US grade 8 or lower for patient materials (AMA: grade 6)
MAX_GRADE_START_HERE = 7.0  # start-here pages (front matter `start_here: true`) are read first, in a hurry
LAY_AUDIENCES = ("families", "people-in-recovery")


def _clean(line: str) -> str:
    line = re.sub(r"\[@[^\]]+\]", "", line)                 # citations
    line = re.sub(r"\[\[(\w+):([\w-]+)\]\]", "this line", line)  # help-line shortcodes
    line = re.sub(r"!\[([^\]]*)\]\([^)]*\)", "", line)      # images (alt text is not prose)
    line = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", line)     # links: keep the words
    line = re.sub(r"<[^>]+>", "", line)                      # inline HTML
    line = re.sub(r"[*_`]", "", line)                        # emphasis, code marks
    line = re.sub(r"\{[:#.][^}]*\}", "", line)               # attribute lists
    return line.strip()


def prose(markdown: str) -> str:
    """The sentences of a page, one paragraph or list item per line, each ending in punctuation."""
    chunks: list[list[str]] = []
    current: list[str] = []
    in_fence = False

    def flush():
        if current:
            chunks.append(current.copy())
            current.clear()

    for raw in markdown.splitlines():
        line = raw.strip()
        if line.startswith(("```", "~~~")):
            in_fence = not in_fence
            flush()
            continue
        if in_fence:
            continue
        if not line or line.startswith(("#", "|", "<", "*[", "!!!", "???", "[//]")) or re.match(r"^-{3,}$", line):
            flush()
            continue
        if re.match(r"^([-*+]|\d+\.)\s+", line):          # a list item starts a new sentence group
            flush()
            line = re.sub(r"^([-*+]|\d+\.)\s+", "", line)
        current.append(line)
    flush()

    out = []
    for chunk in chunks:
        text = _clean(" ".join(chunk))
        if not text:
            continue
        if not re.search(r"[.!?:;]$", text):
            text += "."
        out.append(text)
    return "\n".join(out)


def grade(markdown: str) -> float:
    text = prose(markdown)
    return round(textstat.flesch_kincaid_grade(text), 1) if text else 0.0


def word_count(markdown: str) -> int:
    return len(re.findall(r"[A-Za-z0-9][A-Za-z0-9'’-]*", prose(markdown)))


# Spanish: Fernández-Huerta reading ease (0-100, higher is easier), textstat's Spanish syllables.
# 60-70 "normal" (grade 8-9), 70-80 "bastante fácil" (grade 7), 80+ "fácil". Plain language: 70+.
SPANISH_PLAIN = 70.0


def spanish_ease(markdown: str) -> tuple[float, float]:
    """(Fernández-Huerta, Szigriszt-Pazos) of the Spanish prose a reader reads."""
    text = prose(markdown)
    if not text:
        return 0.0, 0.0
    previous = getattr(textstat, "_lang", "en_US")
    textstat.set_lang("es")
    try:
        return round(textstat.fernandez_huerta(text), 1), round(textstat.szigriszt_pazos(text), 1)
    finally:
        textstat.set_lang(previous or "en_US")
