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

HEADING_ID = "when-to-get-help"

# (level, title, what to do): the same words on every page. Shortcodes become links to the numbers.
LEVELS = (
    ("emergency", "Call [[call:emergency-911]] now if:", "Then stay with the person until help comes."),
    ("urgent", "Get help today if:",
     "Call or text [[call:lifeline-988]] (free, any time, for drug crises too), call your care team, or go to an emergency department."),
    ("soon", "See a doctor this week if:",
     "Call your doctor, clinic or detox team and ask for an appointment. No doctor? [[link:findtreatment-gov]] lists places near you."),
)

KEY_POINTS_START = re.compile(r'^(!!!|\?\?\?\+?)\s+\w+\s+"Key points"\s*$')


def urgent_markdown(advice: UrgentAdvice) -> str:
    """The block as Markdown (md_in_html): a heading, then one card per level that has lines."""
    out = [f"## When to get help {{ #{HEADING_ID} }}", "", '<div class="bd-care" markdown>', ""]
    for level, title, action in LEVELS:
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
    return [(level, index, text) for level, _, _ in LEVELS for index, text in enumerate(getattr(advice, level))]
