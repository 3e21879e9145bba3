"""The FindTreatment.gov importer, with fixture exports built from the documented fields and a real
server on 127.0.0.1 for --url (the machine has no internet)."""
from __future__ import annotations

import json
import os
import signal
import subprocess

import pytest

from beyond_detox.resources.cli import main
from beyond_detox.resources.import_findtreatment import facility_key
from beyond_detox.resources.validate import check_files
from beyond_detox.yamlio import dump, parse

from .helpers import FIXTURES, PYTHON, ROOT, SCRIPT, export_page, load_fixture, snapshot, write

AREA = "bay-county-fl"


def run(tmp_path, *args, today="2026-11-27"):
    return main(["import-findtreatment", "--area", AREA, "--data-dir", str(tmp_path), "--today", today, *args])


def area_file(tmp_path):
    return tmp_path / "local" / f"{AREA}.yml"


def services(tmp_path) -> dict[str, dict]:
    data = parse(area_file(tmp_path).read_text()).data
    return {svc["name"]: svc for org in data["organizations"] for svc in org["services"]}


def test_first_import_keeps_moud_and_co_occurring_merges_sa_and_mh(tmp_path, capsys):
    code = run(tmp_path, "--input", str(FIXTURES / "findtreatment_bay.json"), "--name", "Bay County, Florida")
    out = capsys.readouterr().out
    assert code == 0
    assert "4 added, 0 changed, 0 removed, 0 unchanged (7 rows read)" in out
    found = services(tmp_path)
    assert set(found) == {"Example Recovery Services", "Example Opioid Treatment Program",
                          "Example Behavioral Health: Adult Services", "Example Telehealth Recovery"}
    # Left out: no medication and no co-occurring care; methadone only for pain management.
    assert "Example Counseling Center" not in out and "Example Pain Clinic" not in out
    merged = found["Example Recovery Services"]
    assert merged["imported"]["facility_types"] == ["SA", "MH"]
    assert merged["imported"]["offers"] == ["Buprenorphine", "Treats co-occurring mental health and substance use conditions"]
    assert merged["categories"] == ["treatment", "moud"]
    assert merged["phones"] == [
        {"number": "+18505550101", "display": "(850) 555-0101", "type": "voice"},
        {"number": "+18505550102", "display": "(850) 555-0102 ext. 12", "type": "voice", "extension": "12", "description": "Intake"},
    ]
    assert merged["url"] == "https://www.example.org/recovery"  # http upgraded; verify flags it if https fails
    assert merged["location"]["address_2"] == "Suite 2" and merged["location"]["postal_code"] == "32401"
    assert found["Example Opioid Treatment Program"]["url"] == "https://example.net/otp"
    # An unusable phone is skipped, the usable intake line kept.
    assert [p["number"] for p in found["Example Telehealth Recovery"]["phones"]] == ["+18505550150"]
    assert "url" not in found["Example Telehealth Recovery"]
    data = parse(area_file(tmp_path).read_text()).data
    assert data["imported"]["state"] == "FL" and data["imported"]["record_count"] == 4
    assert "CBHSQ/findtreatment" in data["imported"]["format_note"] and "not an official guide" in data["imported"]["format_note"]
    assert "&id" not in area_file(tmp_path).read_text()
    _, problems = check_files([area_file(tmp_path)])
    assert problems == []


def test_keys_are_stable_across_answers():
    first = load_fixture("findtreatment_bay.json")["rows"]
    second = load_fixture("findtreatment_bay_update.json")["rows"]
    keys = lambda rows: {r["name1"]: facility_key(r) for r in rows}  # noqa: E731
    a, b = keys(first), keys(second)
    assert all(a[name] == b[name] for name in a if name in b)
    bh = lambda rows: next(r for r in rows if r["name1"] == "Example Behavioral Health")  # noqa: E731
    assert bh(first)["_irow"] != bh(second)["_irow"]  # _irow changes with every answer...
    assert facility_key(bh(first)) == facility_key(bh(second))  # ...the key does not
    # SA and MH rows of one facility share a key even when ZIP+4 and street2 differ.
    assert facility_key(first[0]) == facility_key(first[1])


def test_next_import_adds_changes_removes_and_keeps_a_persons_edits(tmp_path, capsys):
    assert run(tmp_path, "--input", str(FIXTURES / "findtreatment_bay.json"), "--name", "Bay County, Florida") == 0
    capsys.readouterr()
    # An editor corrects one listing's name and adds its hours.
    data = parse(area_file(tmp_path).read_text()).data
    for org in data["organizations"]:
        for svc in org["services"]:
            if svc["name"] == "Example Behavioral Health: Adult Services":
                svc["name"] = "Example Behavioral Health (adult services)"
                svc["hours"] = "Monday to Friday"
    write(area_file(tmp_path), dump(data))
    ids_before = {name: svc["id"] for name, svc in services(tmp_path).items()}

    code = run(tmp_path, "--input", str(FIXTURES / "findtreatment_bay_update.json"), today="2026-12-04")
    out = capsys.readouterr().out
    assert code == 0
    assert "1 added, 2 changed, 1 removed, 1 unchanged" in out
    assert "added: Example New Clinic" in out
    assert "removed: Example Opioid Treatment Program" in out
    assert "changed: Example Recovery Services" in out
    found = services(tmp_path)
    edited = found["Example Behavioral Health (adult services)"]  # the person's name is kept
    assert edited["hours"] == "Monday to Friday"
    assert edited["url"] == "https://www.bh.example.com/adults"  # not edited: updated
    assert edited["imported"]["original"]["name"] == "Example Behavioral Health: Adult Services"
    assert found["Example Recovery Services"]["phones"][0]["number"] == "+18505550103"
    assert found["Example Recovery Services"]["imported"]["first_imported"] == "2026-11-27"
    assert found["Example Recovery Services"]["imported"]["last_imported"] == "2026-12-04"
    assert found["Example Recovery Services"]["id"] == ids_before["Example Recovery Services"]
    assert "Example Opioid Treatment Program" not in found

    # The same answer again changes nothing, and the person's edit survives again.
    capsys.readouterr()
    assert run(tmp_path, "--input", str(FIXTURES / "findtreatment_bay_update.json"), today="2026-12-04") == 0
    assert "0 added, 0 changed, 0 removed, 4 unchanged" in capsys.readouterr().out
    assert "Example Behavioral Health (adult services)" in services(tmp_path)


def test_an_empty_answer_does_not_wipe_existing_listings(tmp_path, capsys):
    assert run(tmp_path, "--input", str(FIXTURES / "findtreatment_bay.json")) == 0
    empty = write(tmp_path / "empty.json", json.dumps(export_page([])))
    before = snapshot(tmp_path)
    code = run(tmp_path, "--input", str(empty))
    err = capsys.readouterr().err
    assert code == 1
    assert "the answer has no rows, but" in err and "lists 4" in err and "nothing written" in err
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("document, words", [
    ({"page": 1, "results": []}, "no 'rows' list"),
    ({"rows": [{"name1": "X", "city": "Y", "state": "FL", "zip": "32401"}]}, "row 1 has no 'street1'"),
    ({"rows": "none"}, "no 'rows' list"),
    ({"totalPages": "two", "rows": []}, "'totalPages' should be a number"),
    (["not", "pages"], "the answer must be a JSON object"),
])
def test_unexpected_shape_is_one_clear_error_and_nothing_written(tmp_path, capsys, document, words):
    bad = write(tmp_path / "bad.json", json.dumps(document))
    before = snapshot(tmp_path)
    assert run(tmp_path, "--input", str(bad)) == 1
    err = capsys.readouterr().err
    assert err.count("error:") == 1 and words in err and str(bad) in err and "nothing written" in err
    assert snapshot(tmp_path) == before


def test_a_file_that_is_not_json_names_its_line(tmp_path, capsys):
    bad = write(tmp_path / "bad.json", '{"rows": [\n  {"name1": "x",\n  oops\n]}\n')
    assert run(tmp_path, "--input", str(bad)) == 1
    err = capsys.readouterr().err
    assert f"{bad}:3: json: not valid JSON" in err
    assert not (tmp_path / "local").exists()


def _serve_export(server, answer):
    def handler(request):
        status, content_type, body = answer(request)
        request.send_response(status)
        request.send_header("Content-Type", content_type)
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)
    server.export_handler = handler


def test_url_import_fetches_every_page(link_server, tmp_path, capsys):
    server, base = link_server
    rows = load_fixture("findtreatment_bay.json")["rows"]
    pages = {1: rows[:4], 2: rows[4:]}

    def answer(request):
        page = int(dict(p.split("=") for p in request.path.split("?")[1].split("&")).get("page", 1))
        return 200, "application/json", json.dumps(export_page(pages[page], page=page, total_pages=2)).encode()

    _serve_export(server, answer)
    url = f"{base}/export/locator/exportsAsJson/v2?sAddr=30.16,-85.66&limitType=2&limitValue=40233&sType=both&pageSize=4&page=1"
    assert run(tmp_path, "--url", url, "--delay", "0") == 0
    assert "4 added" in capsys.readouterr().out
    assert server.state["hits"]["/export/locator/exportsAsJson/v2"] == 2
    agent = next(iter(server.state["agents"]))
    assert agent.startswith("BeyondDetox-resource-import/")


@pytest.mark.parametrize("status, content_type, body, words", [
    (500, "text/plain", b"oops", "HTTP 500"),
    (404, "text/plain", b"no", "HTTP 404"),
    (200, "text/plain", b"Invalid parameter: sAddr", "the answer was not JSON"),
    (200, "application/json", b'{"page": 1}', "no 'rows' list"),
])
def test_url_errors_write_nothing(link_server, tmp_path, capsys, status, content_type, body, words):
    server, base = link_server
    assert run(tmp_path, "--input", str(FIXTURES / "findtreatment_bay.json")) == 0
    capsys.readouterr()
    _serve_export(server, lambda request: (status, content_type, body))
    before = snapshot(tmp_path)
    assert run(tmp_path, "--url", f"{base}/export?page=1", "--delay", "0") == 1
    err = capsys.readouterr().err
    assert words in err and "nothing written" in err
    assert snapshot(tmp_path) == before


def test_dry_run_writes_nothing(tmp_path, capsys):
    assert run(tmp_path, "--input", str(FIXTURES / "findtreatment_bay.json"), "--dry-run") == 0
    assert "4 added" in capsys.readouterr().out
    assert not area_file(tmp_path).exists()


def test_bad_usage_exits_2(tmp_path, capsys):
    assert main(["import-findtreatment", "--area", "Bay County", "--input", str(FIXTURES / "findtreatment_bay.json")]) == 2
    with pytest.raises(SystemExit) as exit_:
        main(["import-findtreatment", "--area", AREA])  # neither --input nor --url
    assert exit_.value.code == 2
    with pytest.raises(SystemExit) as exit_:
        main(["import-findtreatment", "--area", AREA, "--input", "a.json", "--url", "https://x.example"])
    assert exit_.value.code == 2


def test_a_run_killed_before_the_rename_leaves_the_previous_file_intact(tmp_path):
    """Kill the process at the worst moment: the new file is complete on disk, not yet renamed."""
    assert run(tmp_path, "--input", str(FIXTURES / "findtreatment_bay.json")) == 0
    previous = area_file(tmp_path).read_bytes()
    env = {**os.environ, "BEYOND_DETOX_PAUSE_BEFORE_RENAME": "30"}
    proc = subprocess.Popen([PYTHON, str(SCRIPT), "import-findtreatment", "--area", AREA, "--data-dir", str(tmp_path),
                             "--input", str(FIXTURES / "findtreatment_bay_update.json")],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stderr.readline()
        assert line.startswith("paused before rename:"), line
        temporary = [p for p in area_file(tmp_path).parent.iterdir() if p.name.endswith(".tmp")]
        assert len(temporary) == 1 and "Example New Clinic" in temporary[0].read_text()
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    assert area_file(tmp_path).read_bytes() == previous
    _, problems = check_files([area_file(tmp_path)])
    assert problems == []
    # The leftover temporary file is never read as data, and the next run succeeds.
    assert all(p.suffix == ".yml" for p in (tmp_path / "local").glob("*.yml"))
    assert run(tmp_path, "--input", str(FIXTURES / "findtreatment_bay_update.json")) == 0
    assert "Example New Clinic" in area_file(tmp_path).read_text()
