"""Fixtures for the resource directory tests (helpers.py has the server and the sample data)."""
from __future__ import annotations

import pytest

from .helpers import start_server


@pytest.fixture
def link_server():
    """A real HTTP server on 127.0.0.1 (see helpers.LinkHandler for its routes)."""
    server, url = start_server()
    yield server, url
    server.shutdown()
    server.server_close()
