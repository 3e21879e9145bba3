"""scripts/lint_content.py: every rule, fed a broken page or data file, names the file, line and rule."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from beyond_detox.lint import lint
from beyond_detox.paths import ROOT

from .conftest import GOOD_ARTICLE, TODAY


def run_lint(project, today=TODAY):
    return lint(None, docs_dir=project.docs_dir, data_dir=project.data_dir, today=today, includes_dir=project.includes_dir)


def found(result, rule):
    return [(p.path.split("/")[-1], p.line, p.message) for p in result.problems if p.rule == rule]


def test_a_good_article_passes(project):
    project.write("safety/good.md", GOOD_ARTICLE)
    result = run_lint(project)
    assert result.errors == []
    # ref4 is in the bibliography but no page cites it: reported, but not an error
    assert [(p.rule, p.severity) for p in result.problems] == [("bibliography", "warning")]
    assert "ref4: no page cites this entry" in result.problems[0].message


def test_broken_yaml_names_the_line(project):
    project.write("safety/bad.md", GOOD_ARTICLE.replace("audience: families", "audience: [families"))
    problems = found(run_lint(project), "yaml")
    assert problems and problems[0][0] == "bad.md"
    assert problems[0][1] in (5, 6)  # where PyYAML notices the unclosed bracket


def test_missing_field_and_bad_enum(project):
    text = GOOD_ARTICLE.replace("audience: families\n", "audience: everyone\n").replace("description: A plain description of what this page tells a reader, in one sentence.\n", "")
    project.write("safety/bad.md", text)
    problems = found(run_lint(project), "front-matter")
    messages = {message.split(":")[0]: (line, message) for _, line, message in problems}
    assert messages["description"][1] == "description: is required"
    assert messages["audience"][0] == 3  # the line of `audience:` once description is gone


def test_review_interval_at_most_three_years(project):
    project.write("safety/bad.md", GOOD_ARTICLE.replace("next_review: 2027-11-01", "next_review: 2030-01-01"))
    problems = found(run_lint(project), "front-matter")
    assert problems == [("bad.md", 9, "review: next_review must be at most 3 years after reviewed_on (by 2029-11-01)")]


def test_clinical_status_needs_a_known_reviewer(project):
    project.write("safety/a.md", GOOD_ARTICLE.replace("status: editorial", "status: clinical"))
    project.write("safety/b.md", GOOD_ARTICLE.replace("status: editorial", "status: clinical\n  reviewer: dr-nobody"))
    result = run_lint(project)
    assert ("a.md", 7, "review: status clinical needs a reviewer (a key in data/reviewers.yml)") in found(result, "front-matter")
    assert ("b.md", 8, "reviewer 'dr-nobody' is not in data/reviewers.yml") in found(result, "review")


def test_unknown_citation_key(project):
    project.write("safety/bad.md", GOOD_ARTICLE.replace("[@ref1]", "[@nobody2020]"))
    problems = found(run_lint(project), "citation")
    assert ("bad.md", 19, "unknown citation key 'nobody2020' (not in data/references.json)") in problems
    assert ("bad.md", 10, "'ref1' is listed in `references` but never cited in the text") in problems


def test_cited_but_not_listed(project):
    project.write("safety/bad.md", GOOD_ARTICLE.replace("references: [ref1, ref2, ref3]", "references: [ref1, ref2]"))
    assert ("bad.md", 20, "'ref3' is cited but missing from `references` in the front matter") in found(run_lint(project), "citation")


def test_article_needs_three_sources(project):
    text = GOOD_ARTICLE.replace("references: [ref1, ref2, ref3]", "references: [ref1, ref2]").replace("[@ref2; @ref3]", "[@ref2]")
    project.write("safety/thin.md", text)
    assert found(run_lint(project), "min-sources") == [("thin.md", 12, "cites 2 source(s); an article needs at least 3")]


def test_article_opens_with_key_points(project):
    project.write("safety/bad.md", GOOD_ARTICLE.replace('!!! note "Key points"', '!!! note "Summary"'))
    assert found(run_lint(project), "key-points") == [("bad.md", 13, 'an article must open with a key points box: !!! note "Key points"')]


def test_reading_level_above_grade_8(project):
    hard = ("Pharmacological interventions demonstrating statistically significant amelioration of "
            "depressive symptomatology necessitate comprehensive interdisciplinary evaluation "
            "incorporating psychometrically validated instrumentation [@ref1].\n")
    project.write("safety/hard.md", GOOD_ARTICLE + "\n" + hard * 3)
    result = run_lint(project)
    problems = found(result, "reading-level")
    assert len(problems) == 1 and problems[0][:2] == ("hard.md", 12)
    assert "above 8 for a families page" in problems[0][2]
    # clinician pages are measured but not held to grade 8
    project.write("safety/hard.md", (GOOD_ARTICLE + "\n" + hard * 3).replace("audience: families", "audience: clinicians"))
    result = run_lint(project)
    assert found(result, "reading-level") == []
    assert [r.grade for r in result.reports][0] > 8


# English pages against data/stigma-words.yml; Spanish pages (es/) also against stigma-words.es.yml.
@pytest.mark.parametrize("page, sentence, word, suggestion", [
    ("safety/bad.md", "My brother is an addict.", "addict", "person with an opioid use disorder"),
    ("safety/bad.md", "He stayed clean for a year.", "stayed clean", "in recovery"),
    ("safety/bad.md", "She had a dirty urine test.", "dirty urine", "negative / positive test result"),
    ("safety/bad.md", "This is about substance abuse.", "substance abuse", "substance use"),
    ("es/safety/bad.md", "Mi hermano es adicto.", "adicto", "persona con un trastorno por consumo de opioides"),
    ("es/safety/bad.md", "Lleva un año limpio y ahora está limpio.", "está limpio", "en recuperación"),
    ("es/safety/bad.md", "Tuvo una prueba sucia.", "prueba sucia", "prueba negativa / positiva"),
    ("es/safety/bad.md", "Dicen que es cambiar una droga por otra.", "cambiar una droga por otra",
     "medicamentos para el trastorno por consumo de opioides"),
    ("es/safety/bad.md", "Habla del abuso de sustancias.", "abuso de sustancias", "consumo de sustancias"),
])
def test_stigmatising_words_with_replacement(project, page, sentence, word, suggestion):
    project.write(page, GOOD_ARTICLE + sentence + "\n")
    problems = found(run_lint(project), "stigma")
    assert len(problems) == 1, problems
    assert problems[0][:2] == ("bad.md", 22)
    assert f'"{word}"' in problems[0][2] and suggestion in problems[0][2]


def test_stigma_ignore_comment_and_agency_name(project):
    text = (GOOD_ARTICLE
            + "The Substance Abuse and Mental Health Services Administration runs a helpline.\n\n"
            + "<!-- lint-ignore stigma: we quote the myth to answer it -->\n"
            + "Some say it is just replacing one drug with another. It is not.\n")
    project.write("safety/ok.md", text)
    assert found(run_lint(project), "stigma") == []


def test_spanish_list_allows_agency_names_and_leaves_english_pages_alone(project):
    project.write("es/safety/ok.md", GOOD_ARTICLE + "La Administración de Servicios de Salud Mental y Abuso de Sustancias "
                  "y el Instituto Nacional sobre el Abuso de Drogas publican guías.\n")
    project.write("safety/ok.md", GOOD_ARTICLE + "Our Spanish page explains why we avoid the word adicto.\n")
    assert found(run_lint(project), "stigma") == []


def test_a_missing_spanish_word_list_is_one_clear_error(project):
    (project.data_dir / "stigma-words.es.yml").unlink()
    project.write("safety/good.md", GOOD_ARTICLE)
    assert found(run_lint(project), "stigma-words") == [("stigma-words.es.yml", 1, "file is missing")]


def test_typed_phone_number_and_unknown_help_line(project):
    project.write("safety/bad.md", GOOD_ARTICLE + "Call 1-800-662-4357 or [[call:no-such-line]].\n")
    problems = found(run_lint(project), "help-line")
    assert ("bad.md", 22, 'phone number "1-800-662-4357" typed into the page: use a shortcode such as [[call:lifeline-988]] (numbers live in data/resources/)') in problems
    assert any(line == 22 and "unknown help-line id 'no-such-line'" in message for _, line, message in problems)


def test_overdue_and_future_reviews(project):
    project.write("safety/old.md", GOOD_ARTICLE.replace("reviewed_on: 2026-11-01", "reviewed_on: 2023-01-01").replace("next_review: 2027-11-01", "next_review: 2025-01-01"))
    project.write("safety/new.md", GOOD_ARTICLE.replace("reviewed_on: 2026-11-01", "reviewed_on: 2026-12-25"))
    problems = found(run_lint(project), "review")
    assert ("old.md", 9, "review overdue: next_review was 2025-01-01; review the page and update the dates") in problems
    assert ("new.md", 8, "reviewed_on 2026-12-25 is in the future") in problems


def test_bibliography_entry_without_identifier(project):
    project.write("safety/good.md", GOOD_ARTICLE)
    refs = json.loads((project.data_dir / "references.json").read_text())
    del refs[1]["DOI"]
    (project.data_dir / "references.json").write_text(json.dumps(refs, indent=2) + "\n")
    problems = found(run_lint(project), "bibliography")
    line = next(n for n, l in enumerate((project.data_dir / "references.json").read_text().splitlines(), 1) if '"id": "ref2"' in l)
    assert ("references.json", line, "ref2: needs a DOI, PMID or URL (the publisher's, PubMed's or the agency's own page)") in problems


def test_data_file_schema(project):
    path = project.data_dir / "glossary.yml"
    path.write_text("terms:\n  - term: OUD\n    definition: Opioid use disorder, a long enough definition.\n  - term: PAWS\n    abbr: yes\n")
    problems = found(run_lint(project), "data-schema")
    assert ("glossary.yml", 4, "terms.1: definition is required (only an abbreviation whose stands_for is another entry may leave it out)") in problems


def test_cli_prints_path_line_rule_and_exits_1(project):
    project.write("safety/bad.md", GOOD_ARTICLE + "He is an addict.\n")
    run = subprocess.run(
        [sys.executable, "scripts/lint_content.py", "--docs-dir", str(project.docs_dir), "--data-dir", str(project.data_dir), "--includes-dir", str(project.includes_dir), "--report"],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert run.returncode == 1
    assert f"{project.docs_dir}/safety/bad.md:22: stigma: \"addict\"" in run.stdout
    assert "grade" in run.stdout and "bad.md" in run.stdout.split("grade")[1]


def test_cli_exits_0_when_clean(project):
    project.write("safety/good.md", GOOD_ARTICLE)
    run = subprocess.run(
        [sys.executable, "scripts/lint_content.py", "--docs-dir", str(project.docs_dir), "--data-dir", str(project.data_dir), "--includes-dir", str(project.includes_dir)],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 error(s), 1 warning(s)" in run.stderr


def test_cli_help():
    run = subprocess.run([sys.executable, "scripts/lint_content.py", "--help"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0 and "path:line: rule: message" in run.stdout


def test_shared_blocks_are_checked_and_count_as_cited(project):
    project.includes_dir.mkdir()
    (project.includes_dir / "steps.md").write_text("1. Call [[call:emergency-911]] now [@ref3].\n2. He is an addict [@nobody].\n")
    text = GOOD_ARTICLE.replace(" [@ref2; @ref3]", " [@ref2]") + "\n[[include:steps]]\n\n[[include:missing]]\n"
    project.write("safety/uses.md", text)
    result = run_lint(project)
    problems = {(p.path.split("/")[-1], p.line, p.rule) for p in result.errors}
    assert ("steps.md", 2, "stigma") in problems
    assert ("steps.md", 2, "citation") in problems          # unknown key, reported where it is written
    assert ("uses.md", 25, "include") in problems           # no includes/missing.md
    # ref3 is cited by the shared block, so the page may list it without citing it itself
    assert not any(p.rule == "citation" and "uses.md" in p.path for p in result.errors)


def test_impossible_date_is_a_problem_on_its_line(project):
    project.write("safety/bad.md", GOOD_ARTICLE.replace("reviewed_on: 2026-11-01", "reviewed_on: 2026-02-30"))
    problems = found(run_lint(project), "front-matter")
    assert len(problems) == 1 and problems[0][:2] == ("bad.md", 8)
    assert problems[0][2].startswith("review.reviewed_on:")
