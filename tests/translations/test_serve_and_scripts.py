"""`make serve` serves both languages; every script answers --help."""
from __future__ import annotations

import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from beyond_detox.paths import ROOT

SCRIPTS = sorted((ROOT / "scripts").glob("*.py"))


@pytest.mark.parametrize("script", SCRIPTS, ids=[s.name for s in SCRIPTS])
def test_every_script_answers_help(script):
    done = subprocess.run([sys.executable, str(script), "--help"], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 0 and "usage" in done.stdout.lower(), done.stderr


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(site: Path):
    """scripts/serve_site.py on a free port: (process, base URL, what it printed before serving)."""
    port = free_port()
    server = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "serve_site.py"), "--site", str(site), "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    printed = []
    for line in server.stdout:  # it prints "Serving ..." once it listens
        printed.append(line)
        if line.startswith("Serving"):
            break
    else:
        server.wait(timeout=10)
        pytest.fail(f"serve_site.py did not start: {server.stderr.read()}")
    return server, f"http://127.0.0.1:{port}", "".join(printed)


def stop(server):
    server.terminate()
    server.wait(timeout=10)


def test_serve_site_serves_english_and_spanish(site_dir):
    server, base, printed = start_server(site_dir)
    try:
        english = urllib.request.urlopen(f"{base}/", timeout=5).read().decode()
        spanish = urllib.request.urlopen(f"{base}/es/", timeout=5).read().decode()
        assert '<html lang="en"' in english and '<html lang="es"' in spanish
        # `make test` prints the handouts before the tests: then the server has nothing to warn about.
        assert (site_dir / "handouts" / "after-detox.pdf").is_file()
        assert "No PDF handouts" not in printed
    finally:
        stop(server)


def test_serve_site_says_when_the_handouts_were_not_printed(tmp_path):
    (tmp_path / "index.html").write_text('<html lang="en"><a href="handouts/after-detox.pdf">Sheet</a></html>')
    server, _base, printed = start_server(tmp_path)
    stop(server)
    assert "No PDF handouts" in printed and "make handouts" in printed
