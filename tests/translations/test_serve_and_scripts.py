"""`make serve` serves both languages; every script answers --help."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

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


def test_serve_site_serves_english_and_spanish(site_dir):
    port = free_port()
    server = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "serve_site.py"), "--site", str(site_dir), "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(50):
            try:
                english = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).read().decode()
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("serve_site.py did not answer")
        spanish = urllib.request.urlopen(f"http://127.0.0.1:{port}/es/", timeout=2).read().decode()
        assert '<html lang="en"' in english and '<html lang="es"' in spanish
    finally:
        server.terminate()
        server.wait(timeout=10)
