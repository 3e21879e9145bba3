"""The Get help pages, rendered from the data at build time (Pydantic-docs style placeholders).

A line in a page's Markdown such as

    <!-- directory: ids=lifeline-988,emergency-911 -->
    <!-- directory: area=national category=family-support -->
    <!-- directory: language=es format=compact -->
    <!-- directory: ids=emergency-911 format=actions -->
    <!-- directory: local-areas state=FL -->

is replaced by HTML: one card per service with its name, description, click-to-call and text
links (large buttons), hours, languages, cost, "Checked on DATE" and the official link.

Selector words: ids=a,b (in that order), area=ID, category=A,B, language=CODE,
county=NAME | not:NAME | all (services listing that county / local services elsewhere /
services for the whole area), near=NAME (that county's services first, then other local ones,
then statewide ones, each labelled with where it serves), empty=say|skip (what an empty
selection shows),
format=full|compact|actions, local-areas (with state=XX). A service shown in full once on a
page is shown again as a link to it ("see above"), so ids stay unique on the page.

Hidden: services whose assured_date is over 18 months old (until a person confirms them
again), imported listings not seen by an import for 18 months, and services whose status is
inactive or defunct. The crisis block services (988, 911) are never hidden: the weekly report
flags them instead.
"""
from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from beyond_detox.resources import CRISIS_BLOCK, model
from beyond_detox.resources.dates import HIDE_MONTHS, add_months, freshness, parse_date
from beyond_detox.i18n import language_name, long_date, t
from beyond_detox.resources.translate import localized

PLACEHOLDER = re.compile(r"^[ \t]*<!--\s*directory:\s*(?P<selector>.*?)\s*-->[ \t]*$", re.MULTILINE)
FORMATS = ("full", "compact", "actions")
SELECTOR_KEYS = ("ids", "area", "category", "language", "format", "state", "county", "empty", "near")
PINNED = CRISIS_BLOCK  # the crisis block (988, 911): never hidden


class SelectorError(ValueError):
    pass


@dataclass(frozen=True)
class Entry:
    area: model.Directory
    org: model.Organization
    service: model.Service


@dataclass
class PageState:
    """What a page has shown so far (so a service is rendered in full only once)."""

    src_uri: str = "get-help/index.md"
    shown: set[str] = field(default_factory=set)


def esc(text) -> str:
    return html.escape(str(text), quote=True)


# --- visibility ----------------------------------------------------------------------------

def is_visible(entry: Entry, today: dt.date) -> bool:
    service = entry.service
    if service.id in PINNED:
        return True
    if service.status in ("inactive", "defunct"):
        return False
    if service.imported is not None and not service.assured_date:
        last = parse_date(service.imported.last_imported)
        return last is not None and today <= add_months(last, HIDE_MONTHS)
    return freshness(service.assured_date, today) in ("fresh", "due")


# --- selection -----------------------------------------------------------------------------

def all_entries(directories: list[model.Directory]) -> list[Entry]:
    return [Entry(area, org, svc) for area in directories for org, svc in area.services()]


def parse_selector(text: str) -> dict[str, str]:
    words = text.split()
    selector: dict[str, str] = {}
    for word in words:
        if word == "local-areas":
            selector["local-areas"] = "yes"
            continue
        key, sep, value = word.partition("=")
        if not sep or key not in SELECTOR_KEYS or not value:
            raise SelectorError(f"'{word}' is not understood: use {', '.join(k + '=...' for k in SELECTOR_KEYS)} or local-areas")
        selector[key] = value
    if selector.get("empty", "say") not in ("say", "skip"):
        raise SelectorError("empty must be say (the default: a line saying nothing is listed) or skip (nothing)")
    if selector.get("format", "full") not in FORMATS:
        raise SelectorError(f"format must be one of {', '.join(FORMATS)}")
    if not selector:
        raise SelectorError("say what to show, e.g. ids=lifeline-988 or category=crisis")
    return selector


def select(entries: list[Entry], selector: dict[str, str], today: dt.date) -> list[Entry]:
    by_id = {e.service.id: e for e in entries}
    if "ids" in selector:
        chosen = []
        for ident in selector["ids"].split(","):
            if ident not in by_id:
                raise SelectorError(f"unknown service id '{ident}' (ids are in data/resources/*.yml)")
            chosen.append(by_id[ident])
    else:
        chosen = list(entries)
    if "area" in selector:
        areas = {e.area.area for e in entries}
        if selector["area"] not in areas:
            raise SelectorError(f"unknown area '{selector['area']}' (known: {', '.join(sorted(areas))})")
        chosen = [e for e in chosen if e.area.area == selector["area"]]
    if "category" in selector:
        wanted = selector["category"].split(",")
        for cat in wanted:
            if cat not in model.CATEGORIES:
                raise SelectorError(f"unknown category '{cat}' (known: {', '.join(model.CATEGORIES)})")
        chosen = [e for e in chosen if set(wanted) & set(e.service.categories)]
    if "language" in selector:
        code = selector["language"]
        chosen = [e for e in chosen if _speaks(e.service, code)]
    if "county" in selector:
        chosen = [e for e in chosen if _in_county(e.service, selector["county"])]
    if "near" in selector:  # the reader's county first, then other local services, then statewide ones
        chosen = sorted(chosen, key=lambda e: place_rank(e.service, selector["near"]))
    return [e for e in chosen if is_visible(e, today)]


def place_rank(service: model.Service, county: str) -> int:
    counties = [c.lower() for c in service.counties]
    return 0 if county.lower() in counties else (1 if counties else 2)


def where_label(service: model.Service, area: model.Directory) -> str:
    """"Serves Bay, Gulf and Jackson counties", "Serves all of Florida" or "Nationwide"."""
    if not service.counties:
        if area.area == "national":
            return t("dir_nationwide")
        # A regional service whose counties are not listed says what its page says, not "all of Florida".
        coverage = localized(service, "coverage")
        if coverage and service.coverage.strip().lower() != area.name.lower():
            return t("dir_serves", what=coverage.strip().rstrip('.'))
        return t("dir_serves_all", area=area.name)
    names = service.counties
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" {t('dir_and')} " + names[-1]
    noun = t("dir_county") if len(names) == 1 else t("dir_counties")
    # "Bay county" / "condado Bay" reads oddly in Spanish; "condados de Bay y Gulf" is the natural order.
    return t("dir_serves", what=f"{listed} {noun}" if t("dir_and") == "and" else f"{noun} de {listed}")


def _in_county(service: model.Service, wanted: str) -> bool:
    """county=Bay: services listing Bay; county=not:Bay: local services elsewhere;
    county=all: services for the whole area of their file (no counties listed)."""
    counties = [c.lower() for c in service.counties]
    if wanted == "all":
        return not counties
    if wanted.startswith("not:"):
        return bool(counties) and wanted[4:].lower() not in counties
    return wanted.lower() in counties


def _speaks(service: model.Service, code: str) -> bool:
    return code in service.languages or code in service.language_notes or any(code in p.languages for p in service.phones)


# --- HTML pieces ---------------------------------------------------------------------------

def phone_label(phone: model.Phone) -> str:
    if phone.type == "text":
        return t("dir_text_keyword", keyword=phone.keyword, number=phone.display) if phone.keyword else t("dir_text", number=phone.display)
    if phone.type == "tty":
        return t("dir_tty", number=phone.display)
    if phone.type == "video":
        return t("dir_video", number=phone.display)
    return t("dir_call", number=phone.display)


def phone_href(phone: model.Phone) -> str:
    return phone.sms_uri if phone.type == "text" else phone.tel_uri


def action_items(service: model.Service, phones: list[model.Phone] | None = None, chat: bool = True) -> list[str]:
    items = []
    phones = service.phones if phones is None else phones
    first = True
    for phone in phones:
        if phone.type == "fax":
            continue
        css = "md-button md-button--primary bd-action" if first else "md-button bd-action"
        first = False
        hint = f' <span class="bd-action__hint">{esc(localized(phone, "description", service))}</span>' if phone.description else ""
        items.append(f'<li><a class="{css}" href="{esc(phone_href(phone))}">{esc(phone_label(phone))}</a>{hint}</li>')
    if not items and service.url and phones is service.phones:  # a website-only service: make its link the button
        label = t("dir_website") if service.imported else t("dir_website_of", name=service.name)
        items.append(f'<li><a class="md-button md-button--primary bd-action" href="{esc(service.url)}" rel="noreferrer">'
                     f"{esc(label)}</a></li>")
    if chat and service.chat_url:
        items.append(f'<li><a class="md-button bd-action" href="{esc(service.chat_url)}" rel="noreferrer">'
                     f'{esc(t("dir_chat", name=service.name))}</a></li>')
    return items


def actions_html(service: model.Service, phones: list[model.Phone] | None = None, chat: bool = True) -> str:
    items = action_items(service, phones, chat)
    if not items:
        return ""
    return f'<ul class="bd-actions" aria-label="{esc(t("dir_ways", name=service.name))}">' + "".join(items) + "</ul>"


def language_names(codes: list[str]) -> str:
    return ", ".join(language_name(code) for code in codes)


def facts_html(entry: Entry) -> str:
    service = entry.service
    rows = []
    if service.status != "active":
        rows.append((t("dir_status"), service.status.capitalize()))
    if service.hours:
        rows.append((t("dir_hours"), localized(service, "hours")))
    if service.languages:
        rows.append((t("dir_languages"), language_names(service.languages)))
    if service.cost:
        rows.append((t("dir_cost"), localized(service, "cost")))
    if service.coverage:
        rows.append((t("dir_area"), localized(service, "coverage")))
    if service.location:
        loc = service.location
        street = ", ".join(part for part in (loc.address_1, loc.address_2) if part)
        rows.append((t("dir_address"), f"{street}, {loc.city}, {loc.state_province} {loc.postal_code}"))
    if service.imported and service.imported.offers:
        rows.append((t("dir_offers"), "; ".join(service.imported.offers)))
    if not rows:
        return ""
    body = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in rows)
    return f'<dl class="bd-facts">{body}</dl>'


def checked_html(service: model.Service) -> str:
    if service.assured_date:
        day = service.assured_date
        where = ""
        if service.source:
            host = (urlsplit(service.source).hostname or service.source).removeprefix("www.")
            where = t("dir_checked_where", host=f'<a href="{esc(service.source)}" rel="noreferrer">{esc(host)}</a>')
        date = f'<time datetime="{esc(day)}">{esc(long_date(day))}</time>'
        return f'<p class="bd-checked">{t("dir_checked", date=date, where=where)}</p>'
    if service.imported:
        day = service.imported.last_imported
        date = f'<time datetime="{esc(day)}">{esc(long_date(day))}</time>'
        return f'<p class="bd-checked">{t("dir_imported", date=date)}</p>'
    return ""


def official_link_html(service: model.Service) -> str:
    if not service.url:
        return ""
    label = t("dir_site" if service.imported else "dir_official", name=service.name)
    return f'<p class="bd-official"><a href="{esc(service.url)}" rel="noreferrer">{esc(label)}</a></p>'


def entry_html(entry: Entry, language_note: str | None = None) -> str:
    service = entry.service
    parts = [f'<li class="bd-entry" id="{esc(service.id)}">',
             f'<h3 class="bd-entry__name">{esc(service.name)}</h3>']
    if entry.org.name != service.name and not service.imported:
        parts.append(f'<p class="bd-entry__org">{esc(t("dir_run_by", name=localized(entry.org, "name")))}</p>')
    parts.append(f'<p class="bd-entry__description">{esc(localized(service, "description"))}</p>')
    if service.what_to_say:
        parts.append(f'<p class="bd-entry__say"><strong>{t("dir_what_to_say")}</strong> {esc(localized(service, "what_to_say"))}</p>')
    parts.append(actions_html(service))
    notes = [(code, localized(service, f"language_notes.{code}")) for code in service.language_notes]
    language_notes = ('<ul class="bd-language-notes">' + "".join(
        f'<li><strong>{esc(language_name(code).capitalize())}:</strong> {esc(text)}</li>' for code, text in notes) + "</ul>") if notes else ""
    # Languages, hours, cost and when we checked: folded, so a phone shows the buttons first.
    more = [language_notes, facts_html(entry), checked_html(service)]
    if service.phones:  # otherwise the website is already the button above
        more.append(official_link_html(service))
    more = "".join(p for p in more if p)
    if more:
        parts.append(f'<details class="bd-entry__more"><summary>{esc(t("dir_more"))}</summary>{more}</details>')
    parts.append("</li>")
    return "".join(p for p in parts if p)


def see_above_html(entry: Entry) -> str:
    return (f'<li class="bd-entry bd-entry--ref"><a href="#{esc(entry.service.id)}">{esc(entry.service.name)}</a>'
            f" {esc(t('dir_see_above'))}</li>")


def render_full(entries: list[Entry], state: PageState) -> str:
    items = []
    for entry in entries:
        if entry.service.id in state.shown:
            items.append(see_above_html(entry))
        else:
            state.shown.add(entry.service.id)
            items.append(entry_html(entry))
    return '<ul class="bd-directory">' + "\n".join(items) + "</ul>"


def first_sentence(text: str) -> str:
    """A compact entry shows the first sentence of the description; the full one is on the service's card."""
    match = re.match(r"(.+?[.!?])(\s|$)", " ".join(str(text).split()))
    return match.group(1) if match else str(text)


def render_compact(entries: list[Entry], language: str | None = None, show_place: bool = False) -> str:
    items = []
    for entry in entries:
        service = entry.service
        phones = service.phones
        if language:
            phones = [p for p in service.phones if language in p.languages or not p.languages]
            keyworded = {p.type for p in phones if p.keyword and language in p.languages}
            phones = [p for p in phones if p.keyword or p.type not in keyworded]
        note = localized(service, f"language_notes.{language}") if language and language in service.language_notes else None
        text = f" {esc(note)}" if note else f" {esc(first_sentence(localized(service, 'description')))}"
        link = f'<a href="{esc(service.url)}" rel="noreferrer">{esc(service.name)}</a>' if service.url else esc(service.name)
        place = f' <span class="bd-where">({esc(where_label(service, entry.area))})</span>' if show_place else ""
        if service.what_to_say and not language:
            place += f' <span class="bd-say">{esc(t("dir_what_to_say_short"))} “{esc(localized(service, "what_to_say"))}”</span>'
        items.append(f'<li class="bd-compact"><strong>{link}</strong>:{text}{place}{actions_html(service, phones)}</li>')
    return '<ul class="bd-directory bd-directory--compact">' + "\n".join(items) + "</ul>"


def render_local_areas(directories: list[model.Directory], state_code: str | None, page: PageState, today: dt.date) -> str:
    areas = [d for d in directories if d.imported and (not state_code or d.imported.state == state_code)]
    if not areas:
        return ('<p class="bd-local-none">No local listings have been imported for this state yet. '
                'Search near you on <a href="https://findtreatment.gov/" rel="noreferrer">FindTreatment.gov</a>, '
                "and call ahead: listings can be out of date.</p>")
    lines = []
    here = posixpath.dirname(page.src_uri)
    for area in areas:
        target = posixpath.relpath(local_page_uri(area), here or ".")
        visible = sum(1 for org, svc in area.services() if is_visible(Entry(area, org, svc), today))
        lines.append(f"- [{area.name}]({target}): {visible} listings, imported on {long_date(area.imported.imported_on)}")
    return "\n".join(lines)


def local_page_uri(area: model.Directory) -> str:
    return f"get-help/local/{area.area}.md"


# --- the placeholder expander ---------------------------------------------------------------

MARKER = "<!--bd-directory-{}-->"


def put_back(html: str, stash: list[str]) -> str:
    """Put the stashed directory HTML in place of its markers (after the Markdown conversion)."""
    for index, block in enumerate(stash):
        html = html.replace(MARKER.format(index), block, 1)
    return html


def expand(markdown: str, directories: list[model.Directory], page: PageState, today: dt.date | None = None,
           stash: list[str] | None = None) -> str:
    """Replace every `<!-- directory: ... -->` line of markdown; SelectorError names the line.
    With `stash`, HTML results are kept there and the Markdown gets a marker comment instead
    (`put_back` after conversion): a directory of thousands of listings then never goes through
    the Markdown parser, which made the build's fixed cost grow with the listings."""
    today = today or dt.date.today()
    entries = all_entries(directories)

    def keep(html: str) -> str:
        if stash is None:
            return html
        stash.append(html.strip("\n"))
        return "\n" + MARKER.format(len(stash) - 1) + "\n"

    def replace(match: re.Match) -> str:
        line = markdown.count("\n", 0, match.start()) + 1
        try:
            selector = parse_selector(match.group("selector"))
            if "local-areas" in selector:
                return "\n" + render_local_areas(directories, selector.get("state"), page, today) + "\n"
            chosen = select(entries, selector, today)
            fmt = selector.get("format", "full")
            if not chosen and selector.get("empty") == "skip":
                return "\n"
            if not chosen:
                return keep(f'\n<p class="bd-empty">{esc(t("dir_empty"))}</p>\n')
            if fmt == "actions":
                return keep("\n" + "\n".join(f'<div class="bd-actions-block">{actions_html(e.service)}</div>' for e in chosen) + "\n")
            if fmt == "compact":
                return keep("\n" + render_compact(chosen, selector.get("language"), show_place="near" in selector) + "\n")
            return keep("\n" + render_full(chosen, page) + "\n")
        except SelectorError as exc:
            raise SelectorError(f"{page.src_uri}: line {line} of the page body: directory placeholder: {exc}") from None

    return PLACEHOLDER.sub(replace, markdown)
