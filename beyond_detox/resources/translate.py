"""The directory's words in another language: data/resources/translations/<lang>.yml.

English stays the one source of every fact (numbers, hours, who runs what); a translation file
gives, per service id, the same sentences in another language:

    lifeline-988:
      description: ...
      hours: ...
      cost: ...
      coverage: ...
      what_to_say: ...
      language_notes: {es: ...}
      phones: {"+18006624357": "hint under that button"}

Anything not translated is shown in English. `check` reports unknown ids and fields (file:line).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from beyond_detox import i18n
from beyond_detox.paths import RESOURCES
from beyond_detox.problems import Problem, display_path

FOLDER = RESOURCES / "translations"
FIELDS = ("description", "hours", "cost", "coverage", "what_to_say", "language_notes", "phones")
ORG_FIELDS = ("name",)  # an organisation id may give its name (e.g. "Emergency services")


@lru_cache(maxsize=None)
def load(lang: str, folder: Path = FOLDER) -> dict:
    from beyond_detox.frontmatter import parse_yaml_with_lines
    path = Path(folder) / f"{lang}.yml"
    if not path.exists():
        return {}
    data, _lines = parse_yaml_with_lines(path.read_text(encoding="utf-8"), path)
    return data or {}


def localized(obj, field: str, service=None) -> str:
    """obj's field in the current language. For a phone, pass its service: `localized(phone, "description", service)`.
    `language_notes.es` names one language's note."""
    lang = i18n.current()
    if service is not None:  # a phone's hint
        english = getattr(obj, field)
        if lang == "en":
            return english
        return (load(lang).get(service.id, {}).get("phones") or {}).get(obj.number, english)
    if field.startswith("language_notes."):
        code = field.split(".", 1)[1]
        english = obj.language_notes.get(code, "")
        if lang == "en":
            return english
        return (load(lang).get(obj.id, {}).get("language_notes") or {}).get(code, english)
    english = getattr(obj, field)
    if lang == "en" or not english:
        return english
    return (load(lang).get(obj.id) or {}).get(field) or english


def check(lang: str, service_ids: set[str], folder: Path = FOLDER, org_ids: set[str] = frozenset()) -> list[Problem]:
    """Unknown service or organisation ids, or fields, in a translation file."""
    from beyond_detox.frontmatter import parse_yaml_with_lines
    path = Path(folder) / f"{lang}.yml"
    if not path.exists():
        return []
    data, lines = parse_yaml_with_lines(path.read_text(encoding="utf-8"), path)
    problems = []
    for service_id, fields in (data or {}).items():
        line = lines.get((service_id,), 1)
        if service_id not in service_ids and service_id not in org_ids:
            problems.append(Problem(display_path(path), line, "translation", f"'{service_id}' is not a service or organisation id in data/resources/"))
            continue
        allowed = FIELDS if service_id in service_ids else ORG_FIELDS
        for name in (fields or {}):
            if name not in allowed:
                problems.append(Problem(display_path(path), lines.get((service_id, name), line), "translation",
                                        f"{service_id}.{name}: not a field that can be translated ({', '.join(allowed)})"))
    return problems


def spanish_option(service_id: str = "lifeline-988") -> str:
    """How to reach a line in Spanish ("Call and press 2 ..."), in the current language: the
    service's `language_notes.es`, so interface words can say it without repeating it."""
    from beyond_detox.resources import find_service
    return localized(find_service(service_id), "language_notes.es")
