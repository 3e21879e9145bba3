"""`verify` against a real server on 127.0.0.1: every kind of answer is classified correctly, the
report says so, results go to the status file (never the YAML), and nothing is dialled."""
from __future__ import annotations

import datetime as dt
import json
import subprocess

from beyond_detox.resources.verify import Checker, verify

from .helpers import PYTHON, ROOT, SCRIPT, TODAY, closed_port, snapshot, write


def data_file(urls: dict[str, str], assured: str = "2026-06-01") -> str:
    lines = ["area: checks", "name: Checks", "coverage: Tests", "organizations:", "  - id: org", "    name: Org", "    services:"]
    for ident, url in urls.items():
        lines += [f"      - id: {ident}", f"        name: Service {ident}", "        status: active", "        categories: [crisis]",
                  "        description: A service for the link check.", f"        url: {url}", f"        assured_date: {assured}",
                  f"        source: {url}", "        source_note: test"]
    return "\n".join(lines) + "\n"


def run_checker(urls, **options):
    options = {"timeout": 0.6, "retries": 0, "backoff": 0.01, **options}
    return Checker(**options).run_sync(urls)


def test_every_kind_of_answer_is_classified(link_server, tmp_path):
    server, base = link_server
    server.state["hang"] = 3.0
    urls = {
        "ok": f"{base}/ok",
        "moved": f"{base}/moved",
        "moved308": f"{base}/moved308",
        "found": f"{base}/found",
        "notfound": f"{base}/notfound",
        "gone": f"{base}/gone",
        "error": f"{base}/error",
        "hang": f"{base}/hang",
        "refused": f"http://127.0.0.1:{closed_port()}/",
        "loop": f"{base}/loop-a",
        "dns": "http://nonexistent.invalid/",
        "tls": base.replace("http://", "https://") + "/ok",
        "moved-to-404": f"{base}/moved-to-404",
    }
    results = run_checker(list(urls.values()))
    outcome = {name: results[url].outcome for name, url in urls.items()}
    assert outcome == {
        "ok": "ok",
        "moved": "redirect-permanent",
        "moved308": "redirect-permanent",
        "found": "redirect-temporary",
        "notfound": "client-error",
        "gone": "client-error",
        "error": "server-error",
        "hang": "timeout",
        "refused": "connection-error",
        "loop": "redirect-loop",
        "dns": "dns-error",
        "tls": "tls-error",
        "moved-to-404": "client-error",
    }
    assert results[urls["moved"]].final_url == f"{base}/ok"
    assert results[urls["notfound"]].http_status == 404
    assert "(gone)" in results[urls["gone"]].detail
    assert results[urls["error"]].http_status == 500
    assert "refused" in results[urls["refused"]].detail
    assert "after redirect to" in results[urls["moved-to-404"]].detail


def test_the_report_and_status_file_say_so(link_server, tmp_path):
    server, base = link_server
    data = write(tmp_path / "checks.yml", data_file({
        "good": f"{base}/ok", "moved": f"{base}/moved", "missing": f"{base}/notfound", "broken": f"{base}/error",
        "refused": f"http://127.0.0.1:{closed_port()}/x",
    }))
    due = write(tmp_path / "old.yml", data_file({"old": f"{base}/ok"}, assured="2025-09-01").replace("area: checks", "area: old")
                .replace("id: org", "id: org-old"))
    hidden = write(tmp_path / "older.yml", data_file({"older": f"{base}/ok"}, assured="2025-03-01").replace("area: checks", "area: older")
                   .replace("id: org", "id: org-older"))
    status = tmp_path / "status" / "links.json"
    report = tmp_path / "report.md"
    before = {p: p.read_bytes() for p in (data, due, hidden)}
    outcome = verify([data, due, hidden], status_file=status, report_file=report, today=TODAY, timeout=0.6, retries=0, backoff=0.01)
    assert {p: p.read_bytes() for p in (data, due, hidden)} == before  # never the YAML
    text = report.read_text()
    assert outcome.problem_found
    broken_section = text.split("## Broken links")[1].split("## Permanent")[0]
    assert f"{base}/notfound" in broken_section and "client error: HTTP 404" in broken_section
    assert f"{base}/error" in broken_section and "server error: HTTP 500" in broken_section
    assert "connection failed: connection refused" in broken_section
    assert f"{base}/ok" not in broken_section
    moved_section = text.split("## Permanent redirects to adopt")[1].split("## Due")[0]
    assert f"| {base}/moved | {base}/ok |" in moved_section
    due_section = text.split("## Due for re-confirmation")[1].split("## Hidden")[0]
    assert "`old`" in due_section and "2025-09-01" in due_section and "`older`" not in due_section
    hidden_section = text.split("## Hidden from the site")[1]
    assert "`older`" in hidden_section and "2025-03-01" in hidden_section
    assert "never dialled" in text
    saved = json.loads(status.read_text())
    assert saved["links"][f"{base}/notfound"]["outcome"] == "client-error"
    assert saved["links"][f"{base}/moved"]["final_url"] == f"{base}/ok"
    assert saved["links"][f"{base}/ok"]["consecutive_failures"] == 0
    assert saved["links"][f"{base}/error"]["consecutive_failures"] == 1
    assert "never changes assured_date" in saved["note"]
    assert f"{data}:" in saved["links"][f"{base}/notfound"]["uses"][0]
    # A second run counts consecutive failures and keeps when a link last answered.
    verify([data], status_file=status, report_file=None, today=TODAY + dt.timedelta(days=7), timeout=0.6, retries=0, backoff=0.01)
    again = json.loads(status.read_text())
    assert again["links"][f"{base}/error"]["consecutive_failures"] == 2
    assert again["links"][f"{base}/ok"]["last_ok"] == (TODAY + dt.timedelta(days=7)).isoformat()


def test_retries_with_backoff_then_succeeds(link_server):
    server, base = link_server
    results = run_checker([f"{base}/flaky"], retries=2)
    result = results[f"{base}/flaky"]
    assert result.outcome == "ok" and result.attempts == 3
    assert server.state["hits"]["/flaky"] == 3


def test_no_retry_on_a_client_error(link_server):
    server, base = link_server
    results = run_checker([f"{base}/notfound"], retries=3)
    assert results[f"{base}/notfound"].attempts == 1 and server.state["hits"]["/notfound"] == 1


def test_per_host_limit_and_honest_user_agent(link_server):
    server, base = link_server
    urls = [f"{base}/slow/{i}" for i in range(8)]
    results = run_checker(urls, concurrency=8, per_host=2, timeout=5)
    assert all(r.outcome == "ok" for r in results.values())
    assert server.state["max_active"] <= 2
    agent = next(iter(server.state["agents"]))
    assert agent.startswith("BeyondDetox-link-check/") and "never dials numbers" in agent


def test_phone_numbers_are_never_requested(link_server, tmp_path):
    server, base = link_server
    text = data_file({"line": f"{base}/ok"}).replace("        url:", '        phones:\n          - number: "988"\n            display: "988"\n        url:')
    data = write(tmp_path / "checks.yml", text)
    outcome = verify([data], status_file=tmp_path / "s.json", today=TODAY, timeout=1, retries=0)
    assert set(outcome.results) == {f"{base}/ok"}
    assert not any("988" in url for url in outcome.results)


def test_cli_exit_codes_and_quiet_output(link_server, tmp_path):
    server, base = link_server
    good = write(tmp_path / "good.yml", data_file({"good": f"{base}/ok"}))
    bad = write(tmp_path / "bad.yml", data_file({"bad": f"{base}/gone"}))
    status = tmp_path / "status.json"
    common = ["--timeout", "1", "--retries", "0", "--as-of", "2026-11-27", "--status-file", str(status)]
    ok = subprocess.run([PYTHON, str(SCRIPT), "verify", str(good), *common, "--report", str(tmp_path / "r.md")],
                        cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert ok.stdout == "" and ok.stderr == ""  # no progress when not on a terminal
    broken = subprocess.run([PYTHON, str(SCRIPT), "verify", str(bad), *common], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert broken.returncode == 1
    assert "client error: HTTP 410 (gone)" in broken.stdout  # the report, printed
    usage = subprocess.run([PYTHON, str(SCRIPT), "verify", "--concurrency", "0"], cwd=ROOT, capture_output=True, text=True)
    assert usage.returncode == 2


def test_a_killed_verify_leaves_the_status_file_as_it_was(link_server, tmp_path):
    """The status file is written once, atomically, after every check: kill the run mid-way."""
    import os
    import signal
    import time

    server, base = link_server
    server.state["hang"] = 30
    data = write(tmp_path / "checks.yml", data_file({"good": f"{base}/ok", "slow": f"{base}/hang"}))
    status = write(tmp_path / "status.json", '{"links": {}, "note": "previous run"}\n')
    before = snapshot(tmp_path)
    proc = subprocess.Popen([PYTHON, str(SCRIPT), "verify", str(data), "--timeout", "20", "--retries", "0", "--status-file", str(status)],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while "/hang" not in server.state["hits"] and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "/hang" in server.state["hits"], "the run never reached the slow link"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    assert snapshot(tmp_path) == before
