"""Real HTTP servers on 127.0.0.1 for the link-check tests, and the fixture site."""
from __future__ import annotations

import configparser
import http.server
import shutil
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from beyond_detox.links.settings import LINKCHECKERRC

FIXTURE_SITE = Path(__file__).parent / "fixture_site"

# Fast settings for tests: the hang must cost well under a second per try.
TEST_EXTERNAL = {
    "timeout": "0.5",
    "retries": "1",
    "backoff": "0.05",
    "max-retry-after": "0.5",
    "per-host-interval": "0.02",
    "concurrency": "4",
    "cache-days": "7",
}


@dataclass
class Hit:
    method: str
    path: str
    user_agent: str
    at: float


@dataclass
class Log:
    hits: list[Hit] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def count(self, path: str, method: str | None = None) -> int:
        return sum(1 for h in self.hits if h.path == path and (method is None or h.method == method))


class LinkHandler(http.server.BaseHTTPRequestHandler):
    """Routes: /ok 200, /moved 301 -> /ok, /missing 404, /gone 410, /error 500, /forbidden 403,
    /limited 429, /slow hangs, /flaky 503 then 200, /retry-after 429 (Retry-After: 0) then 200,
    /no-head 405 to HEAD and 200 to GET."""

    protocol_version = "HTTP/1.1"
    log: Log
    stop: threading.Event

    def log_message(self, *args):
        pass

    def _answer(self, status: int, headers: dict[str, str] | None = None) -> None:
        body = b"" if self.command == "HEAD" else f"status {status}\n".encode()
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _route(self) -> None:
        with self.log.lock:
            self.log.hits.append(Hit(self.command, self.path, self.headers.get("User-Agent", ""), time.monotonic()))
            seen = self.log.count(self.path)
        path = self.path
        if path == "/slow":
            self.stop.wait(10)  # far past the test timeout; released when the server stops
            return self._answer(200)
        if path == "/flaky":
            return self._answer(503 if seen <= 2 else 200)  # HEAD and GET fail once, then all is well
        if path == "/retry-after":
            return self._answer(429, {"Retry-After": "0"}) if seen == 1 else self._answer(200)
        if path == "/no-head":
            return self._answer(405 if self.command == "HEAD" else 200)
        if path == "/moved":
            return self._answer(301, {"Location": "/ok"})
        statuses = {"/ok": 200, "/missing": 404, "/gone": 410, "/error": 500, "/forbidden": 403, "/limited": 429}
        return self._answer(statuses.get(path.split("?")[0], 404))

    do_GET = _route
    do_HEAD = _route


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # clients that time out close their end: not a test failure


@dataclass
class LinkServer:
    server: http.server.ThreadingHTTPServer
    url: str
    log: Log
    stop: threading.Event

    @property
    def port(self) -> int:
        return self.server.server_address[1]

    def close(self) -> None:
        self.stop.set()
        self.server.shutdown()
        self.server.server_close()


def start_link_server() -> LinkServer:
    log, stop = Log(), threading.Event()
    handler = type("Handler", (LinkHandler,), {"log": log, "stop": stop})
    server = _Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return LinkServer(server, f"http://127.0.0.1:{server.server_address[1]}", log, stop)


def make_site(destination: Path, ext_a: str, ext_b: str) -> Path:
    """Copy the fixture site, with the test servers' addresses in its outbound links."""
    shutil.copytree(FIXTURE_SITE, destination, ignore=shutil.ignore_patterns("README.md"))
    for page in destination.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        page.write_text(html.replace("__EXT_A__", ext_a).replace("__EXT_B__", ext_b), encoding="utf-8")
    return destination


def write_config(path: Path, **overrides: str) -> Path:
    """The project's linkcheckerrc with fast [beyond-detox] settings for tests."""
    parser = configparser.RawConfigParser()
    parser.read(LINKCHECKERRC, encoding="utf-8")
    for key, value in {**TEST_EXTERNAL, **overrides}.items():
        parser.set("beyond-detox", key, value)
    with path.open("w", encoding="utf-8") as handle:
        parser.write(handle)
    return path


def write_allowlist(path: Path, entries: list[dict]) -> Path:
    import yaml

    path.write_text(yaml.safe_dump({"hosts": entries}, sort_keys=False), encoding="utf-8")
    return path
