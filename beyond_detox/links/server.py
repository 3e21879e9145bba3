"""Serve the built site on a free port of 127.0.0.1 for the length of a check.

LinkChecker mishandles MkDocs folder URLs (`page/` meaning `page/index.html`) over file://, so the
check runs over HTTP, like a reader's browser. The server answers with a `LinkChecker` header:
LinkChecker then lifts its per-host throttle for this host (it waits 0.1-0.6 s between requests
to a host otherwise), which is safe because the host is our own server on the loopback interface.
"""
from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

from .model import CheckCouldNotRun


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # the check reports problems itself
        pass

    def end_headers(self):
        self.send_header("LinkChecker", "unthrottled: local build of the site")
        super().end_headers()


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # LinkChecker may close a connection before a file is sent in full (it reads only what it
        # needs): that BrokenPipeError is normal and says nothing about the site.
        pass


@contextlib.contextmanager
def serve(site_dir: Path) -> Iterator[str]:
    """Serve `site_dir`; yields the base URL, ending in "/"."""
    handler = functools.partial(_Handler, directory=str(site_dir))
    try:
        server = _Server(("127.0.0.1", 0), handler)
    except OSError as exc:
        raise CheckCouldNotRun(f"cannot start a local web server on 127.0.0.1: {exc}") from exc
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="site-server",
                              daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
