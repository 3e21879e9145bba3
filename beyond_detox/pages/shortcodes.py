"""Help-line shortcodes in Markdown, so that a number is written once, in data/resources/.

  [[call:lifeline-988]]   ->  a tel: link showing the number
  [[text:lifeline-988]]   ->  an sms: link
  [[tty:samhsa-national-helpline]]  ->  a tel: link to the TTY number
  [[name:lifeline-988]]   ->  the service's name
  [[link:findtreatment-gov]]  ->  the service's name, linked to its official page
"""
from __future__ import annotations

import html
import re

from beyond_detox.problems import Problem
from beyond_detox.resources import find_service

SHORTCODE = re.compile(r"\[\[(call|text|tty|name|link):([A-Za-z0-9_-]+)\]\]")
ANY_SHORTCODE = re.compile(r"\[\[([a-z]+):([^\]]*)\]\]")
# A phone number typed into prose: 10 digits (with or without a leading 1) or the short codes the
# site uses. Numbers belong in data/resources/ and reach pages through the shortcodes above.
TYPED_NUMBER = re.compile(
    r"(?<![\w/#.-])(?:1[-. ]?)?\(?[2-9]\d{2}\)?[-. ]?\d{3}[-. ]?\d{4}(?![\w-])"
    r"|(?<![\w/#.-])1-?8\d\d-[A-Z]{3,}"
    r"|(?<![\w/#.$,-])(?:988|911|741741|435748)(?![\w/%,-])"
)


def render_shortcode(kind: str, service_id: str) -> str:
    service = find_service(service_id)
    esc = html.escape
    if kind == "name":
        return esc(service.name)
    if kind == "link":
        if not service.url:
            raise KeyError(f"service '{service_id}' has no url in data/resources/")
        return f'<a href="{esc(service.url, quote=True)}">{esc(service.name)}</a>'
    phone = service.phone({"call": "voice", "text": "text", "tty": "tty"}[kind])
    uri = phone.sms_uri if kind == "text" else phone.tel_uri
    return f'<a class="bd-phone" href="{esc(uri, quote=True)}">{esc(phone.display)}</a>'


def render_shortcodes(text: str) -> str:
    return SHORTCODE.sub(lambda m: render_shortcode(m.group(1), m.group(2)), text)


def check_shortcodes(body: str, path: str, first_line: int = 1) -> list[Problem]:
    """Unknown shortcodes or ids, and phone numbers typed into the text."""
    problems = []
    in_fence = False
    for number, line in enumerate(body.splitlines(), start=first_line):
        if line.strip().startswith(("```", "~~~")):
            in_fence = not in_fence
        if in_fence:
            continue
        for match in ANY_SHORTCODE.finditer(line):
            if match.group(1) == "include":
                continue  # shared blocks: checked by beyond_detox.pages.includes
            if not SHORTCODE.fullmatch(match.group(0)):
                problems.append(Problem(path, number, "help-line", f"unknown shortcode {match.group(0)} (use call, text, tty, name or link)"))
                continue
            try:
                render_shortcode(match.group(1), match.group(2))
            except KeyError as exc:
                problems.append(Problem(path, number, "help-line", str(exc).strip("'\"")))
        prose = re.sub(r"\]\([^)]*\)|\[@[^\]]*\]|<!--.*?-->|`[^`]*`", "", ANY_SHORTCODE.sub("", line))
        for match in TYPED_NUMBER.finditer(prose):
            problems.append(Problem(path, number, "help-line", f'phone number "{match.group(0)}" typed into the page: use a shortcode such as [[call:lifeline-988]] (numbers live in data/resources/)'))
    return problems
