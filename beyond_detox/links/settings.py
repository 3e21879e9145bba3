"""Settings of the link check: the project's linkchecker config and the allow-list of hosts.

One file, `config/linkcheckerrc`, holds every setting. LinkChecker reads its own sections
([checking], [filtering], [output]); the [beyond-detox] section holds what LinkChecker has no
setting for (the polite external check) and LinkChecker ignores it. The allow-list of hosts that
answer automated checks with 403/429 is `config/link-allowlist.yml`. Both are documented in
`config/README.md`.
"""
from __future__ import annotations

import configparser
import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from beyond_detox.paths import ROOT

CONFIG_DIR = ROOT / "config"
LINKCHECKERRC = CONFIG_DIR / "linkcheckerrc"
ALLOWLIST = CONFIG_DIR / "link-allowlist.yml"
CACHE_FILE = ROOT / ".cache" / "links-external.json"
SECTION = "beyond-detox"
# Set by the scheduled workflow to the repository's address, so a site owner who sees our
# requests in their logs can find out who we are (appended to the User-Agent as "+URL").
CONTACT_ENV = "BD_LINKS_CONTACT"


class SettingsError(Exception):
    """A setting or a settings file is missing or wrong: the check cannot run."""


@dataclass(frozen=True)
class ExternalSettings:
    user_agent: str = "BeyondDetoxLinkCheck/1.0"
    timeout: float = 15.0          # seconds, connect and read
    retries: int = 2               # extra tries after a timeout, a dropped connection, 429 or 5xx
    backoff: float = 2.0           # seconds before the first retry; doubles each time
    max_retry_after: float = 60.0  # longest Retry-After we honour, in seconds
    per_host_interval: float = 1.0  # seconds from the end of one request to a host to the start of the next
    concurrency: int = 8           # hosts checked at the same time (one request per host at a time)
    cache_days: float = 7.0        # a good answer is trusted this long


@dataclass(frozen=True)
class AllowEntry:
    host: str                      # "www.example.org", "*.example.org" or "127.0.0.1:8080"
    answers: frozenset[int]        # which statuses become warnings: 403, 429 or both
    why: str

    def matches(self, host: str, port: int | None, status: int) -> bool:
        if status not in self.answers:
            return False
        host = host.lower()
        pattern = self.host.lower()
        if ":" in pattern:
            return pattern == f"{host}:{port}"
        if pattern.startswith("*."):
            return host == pattern[2:] or host.endswith(pattern[1:])
        return host == pattern


@dataclass(frozen=True)
class AllowList:
    entries: tuple[AllowEntry, ...] = ()
    source: Path | None = None

    def find(self, host: str, port: int | None, status: int) -> AllowEntry | None:
        return next((e for e in self.entries if e.matches(host, port, status)), None)


@dataclass(frozen=True)
class Settings:
    linkcheckerrc: Path
    external: ExternalSettings = field(default_factory=ExternalSettings)
    allowlist: AllowList = field(default_factory=AllowList)


def _readable(path: Path, what: str) -> str:
    if not path.exists():
        raise SettingsError(f"{what} {path} does not exist.")
    if path.is_dir():
        raise SettingsError(f"{what} {path} is a folder, not a file.")
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"cannot read {what} {path}: {exc}") from exc


def load_external(path: Path) -> ExternalSettings:
    """Read and check config/linkcheckerrc (the LinkChecker sections too, so mistakes show here)."""
    text = _readable(path, "the link-check configuration")
    parser = configparser.RawConfigParser()
    try:
        parser.read_string(text, source=str(path))
    except configparser.Error as exc:
        raise SettingsError(f"{path} is not a valid configuration file: {exc}") from exc
    for required in ("checking", "filtering", SECTION):
        if not parser.has_section(required):
            raise SettingsError(f"{path} has no [{required}] section.")
    if parser.getboolean("filtering", "checkextern", fallback=False):
        raise SettingsError(
            f"{path}: checkextern must stay 0. External links are checked by beyond_detox/links/external.py "
            "(rate limit, retries, cache), not by linkchecker; see config/README.md.")
    defaults = ExternalSettings()
    values: dict[str, object] = {}
    numbers = {"timeout": float, "retries": int, "backoff": float, "max_retry_after": float,
               "per_host_interval": float, "concurrency": int, "cache_days": float}
    for key, kind in numbers.items():
        option = key.replace("_", "-")
        if parser.has_option(SECTION, option):
            raw = parser.get(SECTION, option)
            try:
                value = kind(raw)
            except ValueError:
                raise SettingsError(f"{path}: [{SECTION}] {option} = {raw!r} is not a number.") from None
            if value < 0 or (key in ("timeout", "concurrency") and value == 0):
                raise SettingsError(f"{path}: [{SECTION}] {option} = {raw!r} is out of range.")
            values[key] = value
    agent = parser.get("checking", "useragent", fallback="").strip() or defaults.user_agent
    contact = os.environ.get(CONTACT_ENV, "").strip()
    if contact:
        agent = f"{agent} (+{contact})"
    values["user_agent"] = agent
    return ExternalSettings(**values)


def load_allowlist(path: Path) -> AllowList:
    """Read the allow-list. Every entry must say why it is there."""
    text = _readable(path, "the allow-list")
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise SettingsError(f"{path} is not valid YAML: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("hosts", []), list):
        raise SettingsError(f"{path}: expected a mapping with a list under `hosts:`.")
    entries = []
    for number, item in enumerate(data.get("hosts") or [], start=1):
        where = f"{path}: hosts entry {number}"
        if not isinstance(item, dict) or not str(item.get("host", "")).strip():
            raise SettingsError(f"{where} needs a `host:`.")
        host = str(item["host"]).strip()
        why = " ".join(str(item.get("why", "")).split())
        if not why:
            raise SettingsError(f"{where} ({host}) needs a `why:` saying what was seen and where.")
        answers = item.get("answers", [403, 429])
        if not isinstance(answers, list) or not answers or any(a not in (403, 429) for a in answers):
            raise SettingsError(f"{where} ({host}): `answers:` may list 403 and/or 429 only; "
                                "404, 410, DNS and TLS failures are always errors.")
        if "/" in host or " " in host:
            raise SettingsError(f"{where}: `host: {host}` must be a host name such as www.example.org, "
                                "without https:// or a path.")
        entries.append(AllowEntry(host=host, answers=frozenset(answers), why=why))
    return AllowList(entries=tuple(entries), source=path)


def load_settings(config: Path = LINKCHECKERRC, allowlist: Path = ALLOWLIST) -> Settings:
    return Settings(linkcheckerrc=Path(config), external=load_external(Path(config)),
                    allowlist=load_allowlist(Path(allowlist)))
