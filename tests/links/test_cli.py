"""scripts/check_links.py: output, report files, exit statuses 0, 1 and 2."""
from __future__ import annotations

import csv
import os
import subprocess
import sys

import pytest

from beyond_detox.links.cli import main
from beyond_detox.paths import ROOT

from .helpers import write_allowlist, write_config

SCRIPT = ROOT / "scripts" / "check_links.py"


@pytest.fixture
def clean_site(tmp_path):
    site = tmp_path / "clean"
    (site / "next").mkdir(parents=True)
    (site / "index.html").write_text('<!doctype html><title>Home</title><h1 id="a">A</h1>'
                                     '<a href="next/">Next</a> <a href="next/#b">B</a> <a href="#a">A</a>',
                                     encoding="utf-8")
    (site / "next" / "index.html").write_text('<!doctype html><title>Next</title><h2 id="b">B</h2>'
                                              '<a href="../">Home</a>', encoding="utf-8")
    return site


def run(args, test_files):
    config, allowlist = test_files
    return main([*map(str, args), "--config", str(config), "--allowlist", str(allowlist), "--no-cache"])


def test_clean_site_exits_0(clean_site, test_files, capsys):
    assert run(["--site", clean_site], test_files) == 0
    out = capsys.readouterr()
    assert "no broken links" in out.out
    assert out.err == ""  # no progress line when not on a terminal


def test_broken_links_exit_1_with_one_line_per_link_grouped_by_page(fixture_site, test_files, capsys, tmp_path):
    report, table = tmp_path / "out" / "links.md", tmp_path / "out" / "links.csv"
    assert run(["--site", fixture_site, "--report", report, "--csv", table], test_files) == 1
    out = capsys.readouterr().out
    assert "/ -> missing-page/: page not found (404)" in out
    assert "/guide/ -> ../missing-page/: page not found (404)" in out
    assert "/ -> guide/#no-such-section: no section #no-such-section on /guide/" in out
    assert "/ -> img/missing.png: image not found (404)" in out
    assert "/old-page/ -> ../renamed-page/: page not found (404)" in out
    assert out.index("# /\n") < out.index("# /guide/\n") < out.index("# /old-page/\n")
    assert out.rstrip().splitlines()[-1].startswith("Checked 6 pages")
    assert "5 broken links on 3 pages" in out

    markdown = report.read_text(encoding="utf-8")
    assert markdown.startswith("# Link check report")
    assert "| `missing-page/` | page not found (404)" in markdown
    rows = list(csv.DictReader(table.open(encoding="utf-8")))
    assert {r["link"] for r in rows} >= {"missing-page/", "../missing-page/", "img/missing.png"}
    assert all(r["severity"] == "error" for r in rows)
    for written in (report, table):
        assert written.stat().st_mode & 0o044 == 0o044  # others can read it (not a 0600 temporary file)
    assert not list(report.parent.glob(".*.tmp"))


def test_external_mode_through_the_command_line(fixture_site, test_files, servers, capsys, tmp_path):
    a, b = servers
    config, allowlist = test_files
    code = main(["--site", str(fixture_site), "--external", "--config", str(config), "--allowlist", str(allowlist),
                 "--cache", str(tmp_path / "cache.json")])
    out = capsys.readouterr().out
    assert code == 1
    assert f"/ -> {a.url}/gone: 410 Gone" in out
    assert f"/ -> {b.url}/forbidden: 403 Forbidden" in out
    warnings = out[out.index("Warnings"):]
    assert f"/ -> {a.url}/forbidden: 403 Forbidden from 127.0.0.1" in warnings
    assert (tmp_path / "cache.json").is_file()


def test_warnings_alone_exit_0(tmp_path, servers, capsys):
    a, _ = servers
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(f'<!doctype html><title>t</title><a href="{a.url}/forbidden">x</a>',
                                     encoding="utf-8")
    config = write_config(tmp_path / "rc")
    allow = write_allowlist(tmp_path / "allow.yml", [{"host": f"127.0.0.1:{a.port}", "why": "test"}])
    assert main(["--site", str(site), "--external", "--config", str(config), "--allowlist", str(allow),
                 "--no-cache"]) == 0
    assert "1 warning" in capsys.readouterr().out


def test_missing_site_exits_2_and_says_why(tmp_path, test_files, capsys):
    assert run(["--site", tmp_path / "nowhere"], test_files) == 2
    err = capsys.readouterr().err
    assert "could not run" in err and "does not exist" in err and "make build" in err


def test_folder_without_index_exits_2(tmp_path, test_files, capsys):
    (tmp_path / "empty").mkdir()
    assert run(["--site", tmp_path / "empty"], test_files) == 2
    assert "no index.html" in capsys.readouterr().err


@pytest.mark.parametrize("content, words", [
    ("[checking\nthreads=1\n", "not a valid configuration file"),
    ("[checking]\n[filtering]\ncheckextern=1\n[beyond-detox]\n", "checkextern must stay 0"),
    ("[checking]\n[filtering]\n[beyond-detox]\ntimeout=soon\n", "is not a number"),
    ("[checking]\n[filtering]\n", "no [beyond-detox] section"),
])
def test_bad_config_exits_2(clean_site, tmp_path, test_files, capsys, content, words):
    config = tmp_path / "rc"
    config.write_text(content, encoding="utf-8")
    assert main(["--site", str(clean_site), "--config", str(config), "--allowlist", str(test_files[1])]) == 2
    assert words in capsys.readouterr().err


def test_unreadable_config_exits_2(clean_site, tmp_path, test_files, capsys):
    assert main(["--site", str(clean_site), "--config", str(tmp_path / "missing.rc"),
                 "--allowlist", str(test_files[1])]) == 2
    assert "does not exist" in capsys.readouterr().err


@pytest.mark.parametrize("entry, words", [
    ({"host": "www.example.org"}, "needs a `why:`"),
    ({"host": "https://www.example.org/", "why": "x"}, "must be a host name"),
    ({"host": "www.example.org", "answers": [404], "why": "x"}, "403 and/or 429 only"),
])
def test_bad_allowlist_exits_2(clean_site, tmp_path, test_files, capsys, entry, words):
    allow = write_allowlist(tmp_path / "allow.yml", [entry])
    assert main(["--site", str(clean_site), "--config", str(test_files[0]), "--allowlist", str(allow)]) == 2
    assert words in capsys.readouterr().err


def test_report_that_cannot_be_written_exits_2(clean_site, tmp_path, test_files, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    assert run(["--site", clean_site, "--report", blocker / "links.md"], test_files) == 2
    assert "cannot write the report" in capsys.readouterr().err


def test_the_script_itself(clean_site, test_files, tmp_path):
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    helped = subprocess.run([sys.executable, str(SCRIPT), "--help"], capture_output=True, text=True, env=env)
    assert helped.returncode == 0 and "Exit status" in helped.stdout and "--external" in helped.stdout
    config, allowlist = test_files
    ok = subprocess.run([sys.executable, str(SCRIPT), "--site", str(clean_site), "--config", str(config),
                         "--allowlist", str(allowlist)], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    missing = subprocess.run([sys.executable, str(SCRIPT), "--site", str(tmp_path / "nope")],
                             capture_output=True, text=True, env=env)
    assert missing.returncode == 2 and "could not run" in missing.stderr
