"""The help-line and service directory in data/resources/ (Open Referral HSDS-shaped YAML).

Contract used by the rest of the site (keep these names):
- load_services(directory) -> dict of service id -> Service
- find_service(service_id) -> Service (KeyError with a clear message if unknown)
- crisis_lines() -> the services shown in the "Need help now?" block, in order (988, then 911)
A Service has: id, name, url, phones (list of Phone: number, display, type, tel_uri, sms_uri) and
phone(kind). The data is validated when it is loaded: bad data stops the build with
`path:line: field: message` lines (ResourceDataError).

Modules: model (the schema), validate, verify (link checks), import_findtreatment, render
(Markdown/HTML for the Get help pages), export (directory.json), site (MkDocs glue), cli.
"""
from __future__ import annotations

import os
from pathlib import Path

from beyond_detox.paths import RESOURCES
from beyond_detox.resources.model import Directory, Organization, Phone, Service
from beyond_detox.resources.validate import PLATFORM_IDS, Problem, ResourceDataError, load_checked

__all__ = [
    "CRISIS_BLOCK", "Directory", "Organization", "Phone", "Problem", "ResourceDataError", "Service",
    "crisis_lines", "find_service", "load_directories", "load_services",
]

# The services in the every-page crisis block, in this order. Crisis lines only: the referral
# line (SAMHSA's helpline) is kept apart from them in the interface.
CRISIS_BLOCK = ("lifeline-988", "emergency-911")
assert set(CRISIS_BLOCK) <= set(PLATFORM_IDS)

_cache: dict[tuple, list[Directory]] = {}


def _signature(directory: Path) -> tuple:
    """Changes when any data file changes, so `mkdocs serve` picks up edits. Asked several times
    per page (each shortcode), so one listing per folder, without resolving paths or globbing."""
    signature: list = []
    for folder in (directory, directory / "local", directory / "translations"):
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.name.endswith(".yml"):
                        info = entry.stat()
                        signature.append((entry.path, info.st_mtime_ns, info.st_size))
        except FileNotFoundError:
            continue
    return (os.path.abspath(directory), *sorted(signature))


def load_directories(directory: Path = RESOURCES) -> list[Directory]:
    """Every data file in directory (and directory/local/), validated."""
    key = _signature(Path(directory))
    if key not in _cache:
        _cache.clear()
        _cache[key] = [checked.directory for checked in load_checked(Path(directory))]
    return _cache[key]


_services: list = [None, {}]  # [the loaded directories (kept, so identity is safe), their services by id]


def load_services(directory: Path = RESOURCES) -> dict[str, Service]:
    # Built once per loaded data (not per shortcode): with thousands of imported listings, a
    # per-call rebuild made the build grow with pages x listings.
    directories = load_directories(directory)
    if _services[0] is not directories:
        services: dict[str, Service] = {}
        for area in directories:
            for _org, service in area.services():
                services[service.id] = service
        _services[:] = [directories, services]
    return _services[1]


def find_service(service_id: str, directory: Path = RESOURCES) -> Service:
    services = load_services(directory)
    if service_id not in services:
        known = ", ".join(sorted(sid for sid, s in services.items() if not s.is_imported))
        raise KeyError(f"unknown help-line id '{service_id}' (known: {known})")
    return services[service_id]


def crisis_lines(directory: Path = RESOURCES) -> list[Service]:
    return [find_service(service_id, directory) for service_id in CRISIS_BLOCK]
