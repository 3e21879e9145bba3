"""The external check: every outbound link, asked politely.

LinkChecker finds the outbound links (crawl.py); this module asks the hosts, because LinkChecker
has no retries and no cache between runs, and its per-host throttle sleeps while holding one lock
for all hosts (linkcheck/director/aggregator.py, wait_for_host).

Manners, all set in config/linkcheckerrc, [beyond-detox]:
- one request at a time per host, and at least `per-host-interval` seconds from the end of one to the start
  of the next (counted from the end, so a slow answer never lets the next request follow it at once);
  `concurrency` hosts are checked side by side;
- HEAD first; GET (headers only, the body is not read) when HEAD is refused or fails;
- timeouts; retries with exponential backoff after a timeout, a dropped connection, 429 or 5xx,
  honouring Retry-After up to a limit;
- an honest User-Agent naming the project;
- a cache of good answers (`cache-days`, in .cache/), so a rerun asks only about new links and
  links that failed.
Verdicts: 404, 410, DNS and TLS failures are always errors; 403 and 429 are warnings only from
the hosts named in config/link-allowlist.yml; any other 4xx or 5xx, after retries, is an error.
"""
from __future__ import annotations

import asyncio
import json
import socket
import ssl
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path

import httpx

from beyond_detox.asyncrun import run_sync

from beyond_detox.atomic import atomic_write_text as atomic_write
from .model import ERROR, WARNING
from .settings import AllowList, ExternalSettings

CACHE_VERSION = 1


@dataclass(frozen=True)
class Answer:
    url: str
    severity: str | None      # None: the link is fine; "error" or "warning"
    reason: str
    status: int | None = None  # the final HTTP status; None when no host answered
    final_url: str = ""
    answered: bool = False     # an HTTP answer came back (even an error status)
    from_cache: bool = False
    tries: int = 1


class GoodAnswerCache:
    """Recent good answers, kept in a JSON file: url -> {checked (epoch seconds), status, final}."""

    def __init__(self, path: Path | None, max_age_days: float, clock: Callable[[], float] = time.time):
        self.path = path
        self.max_age = max_age_days * 86400
        self.clock = clock
        self.entries: dict[str, dict] = {}
        self.changed = False
        if path is not None and path.is_file():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                if data.get("version") == CACHE_VERSION and isinstance(data.get("entries"), dict):
                    self.entries = data["entries"]
            except (OSError, ValueError, AttributeError):
                self.entries = {}  # a damaged cache only costs a slower run
        now = self.clock()
        stale = [u for u, e in self.entries.items() if not self._fresh(e, now)]
        for url in stale:
            del self.entries[url]
        self.changed = bool(stale)

    def _fresh(self, entry, now: float) -> bool:
        try:
            return -60 <= now - float(entry["checked"]) < self.max_age  # a minute of clock skew is fine
        except (KeyError, TypeError, ValueError):
            return False

    def get(self, url: str) -> dict | None:
        entry = self.entries.get(url)
        return entry if entry is not None and self._fresh(entry, self.clock()) else None

    def put(self, url: str, status: int, final_url: str) -> None:
        self.entries[url] = {"checked": int(self.clock()), "status": status, "final": final_url}
        self.changed = True

    def forget(self, url: str) -> None:
        if self.entries.pop(url, None) is not None:
            self.changed = True

    def save(self) -> None:
        if self.path is None or not self.changed:
            return
        data = {"version": CACHE_VERSION, "about": "Good answers of the external link check "
                "(beyond_detox/links); delete this file to check every link again.",
                "entries": dict(sorted(self.entries.items()))}
        atomic_write(self.path, json.dumps(data, indent=0, sort_keys=False) + "\n")
        self.changed = False


def _chain(exc: BaseException):
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


def classify(exc: BaseException, timeout: float) -> tuple[str, bool]:
    """(reason for an editor, whether another try may help)."""
    if isinstance(exc, httpx.TimeoutException):
        return f"no answer within {timeout:g} s (timed out)", True
    if isinstance(exc, httpx.TooManyRedirects):
        return "too many redirects (the address loops)", False
    if isinstance(exc, (httpx.UnsupportedProtocol, httpx.InvalidURL)):
        return f"not a valid web address: {exc}", False
    for link in _chain(exc):
        if isinstance(link, socket.gaierror):
            return "DNS: the host name does not exist or cannot be resolved", True
        if isinstance(link, ssl.SSLCertVerificationError):
            return f"TLS: the site's certificate is not valid ({link.verify_message or link.reason})", False
        if isinstance(link, ssl.SSLError):
            return f"TLS: secure connection failed ({link.reason or link})", False
        if isinstance(link, ConnectionRefusedError):
            return "connection refused (nothing answers at that address)", True
    text = str(exc)
    if "Name or service not known" in text or "name resolution" in text or "nodename nor servname" in text:
        return "DNS: the host name does not exist or cannot be resolved", True
    if "CERTIFICATE_VERIFY_FAILED" in text or "SSL" in text:
        return f"TLS: secure connection failed ({text})", False
    if isinstance(exc, httpx.TransportError):
        return f"the connection failed ({type(exc).__name__}: {text or 'no detail'})", True
    return f"could not be checked ({type(exc).__name__}: {text})", False


def _phrase(status: int) -> str:
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return str(status)


def _retry_after(headers: httpx.Headers, limit: float) -> float | None:
    value = headers.get("retry-after", "").strip()
    if value.isdigit():
        return min(float(value), limit)
    return None


class ExternalChecker:
    def __init__(self, settings: ExternalSettings, allowlist: AllowList, cache: GoodAnswerCache | None = None,
                 progress: Callable[[int, int], None] | None = None):
        self.settings = settings
        self.allowlist = allowlist
        self.cache = cache
        self.progress = progress
        self._done = 0
        self._total = 0
        self._last_end: dict[str, float] = {}
        self.requests = 0

    async def _send(self, client: httpx.AsyncClient, method: str, url: str) -> httpx.Response:
        host = urllib.parse.urlsplit(url).netloc.lower()
        loop = asyncio.get_running_loop()
        wait = self._last_end.get(host, -1e9) + self.settings.per_host_interval - loop.time()
        if wait > 0:
            await asyncio.sleep(wait)
        self.requests += 1
        try:
            # The body is never read: the status line and headers are all we need.
            async with client.stream(method, url) as response:
                return response
        finally:
            self._last_end[host] = loop.time()

    async def check(self, client: httpx.AsyncClient, url: str) -> Answer:
        s = self.settings
        method = "HEAD"
        tries = 0
        while True:
            tries += 1
            try:
                response = await self._send(client, method, url)
            except Exception as exc:  # every failure becomes a verdict on the link
                reason, transient = classify(exc, s.timeout)
                timed_out = isinstance(exc, httpx.TimeoutException)
                if method == "HEAD" and not timed_out and not reason.startswith(("DNS", "TLS")):
                    method, tries = "GET", tries - 1  # some servers mishandle HEAD: ask again with GET
                    continue
                if transient and tries <= s.retries:
                    await asyncio.sleep(s.backoff * 2 ** (tries - 1))
                    continue
                note = f" (tried {tries} times)" if tries > 1 else ""
                return Answer(url, ERROR, reason + note, tries=tries)
            status = response.status_code
            final = str(response.url)
            if status < 400:
                return Answer(url, None, "", status, final, answered=True, tries=tries)
            if method == "HEAD" and status != 429:
                method, tries = "GET", tries - 1  # HEAD refused (405, 403, 404...): GET has the last word
                continue
            answer_host = response.url.host
            entry = self.allowlist.find(answer_host, response.url.port, status)
            if entry is not None:
                return Answer(url, WARNING, f"{_phrase(status)} from {answer_host}, a host on the allow-list "
                              "because it turns automated checks away: open the link in a browser to confirm it "
                              "still works", status, final, answered=True, tries=tries)
            if (status == 429 or status >= 500) and tries <= s.retries:
                delay = _retry_after(response.headers, s.max_retry_after)
                await asyncio.sleep(delay if delay is not None else s.backoff * 2 ** (tries - 1))
                continue
            reason = _phrase(status)
            if status == 404:
                reason += ": the page is not there any more; find its new address or another source"
            elif status == 410:
                reason += ": the page was removed on purpose; find another source"
            if tries > 1:
                reason += f" (tried {tries} times)"
            return Answer(url, ERROR, reason, status, final, answered=True, tries=tries)

    async def _host_worker(self, client, urls, results, slots):
        async with slots:
            for url in urls:
                try:
                    results[url] = await asyncio.wait_for(self.check(client, url), self._deadline())
                except TimeoutError:
                    results[url] = Answer(url, ERROR, f"no verdict within {self._deadline():g} s (server too slow)")
                self._done += 1
                if self.progress:
                    self.progress(self._done, self._total)

    def _deadline(self) -> float:
        """A hard stop for one URL, whatever a server does (tries, waits and backoff included)."""
        s = self.settings
        requests = 2 * (s.retries + 1)  # HEAD and GET, on each try
        waits = s.retries * max(s.backoff * 2 ** s.retries, s.max_retry_after)
        return requests * (s.timeout + s.per_host_interval) + waits + 5

    async def run(self, urls: list[str]) -> dict[str, Answer]:
        results: dict[str, Answer] = {}
        todo = []
        for url in urls:
            entry = self.cache.get(url) if self.cache else None
            if entry is not None:
                results[url] = Answer(url, None, "", entry.get("status"), entry.get("final", url),
                                      answered=True, from_cache=True, tries=0)
            else:
                todo.append(url)
        by_host: dict[str, list[str]] = {}
        for url in todo:
            by_host.setdefault(urllib.parse.urlsplit(url).netloc.lower(), []).append(url)
        self._total = len(todo)
        slots = asyncio.Semaphore(self.settings.concurrency)
        timeout = httpx.Timeout(self.settings.timeout)
        limits = httpx.Limits(max_connections=self.settings.concurrency * 2, max_keepalive_connections=0)
        async with httpx.AsyncClient(headers={"User-Agent": self.settings.user_agent, "Accept": "*/*"},
                                     timeout=timeout, limits=limits, follow_redirects=True, max_redirects=10,
                                     trust_env=False) as client:
            await asyncio.gather(*(self._host_worker(client, host_urls, results, slots)
                                   for host_urls in by_host.values()))
        if self.cache is not None:
            for url in todo:
                answer = results[url]
                if answer.severity is None:
                    self.cache.put(url, answer.status or 0, answer.final_url)
                else:
                    self.cache.forget(url)
        return results


def check_external(urls: list[str], settings: ExternalSettings, allowlist: AllowList,
                   cache: GoodAnswerCache | None = None,
                   progress: Callable[[int, int], None] | None = None) -> tuple[dict[str, Answer], int]:
    """Check `urls`; returns the answers and the number of HTTP requests made."""
    checker = ExternalChecker(settings, allowlist, cache, progress)
    answers = run_sync(lambda: checker.run(sorted(set(urls))))
    return answers, checker.requests
