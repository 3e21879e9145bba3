"""Helpers for the resource directory tests: a real HTTP server on 127.0.0.1 that answers every
way a link can answer, a valid data file to break, and small file utilities."""
from __future__ import annotations

import datetime as dt
import http.server
import json
import socket
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
SCRIPT = ROOT / "scripts" / "update_resources.py"
PYTHON = sys.executable
TODAY = dt.date(2026, 11, 27)

VALID = """\
area: testland
name: Testland
coverage: Testland
organizations:
  - id: test-org
    name: Test Organization
    url: https://example.org/
    services:
      - id: test-line
        name: Test Line
        status: active
        categories: [crisis]
        description: A test help line for the validator.
        phones:
          - number: "+18006624357"
            display: 1-800-662-4357
            type: voice
            languages: [en]
        hours: Always
        languages: [en]
        cost: Free
        url: https://example.org/line
        assured_date: 2026-01-15
        source: https://example.org/line
        source_note: Confirmed in a test.
        last_modified: 2026-01-15
"""


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line number of the nth line containing needle."""
    found = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            found += 1
            if found == occurrence:
                return number
    raise AssertionError(f"{needle!r} not in text")


class LinkHandler(http.server.BaseHTTPRequestHandler):
    """Answers by path: /ok 200, /moved 301, /moved308 308, /found 302, /notfound 404, /gone 410,
    /error 500, /hang (sleeps past any test timeout), /loop-a <-> /loop-b, /flaky (500 twice,
    then 200), /slow (200 after 0.2 s; counts requests at once), /page/N (200)."""

    protocol_version = "HTTP/1.1"
    server_version = "LinkTest/1.0"

    def log_message(self, *args):
        pass

    def _send(self, status: int, location: str | None = None, body: bytes = b"ok"):
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # noqa: N802
        state = self.server.state
        path = self.path.split("?")[0]
        with state["lock"]:
            state["hits"][path] = state["hits"].get(path, 0) + 1
            state["agents"].add(self.headers.get("User-Agent", ""))
            hits = state["hits"][path]
        routes = {"/ok": (200, None), "/moved": (301, "/ok"), "/moved308": (308, "/ok"), "/found": (302, "/ok"),
                  "/notfound": (404, None), "/gone": (410, None), "/error": (500, None),
                  "/loop-a": (301, "/loop-b"), "/loop-b": (301, "/loop-a"), "/moved-to-404": (301, "/notfound")}
        if path in routes:
            status, location = routes[path]
            return self._send(status, location)
        if path == "/hang":
            time.sleep(state.get("hang", 3.0))
            return self._send(200)
        if path == "/flaky":
            return self._send(500 if hits <= 2 else 200)
        if path.startswith("/slow"):
            with state["lock"]:
                state["active"] += 1
                state["max_active"] = max(state["max_active"], state["active"])
            time.sleep(0.2)
            with state["lock"]:
                state["active"] -= 1
            return self._send(200)
        if path.startswith("/page/") or path.startswith("/bench/"):
            return self._send(200)
        if path.startswith("/export"):
            return self.server.export_handler(self)
        return self._send(404)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def start_server(export_handler=None):
    server = _Server(("127.0.0.1", 0), LinkHandler)
    server.state = {"lock": threading.Lock(), "hits": {}, "agents": set(), "active": 0, "max_active": 0}
    server.export_handler = export_handler or (lambda handler: handler._send(404))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens (connection refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under folder with its bytes and mtime: to prove nothing changed."""
    return {str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.rglob("*")) if p.is_file()}


def export_page(rows, page=1, total_pages=1, page_size=100) -> dict:
    return {"page": page, "pageSize": page_size, "totalPages": total_pages, "recordCount": len(rows), "rows": rows}


def load_fixture(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))
