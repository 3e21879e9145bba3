"""The contract for data/resources/*.yml: pydantic models shaped after Open Referral HSDS 3.x.

One file is one coverage area (national, florida, or an imported local area). A file holds
organizations; an organization holds services; a service holds phones (HSDS: organization ->
service -> phone). data/resources/schema.json is generated from `Directory` (see
`json_schema()`); a test keeps the file and the model in step.

What the models check: types, required fields, unknown fields, allowed values (status,
category, phone type), id spelling, https links, the YYYY-MM-DD shape of dates. What
validate.py checks on top: phone numbers (with the phonenumbers library), real and past dates,
duplicate ids, language codes, and that a confirmed entry says where it was confirmed.
"""
from __future__ import annotations

import json
from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

# The categories a service may carry, with the words readers see.
CATEGORIES: dict[str, str] = {
    "crisis": "Crisis help",
    "referral-helpline": "Referral helpline",
    "treatment-locator": "Treatment locator",
    "treatment": "Treatment (substance use or mental health)",
    "moud": "Medications for opioid use disorder",
    "naloxone": "Naloxone",
    "family-support": "Family support",
    "peer-support": "Peer support",
    "harm-reduction": "Harm reduction",
}
CategoryName = Literal[
    "crisis", "referral-helpline", "treatment-locator", "treatment", "moud",
    "naloxone", "family-support", "peer-support", "harm-reduction",
]

STATUSES = ("active", "inactive", "defunct", "temporarily closed")  # HSDS service.status
StatusName = Literal["active", "inactive", "defunct", "temporarily closed"]

# Phone types (HSDS phone.type uses voice, text, fax, video...; "tty" is a textphone).
PHONE_TYPES = ("voice", "text", "tty", "video", "fax")
PhoneType = Literal["voice", "text", "tty", "video", "fax"]

# Language codes (ISO 639-1, or ISO 639-3 where there is no two-letter code) and their names.
LANGUAGES: dict[str, str] = {
    "en": "English",
    "es": "Spanish",
    "ase": "American Sign Language",
    "fr": "French",
    "ht": "Haitian Creole",
    "pt": "Portuguese",
    "vi": "Vietnamese",
    "zh": "Chinese",
    "ar": "Arabic",
    "ru": "Russian",
    "ko": "Korean",
    "tl": "Tagalog",
    "de": "German",
    "it": "Italian",
    "pl": "Polish",
}

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
HTTPS_PATTERN = r"^https://"

Id = Field(pattern=ID_PATTERN, description="Stable id: lower-case letters, digits and hyphens. Never change it once pages use it.")


def _date(description: str, default: Any = ...) -> Any:
    return Field(default, pattern=DATE_PATTERN, description=description, json_schema_extra={"format": "date"})


def _https(description: str, default: Any = None) -> Any:
    return Field(default, pattern=HTTPS_PATTERN, description=description, json_schema_extra={"format": "uri"})


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Phone(_Strict):
    """One way to reach a service by phone or text (HSDS phone)."""

    number: str = Field(description='E.164 ("+18006624357") or a US short code ("988", "741741"). Quote it in YAML.')
    display: str = Field(description='How the number is shown, e.g. "1-800-662-HELP (4357)". Must contain the same digits.')
    type: PhoneType = Field("voice", description="voice | text | tty | video | fax")
    extension: Optional[str] = Field(None, pattern=r"^\d{1,6}$", description="Extension to dial after the number, digits only")
    keyword: Optional[str] = Field(None, description='For text lines: the word to send, e.g. "HELPLINE" (shown as "Text HELPLINE to 62640")')
    description: Optional[str] = Field(None, description='A short instruction shown with the link, e.g. "Send your ZIP code"')
    languages: list[str] = Field(default_factory=list, description="Language codes this line answers in (see README)")

    @property
    def tel_uri(self) -> str:
        uri = f"tel:{self.number}"
        return f"{uri};ext={self.extension}" if self.extension else uri

    @property
    def sms_uri(self) -> str:
        if self.keyword:
            from urllib.parse import quote

            return f"sms:{self.number}?body={quote(self.keyword)}"
        return f"sms:{self.number}"


class Location(_Strict):
    """Where an imported facility is (HSDS location + address)."""

    address_1: str
    address_2: Optional[str] = None
    city: str
    state_province: str = Field(pattern=r"^[A-Z]{2}$")
    postal_code: str = Field(pattern=r"^\d{5}(-\d{4})?$")
    country: str = "US"
    latitude: Optional[float] = Field(None, ge=-90, le=90)
    longitude: Optional[float] = Field(None, ge=-180, le=180)


class ImportRecord(_Strict):
    """Bookkeeping for a listing that came from an importer (never written by hand)."""

    source: Literal["findtreatment"] = "findtreatment"
    key: str = Field(pattern=r"^[0-9a-f]{16}$", description="Stable hash of name and address")
    first_imported: str = _date("When this listing first appeared in an import")
    last_imported: str = _date("When the last import still listed it")
    facility_types: list[str] = Field(default_factory=list, description="FindTreatment typeFacility values merged here (SA, MH)")
    offers: list[str] = Field(default_factory=list, description="What FindTreatment says it offers, in plain words")
    original: dict[str, Any] = Field(default_factory=dict, description="The values as last imported; a field that differs from these was edited by a person and is kept")


class Service(_Strict):
    """A service people can use (HSDS service), with how to reach it."""

    id: str = Id
    name: str = Field(min_length=2)
    status: StatusName = Field(description="active | inactive | defunct | temporarily closed (HSDS)")
    categories: list[CategoryName] = Field(min_length=1, description="One or more of: " + ", ".join(CATEGORIES))
    description: str = Field(min_length=10, description="Plain words: what it is and who it is for")
    phones: list[Phone] = Field(default_factory=list)
    url: Optional[str] = _https("The official page for this service (https)")
    chat_url: Optional[str] = _https("Where to chat online, if the service offers chat (https)")
    hours: Optional[str] = Field(None, description='Plain words, e.g. "24 hours a day, 7 days a week"')
    languages: list[str] = Field(default_factory=list, description="Language codes the service works in")
    language_notes: dict[str, str] = Field(default_factory=dict, description='How to get help in a language, keyed by code, e.g. es: "Call and press 2."')
    cost: Optional[str] = Field(None, description='e.g. "Free" (HSDS fees_description)')
    coverage: Optional[str] = Field(None, description="Where it serves (HSDS service_area)")
    counties: list[str] = Field(default_factory=list, description='Counties served, for a local or regional service, e.g. [Bay, Gulf] (no "County"); empty = the whole area of the file')
    what_to_say: Optional[str] = Field(None, description='Optional: a short script for the first call, e.g. "I am calling about my son, who left detox yesterday."')
    location: Optional[Location] = None
    assured_date: Optional[str] = _date("The day a PERSON last confirmed this entry on `source`. A link check never sets it.", None)
    source: Optional[str] = _https("The official page the entry was confirmed on (required with assured_date)")
    source_note: Optional[str] = Field(None, description="How and when it was confirmed (required with assured_date)")
    last_modified: Optional[str] = _date("The day this entry was last edited", None)
    imported: Optional[ImportRecord] = Field(None, description="Set by an importer; absent for entries written by hand")

    def phone(self, kind: str) -> Phone:
        """The first phone of this type (voice, text, tty...); KeyError if there is none."""
        for phone in self.phones:
            if phone.type == kind:
                return phone
        raise KeyError(f"service '{self.id}' has no {kind} number in data/resources/")

    @property
    def is_imported(self) -> bool:
        return self.imported is not None


class Organization(_Strict):
    """The organisation or agency that runs the services (HSDS organization)."""

    id: str = Id
    name: str = Field(min_length=2)
    description: Optional[str] = None
    url: Optional[str] = _https("The organisation's official website (https)")
    services: list[Service] = Field(min_length=1)


class ImportInfo(_Strict):
    """For a file written by an importer: where the listings came from and when."""

    source: Literal["findtreatment"] = "findtreatment"
    source_url: Optional[str] = Field(None, description="The export URL or file the listings were read from")
    imported_on: str = _date("The day of the last import")
    state: str = Field(pattern=r"^[A-Z]{2}$", description="Two-letter state code of the area")
    record_count: int = Field(ge=0)
    format_note: str = Field(
        "Format taken from SAMHSA's open-source FindTreatment prototype (github.com/CBHSQ/findtreatment), not an official guide.",
    )


class Directory(_Strict):
    """One data file: a coverage area and the organisations serving it."""

    area: str = Id
    name: str = Field(min_length=2, description='Readable name of the area, e.g. "Bay County, Florida"')
    coverage: str = Field(description="What the area covers, in words")
    imported: Optional[ImportInfo] = Field(None, description="Present only in files written by an importer")
    organizations: list[Organization] = Field(default_factory=list)

    def services(self):
        for org in self.organizations:
            for service in org.services:
                yield org, service


def json_schema() -> str:
    """The JSON Schema (2020-12) for one data file, as committed in data/resources/schema.json."""
    schema = Directory.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Beyond Detox resource directory file (HSDS-shaped)"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"
