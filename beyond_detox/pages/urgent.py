"""When to get help: one pattern for urgent advice, at three levels (as the NHS care cards).

An article's front matter says what belongs at each level; this module writes the block, with
the same titles and the same numbers (from data/resources/, through shortcodes) on every page,
and the renderer places it right after the key points, so it is always in the same spot:

    urgent:
      emergency: [Someone is not breathing or will not wake up.]
      urgent: [You have thoughts of ending your life.]
      soon: [Low mood has lasted two weeks or more.]
"""
from __future__ import annotations

import re

from beyond_detox.content_model import UrgentAdvice
from beyond_detox.i18n import strings, t

HEADING_ID = "when-to-get-help"

# The three levels; their titles and what to do are the same words on every page, in the page's
# language (data/ui/<lang>.yml: urgent_<level>, urgent_<level>_action). Shortcodes become the numbers.
LEVEL_NAMES = ("emergency", "urgent", "soon")


def levels() -> tuple[tuple[str, str, str], ...]:
    """(level, title, what to do) in the current language."""
    from beyond_detox.resources.translate import spanish_option
    spanish = spanish_option()
    return tuple((level, t(f"urgent_{level}"), t(f"urgent_{level}_action", spanish=spanish).strip()) for level in LEVEL_NAMES)


KEY_POINTS_TITLES = tuple(strings(lang)["key_points"] for lang in ("en", "es"))
KEY_POINTS_START = re.compile(r'^(!!!|\?\?\?\+?)\s+\w+\s+"(' + "|".join(map(re.escape, KEY_POINTS_TITLES)) + r')"\s*$')


def urgent_markdown(advice: UrgentAdvice) -> str:
    """The block as Markdown (md_in_html): a heading, then one card per level that has lines."""
    out = [f"## {t('when_to_get_help')} {{ #{HEADING_ID} }}", "", '<div class="bd-care" markdown>', ""]
    for level, title, action in levels():
        lines = getattr(advice, level)
        if not lines:
            continue
        out += [f'<div class="bd-care__card bd-care__card--{level}" markdown>', "",
                f'<p class="bd-care__title">{title}</p>', ""]
        out += [f"- {line}" for line in lines]
        out += ["", f'<p class="bd-care__action">{action}</p>', "", "</div>", ""]
    out += ["</div>", ""]
    return "\n".join(out)


def key_points_end(markdown: str) -> int | None:
    """Index (in lines) just after the opening "Key points" box, or None if the page has none."""
    lines = markdown.splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None or not KEY_POINTS_START.match(lines[start].strip()):
        return None
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end].startswith(("    ", "\t"))):
        end += 1
    return end


def place_after_key_points(markdown: str, block: str) -> str:
    """Put the block right after the key points (or first, on a page without them)."""
    end = key_points_end(markdown)
    lines = markdown.splitlines()
    if end is None:
        return block + "\n" + markdown
    return "\n".join(lines[:end]).rstrip("\n") + "\n\n" + block + "\n" + "\n".join(lines[end:]) + "\n"


def urgent_lines(advice: UrgentAdvice | None):
    """(level, index, text) for every line, for the content checks."""
    if not advice:
        return []
    return [(level, index, text) for level in LEVEL_NAMES for index, text in enumerate(getattr(advice, level))]
