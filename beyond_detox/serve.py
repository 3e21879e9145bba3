"""A real HTTP server on 127.0.0.1 for a built site: `make serve` (scripts/serve_site.py), the
tests and their fixtures use this one. Optional extra headers (the site's own security headers,
as a static host would send them)."""
from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    extra_headers: dict[str, str] = {}

    def end_headers(self):
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, *args):  # one line per request is noise in tests and on a terminal
        pass


def serve_directory(directory: Path | str, port: int = 0, headers: dict[str, str] | None = None):
    """Serve a folder on 127.0.0.1 (a free port by default) in a background thread; returns
    (server, base_url). Stop it with server.shutdown(); server.server_close()."""
    handler = type("Handler", (QuietHandler,), {"extra_headers": dict(headers or {})})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"
