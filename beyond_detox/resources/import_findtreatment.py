"""Local treatment listings from a FindTreatment.gov (SAMHSA) locator export.

The export format (`GET /locator/exportsAsJson/v2`) is taken from SAMHSA's open-source
prototype (github.com/CBHSQ/findtreatment), not from an official guide:

    {"page": 1, "pageSize": 100, "totalPages": 1, "recordCount": 2,
     "rows": [{"name1", "name2", "street1", "street2", "city", "state", "zip", "phone",
               "intake1", "hotline1", "website", "latitude", "longitude", "miles",
               "typeFacility": "SA" | "MH",
               "services": [{"f1": label, "f2": code, "f3": "value; value"}], "_irow"}]}

What the importer does:
- keeps facilities that offer buprenorphine, methadone or naltrexone, or that treat
  co-occurring mental health and substance use conditions;
- keys each facility by a stable hash of its name and street address (`_irow` changes with
  every answer), merging the rows where one facility is listed once as SA and once as MH;
- keeps any field a person edited since the last import (it remembers the imported values in
  `imported.original`: a field that differs from them was edited), and adds, updates and
  removes the rest, printing what changed;
- refuses, writing nothing, on an answer of the wrong shape, an HTTP error, text instead of
  JSON (FindTreatment answers bad parameters with text and HTTP 200), or an empty answer
  when the area had listings before;
- validates the new file and writes it atomically (data/resources/local/AREA.yml).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import phonenumbers

from beyond_detox.paths import RESOURCES
from beyond_detox.atomic import atomic_write_text
from beyond_detox.resources.validate import check_text, display_path
from beyond_detox.yamlio import YamlSyntaxError, dump, parse

FORMAT_NOTE = ("Format taken from SAMHSA's open-source FindTreatment prototype (github.com/CBHSQ/findtreatment), "
               "not an official guide.")
TRACKED_FIELDS = ("name", "description", "phones", "url", "location")
MAX_PAGES = 50
_CONTACT = os.environ.get("RESOURCES_CONTACT_URL", "").strip()
USER_AGENT = (f"BeyondDetox-resource-import/1.0 ({'+' + _CONTACT + '; ' if _CONTACT else ''}imports public FindTreatment.gov "
              "listings for a health information site; one request per page, throttled)")

MEDICATIONS = (("buprenorphine", "Buprenorphine"), ("methadone", "Methadone"), ("naltrexone", "Naltrexone"))
CO_OCCURRING = "Treats co-occurring mental health and substance use conditions"


class ImportProblem(Exception):
    """A clear, single reason the import stopped; nothing was written."""


@dataclass
class ImportResult:
    path: Path
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept_edits: list[str] = field(default_factory=list)
    rows_read: int = 0
    written: bool = False

    def summary_lines(self) -> list[str]:
        lines = [f"{display_path(self.path)}: {len(self.added)} added, {len(self.changed)} changed, "
                 f"{len(self.removed)} removed, {len(self.unchanged)} unchanged ({self.rows_read} rows read)"]
        lines += [f"  added: {name}" for name in self.added]
        lines += [f"  changed: {name}" for name in self.changed]
        lines += [f"  removed: {name}" for name in self.removed]
        lines += [f"  kept a person's edit: {what}" for what in self.kept_edits]
        return lines


# --- reading the export ---------------------------------------------------------------------

def read_export_file(path: Path) -> list[dict]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportProblem(f"{path}:1: input: cannot read the file: {exc}") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportProblem(f"{path}:{exc.lineno}: json: not valid JSON ({exc.msg}); FindTreatment answers bad "
                            "parameters with text, so check the query that produced this file") from None
    pages = document if isinstance(document, list) else [document]
    for page in pages:
        check_page_shape(page, str(path))
    return pages


def fetch_export(url: str, *, timeout: float = 30.0, delay: float = 1.0,
                 get: Callable[..., Any] | None = None) -> list[dict]:
    """Every page of an export URL (one request at a time, `delay` seconds apart)."""
    import httpx

    if not url.startswith(("https://", "http://")):
        raise ImportProblem(f"--url must start with https:// (got {url!r})")
    client = None
    if get is None:
        client = httpx.Client(timeout=timeout, headers={"User-Agent": USER_AGENT}, follow_redirects=True)
        get = client.get
    pages: list[dict] = []
    try:
        page_url = url
        number = 1
        while True:
            try:
                response = get(page_url)
            except httpx.TimeoutException:
                raise ImportProblem(f"{page_url}: no answer within {timeout:g} s (timeout); nothing written") from None
            except httpx.HTTPError as exc:
                raise ImportProblem(f"{page_url}: request failed ({type(exc).__name__}: {exc}); nothing written") from None
            if response.status_code != 200:
                raise ImportProblem(f"{page_url}: HTTP {response.status_code} {response.reason_phrase}; nothing written")
            try:
                page = response.json()
            except ValueError:
                start = response.text[:120].replace("\n", " ")
                raise ImportProblem(f"{page_url}: the answer was not JSON (FindTreatment answers bad parameters with text "
                                    f"and HTTP 200): {start!r}; nothing written") from None
            check_page_shape(page, page_url)
            pages.append(page)
            total = page.get("totalPages") or 1
            if number >= total or not page.get("rows"):
                break
            if number >= MAX_PAGES:
                raise ImportProblem(f"{url}: more than {MAX_PAGES} pages; narrow the query (a smaller radius) and try again")
            number += 1
            page_url = with_query(url, page=number)
            if delay:
                time.sleep(delay)
    finally:
        if client is not None:
            client.close()
    return pages


def with_query(url: str, **params) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in params]
    query += [(k, str(v)) for k, v in params.items()]
    return urlunsplit(parts._replace(query=urlencode(query)))


def check_page_shape(page: Any, where: str) -> None:
    def bad(message: str):
        raise ImportProblem(f"{where}: unexpected shape: {message}; nothing written")

    if not isinstance(page, dict):
        bad("the answer must be a JSON object with 'rows'")
    if "rows" not in page or not isinstance(page["rows"], list):
        bad("no 'rows' list")
    for key in ("page", "totalPages", "recordCount", "pageSize"):
        if key in page and page[key] is not None and not isinstance(page[key], int):
            bad(f"'{key}' should be a number, got {page[key]!r}")
    for index, row in enumerate(page["rows"], start=1):
        if not isinstance(row, dict):
            bad(f"row {index} is not an object")
        for key in ("name1", "street1", "city", "state", "zip"):
            if not isinstance(row.get(key), str) or not row[key].strip():
                bad(f"row {index} has no '{key}'")
        services = row.get("services", [])
        if services is not None and not isinstance(services, list):
            bad(f"row {index}: 'services' should be a list")
        for item in services or []:
            if not isinstance(item, dict) or not isinstance(item.get("f3", ""), (str, type(None))):
                bad(f"row {index}: each service should be {{f1, f2, f3}}")


# --- turning rows into listings --------------------------------------------------------------

def _norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", (text or "").strip().lower())


def facility_key(row: dict) -> str:
    zip5 = (row.get("zip") or "")[:5]
    basis = "|".join(_norm(row.get(k)) for k in ("name1", "street1", "city", "state")) + "|" + zip5
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]


def org_key(row: dict) -> str:
    return hashlib.sha256(_norm(row.get("name1")).encode("utf-8")).hexdigest()[:12]


def offers(row: dict) -> list[str]:
    found = []
    values = []
    for item in row.get("services") or []:
        values += [v.strip().lower() for v in (item.get("f3") or "").split(";")]
    for word, label in MEDICATIONS:
        if any(word in v and "pain management" not in v for v in values):
            found.append(label)
    if any("co-occurring" in v for v in values):
        found.append(CO_OCCURRING)
    return found


def _phone(raw: str | None, description: str | None) -> dict | None:
    if not raw or not str(raw).strip():
        return None
    try:
        parsed = phonenumbers.parse(str(raw), "US")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    phone = {"number": phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164),
             "display": phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL),
             "type": "voice"}
    if parsed.extension:  # the display form already says "ext. N"
        phone["extension"] = parsed.extension
    if description:
        phone["description"] = description
    return phone


def _website(raw: str | None) -> str | None:
    """Links on the site are https: an http:// or bare address is upgraded (verify will flag it if
    the site has no https); the address as listed is kept in imported.original."""
    raw = (raw or "").strip()
    if not raw or " " in raw:
        return None
    raw = re.sub(r"^http://", "", raw, flags=re.IGNORECASE)
    if not raw.lower().startswith("https://"):
        raw = "https://" + raw
    host = urlsplit(raw).hostname or ""
    return raw if "." in host else None


def _description(types: list[str], found: list[str]) -> str:
    kinds = {"SA": "substance use", "MH": "mental health"}
    what = " and ".join(kinds[t] for t in ("SA", "MH") if t in types) or "substance use or mental health"
    meds = [o for o in found if o in dict(MEDICATIONS).values()]
    text = f"Listed on FindTreatment.gov as a {what} treatment facility."
    if meds:
        text += f" Listed as offering {', '.join(m.lower() for m in meds)}."
    if CO_OCCURRING in found:
        text += " Listed as treating co-occurring mental health and substance use conditions."
    return text + " Call ahead to check."


def listings_from_rows(rows: list[dict]) -> dict[str, dict]:
    """key -> merged listing {org_id, org_name, fields..., facility_types, offers} for matching rows."""
    merged: dict[str, dict] = {}
    for row in rows:
        found = offers(row)
        if not found:
            continue
        key = facility_key(row)
        item = merged.setdefault(key, {"key": key, "org_id": f"fto-{org_key(row)}", "org_name": row["name1"].strip(),
                                       "rows": [], "types": [], "offers": []})
        item["rows"].append(row)
        kind = (row.get("typeFacility") or "").strip().upper()
        if kind and kind not in item["types"]:
            item["types"].append(kind)
        for o in found:
            if o not in item["offers"]:
                item["offers"].append(o)
    for item in merged.values():
        rows_ = item["rows"]
        first = lambda k: next((r.get(k) for r in rows_ if r.get(k) not in (None, "")), None)  # noqa: E731
        name = item["org_name"] + (f": {first('name2').strip()}" if first("name2") else "")
        phones, seen = [], set()
        for r in rows_:
            for raw, label in ((r.get("phone"), None), (r.get("intake1"), "Intake"), (r.get("hotline1"), "Hotline")):
                phone = _phone(raw, label)
                if phone and (phone["number"], phone.get("extension")) not in seen:
                    seen.add((phone["number"], phone.get("extension")))
                    phones.append(phone)
        location = {"address_1": first("street1").strip(), "city": first("city").strip(),
                    "state_province": first("state").strip().upper(), "postal_code": first("zip").strip()[:10],
                    "country": "US"}
        if first("street2"):
            location["address_2"] = first("street2").strip()
        for coord in ("latitude", "longitude"):
            try:
                location[coord] = round(float(first(coord)), 6)
            except (TypeError, ValueError):
                pass
        item["fields"] = {
            "name": name,
            "description": _description(item["types"], item["offers"]),
            "phones": phones,
            "url": _website(first("website")),
            "location": location,
        }
        item["as_listed"] = {"website": first("website")}
    return merged


# --- merging with what is there ---------------------------------------------------------------

def local_path(area: str, data_dir: Path = RESOURCES) -> Path:
    return Path(data_dir) / "local" / f"{area}.yml"


def load_existing(path: Path) -> dict | None:
    if not path.exists():
        return None
    try:
        data = parse(path.read_text(encoding="utf-8")).data
    except YamlSyntaxError as exc:
        raise ImportProblem(f"{display_path(path)}:{exc.line}: yaml: {exc.message}; fix the file first") from None
    if not isinstance(data, dict):
        raise ImportProblem(f"{display_path(path)}:1: file: not a directory file; fix or remove it first")
    return data


def run_import(*, area: str, pages: list[dict], source: str, data_dir: Path = RESOURCES, name: str | None = None,
               state: str | None = None, today: dt.date | None = None, dry_run: bool = False) -> ImportResult:
    today = today or dt.date.today()
    path = local_path(area, data_dir)
    result = ImportResult(path=path)
    rows = [row for page in pages for row in page["rows"]]
    result.rows_read = len(rows)
    fresh = listings_from_rows(rows)

    existing = load_existing(path) or {}
    old_services: dict[str, tuple[dict, dict]] = {}
    for org in existing.get("organizations") or []:
        for svc in org.get("services") or []:
            record = svc.get("imported") or {}
            if record.get("key"):
                old_services[record["key"]] = (org, svc)

    if not fresh and old_services:
        what = "no rows" if not rows else f"{len(rows)} rows, none offering medication or co-occurring care"
        raise ImportProblem(f"{source}: the answer has {what}, but {display_path(path)} lists {len(old_services)}: "
                            "not replacing them with nothing (the locator may be failing; check by hand); nothing written")

    organizations: dict[str, dict] = {}
    for key in sorted(fresh, key=lambda k: (fresh[k]["fields"]["name"].lower(), k)):
        item = fresh[key]
        new_fields = {k: v for k, v in item["fields"].items() if v is not None}
        if key in old_services:
            old_org, svc = old_services[key]
            svc = json.loads(json.dumps(svc))  # a copy
            record = svc["imported"]
            original = record.get("original") or {}
            changed = False
            for fld in TRACKED_FIELDS:
                current, before, now = svc.get(fld), original.get(fld), new_fields.get(fld)
                # Edited by a person: differs from what the last import wrote, or added by hand.
                edited = (current != before) if fld in original else (current is not None)
                if edited:
                    if now != before and now != current:
                        result.kept_edits.append(f"{svc.get('name')}: {fld}")
                else:
                    if now is None:
                        if fld in svc:
                            del svc[fld]
                            changed = True
                    elif current != now:
                        svc[fld] = now
                        changed = True
                if now is None:
                    original.pop(fld, None)
                else:
                    original[fld] = json.loads(json.dumps(now))
            if sorted(record.get("offers", [])) != sorted(item["offers"]) or sorted(record.get("facility_types", [])) != sorted(item["types"]):
                changed = True
            record.update({"last_imported": today.isoformat(), "facility_types": item["types"], "offers": item["offers"],
                           "original": original})
            (result.changed if changed else result.unchanged).append(svc.get("name", key))
            org_name = old_org.get("name") or item["org_name"]
        else:
            svc = {"id": f"ft-{key[:12]}", "name": new_fields["name"], "status": "active",
                   "categories": ["treatment"] + (["moud"] if set(item["offers"]) & set(dict(MEDICATIONS).values()) else []),
                   "description": new_fields["description"]}
            for fld in ("phones", "url", "location"):
                if fld in new_fields:
                    svc[fld] = new_fields[fld]
            svc["imported"] = {"source": "findtreatment", "key": key, "first_imported": today.isoformat(),
                               "last_imported": today.isoformat(), "facility_types": item["types"],
                               "offers": item["offers"], "original": json.loads(json.dumps(new_fields))}
            result.added.append(svc["name"])
            org_name = item["org_name"]
        org = organizations.setdefault(item["org_id"], {"id": item["org_id"], "name": org_name, "services": []})
        org["services"].append(svc)
    for key, (_org, svc) in old_services.items():
        if key not in fresh:
            result.removed.append(svc.get("name", key))

    old_info = existing.get("imported") or {}
    states = Counter(item["fields"]["location"]["state_province"] for item in fresh.values())
    state = state or old_info.get("state") or (states.most_common(1)[0][0] if states else None)
    if not state:
        raise ImportProblem("cannot tell the area's state: pass --state XX")
    area_name = name or existing.get("name") or area
    document = {
        "area": area,
        "name": area_name,
        "coverage": existing.get("coverage") or f"Treatment facilities near {area_name} listed on FindTreatment.gov",
        "imported": {"source": "findtreatment", "source_url": source, "imported_on": today.isoformat(),
                     "state": state.upper(), "record_count": len(fresh), "format_note": FORMAT_NOTE},
        "organizations": list(organizations.values()),
    }
    header = ("# Written by scripts/update_resources.py import-findtreatment. Listings from FindTreatment.gov (SAMHSA).\n"
              "# You may edit a listing: a field you change is kept at the next import (see data/resources/README.md).\n"
              "# Do not add facilities by hand.\n")
    text = dump(document, header)
    checked = check_text(text, path, today)
    if checked.problems:
        listing = "\n".join(str(p) for p in checked.problems[:20])
        raise ImportProblem(f"the imported file would not validate; nothing written:\n{listing}")
    if not dry_run:
        atomic_write_text(path, text)
        result.written = True
    return result
