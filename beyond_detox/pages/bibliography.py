"""The one bibliography (CSL-JSON in data/references.json) and how an entry is shown.

Every entry needs an id, a title, at least one of DOI / PMID / URL, and a note saying where an
editor confirmed it. Entries are shown in a Vancouver-like style with links to the DOI, PubMed
and the official page.
"""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from urllib.parse import urlsplit
from pathlib import Path

from beyond_detox.paths import BIBLIOGRAPHY
from beyond_detox.problems import ContentError, Problem, display_path

DOI_PATTERN = re.compile(r"^10\.\d{4,9}/\S+$")
PMID_PATTERN = re.compile(r"^\d{1,9}$")


@dataclass(frozen=True)
class Reference:
    id: str
    data: dict
    line: int

    @property
    def links(self) -> list[tuple[str, str]]:
        """(label, url) pairs: DOI, PubMed, then the official page."""
        links = []
        if self.data.get("DOI"):
            links.append((f"doi:{self.data['DOI']}", f"https://doi.org/{self.data['DOI']}"))
        if self.data.get("PMID"):
            links.append((f"PubMed {self.data['PMID']}", f"https://pubmed.ncbi.nlm.nih.gov/{self.data['PMID']}/"))
        if self.data.get("URL"):
            host = urlsplit(self.data["URL"]).hostname or "web page"
            links.append((host.removeprefix("www."), self.data["URL"]))
        return links


@dataclass
class Bibliography:
    path: Path
    entries: dict[str, Reference]

    def __contains__(self, key: str) -> bool:
        return key in self.entries

    def __getitem__(self, key: str) -> Reference:
        return self.entries[key]


def _line_of_id(lines: list[str], key: str) -> int:
    needle = re.compile(r'"id"\s*:\s*"' + re.escape(key) + r'"')
    for number, line in enumerate(lines, start=1):
        if needle.search(line):
            return number
    return 1


def load_bibliography(path: Path = BIBLIOGRAPHY) -> Bibliography:
    text = Path(path).read_text(encoding="utf-8")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ContentError(Problem(display_path(path), exc.lineno, "bibliography", f"cannot read the JSON: {exc.msg}")) from None
    if not isinstance(data, list):
        raise ContentError(Problem(display_path(path), 1, "bibliography", "must be a list of CSL-JSON entries"))
    lines = text.splitlines()
    entries: dict[str, Reference] = {}
    problems: list[Problem] = []
    for item in data:
        if not isinstance(item, dict) or not item.get("id"):
            problems.append(Problem(display_path(path), 1, "bibliography", "an entry has no id"))
            continue
        key = item["id"]
        line = _line_of_id(lines, key)
        if key in entries:
            problems.append(Problem(display_path(path), line, "bibliography", f"{key}: id used twice"))
        entries[key] = Reference(key, item, line)
    if problems:
        raise ContentError(problems)
    return Bibliography(Path(path), entries)


def check_entries(bibliography: Bibliography) -> list[Problem]:
    """Each entry: title, a checkable identifier (DOI, PMID or URL), and a confirmation note."""
    problems = []
    where = display_path(bibliography.path)
    for ref in bibliography.entries.values():
        data = ref.data
        if not data.get("title"):
            problems.append(Problem(where, ref.line, "bibliography", f"{ref.id}: has no title"))
        if not (data.get("DOI") or data.get("PMID") or data.get("URL")):
            problems.append(Problem(where, ref.line, "bibliography", f"{ref.id}: needs a DOI, PMID or URL (the publisher's, PubMed's or the agency's own page)"))
        if data.get("DOI") and not DOI_PATTERN.match(str(data["DOI"])):
            problems.append(Problem(where, ref.line, "bibliography", f"{ref.id}: DOI '{data['DOI']}' does not look like 10.NNNN/..."))
        if data.get("PMID") and not PMID_PATTERN.match(str(data["PMID"])):
            problems.append(Problem(where, ref.line, "bibliography", f"{ref.id}: PMID '{data['PMID']}' must be digits only"))
        if data.get("URL") and not str(data["URL"]).startswith("https://"):
            problems.append(Problem(where, ref.line, "bibliography", f"{ref.id}: URL must start with https://"))
        if not str(data.get("note", "")).strip():
            problems.append(Problem(where, ref.line, "bibliography", f"{ref.id}: needs a note saying where it was confirmed"))
    return problems


def _authors(data: dict) -> str:
    names = []
    for person in data.get("author", []):
        if person.get("literal"):
            names.append(person["literal"])
        else:
            initials = "".join(part[0] for part in re.split(r"[\s.-]+", person.get("given", "")) if part)
            names.append(f"{person.get('family', '')} {initials}".strip())
    if len(names) > 6:  # Vancouver: first six, then et al.
        names = names[:6] + ["et al."]
    return ", ".join(names)


def _year(data: dict) -> str:
    parts = (data.get("issued") or {}).get("date-parts") or [[]]
    return str(parts[0][0]) if parts and parts[0] else ""


def format_reference_html(ref: Reference) -> str:
    """One reference as an HTML fragment: Authors. Title. Container. Year;Vol(Issue):Pages. Links."""
    data = ref.data
    esc = html.escape
    out = []
    authors = _authors(data)
    if authors:
        out.append(esc(authors.rstrip(".")) + ".")
    out.append(esc(str(data.get("title", "")).rstrip(".")) + ".")
    container = data.get("container-title") or data.get("publisher")
    detail = _year(data)
    if data.get("volume"):
        detail += f";{esc(str(data['volume']))}"
        if data.get("issue"):
            detail += f"({esc(str(data['issue']))})"
    if data.get("page"):
        detail += f":{esc(str(data['page']))}"
    detail = detail.lstrip(";")
    if container:
        out.append(f"<cite>{esc(str(container)).rstrip('.')}</cite>." + (f" {detail}." if detail else ""))
    elif detail:
        out.append(f"{detail}.")
    links = " · ".join(f'<a href="{esc(url, quote=True)}">{esc(label)}</a>' for label, url in ref.links)
    if links:
        out.append(links)
    return " ".join(out)


CONFIRMED_ON = re.compile(r"\b(?:Confirmed|Checked|Re-checked)\b[^0-9]{0,40}?(\d{4}-\d{2}-\d{2})", re.IGNORECASE)
# Words in an editor's note that mean the source was seen only second-hand: worth another look.
SECOND_HAND = re.compile(r"not re-searched|mirror|proxy|third-party|not seen|copy (?:at|on) (?!the publisher)|quoted (?:on|by)|summar(?:y|ised) (?:on|by)|may be retired|could not", re.IGNORECASE)


def checked_on(ref: Reference):
    """The newest date in the entry's note on which an editor confirmed it (None if it gives none)."""
    import datetime as dt

    dates = []
    for match in CONFIRMED_ON.finditer(str(ref.data.get("note", ""))):
        try:
            dates.append(dt.date.fromisoformat(match.group(1)))
        except ValueError:
            pass
    return max(dates) if dates else None


def sources_report(bibliography: Bibliography, cited_by: dict[str, list[str]]) -> str:
    """For editors: every reference with its checking note, the pages citing it, and a flag where the
    note says it was seen only second-hand (a mirror, a proxy, a third-party summary)."""
    rows = ["# Sources report (for editors)", "",
            "Flag `!` = the note says the source was seen second-hand or not fully: check it again on the original host.", "",
            "| | id | checked | cited by | note |", "|---|---|---|---|---|"]
    for ref in sorted(bibliography.entries.values(), key=lambda r: r.id):
        note = " ".join(str(ref.data.get("note", "")).split()).replace("|", "\\|")
        flag = "!" if SECOND_HAND.search(note) else ""
        pages = ", ".join(sorted(cited_by.get(ref.id, []))) or "(none)"
        rows.append(f"| {flag} | {ref.id} | {checked_on(ref) or '?'} | {pages} | {note} |")
    flagged = sum(1 for row in rows[6:] if row.startswith("| !"))
    rows += ["", f"{len(bibliography.entries)} sources, {flagged} flagged."]
    return "\n".join(rows) + "\n"
