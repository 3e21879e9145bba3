"""Trim the theme's stylesheet to what the built site uses.

Material's main stylesheet styles every feature it has (blog posts, tabs, cookie consent,
feedback, code copying...); this site uses a few. After the build, every rule whose selectors all
name a class that appears in no built page and no script is dropped, the result is saved under a
new content-hashed name (assets are cached for a week, so a changed file needs a new name) and
the pages are pointed at it.

Conservative by design: a class counts as used if it appears in any page's class attributes or
inline scripts, or anywhere in a script file (scripts add classes at run time); classes inside
:not(), :is(), :where() or :has() never make a selector unused; a selector with an escape is kept;
at-rules other than @media, @supports, @layer and @container are kept whole.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from beyond_detox.atomic import atomic_write_text

THEME_CSS = "assets/stylesheets/main.*.min.css"
# Colour schemes: this site sets its one scheme's colours in site.css (palette primary/accent
# "custom"), so the theme's palette stylesheet is unlinked from every page and not published. Done
# here, after the build, rather than in a template block that names the theme's file.
PALETTE_CSS = "assets/stylesheets/palette.*.min.css"
PALETTE_LINK = re.compile(r'[ \t]*<link rel="stylesheet" href="[^"]*assets/stylesheets/palette\.[0-9a-f]+\.min\.css">\n?')
GROUPING = ("@media", "@supports", "@layer", "@container")
_CLASS_ATTRIBUTE = re.compile(r'\sclass="([^"]*)"')
_INLINE_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script>", re.S)
_TOKEN = re.compile(r"[\w-]+")
_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")


@dataclass
class Trimmed:
    old_name: str
    new_name: str
    bytes_before: int
    bytes_after: int
    rules_dropped: int
    pages: int


def used_names(site_dir: Path) -> set[str]:
    """Every class a page or script can use."""
    used: set[str] = set()
    for path in Path(site_dir).rglob("*"):
        if path.suffix == ".js":
            used.update(_TOKEN.findall(path.read_text(encoding="utf-8", errors="ignore")))
        elif path.suffix == ".html":
            html = path.read_text(encoding="utf-8", errors="ignore")
            for value in _CLASS_ATTRIBUTE.findall(html):
                used.update(value.split())
            for script in _INLINE_SCRIPT.findall(html):
                used.update(_TOKEN.findall(script))
    return used


def _skip_string(css: str, i: int) -> int:
    """css[i] is a quote: the index after the closing quote."""
    quote, i = css[i], i + 1
    while i < len(css) and css[i] != quote:
        i += 2 if css[i] == "\\" else 1
    return i + 1


def _split_blocks(css: str) -> list[tuple[str, str | None]]:
    """Top-level items: (prelude, block body) or (statement, None) for `@charset ...;`."""
    items: list[tuple[str, str | None]] = []
    i, start, n = 0, 0, len(css)
    while i < n:
        c = css[i]
        if c in "\"'":
            i = _skip_string(css, i)
        elif css.startswith("/*", i):
            end = css.find("*/", i + 2)
            i = n if end < 0 else end + 2
        elif c == ";":
            items.append((css[start:i + 1].strip(), None))
            i = start = i + 1
        elif c == "{":
            depth, j = 1, i + 1
            while j < n and depth:
                d = css[j]
                if d in "\"'":
                    j = _skip_string(css, j)
                    continue
                if css.startswith("/*", j):
                    end = css.find("*/", j + 2)
                    j = n if end < 0 else end + 2
                    continue
                depth += (d == "{") - (d == "}")
                j += 1
            if depth:
                raise ValueError("unbalanced braces in the stylesheet")
            items.append((css[start:i].strip(), css[i + 1:j - 1]))
            i = start = j
        else:
            i += 1
    if css[start:].strip():
        raise ValueError("text after the last rule of the stylesheet")
    return items


def _split_selectors(prelude: str) -> list[str]:
    parts, depth, current, i = [], 0, [], 0
    while i < len(prelude):
        c = prelude[i]
        if c in "\"'":
            j = _skip_string(prelude, i)
            current.append(prelude[i:j])
            i = j
            continue
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        if c == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(c)
        i += 1
    parts.append("".join(current))
    return parts


def _outside_brackets(selector: str) -> str:
    """The selector without anything in (...) or [...] (functional pseudo-classes, attributes)."""
    out, depth = [], 0
    for c in selector:
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif depth == 0:
            out.append(c)
    return "".join(out)


def _selector_used(selector: str, used: set[str]) -> bool:
    if "\\" in selector:
        return True
    return all(name in used for name in _CLASS.findall(_outside_brackets(selector)))


def trim_css(css: str, used: set[str]) -> tuple[str, int]:
    """The stylesheet without the rules no page can match, and how many rules were dropped."""
    dropped = 0
    out: list[str] = []
    for prelude, body in _split_blocks(css):
        if body is None:
            out.append(prelude)
        elif prelude.startswith(GROUPING):
            inner, count = trim_css(body, used)
            dropped += count
            if inner:
                out.append(f"{prelude}{{{inner}}}")
        elif prelude.startswith("@"):
            out.append(f"{prelude}{{{body}}}")
        else:
            selectors = [s for s in _split_selectors(prelude) if _selector_used(s, used)]
            if selectors:
                out.append(f"{','.join(selectors)}{{{body}}}")
            else:
                dropped += 1
    return "".join(out), dropped


def trim_theme_stylesheet(site_dir: Path) -> Trimmed | None:
    """Trim the built site's theme stylesheet in place (new hashed name, pages updated)."""
    site_dir = Path(site_dir)
    found = sorted(site_dir.glob(THEME_CSS))
    if not found:
        return None
    old = found[0]
    css = old.read_text(encoding="utf-8")
    trimmed, dropped = trim_css(css, used_names(site_dir))
    digest = hashlib.sha256(trimmed.encode("utf-8")).hexdigest()[:8]
    new = old.with_name(f"main.{digest}.min.css")
    palettes = {path.name: path for path in site_dir.glob(PALETTE_CSS)}
    pages = 0
    if new != old:
        atomic_write_text(new, trimmed)
    for page in site_dir.rglob("*.html"):  # one pass: point pages at the new name, drop the palette
        html = page.read_text(encoding="utf-8")
        changed = PALETTE_LINK.sub("", html) if palettes else html
        if new != old and old.name in changed:
            changed = changed.replace(f"assets/stylesheets/{old.name}", f"assets/stylesheets/{new.name}")
        if changed != html:
            atomic_write_text(page, changed)
            pages += 1
    if new != old:
        old.unlink()
    for path in palettes.values():
        path.unlink()  # no page loads it now: do not publish it
    return Trimmed(old.name, new.name, len(css.encode()), len(trimmed.encode()), dropped, pages)
