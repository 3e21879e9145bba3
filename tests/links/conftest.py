"""Fixtures for the link-check tests: two link servers, the fixture site, fast settings."""
from __future__ import annotations

import pytest

from beyond_detox.links import load_settings

from .helpers import make_site, start_link_server, write_allowlist, write_config


@pytest.fixture(scope="module")
def servers():
    """Two real servers on 127.0.0.1: A is on the test allow-list (403 only), B is not."""
    a, b = start_link_server(), start_link_server()
    yield a, b
    a.close()
    b.close()


@pytest.fixture(scope="module")
def fixture_site(servers, tmp_path_factory):
    a, b = servers
    return make_site(tmp_path_factory.mktemp("links") / "site", a.url, b.url)


@pytest.fixture(scope="module")
def test_files(servers, tmp_path_factory):
    """(config, allowlist) files: fast timeouts, and server A's 403 allow-listed."""
    a, _ = servers
    folder = tmp_path_factory.mktemp("links-config")
    config = write_config(folder / "linkcheckerrc")
    allowlist = write_allowlist(folder / "allowlist.yml", [
        {"host": f"127.0.0.1:{a.port}", "answers": [403], "why": "test server A stands for a host that blocks bots"},
    ])
    return config, allowlist


@pytest.fixture(scope="module")
def settings(test_files):
    return load_settings(*test_files)
