"""Reader-first content rules: the urgent-advice block, hidden search words, plain words, the
start-here reading level, the public Sources list and the editors' sources report, and the
"who we are" settings that must never be invented."""
from __future__ import annotations

import json
import subprocess
import sys

from beyond_detox.pages.citations import put_back_citations
from beyond_detox.lint import lint
from beyond_detox.paths import ROOT
from beyond_detox.pages.render import SiteData, render_page
from beyond_detox.search_words import add_hidden_terms_to_index, hidden_terms, load_search_words

from .conftest import GOOD_ARTICLE, TODAY

URGENT = """urgent:
  emergency:
    - Someone is not breathing [@ref1].
  soon:
    - Low mood has lasted two weeks.
"""


def with_front(extra: str, text: str = GOOD_ARTICLE) -> str:
    return text.replace("references: [ref1, ref2, ref3]", extra + "references: [ref1, ref2, ref3]")


def render(project, rel, text, **site):
    path = project.write(rel, text)
    # As the site's hook does: citations become links after the Markdown conversion.
    return put_back_citations(render_page(rel, path, text.split("---\n", 2)[2], SiteData(data_dir=project.data_dir, **site)))


def run_lint(project):
    return lint(None, docs_dir=project.docs_dir, data_dir=project.data_dir, today=TODAY, includes_dir=project.includes_dir)


def rules(result, rule):
    return [(p.path.split("/")[-1], p.line, p.message) for p in result.problems if p.rule == rule]


# --- urgent advice ------------------------------------------------------------------------

def test_urgent_advice_is_placed_right_after_the_key_points_with_numbers_from_the_data(project):
    html = render(project, "safety/good.md", with_front(URGENT))
    key_points_end = html.index("Help is there. You are not alone.")
    block = html.index("## When to get help { #when-to-get-help }")
    assert key_points_end < block < html.index("## What happens")
    assert 'Call <a class="bd-phone" href="tel:911">911</a> now if:' in html
    assert "See a doctor this week if:" in html and "Get help today if:" not in html  # only levels given
    assert '<a href="#source-' in html.split("Someone is not breathing")[1].split("\n")[0]  # cited inside


def test_urgent_advice_without_lines_is_an_error_on_its_line(project):
    project.write("safety/bad.md", with_front("urgent:\n  emergency: []\n"))
    problems = rules(run_lint(project), "front-matter")
    assert problems and problems[0][0] == "bad.md" and "emergency, urgent or soon" in problems[0][2]


def test_urgent_lines_get_the_content_checks_on_their_own_lines(project):
    text = with_front("urgent:\n  urgent:\n    - Call 988 if you are not safe [@nobody].\n")
    project.write("safety/bad.md", text)
    result = run_lint(project)
    line = text.splitlines().index("    - Call 988 if you are not safe [@nobody].") + 1
    assert ("bad.md", line) in [(p[0], p[1]) for p in rules(result, "help-line")]
    assert ("bad.md", line) in [(p[0], p[1]) for p in rules(result, "citation")]


# --- hidden search words ------------------------------------------------------------------

def test_misspellings_and_search_terms_never_reach_the_page_but_reach_the_index(project):
    text = with_front('search_terms: ["how to help my son", "dope sick"]\n')
    html = render(project, "safety/good.md", text)
    assert "how to help my son" not in html and "Also called" in html  # also_called: [dope sick] is shown
    search_words = load_search_words()
    # The page about naloxone gets its readers' words many times; a passing mention gets none.
    about = hidden_terms(["how to help my son"], "Naloxone saves lives.", search_words, page=search_words.about["naloxone"])
    assert "how to help my son" in about and about.count("nalaxone") >= 5 and "kloxxado" in about and "withdrawl" not in about
    assert "nalaxone" not in hidden_terms([], "Naloxone saves lives.", search_words, page="families/helping-a-loved-one.md")
    assert "nalaxone" in hidden_terms([], "Naloxone saves lives.", search_words, title="Naloxone", page="x.md")
    words = about
    index = add_hidden_terms_to_index({"config": {"fields": {}}, "docs": [{"location": "a/", "text": "x"}, {"location": "a/#b", "text": "y"}]},
                                      {"a/": words})
    assert index["docs"][0]["synonyms"] == words and "synonyms" not in index["docs"][1]
    assert index["config"]["fields"]["synonyms"]["boost"] > 1


def test_a_misspelling_typed_into_a_page_is_flagged(project):
    text = GOOD_ARTICLE.replace("Medicine helps", "Nalaxone helps").replace("also_called: [dope sick]", 'also_called: ["post acute withdrawl"]')
    project.write("safety/bad.md", text)
    problems = rules(run_lint(project), "spelling")
    assert {p[1] for p in problems} == {text.splitlines().index('also_called: ["post acute withdrawl"]') + 1,
                                        next(i for i, l in enumerate(text.splitlines(), 1) if "Nalaxone" in l)}


def test_an_about_page_that_does_not_exist_is_an_error_on_its_line(project):
    project.write("safety/good.md", GOOD_ARTICLE)
    (project.data_dir / "search-words.yml").write_text(
        "misspellings:\n  naloxone: [nalaxone]\nabout:\n  naloxone: safety/good.md\n  detox: safety/missing.md\n", encoding="utf-8")
    assert rules(run_lint(project), "search-words") == [("search-words.yml", 5, "detox: no page docs/safety/missing.md")]


def test_broken_search_words_file_names_the_file(project):
    (project.data_dir / "search-words.yml").write_text("misspellings:\n  naloxone: nalaxone\n", encoding="utf-8")
    problems = rules(run_lint(project), "search-words")
    assert problems == [("search-words.yml", 2, "naloxone: give a list of misspellings")]


# --- plain words and reading level ----------------------------------------------------------

def test_technical_word_must_be_explained_in_the_same_sentence_on_lay_pages(project):
    text = GOOD_ARTICLE.replace("Many people feel low after they stop.",
                                "Many people have anhedonia after they stop. Some have hyperkatifeia, a deep low feeling.")
    project.write("safety/bad.md", text)
    problems = rules(run_lint(project), "plain-words")
    assert len(problems) == 1 and '"anhedonia"' in problems[0][2] and "enjoy" in problems[0][2]
    project.write("safety/bad.md", text.replace("audience: families", "audience: clinicians"))
    assert rules(run_lint(project), "plain-words") == []  # clinicians' pages may use the terms


def test_start_here_pages_must_read_at_grade_7(project):
    # About grade 7.7: fine for an ordinary lay page (8), too hard for a start-here page (7).
    body = GOOD_ARTICLE + "\n" + "Recovery from withdrawal takes patience and good planning with professionals [@ref1]. " * 7
    project.write("safety/page.md", body)
    assert rules(run_lint(project), "reading-level") == []
    project.write("safety/page.md", with_front("start_here: true\n", body))
    problems = rules(run_lint(project), "reading-level")
    assert problems and "above 7 for a start-here page" in problems[0][2]


# --- sources: public page and editors' report -----------------------------------------------

def test_public_bibliography_hides_notes_and_editors_get_a_report(project):
    refs = json.loads((project.data_dir / "references.json").read_text())
    refs[0]["note"] = "Confirmed 2026-11-28 in a stored copy on a mirror site; not re-searched by the fact-checker."
    (project.data_dir / "references.json").write_text(json.dumps(refs, indent=2))
    project.write("about/sources.md", "---\ntitle: All sources\ndescription: Every source this site cites, in one list for readers.\n"
                  "review: {status: editorial, reviewed_on: 2026-11-01, next_review: 2027-11-01}\n---\n\n<!-- bibliography -->\n")
    html = render(project, "about/sources.md", (project.docs_dir / "about/sources.md").read_text())
    assert "mirror" not in html and "re-searched" not in html
    assert "Checked by an editor on 28 November 2026." in html
    project.write("safety/good.md", GOOD_ARTICLE)
    run = subprocess.run([sys.executable, "scripts/lint_content.py", "--sources-report", "--docs-dir", str(project.docs_dir),
                          "--data-dir", str(project.data_dir), "--includes-dir", str(project.includes_dir)],
                         cwd=ROOT, capture_output=True, text=True)
    row = next(line for line in run.stdout.splitlines() if "| ref1 |" in line)
    assert row.startswith("| ! |") and "2026-11-28" in row and "safety/good.md" in row and "mirror site" in row


# --- who we are: never an invented name or address -----------------------------------------

PAGE = "---\ntitle: Who we are\ndescription: Who publishes this site and how to reach the editors of it.\n" \
       "review: {status: editorial, reviewed_on: 2026-11-01, next_review: 2027-11-01}\n---\n\n<!-- publisher -->\n\n<!-- contact -->\n"


def test_unset_publisher_and_email_say_independent_and_invent_nothing(project):
    html = render(project, "about/who.md", PAGE)
    assert "independent, open-source project" in html and "mailto:" not in html and "published by" not in html
    report = render(project, "about/report.md", PAGE.replace("<!-- publisher -->", "<!-- report-error-link -->"))
    assert "mailto:" not in report and "GitHub" in report


def test_set_publisher_and_email_are_shown(project):
    html = render(project, "about/who.md", PAGE, publisher="Example Health Trust", contact_email="editors@example.org",
                  repository_url="https://github.com/example/beyond-detox")
    assert "published by **Example Health Trust**" in html and "mailto:editors@example.org" in html
    report = render(project, "about/report.md", PAGE.replace("<!-- publisher -->", "<!-- report-error-link -->"),
                    contact_email="editors@example.org")
    assert "You do not need an account" in report


def test_licence_is_in_the_repository_and_the_footer(site_dir):
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "CC BY 4.0" in licence and "MIT License" in licence
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    footer = html.split('class="md-copyright"')[1]
    assert "creativecommons.org/licenses/by/4.0/" in footer and "MIT" in footer
    assert "reuse-and-print" in footer


def test_an_abbreviation_is_defined_once_under_its_full_name():
    from beyond_detox.pages.glossary import abbreviation_lines, glossary_markdown, load_glossary

    terms = {t.term: t for t in load_glossary()}
    assert terms["OTP"].definition == terms["Opioid treatment program"].definition
    assert "## OTP (Opioid treatment program) {#otp}\n\nSee [Opioid treatment program](#opioid-treatment-program)." in glossary_markdown(list(terms.values()))
    assert f"*[OTP]: Opioid treatment program: {terms['Opioid treatment program'].definition}" in abbreviation_lines(list(terms.values()))
