"""/get-help/directory.json: the whole directory as open data, shaped after Open Referral HSDS 3.x.

Shape: {"organizations": [{..., "services": [{..., "phones": [...], "schedules": [...],
"service_areas": [...], "languages": [...], "attributes": [...]}]}]}, the HSDS "tree" view with
services nested in their organisation. Deviations from HSDS 3.0, stated in "x-notes": ids are
our stable slugs (not UUIDs); categories are terms of our own small taxonomy; hidden entries
(confirmation over 18 months old, inactive or defunct) are left out, as on the site.
"""
from __future__ import annotations

import datetime as dt
import json

from beyond_detox.resources import model
from beyond_detox.resources.render import Entry, is_visible

TAXONOMY = "beyond-detox-categories"


def _languages(codes: list[str]) -> list[dict]:
    return [{"code": code, "name": model.LANGUAGES.get(code, code)} for code in codes]


def service_json(entry: Entry) -> dict:
    svc = entry.service
    out: dict = {
        "id": svc.id,
        "name": svc.name,
        "description": svc.description,
        "url": svc.url,
        "status": svc.status,
        "fees_description": svc.cost,
        "assured_date": svc.assured_date,
        "assurer_note": svc.source_note,
        "source": svc.source,
        "last_modified": svc.last_modified,
        "phones": [
            {
                "id": f"{svc.id}-phone-{index + 1}",
                "number": phone.number,
                "extension": phone.extension,
                "type": phone.type,
                "description": " ".join(part for part in (phone.display, phone.description,
                                                          f"(send {phone.keyword})" if phone.keyword else None) if part),
                "languages": _languages(phone.languages),
            }
            for index, phone in enumerate(svc.phones)
        ],
        "schedules": [{"description": svc.hours}] if svc.hours else [],
        "service_areas": ([{"description": svc.coverage}] if svc.coverage else [])
                         + [{"name": f"{county} County", "extent_type": "county"} for county in svc.counties],
        "languages": _languages(svc.languages),
        "attributes": [
            {"taxonomy_term": {"code": cat, "term": model.CATEGORIES[cat], "taxonomy": TAXONOMY}}
            for cat in svc.categories
        ],
    }
    if svc.chat_url:
        out["x-chat_url"] = svc.chat_url
    if svc.language_notes:
        out["x-language_notes"] = dict(svc.language_notes)
    if svc.location:
        loc = svc.location
        out["service_at_locations"] = [{
            "location": {
                "latitude": loc.latitude,
                "longitude": loc.longitude,
                "addresses": [{
                    "address_1": loc.address_1, "address_2": loc.address_2, "city": loc.city,
                    "state_province": loc.state_province, "postal_code": loc.postal_code,
                    "country": loc.country, "address_type": "physical",
                }],
            }
        }]
    if svc.imported:
        out["x-imported"] = {
            "source": "FindTreatment.gov (SAMHSA)",
            "last_imported": svc.imported.last_imported,
            "listed_as_offering": list(svc.imported.offers),
            "note": "Imported from a locator; not checked by a person unless assured_date is set. Call ahead.",
        }
    return out


def directory_json(directories: list[model.Directory], today: dt.date | None = None) -> str:
    today = today or dt.date.today()
    organizations = []
    for area in directories:
        for org in area.organizations:
            services = [service_json(Entry(area, org, svc)) for svc in org.services if is_visible(Entry(area, org, svc), today)]
            if not services:
                continue
            organizations.append({
                "id": org.id,
                "name": org.name,
                "description": org.description,
                "website": org.url,
                "x-area": area.area,
                "services": services,
            })
    document = {
        "x-hsds-version": "3.0",
        "x-generated_on": today.isoformat(),
        "x-publisher": "Beyond Detox",
        "x-notes": [
            "Shaped after Open Referral HSDS 3.0 (organizations with nested services, phones, schedules, service_areas, languages).",
            "Ids are stable slugs, not UUIDs. Categories are attributes in the beyond-detox-categories taxonomy.",
            "assured_date is the day a person confirmed the entry on its source page; a link answering never sets it.",
            "Entries not confirmed for over 18 months, and inactive or defunct services, are left out, as on the site.",
            "Local treatment listings come from FindTreatment.gov (SAMHSA) and may be out of date: call ahead.",
        ],
        "x-taxonomies": {TAXONOMY: model.CATEGORIES},
        "organizations": organizations,
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
