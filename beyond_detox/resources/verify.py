"""Checking that every link in the directory still answers, and what is due for a person's check.

- Requests every URL of every entry (url, chat_url, source, the organisation's url),
  concurrently, with a timeout, retries with backoff, a per-host limit and an honest
  User-Agent. Redirects are followed by hand so each hop is seen.
- Classifies each answer: ok, redirect-temporary (fine), redirect-permanent (adopt the new
  URL), client-error (4xx), server-error (5xx), timeout, dns-error, tls-error,
  connection-error (refused, reset), redirect-loop.
- Writes the results to a machine-written status file (data/resources/status/links.json), never
  to the YAML an editor writes, and never as assured_date: a URL answering is not a person
  confirming a service. Phone numbers are never dialled.
- Writes a Markdown report: broken links, permanent redirects to adopt, entries due for
  re-confirmation (assured_date over 12 months) and hidden (over 18 months).
"""
from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import random
import socket
import ssl
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable
from urllib.parse import urljoin, urlsplit

import httpx

from beyond_detox.asyncrun import run_sync
from beyond_detox.paths import RESOURCES
from beyond_detox.atomic import atomic_write_text
from beyond_detox.resources.dates import DUE_MONTHS, HIDE_MONTHS, freshness, long_date
from beyond_detox.problems import display_path
from beyond_detox.yamlio import YamlSyntaxError, parse

# Says who is asking and why. RESOURCES_CONTACT_URL (the repository's address; the workflow sets
# it) is added so a site owner can reach us.
_CONTACT = os.environ.get("RESOURCES_CONTACT_URL", "").strip()
USER_AGENT = (f"BeyondDetox-link-check/1.0 ({'+' + _CONTACT + '; ' if _CONTACT else ''}weekly check that the help-line "
              "pages a health information site links to still exist; never dials numbers)")
STATUS_FILE = RESOURCES / "status" / "links.json"
URL_FIELDS = ("url", "chat_url", "source")
OK_OUTCOMES = ("ok", "redirect-temporary")
BROKEN_OUTCOMES = ("client-error", "server-error", "timeout", "dns-error", "tls-error", "connection-error",
                   "redirect-loop", "invalid-url")
RETRYABLE = ("server-error", "timeout", "connection-error", "dns-error", "rate-limited")
MAX_REDIRECTS = 10

OUTCOME_TEXT = {
    "ok": "ok",
    "redirect-temporary": "ok (temporary redirect)",
    "redirect-permanent": "redirected permanently",
    "client-error": "client error",
    "server-error": "server error",
    "timeout": "timeout",
    "dns-error": "DNS failure",
    "tls-error": "TLS failure",
    "connection-error": "connection failed",
    "redirect-loop": "redirect loop",
    "invalid-url": "not a valid URL",
}


@dataclass
class Use:
    """Where a URL appears: file, entry id and field."""

    file: str
    entry: str
    field: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line} {self.entry}.{self.field}"


@dataclass
class LinkResult:
    url: str
    outcome: str
    http_status: int | None = None
    final_url: str | None = None
    detail: str = ""
    attempts: int = 0
    elapsed_ms: int = 0
    checked_at: str = ""

    @property
    def broken(self) -> bool:
        return self.outcome in BROKEN_OUTCOMES


@dataclass
class EntryAge:
    file: str
    line: int
    entry: str
    name: str
    assured_date: str | None
    state: str  # due | hidden


@dataclass
class Collected:
    urls: dict[str, list[Use]] = field(default_factory=dict)
    ages: list[EntryAge] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # files that could not be read


# --- what to check --------------------------------------------------------------------------

def collect(paths: list[Path], today: dt.date) -> Collected:
    """URLs and confirmation ages, read leniently (validation is `validate`'s job)."""
    out = Collected()
    for path in paths:
        shown = display_path(path)
        try:
            parsed = parse(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            out.problems.append(f"{shown}:1: file: cannot read: {exc}")
            continue
        except YamlSyntaxError as exc:
            out.problems.append(f"{shown}:{exc.line}: yaml: {exc.message}")
            continue
        data = parsed.data if isinstance(parsed.data, dict) else {}
        for oi, org in enumerate(data.get("organizations") or []):
            if not isinstance(org, dict):
                continue
            if isinstance(org.get("url"), str):
                out.urls.setdefault(org["url"], []).append(Use(shown, str(org.get("id")), "url", parsed.line_of(("organizations", oi, "url"))))
            for si, svc in enumerate(org.get("services") or []):
                if not isinstance(svc, dict):
                    continue
                base = ("organizations", oi, "services", si)
                for key in URL_FIELDS:
                    if isinstance(svc.get(key), str):
                        out.urls.setdefault(svc[key], []).append(Use(shown, str(svc.get("id")), key, parsed.line_of(base + (key,))))
                if svc.get("imported") and not svc.get("assured_date"):
                    continue  # imported listings are never confirmed by a person unless an editor adds the date
                state = freshness(svc.get("assured_date"), today)
                if state in ("due", "hidden", "unconfirmed"):
                    out.ages.append(EntryAge(shown, parsed.line_of(base + ("assured_date",)), str(svc.get("id")),
                                             str(svc.get("name")), svc.get("assured_date"),
                                             "hidden" if state == "unconfirmed" else state))
    return out


# --- checking one URL ---------------------------------------------------------------------------

def _classify_exception(exc: BaseException) -> tuple[str, str]:
    chain = []
    seen = exc
    while seen is not None and seen not in chain:
        chain.append(seen)
        seen = seen.__cause__ or seen.__context__
    text = " ".join(str(e) for e in chain).lower()
    if isinstance(exc, httpx.TimeoutException):
        return "timeout", type(exc).__name__
    if any(isinstance(e, socket.gaierror) for e in chain) or "name or service not known" in text \
            or "nodename nor servname" in text or "temporary failure in name resolution" in text \
            or "no address associated" in text or "getaddrinfo failed" in text:
        return "dns-error", "the site name does not resolve"
    if any(isinstance(e, ssl.SSLError) for e in chain) or "ssl" in text or "certificate" in text or "tls" in text:
        return "tls-error", next((str(e) for e in chain if isinstance(e, ssl.SSLError)), str(exc))[:200]
    if isinstance(exc, (httpx.ConnectError, httpx.ReadError, httpx.WriteError, httpx.RemoteProtocolError, httpx.CloseError)):
        if any(isinstance(e, ConnectionRefusedError) for e in chain) or "refused" in text:
            detail = "connection refused"
        elif any(isinstance(e, ConnectionResetError) for e in chain) or "reset" in text:
            detail = "connection reset"
        else:
            detail = str(exc) or type(exc).__name__
        return "connection-error", detail[:200]
    if isinstance(exc, httpx.UnsupportedProtocol) or isinstance(exc, httpx.InvalidURL):
        return "invalid-url", str(exc)[:200]
    return "connection-error", f"{type(exc).__name__}: {exc}"[:200]


class Checker:
    def __init__(self, *, concurrency: int = 8, per_host: int = 2, timeout: float = 10.0, retries: int = 2,
                 backoff: float = 0.5, user_agent: str = USER_AGENT, progress: Callable[[int, int], None] | None = None,
                 verify_tls: bool | ssl.SSLContext = True):
        self.concurrency = max(1, concurrency)
        self.per_host = max(1, per_host)
        self.timeout = timeout
        self.retries = max(0, retries)
        self.backoff = backoff
        self.user_agent = user_agent
        self.progress = progress
        self.verify_tls = verify_tls
        self._host_locks: dict[str, asyncio.Semaphore] = {}

    def _host_lock(self, url: str) -> asyncio.Semaphore:
        host = (urlsplit(url).hostname or "").lower()
        if host not in self._host_locks:
            self._host_locks[host] = asyncio.Semaphore(self.per_host)
        return self._host_locks[host]

    async def _request(self, client: httpx.AsyncClient, url: str) -> tuple[int, str | None]:
        async with self._host_lock(url):
            async with client.stream("GET", url) as response:  # the body is never downloaded
                return response.status_code, response.headers.get("location")

    async def _follow(self, client: httpx.AsyncClient, url: str) -> LinkResult:
        current, seen, permanent, hops = url, [url], True, 0
        while True:
            status, location = await self._request(client, current)
            if 300 <= status < 400 and location:
                target = urljoin(current, location)
                if target in seen:
                    return LinkResult(url, "redirect-loop", status, target, f"redirects back to {target}")
                hops += 1
                if hops > MAX_REDIRECTS:
                    return LinkResult(url, "redirect-loop", status, target, f"more than {MAX_REDIRECTS} redirects")
                if status not in (301, 308):
                    permanent = False
                seen.append(target)
                current = target
                continue
            final = current if current != url else None
            after = f" after redirect to {current}" if final else ""
            if 200 <= status < 300:
                if final and permanent:
                    return LinkResult(url, "redirect-permanent", status, final, f"moved permanently to {final}")
                if final:
                    return LinkResult(url, "redirect-temporary", status, final, f"temporary redirect to {final}")
                return LinkResult(url, "ok", status)
            if status == 429:
                return LinkResult(url, "rate-limited", status, final, "HTTP 429 Too Many Requests" + after)
            if 400 <= status < 500:
                gone = " (gone)" if status == 410 else ""
                return LinkResult(url, "client-error", status, final, f"HTTP {status}{gone}{after}")
            if status >= 500:
                return LinkResult(url, "server-error", status, final, f"HTTP {status}{after}")
            return LinkResult(url, "client-error", status, final, f"HTTP {status} without a Location{after}")

    async def check(self, client: httpx.AsyncClient, url: str) -> LinkResult:
        started = time.monotonic()
        result: LinkResult | None = None
        attempt = 0
        scheme = urlsplit(url).scheme
        if scheme not in ("http", "https") or not urlsplit(url).hostname:
            result = LinkResult(url, "invalid-url", detail="not an http(s) URL")
        while result is None or (result.outcome in RETRYABLE and attempt <= self.retries):
            if attempt:
                await asyncio.sleep(self.backoff * (2 ** (attempt - 1)) * (1 + random.random() * 0.25))
            attempt += 1
            try:
                result = await self._follow(client, url)
            except Exception as exc:  # noqa: BLE001 - every failure becomes a classified result
                outcome, detail = _classify_exception(exc)
                result = LinkResult(url, outcome, detail=detail)
            if result.outcome not in RETRYABLE:
                break
        if result.outcome == "rate-limited":
            result.outcome = "client-error"
        result.attempts = max(attempt, 1)
        result.elapsed_ms = int((time.monotonic() - started) * 1000)
        result.checked_at = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
        return result

    def run_sync(self, urls: list[str]) -> dict[str, LinkResult]:
        """run() from ordinary code; in a thread of its own if this thread already runs an event
        loop (as Playwright's sync API does in the test session)."""
        return run_sync(lambda: self.run(urls))

    async def run(self, urls: list[str]) -> dict[str, LinkResult]:
        results: dict[str, LinkResult] = {}
        queue: asyncio.Queue[str] = asyncio.Queue()
        for url in urls:
            queue.put_nowait(url)
        limits = httpx.Limits(max_connections=self.concurrency * 2, max_keepalive_connections=self.concurrency)
        timeout = httpx.Timeout(self.timeout)
        async with httpx.AsyncClient(headers={"User-Agent": self.user_agent}, timeout=timeout, limits=limits,
                                     follow_redirects=False, verify=self.verify_tls, trust_env=True) as client:
            async def worker():
                while True:
                    try:
                        url = queue.get_nowait()
                    except asyncio.QueueEmpty:
                        return
                    results[url] = await self.check(client, url)
                    if self.progress:
                        self.progress(len(results), len(urls))

            await asyncio.gather(*(worker() for _ in range(min(self.concurrency, max(1, len(urls))))))
        return results


# --- the status file and the report -----------------------------------------------------------

def merge_status(previous: dict, results: dict[str, LinkResult], collected: Collected, today: dt.date) -> dict:
    old = (previous or {}).get("links") or {}
    links = {}
    for url in sorted(results):
        result = results[url]
        before = old.get(url) or {}
        ok = not result.broken
        entry = asdict(result)
        entry["uses"] = [str(use) for use in collected.urls.get(url, [])]
        entry["last_ok"] = today.isoformat() if ok else before.get("last_ok")
        entry["consecutive_failures"] = 0 if ok else int(before.get("consecutive_failures") or 0) + 1
        links[url] = entry
    return {
        "note": ("Machine-written by `scripts/update_resources.py verify`. Do not edit. A link answering is not a person "
                 "confirming a service: this file never changes assured_date in the YAML."),
        "checked_on": today.isoformat(),
        "user_agent": USER_AGENT,
        "summary": dict(sorted(_count(results).items())),
        "links": links,
    }


def _count(results: dict[str, LinkResult]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for result in results.values():
        counts[result.outcome] = counts.get(result.outcome, 0) + 1
    return counts


def _cell(text) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def report_markdown(results: dict[str, LinkResult], collected: Collected, today: dt.date) -> str:
    broken = [r for r in results.values() if r.broken]
    moved = [r for r in results.values() if r.outcome == "redirect-permanent"]
    temporary = [r for r in results.values() if r.outcome == "redirect-temporary"]
    due = [a for a in collected.ages if a.state == "due"]
    hidden = [a for a in collected.ages if a.state == "hidden"]
    ok = sum(1 for r in results.values() if r.outcome == "ok")
    lines = [
        f"# Resource directory check, {long_date(today)}",
        "",
        f"{len(results)} links checked: {ok} ok, {len(temporary)} temporary redirects, {len(moved)} permanent redirects, "
        f"{len(broken)} broken. {len(due)} entries due for re-confirmation, {len(hidden)} hidden from the site.",
        "",
        "A link answering does not confirm a service: only a person who reads the official page updates `assured_date`. "
        "Phone numbers are never dialled by this check.",
        "",
    ]

    def uses(url: str) -> str:
        return "<br>".join(_cell(u) for u in collected.urls.get(url, []))

    lines += ["## Broken links", ""]
    if broken:
        lines += ["Find the page's new address on the organisation's own site and update the YAML (and `assured_date` only if you "
                  "re-read the details there).", "", "| Where | URL | Result |", "|---|---|---|"]
        for r in sorted(broken, key=lambda r: r.url):
            lines.append(f"| {uses(r.url)} | {_cell(r.url)} | {_cell(OUTCOME_TEXT.get(r.outcome, r.outcome))}: {_cell(r.detail)} |")
    else:
        lines.append("None.")
    lines += ["", "## Permanent redirects to adopt", ""]
    if moved:
        lines += ["Replace the URL in the YAML with the new one.", "", "| Where | URL | Redirected permanently to |", "|---|---|---|"]
        for r in sorted(moved, key=lambda r: r.url):
            lines.append(f"| {uses(r.url)} | {_cell(r.url)} | {_cell(r.final_url)} |")
    else:
        lines.append("None.")
    lines += ["", f"## Due for re-confirmation (confirmed over {DUE_MONTHS} months ago)", ""]
    if due:
        lines += ["A person re-reads each on its official page, then updates `assured_date`, `source_note` and `last_modified`.", "",
                  "| Where | Entry | Last confirmed |", "|---|---|---|"]
        for a in due:
            lines.append(f"| {_cell(a.file)}:{a.line} | {_cell(a.name)} (`{_cell(a.entry)}`) | {_cell(a.assured_date)} |")
    else:
        lines.append("None.")
    lines += ["", f"## Hidden from the site (confirmed over {HIDE_MONTHS} months ago, or never)", ""]
    if hidden:
        lines += ["These are not shown until a person confirms them again (988 and 911 stay in the crisis block: confirm them first).", "",
                  "| Where | Entry | Last confirmed |", "|---|---|---|"]
        for a in hidden:
            lines.append(f"| {_cell(a.file)}:{a.line} | {_cell(a.name)} (`{_cell(a.entry)}`) | {_cell(a.assured_date or 'never')} |")
    else:
        lines.append("None.")
    if temporary:
        lines += ["", "## Temporary redirects (no action needed)", "", "| URL | Goes to |", "|---|---|"]
        for r in sorted(temporary, key=lambda r: r.url):
            lines.append(f"| {_cell(r.url)} | {_cell(r.final_url)} |")
    if collected.problems:
        lines += ["", "## Files that could not be read", ""] + [f"- {_cell(p)}" for p in collected.problems]
    return "\n".join(lines) + "\n"


@dataclass
class VerifyOutcome:
    results: dict[str, LinkResult]
    collected: Collected
    report: str

    @property
    def problem_found(self) -> bool:
        return (any(r.broken or r.outcome == "redirect-permanent" for r in self.results.values())
                or bool(self.collected.ages) or bool(self.collected.problems))


def verify(paths: list[Path], *, status_file: Path = STATUS_FILE, report_file: Path | None = None,
           today: dt.date | None = None, write_status: bool = True, **checker_options) -> VerifyOutcome:
    today = today or dt.date.today()
    collected = collect(paths, today)
    checker = Checker(**checker_options)
    results = checker.run_sync(sorted(collected.urls))
    report = report_markdown(results, collected, today)
    # Written only when every check is done, each file atomically: a killed run changes nothing.
    if write_status:
        previous = {}
        if Path(status_file).exists():
            try:
                previous = json.loads(Path(status_file).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                print(f"{display_path(Path(status_file))}: unreadable, starting afresh", file=sys.stderr)
        atomic_write_text(Path(status_file), json.dumps(merge_status(previous, results, collected, today), indent=2) + "\n")
    if report_file:
        atomic_write_text(Path(report_file), report)
    return VerifyOutcome(results, collected, report)
