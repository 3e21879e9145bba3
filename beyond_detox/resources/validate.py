"""Checking data/resources/*.yml. Every problem is `path:line: field: message`; nothing is written.

Rules (each has a test with a broken file in tests/resources/test_validate.py):
- the file is valid YAML, with no key repeated in one mapping;
- the schema (model.py): required fields, no unknown fields, allowed status/category/phone type,
  id spelling, https links, dates written YYYY-MM-DD;
- phone numbers parse and are valid (phonenumbers library; short codes valid in the US), and the
  display form shows the same digits;
- links are well-formed https URLs;
- dates are real calendar dates and not in the future;
- ids are not used twice (within a file or across files);
- categories and language codes are known;
- an entry written by hand says when a person confirmed it (assured_date), where (source) and
  how (source_note), and `source` is the service's own page: on the same site (registrable
  domain) as the service's or its organisation's url, never a news post or another agency;
- national.yml keeps the ids the site itself uses (crisis block and article shortcodes).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import urlsplit

import phonenumbers
from phonenumbers import shortnumberinfo
from pydantic import ValidationError

from beyond_detox.paths import RESOURCES
from beyond_detox import problems
from beyond_detox.problems import display_path
from beyond_detox.resources import model
from beyond_detox.resources.dates import parse_date
from beyond_detox.yamlio import Parsed, YamlSyntaxError, parse

REGION = "US"
# Ids that pages and templates use; national.yml must keep them (see README, "Stable ids").
PLATFORM_IDS = ("emergency-911", "lifeline-988", "samhsa-national-helpline", "findtreatment-gov")


class Problem(problems.Problem):
    """The site-wide `path:line: rule: message` problem; in the directory the rule names the field."""

    @property
    def field(self) -> str:
        return self.rule


class ResourceDataError(Exception):
    """The directory data has problems; str() lists them, one `path:line: field: message` a line."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class CheckedFile:
    path: Path
    display: str
    parsed: Parsed | None = None
    directory: model.Directory | None = None
    problems: list[Problem] = field(default_factory=list)


def default_files(directory: Path = RESOURCES) -> list[Path]:
    """Every data file: the area files, then imported local areas in local/."""
    directory = Path(directory)
    areas = sorted(directory.glob("*.yml"), key=lambda p: (p.name != "national.yml", p.name))
    return areas + sorted((directory / "local").glob("*.yml"))


# --- one file -------------------------------------------------------------------------------

def check_file(path: Path, today: dt.date | None = None) -> CheckedFile:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        checked = CheckedFile(path=path, display=display_path(path))
        checked.problems.append(Problem(checked.display, 1, "file", f"cannot read the file: {exc}"))
        return checked
    return check_text(text, path, today)


def check_text(text: str, path: Path, today: dt.date | None = None) -> CheckedFile:
    """Check the content of a data file before it is written (importer) or after it is read."""
    today = today or dt.date.today()
    path = Path(path)
    checked = CheckedFile(path=path, display=display_path(path))
    add = lambda line, fld, msg: checked.problems.append(Problem(checked.display, line, fld, msg))  # noqa: E731
    try:
        parsed = parse(text)
    except YamlSyntaxError as exc:
        add(exc.line, "yaml", exc.message)
        return checked
    checked.parsed = parsed
    data = parsed.data
    for dup_path, line in parsed.duplicates:
        add(line, _field(dup_path, data), f"key '{dup_path[-1]}' appears twice in the same block: the second would silently replace the first")
    if not isinstance(data, dict):
        add(1, "file", "the file must be a mapping with area, name, coverage and organizations (see data/resources/README.md)")
        return checked

    try:
        checked.directory = model.Directory.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            loc = tuple(error["loc"])
            add(parsed.line_of(loc), _field(loc, data), _schema_message(error))

    for loc, message in _semantic_problems(data, today):
        add(parsed.line_of(loc), _field(loc, data), message)
    checked.problems.sort()
    return checked


def check_files(paths: Iterable[Path], today: dt.date | None = None) -> tuple[list[CheckedFile], list[Problem]]:
    """Check each file, then what only shows across files (an id used twice)."""
    today = today or dt.date.today()
    files = [check_file(Path(p), today) for p in paths]
    problems: list[Problem] = []
    seen: dict[tuple[str, str], tuple[str, int]] = {}
    for checked in files:
        problems.extend(checked.problems)
        if checked.parsed is None or not isinstance(checked.parsed.data, dict):
            continue
        for kind, loc, ident in _ids(checked.parsed.data):
            line = checked.parsed.line_of(loc + ("id",))
            where = seen.get((kind, ident))
            if where:
                problems.append(Problem(checked.display, line, _field(loc + ("id",), checked.parsed.data),
                                        f"{kind} id '{ident}' is already used at {where[0]}:{where[1]}: ids must be unique across data/resources/"))
            else:
                seen[(kind, ident)] = (checked.display, line)
        data = checked.parsed.data
        if data.get("area") == "national":
            present = {ident for kind, _, ident in _ids(data) if kind == "service"}
            for ident in PLATFORM_IDS:
                if ident not in present:
                    problems.append(Problem(checked.display, checked.parsed.line_of(("organizations",)), "organizations",
                                            f"service id '{ident}' is missing: the site's crisis block and article shortcodes use it (keep it, see README \"Stable ids\")"))
    return files, sorted(problems)


def check_directory(directory: Path = RESOURCES, today: dt.date | None = None) -> tuple[list[CheckedFile], list[Problem]]:
    """Every data file of a directory, and its translations (translations/<lang>.yml), which may
    name only ids that exist and only fields that can be translated."""
    from beyond_detox.resources import translate

    files, problems = check_files(default_files(directory), today)
    ids = {(kind, ident) for checked in files if checked.parsed is not None and isinstance(checked.parsed.data, dict)
           for kind, _, ident in _ids(checked.parsed.data)}
    services = {ident for kind, ident in ids if kind == "service"}
    orgs = {ident for kind, ident in ids if kind == "organization"}
    folder = Path(directory) / "translations"
    for lang_file in sorted(folder.glob("*.yml")):
        problems += translate.check(lang_file.stem, services, folder, orgs)
    return files, sorted(problems)


def _ids(data: dict):
    for oi, org in enumerate(_list(data.get("organizations"))):
        if isinstance(org, dict) and isinstance(org.get("id"), str):
            yield "organization", ("organizations", oi), org["id"]
        for si, svc in enumerate(_list(org.get("services") if isinstance(org, dict) else None)):
            if isinstance(svc, dict) and isinstance(svc.get("id"), str):
                yield "service", ("organizations", oi, "services", si), svc["id"]


# --- messages --------------------------------------------------------------------------------

def _schema_message(error: dict) -> str:
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return "is required but missing"
    if kind == "extra_forbidden":
        return "is not a known field: check its spelling (the fields are listed in data/resources/README.md)"
    if kind == "literal_error":
        allowed = ctx.get("expected", "")
        if len(error["loc"]) >= 2 and error["loc"][-2] == "categories":
            return f"unknown category {value!r}: use one of {', '.join(model.CATEGORIES)}"
        return f"{value!r} is not allowed here: use one of {allowed}"
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        if pattern == model.HTTPS_PATTERN:
            return f"must be an https:// link (got {value!r}); this site links to https pages only"
        if pattern == model.DATE_PATTERN:
            return f"must be a date written YYYY-MM-DD (got {value!r})"
        if pattern == model.ID_PATTERN:
            return f"{value!r} is not a valid id: use lower-case letters, digits and single hyphens, e.g. 'lifeline-988'"
        return f"{value!r} does not have the expected form ({pattern})"
    if kind == "string_type":
        return f"must be text (got {value!r}); put it in quotes"
    if kind == "list_type":
        return "must be a list (lines starting with '- ')"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "must be a block of fields (key: value lines)"
    if kind == "too_short":
        return "must not be empty"
    if kind == "string_too_short":
        return f"is too short (at least {ctx.get('min_length')} characters)"
    return error["msg"]


def _field(loc: tuple, data: Any) -> str:
    """A readable name for a place in the data: 'lifeline-988.phones[1].number'."""
    loc = tuple(loc)
    start, label = 0, ""
    node = data
    for i, part in enumerate(loc):
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            break
        if isinstance(node, dict) and isinstance(node.get("id"), str) and i >= 1 and loc[i - 1] in ("organizations", "services"):
            start, label = i + 1, node["id"]
    rest = ""
    for part in loc[start:]:
        rest += f"[{part}]" if isinstance(part, int) else (f".{part}" if rest or label else str(part))
    return (label + rest) if (label or rest) else "file"


def _list(value) -> list:
    return value if isinstance(value, list) else []


# --- rules beyond the schema -------------------------------------------------------------------

def _semantic_problems(data: dict, today: dt.date):
    imported_file = isinstance(data.get("imported"), dict)
    info = data.get("imported") if imported_file else {}
    for key in ("imported_on",):
        yield from _date_problems(("imported", key), info.get(key), today)
    if imported_file and isinstance(info.get("source_url"), str) and info["source_url"].startswith("http"):
        yield from _url_problems(("imported", "source_url"), info["source_url"], allow_http=True)
    for oi, org in enumerate(_list(data.get("organizations"))):
        if not isinstance(org, dict):
            continue
        base = ("organizations", oi)
        yield from _url_problems(base + ("url",), org.get("url"))
        for si, svc in enumerate(_list(org.get("services"))):
            if isinstance(svc, dict):
                svc = {**svc, "_org_url": org.get("url")}
                yield from _service_problems(base + ("services", si), svc, today)


def _site(url) -> str:
    """The registrable part of a link's host ('bay.floridahealth.gov' -> 'floridahealth.gov')."""
    host = (urlsplit(url).hostname or "") if isinstance(url, str) else ""
    return ".".join(host.removeprefix("www.").split(".")[-2:])


def _source_site_problems(base: tuple, svc: dict):
    # Why: a listing confirmed on a news story or another agency's page can be years out of step
    # with the service itself (issue 9). The service's own site is the evidence.
    source = svc.get("source")
    own = {_site(u) for u in (svc.get("url"), svc.get("_org_url")) if u}
    if isinstance(source, str) and source.startswith("https://") and own and _site(source) not in own:
        sites = " or ".join(sorted(own))
        yield base + ("source",), (f"must be the service's own page (on {sites}), not a page on {_site(source)}: "
                                   "confirm the entry where the service itself says it")


def _service_problems(base: tuple, svc: dict, today: dt.date):
    for key in ("url", "chat_url", "source"):
        yield from _url_problems(base + (key,), svc.get(key))
    for key in ("assured_date", "last_modified"):
        yield from _date_problems(base + (key,), svc.get(key), today)
    record = svc.get("imported")
    if isinstance(record, dict):
        for key in ("first_imported", "last_imported"):
            yield from _date_problems(base + ("imported", key), record.get(key), today)
    yield from _language_problems(base + ("languages",), svc.get("languages"))
    notes = svc.get("language_notes")
    if isinstance(notes, dict):
        for code in notes:
            if code not in model.LANGUAGES:
                yield base + ("language_notes", code), _unknown_language(code)
    yield from _source_site_problems(base, svc)
    phones = _list(svc.get("phones"))
    for pi, phone in enumerate(phones):
        if isinstance(phone, dict):
            yield from _phone_problems(base + ("phones", pi), phone)
    if not phones and not svc.get("url"):
        yield base + ("phones",), "needs at least one phone or a url, so readers can reach it"
    if not isinstance(record, dict):  # written by hand: a person must have confirmed it
        if not svc.get("assured_date"):
            yield base + ("assured_date",), ("is required for an entry written by hand: the day a person confirmed it on the "
                                             "official page (a link answering does not count)")
        for key in ("source", "source_note"):
            if not svc.get(key):
                what = "the official page it was confirmed on" if key == "source" else "how and when it was confirmed"
                yield base + (key,), f"is required for an entry written by hand: {what}"
    elif svc.get("assured_date") and not svc.get("source"):
        yield base + ("source",), "is required with assured_date: the official page a person confirmed the listing on"


def _unknown_language(code) -> str:
    known = ", ".join(f"{c} ({n})" for c, n in model.LANGUAGES.items())
    return f"unknown language code {code!r}: use one of {known}"


def _language_problems(loc: tuple, codes):
    for i, code in enumerate(_list(codes)):
        if code not in model.LANGUAGES:
            yield loc + (i,), _unknown_language(code)


def _date_problems(loc: tuple, value, today: dt.date):
    if not isinstance(value, str) or len(value) != 10 or value[4] != "-" or value[7] != "-" or not value.replace("-", "").isdigit():
        return  # absent, or the wrong shape (the schema reports that)
    day = parse_date(value)
    if day is None:
        yield loc, f"{value!r} is not a real date"
    elif day > today:
        yield loc, f"{value} is in the future (today is {today.isoformat()}): a date here records something that already happened"


def _url_problems(loc: tuple, value, allow_http: bool = False):
    if not isinstance(value, str):
        return
    if not value.startswith("https://") and not (allow_http and value.startswith("http://")):
        return  # the schema reports a missing https://
    if any(ch.isspace() for ch in value):
        yield loc, f"{value!r} is not a well-formed link: it contains a space"
        return
    try:
        parts = urlsplit(value)
        port = parts.port  # raises ValueError on a bad port
    except ValueError:
        yield loc, f"{value!r} is not a well-formed link"
        return
    host = parts.hostname or ""
    if not host or ("." not in host and host != "localhost") or host.startswith(".") or host.endswith(".") or ".." in host:
        yield loc, f"{value!r} is not a well-formed link: the site name {host or '(none)'!r} is not a domain"
    del port


def _phone_problems(loc: tuple, phone: dict):
    number = phone.get("number")
    if isinstance(number, int):
        number = str(number)
    if not isinstance(number, str):
        return
    digits = None
    if number.startswith("+"):
        try:
            parsed = phonenumbers.parse(number, None)
        except phonenumbers.NumberParseException as exc:
            yield loc + ("number",), f"{number!r} is not a phone number: {exc}"
            return
        if phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164) != number:
            yield loc + ("number",), f"{number!r} must be written in E.164 with no spaces or dashes, e.g. +18006624357"
            return
        if not phonenumbers.is_valid_number(parsed):
            yield loc + ("number",), f"{number!r} is not a valid phone number (check the digits)"
            return
        digits = str(parsed.national_number)
    elif number.isdigit() and 3 <= len(number) <= 6:
        parsed = phonenumbers.parse(number, REGION)
        if not shortnumberinfo.is_valid_short_number_for_region(parsed, REGION):
            yield loc + ("number",), f"{number!r} is not a valid US short code"
            return
        digits = number
    else:
        yield loc + ("number",), (f"{number!r} must be written in E.164 (+1 and ten digits, e.g. +18006624357) "
                                  "or as a short code of 3 to 6 digits (e.g. 988)")
        return
    display = phone.get("display")
    if isinstance(display, (str, int)):
        shown = "".join(ch for ch in str(display) if ch.isdigit())
        if digits not in shown:
            yield loc + ("display",), f"{display!r} does not show the number {number} (the digits differ): fix one of them"
    yield from _language_problems(loc + ("languages",), phone.get("languages"))


# --- loading for the site ----------------------------------------------------------------------

def load_checked(directory: Path = RESOURCES, today: dt.date | None = None) -> list[CheckedFile]:
    """All data files, validated; raises ResourceDataError listing every problem."""
    files, problems = check_directory(directory, today)
    if problems:
        raise ResourceDataError(problems)
    return files
