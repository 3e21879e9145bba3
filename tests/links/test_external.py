"""The polite external check, against real servers on 127.0.0.1 (no mocks of HTTP)."""
from __future__ import annotations

import dataclasses
import http.server
import shutil
import socket
import ssl
import subprocess
import threading

import pytest

from beyond_detox.links import CheckCouldNotRun, check_site
from beyond_detox.links.external import GoodAnswerCache, check_external
from beyond_detox.links.settings import AllowEntry, AllowList

from .helpers import start_link_server


@pytest.fixture
def server():
    s = start_link_server()
    yield s
    s.close()


def ext(settings, **changes):
    return dataclasses.replace(settings.external, **changes)


def test_honest_user_agent_on_every_request(server, settings):
    check_external([server.url + "/ok", server.url + "/missing"], settings.external, AllowList())
    agents = {hit.user_agent for hit in server.log.hits}
    assert agents == {settings.external.user_agent}
    assert agents.pop().startswith("BeyondDetoxLinkCheck/")


def test_contact_address_is_added_to_the_user_agent(monkeypatch, test_files):
    from beyond_detox.links import load_settings

    monkeypatch.setenv("BD_LINKS_CONTACT", "https://github.com/example/beyond-detox")
    assert load_settings(*test_files).external.user_agent.endswith("(+https://github.com/example/beyond-detox)")


def test_requests_to_one_host_are_spaced_and_never_overlap(server, settings):
    urls = [f"{server.url}/ok?{n}" for n in range(6)]
    check_external(urls, ext(settings, per_host_interval=0.3, concurrency=4), AllowList())
    starts = sorted(hit.at for hit in server.log.hits)
    assert len(starts) == 6
    gaps = [later - earlier for earlier, later in zip(starts, starts[1:])]
    # The interval counts from the end of one request (the client has its answer, so the server logged
    # the hit before) to the start of the next: a gap where the server receives them is never shorter,
    # however busy the machine. Without spacing, concurrent requests would arrive together (gaps near 0).
    assert min(gaps) >= 0.3 - 0.005, gaps
    assert starts[-1] - starts[0] >= 5 * 0.3 - 0.05, gaps


def test_retries_with_backoff_after_503(server, settings):
    answers, requests = check_external([server.url + "/flaky"], settings.external, AllowList())
    answer = answers[server.url + "/flaky"]
    assert answer.severity is None and answer.tries == 2
    assert requests == 3  # HEAD 503, GET 503, then GET 200 after the backoff


def test_retry_after_is_honoured_for_429(server, settings):
    answers, _ = check_external([server.url + "/retry-after"], settings.external, AllowList())
    assert answers[server.url + "/retry-after"].severity is None


def test_429_from_a_host_not_on_the_list_is_an_error_after_retries(server, settings):
    answers, _ = check_external([server.url + "/limited"], settings.external, AllowList())
    answer = answers[server.url + "/limited"]
    assert answer.severity == "error" and answer.reason.startswith("429 Too Many Requests")
    assert server.log.count("/limited") == 2  # one retry, no HEAD->GET switch for 429


def test_429_from_an_allow_listed_host_is_a_warning(server, settings):
    allow = AllowList((AllowEntry(f"127.0.0.1:{server.port}", frozenset({429}), "test"),))
    answers, _ = check_external([server.url + "/limited"], settings.external, allow)
    assert answers[server.url + "/limited"].severity == "warning"


def test_allow_list_never_excuses_404_or_410(server, settings):
    allow = AllowList((AllowEntry(f"127.0.0.1:{server.port}", frozenset({403, 429}), "test"),))
    answers, _ = check_external([server.url + "/missing", server.url + "/gone"], settings.external, allow)
    assert {a.severity for a in answers.values()} == {"error"}


def test_head_refused_falls_back_to_get(server, settings):
    answers, _ = check_external([server.url + "/no-head"], settings.external, AllowList())
    assert answers[server.url + "/no-head"].severity is None
    assert server.log.count("/no-head", "HEAD") == 1 and server.log.count("/no-head", "GET") == 1


def test_cache_makes_a_rerun_ask_only_about_new_and_failing_links(server, settings, tmp_path):
    path = tmp_path / ".cache" / "links.json"
    urls = [server.url + "/ok", server.url + "/moved", server.url + "/missing"]
    cache = GoodAnswerCache(path, 7)
    check_external(urls, settings.external, AllowList(), cache)
    cache.save()
    assert oct(path.stat().st_mode & 0o777) != "0o600"  # readable like any other file, not a tempfile's 0600
    before = len(server.log.hits)
    answers, requests = check_external(urls, settings.external, AllowList(), GoodAnswerCache(path, 7))
    assert answers[server.url + "/ok"].from_cache and answers[server.url + "/moved"].from_cache
    assert answers[server.url + "/missing"].severity == "error"
    assert requests == 2 and len(server.log.hits) - before == 2  # HEAD and GET of /missing only


def test_cache_entries_expire(server, settings, tmp_path):
    path = tmp_path / "links.json"
    now = [1_000_000.0]
    cache = GoodAnswerCache(path, 7, clock=lambda: now[0])
    check_external([server.url + "/ok"], settings.external, AllowList(), cache)
    cache.save()
    now[0] += 8 * 86400
    answers, requests = check_external([server.url + "/ok"], settings.external, AllowList(),
                                       GoodAnswerCache(path, 7, clock=lambda: now[0]))
    assert not answers[server.url + "/ok"].from_cache and requests == 1


def test_damaged_cache_is_ignored(server, settings, tmp_path):
    path = tmp_path / "links.json"
    path.write_text("{not json", encoding="utf-8")
    answers, _ = check_external([server.url + "/ok"], settings.external, AllowList(), GoodAnswerCache(path, 7))
    assert answers[server.url + "/ok"].severity is None


def test_dns_failure_is_an_error(settings):
    answers, _ = check_external(["http://no-such-host.invalid/"], ext(settings, retries=0), AllowList())
    answer = answers["http://no-such-host.invalid/"]
    assert answer.severity == "error" and answer.reason.startswith("DNS:")


@pytest.fixture
def tls_server(tmp_path):
    """An HTTPS server on 127.0.0.1 with a self-signed certificate (generated by openssl)."""
    if not shutil.which("openssl"):
        pytest.fail("openssl is needed to make a test certificate: apt-get install -y openssl")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                    "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    httpd.handle_error = lambda *args: None
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield f"https://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


def test_tls_failure_is_an_error(tls_server, settings):
    answers, _ = check_external([tls_server], settings.external, AllowList())
    answer = answers[tls_server]
    assert answer.severity == "error" and answer.reason.startswith("TLS:"), answer.reason
    assert answer.tries == 1  # a bad certificate is not retried


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_no_host_answering_means_the_check_could_not_run(tmp_path, settings):
    site = tmp_path / "site"
    site.mkdir()
    links = "".join(f'<a href="http://127.0.0.1:{_closed_port()}/p{n}">x</a>' for n in range(3))
    (site / "index.html").write_text(f"<!doctype html><title>t</title>{links}", encoding="utf-8")
    offline = dataclasses.replace(settings, external=ext(settings, retries=0))
    with pytest.raises(CheckCouldNotRun, match="offline"):
        check_site(site, offline, external=True, cache_file=None)
