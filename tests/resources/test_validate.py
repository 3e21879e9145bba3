"""Every validation rule, each with a broken file: the problem names the path, the line and the
field, says what is wrong, and no file changes."""
from __future__ import annotations

import subprocess

import pytest

from beyond_detox.resources.cli import main
from beyond_detox.resources.validate import check_files, default_files

from .helpers import PYTHON, ROOT, SCRIPT, TODAY, VALID, line_of, snapshot, write


def run_validate(tmp_path, text, name="testland.yml", capsys=None):
    path = write(tmp_path / name, text)
    before = snapshot(tmp_path)
    _, problems = check_files([path], TODAY)
    assert snapshot(tmp_path) == before
    return path, problems


def only(problems):
    assert len(problems) == 1, "\n".join(str(p) for p in problems)
    return problems[0]


def test_the_sample_file_is_valid(tmp_path):
    _, problems = run_validate(tmp_path, VALID)
    assert problems == []


def test_the_repository_data_is_valid():
    _, problems = check_files(default_files())
    assert problems == [], "\n".join(str(p) for p in problems)


# (description, old text, new text, line needle, field, words in the message)
CASES = [
    ("yaml syntax", "description: A test help line for the validator.", "description: A test: help line: broken",
     "description: A test: help", "yaml", "YAML syntax error"),
    ("repeated key", "        cost: Free\n", "        cost: Free\n        cost: Paid\n",
     "cost: Paid", "test-line.cost", "appears twice"),
    ("missing required field", "        status: active\n", "",
     "- id: test-line", "test-line.status", "is required but missing"),
    ("unknown field", "        cost: Free\n", "        cost: Free\n        colour: red\n",
     "colour: red", "test-line.colour", "is not a known field"),
    ("status not allowed", "status: active", "status: open",
     "status: open", "test-line.status", "'open' is not allowed here: use one of 'active', 'inactive', 'defunct' or 'temporarily closed'"),
    ("unknown category", "categories: [crisis]", "categories: [crisis, astrology]",
     "categories: [crisis, astrology]", "test-line.categories[1]", "unknown category 'astrology'"),
    ("empty categories", "categories: [crisis]", "categories: []",
     "categories: []", "test-line.categories", "must not be empty"),
    ("phone type not allowed", "type: voice", "type: pager",
     "type: pager", "test-line.phones[0].type", "'pager' is not allowed here"),
    ("phone number invalid", '"+18006624357"', '"+1800662435"',
     'number: "+1800662435"', "test-line.phones[0].number", "'+1800662435' is not a valid phone number"),
    ("phone number not E.164", 'number: "+18006624357"', 'number: "1-800-662-4357"',
     'number: "1-800-662-4357"', "test-line.phones[0].number", "must be written in E.164"),
    ("phone number with spaces", 'number: "+18006624357"', 'number: "+1 800 662 4357"',
     'number: "+1 800 662 4357"', "test-line.phones[0].number", "no spaces or dashes"),
    ("short code not valid in the US", 'number: "+18006624357"\n            display: 1-800-662-4357',
     'number: "555"\n            display: "555"', 'number: "555"', "test-line.phones[0].number", "'555' is not a valid US short code"),
    ("unquoted number", 'number: "+18006624357"\n            display: 1-800-662-4357',
     'number: 988\n            display: "988"', "number: 988", "test-line.phones[0].number", "must be text (got 988); put it in quotes"),
    ("display shows other digits", "display: 1-800-662-4357", "display: 1-800-662-4358",
     "display: 1-800-662-4358", "test-line.phones[0].display", "does not show the number +18006624357"),
    ("link not https", "url: https://example.org/line", "url: http://example.org/line",
     "url: http://example.org/line", "test-line.url", "must be an https:// link"),
    ("link with a space", "url: https://example.org/line", "url: https://exa mple.org/line",
     "url: https://exa mple.org/line", "test-line.url", "not a well-formed link: it contains a space"),
    ("link without a domain", "url: https://example.org/line", "url: https://example/line",
     "url: https://example/line", "test-line.url", "is not a domain"),
    ("organisation link not https", "url: https://example.org/\n", "url: ftp://example.org/\n",
     "url: ftp://example.org/", "test-org.url", "must be an https:// link"),
    ("date not real", "assured_date: 2026-01-15", "assured_date: 2026-02-30",
     "assured_date: 2026-02-30", "test-line.assured_date", "'2026-02-30' is not a real date"),
    ("date in the future", "last_modified: 2026-01-15", "last_modified: 2027-01-01",
     "last_modified: 2027-01-01", "test-line.last_modified", "2027-01-01 is in the future (today is 2026-11-27)"),
    ("date in another format", "assured_date: 2026-01-15", "assured_date: 15/01/2026",
     "assured_date: 15/01/2026", "test-line.assured_date", "must be a date written YYYY-MM-DD (got '15/01/2026')"),
    ("unknown language", "        languages: [en]\n        cost", "        languages: [en, sp]\n        cost",
     "languages: [en, sp]", "test-line.languages[1]", "unknown language code 'sp'"),
    ("unknown phone language", "            languages: [en]", "            languages: [klingon]",
     "languages: [klingon]", "test-line.phones[0].languages[0]", "unknown language code 'klingon'"),
    ("entry not confirmed by a person", "        assured_date: 2026-01-15\n", "",
     "- id: test-line", "test-line.assured_date", "is required for an entry written by hand"),
    ("no source note", "        source_note: Confirmed in a test.\n", "",
     "- id: test-line", "test-line.source_note", "is required for an entry written by hand: how and when it was confirmed"),
    ("source not the service's own page", "source: https://example.org/line", "source: https://news.example.com/story",
     "source: https://news.example.com/story", "test-line.source", "must be the service's own page (on example.org)"),
    ("id spelling", "- id: test-line", "- id: Test_Line",
     "- id: Test_Line", "Test_Line.id", "'Test_Line' is not a valid id"),
    ("no way to reach it", """        phones:
          - number: "+18006624357"
            display: 1-800-662-4357
            type: voice
            languages: [en]
""", "", "- id: test-line", "test-line.phones", "needs at least one phone or a url"),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_each_rule_reports_path_line_and_message(tmp_path, case):
    _name, old, new, needle, field, words = case
    if case[0] == "no way to reach it":
        new_text = VALID.replace(old, new).replace("        url: https://example.org/line\n", "")
    else:
        assert old in VALID
        new_text = VALID.replace(old, new, 1)
    path, problems = run_validate(tmp_path, new_text)
    problem = only(problems)
    assert problem.path == str(path)
    assert problem.line == line_of(new_text, needle)
    assert problem.field == field
    assert words in problem.message
    assert str(problem) == f"{path}:{problem.line}: {field}: {problem.message}"


def test_the_file_must_be_a_mapping(tmp_path):
    path, problems = run_validate(tmp_path, "- just\n- a list\n")
    problem = only(problems)
    assert (problem.line, problem.field) == (1, "file")
    assert "must be a mapping" in problem.message


def test_an_id_used_twice_in_one_file(tmp_path):
    service = VALID[VALID.index("      - id: test-line"):]
    text = VALID + service
    path, problems = run_validate(tmp_path, text)
    problem = only(problems)
    assert problem.line == line_of(text, "- id: test-line", 2)
    assert problem.field == "test-line.id"
    assert f"service id 'test-line' is already used at {path}:{line_of(text, '- id: test-line')}" in problem.message


def test_an_id_used_in_two_files(tmp_path):
    first = write(tmp_path / "a.yml", VALID)
    second = write(tmp_path / "b.yml", VALID.replace("area: testland", "area: otherland").replace("id: test-org", "id: other-org"))
    before = snapshot(tmp_path)
    _, problems = check_files([first, second], TODAY)
    assert snapshot(tmp_path) == before
    problem = only(problems)
    assert problem.path == str(second)
    assert problem.line == line_of(VALID, "- id: test-line")
    assert "service id 'test-line' is already used at" in problem.message and str(first) in problem.message


def test_national_keeps_the_ids_the_site_uses(tmp_path):
    text = VALID.replace("area: testland", "area: national")
    path, problems = run_validate(tmp_path, text, name="national.yml")
    missing = [p for p in problems if "is missing" in p.message]
    assert {p.message.split("'")[1] for p in missing} == {"emergency-911", "lifeline-988", "samhsa-national-helpline", "findtreatment-gov"}
    assert all(p.line == line_of(text, "organizations:") and p.field == "organizations" for p in missing)


def test_several_problems_are_all_reported_in_line_order(tmp_path):
    text = VALID.replace("status: active", "status: open").replace("assured_date: 2026-01-15", "assured_date: 2026-02-30")
    _, problems = run_validate(tmp_path, text)
    assert [p.line for p in problems] == sorted(p.line for p in problems)
    assert len(problems) == 2


def test_cli_prints_problems_and_exits_1_without_writing(tmp_path, capsys):
    path = write(tmp_path / "testland.yml", VALID.replace("status: active", "status: open"))
    before = snapshot(tmp_path)
    code = main(["validate", str(path), "--today", "2026-11-27"])
    out = capsys.readouterr()
    assert code == 1
    assert out.out.strip() == f"{path}:{line_of(VALID, 'status: active')}: test-line.status: 'open' is not allowed here: use one of 'active', 'inactive', 'defunct' or 'temporarily closed'"
    assert snapshot(tmp_path) == before


def test_cli_exit_codes_in_a_real_process(tmp_path):
    good = write(tmp_path / "good.yml", VALID)
    bad = write(tmp_path / "bad.yml", VALID.replace("area: testland", "area: badland").replace("id: test-", "id: bad-").replace("2026-01-15", "2026-02-30"))
    ok = subprocess.run([PYTHON, str(SCRIPT), "validate", str(good)], cwd=ROOT, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert ok.stdout == ""  # quiet when not on a terminal
    broken = subprocess.run([PYTHON, str(SCRIPT), "validate", str(bad)], cwd=ROOT, capture_output=True, text=True)
    assert broken.returncode == 1
    assert f"{bad}:{line_of(VALID, 'assured_date')}: bad-line.assured_date: '2026-02-30' is not a real date" in broken.stdout
    usage = subprocess.run([PYTHON, str(SCRIPT), "validate", str(tmp_path / "missing.yml")], cwd=ROOT, capture_output=True, text=True)
    assert usage.returncode == 2 and "no such file" in usage.stderr
    nothing = subprocess.run([PYTHON, str(SCRIPT), "frobnicate"], cwd=ROOT, capture_output=True, text=True)
    assert nothing.returncode == 2


@pytest.mark.parametrize("command", ["validate", "verify", "import-findtreatment", "schema"])
def test_every_subcommand_has_help(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([command, "--help"])
    assert exit_.value.code == 0
    assert "Exit codes: 0" in capsys.readouterr().out


def test_a_translation_naming_an_unknown_service_or_field_is_reported_with_its_line(tmp_path):
    from beyond_detox.resources.validate import check_directory

    (tmp_path / "testland.yml").write_text(VALID, encoding="utf-8")
    (tmp_path / "translations").mkdir()
    translation = tmp_path / "translations" / "es.yml"
    translation.write_text("test-line:\n  description: Una línea de prueba.\n  colour: rojo\nno-such-line:\n  description: x\n",
                           encoding="utf-8")
    _, problems = check_directory(tmp_path, today=TODAY)
    found = sorted(str(p) for p in problems)
    assert found == sorted([f"{translation}:3: translation: test-line.colour: not a field that can be translated "
                            "(description, hours, cost, coverage, what_to_say, language_notes, phones)",
                            f"{translation}:4: translation: 'no-such-line' is not a service or organisation id in data/resources/"])
