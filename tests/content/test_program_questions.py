"""The checklist data (data/program-questions.yml): loaded and checked with pydantic, every problem
named by file and line, and rendered as a form whose links MkDocs can check."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from beyond_detox import paths
from beyond_detox.pages.bibliography import load_bibliography
from beyond_detox.frontmatter import read_page
from beyond_detox.problems import ContentError
from beyond_detox.pages.program_questions import (FILE_NAME, PAGE, PLACEHOLDER, ProgramQuestions, load_program_questions,
                                            render_checklist)
from beyond_detox.pages.render import PLACEHOLDERS, SiteData, render_page

GOOD = textwrap.dedent("""\
    # a comment line
    topics:
      - title: Medicine
        questions:
          - id: first-question
            question: Do you offer buprenorphine or methadone?
            why: These medicines cut the risk of dying.
            article: treatment/medicine.md
            sources: [ref1, ref2]
          - id: second-question
            question: Can family take part in care?
            why: Family members feel better when they get support.
            article: families/help.md
      - title: Cost
        questions:
          - id: cost
            question: Do you take Medicaid or my insurance?
            why: Some places charge less if you earn less.
            article: treatment/medicine.md
    """)


@pytest.fixture
def docs(tmp_path) -> Path:
    """A docs/ folder with the two pages GOOD links to."""
    root = tmp_path / "docs"
    for rel, title in (("treatment/medicine.md", "Medicines: what they do"), ("families/help.md", "Helping a loved one")):
        page = root / rel
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"---\ntitle: \"{title}\"\n---\n\nText.\n", encoding="utf-8")
    return root


def write(tmp_path, text: str) -> Path:
    path = tmp_path / FILE_NAME
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path, docs, keys=("ref1", "ref2")) -> list[str]:
    with pytest.raises(ContentError) as error:
        load_program_questions(path, docs, keys)
    return [str(problem) for problem in error.value.problems]


def line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_a_good_file_loads(tmp_path, docs):
    model = load_program_questions(write(tmp_path, GOOD), docs, ["ref1", "ref2"])
    assert [q.id for q in model.questions()] == ["first-question", "second-question", "cost"]
    assert model.topics[0].questions[0].sources == ["ref1", "ref2"]


def test_broken_yaml_gives_one_error_with_file_and_line(tmp_path, docs):
    # The commonest slip: a colon inside unquoted text.
    text = GOOD.replace("why: These medicines cut the risk of dying.", "why: Medicines: they cut the risk of dying.")
    path = write(tmp_path, text)
    problems = problems_of(path, docs)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{path}:{line_of(text, 'why: Medicines:')}: yaml: cannot read the YAML"), problems[0]


def test_a_missing_field_gives_one_error_naming_field_file_and_line(tmp_path, docs):
    text = GOOD.replace("        why: Family members feel better when they get support.\n", "")
    path = write(tmp_path, text)
    problems = problems_of(path, docs)
    assert problems == [f"{path}:{line_of(text, '- id: second-question')}: data-schema: topics.0.questions.1.why: is required"]


def test_an_unknown_field_is_named_on_its_line(tmp_path, docs):
    text = GOOD.replace("article: families/help.md", "article: families/help.md\n        link: families/help.md")
    path = write(tmp_path, text)
    problems = problems_of(path, docs)
    assert len(problems) == 1 and problems[0].startswith(f"{path}:{line_of(text, 'link: families')}: data-schema: ")
    assert "link" in problems[0]


def test_an_article_that_does_not_exist_stops_the_build_on_its_line(tmp_path, docs):
    text = GOOD.replace("article: families/help.md", "article: families/no-such-page.md")
    path = write(tmp_path, text)
    assert problems_of(path, docs) == [
        f"{path}:{line_of(text, 'no-such-page')}: program-questions: article: the page docs/families/no-such-page.md does not exist"]


def test_ids_must_be_unique_and_sources_known(tmp_path, docs):
    text = GOOD.replace("id: cost", "id: first-question").replace("sources: [ref1, ref2]", "sources: [ref1, nobody2099]")
    path = write(tmp_path, text)
    problems = problems_of(path, docs)
    first = line_of(text, "- id: first-question")
    second = [n for n, line in enumerate(text.splitlines(), start=1) if "id: first-question" in line][1]
    assert f"{path}:{second}: program-questions: id 'first-question' is used twice (first on line {first})" in problems
    assert f"{path}:{line_of(text, 'sources: [ref1, nobody2099]')}: program-questions: sources: unknown citation key 'nobody2099' (not in data/references.json)" in problems


@pytest.mark.parametrize("why, message", [
    ("These medicines cut the risk of dying", "must be one sentence ending with a full stop"),
    ("They help. They save lives.", "must be ONE plain sentence"),
    ("They help [@ref1].", "plain text only"),
])
def test_why_is_one_plain_sentence(tmp_path, docs, why, message):
    text = GOOD.replace("why: These medicines cut the risk of dying.", f'why: "{why}"')
    path = write(tmp_path, text)
    problems = problems_of(path, docs)
    assert len(problems) == 1 and problems[0].startswith(f"{path}:{line_of(text, why)}: data-schema: topics.0.questions.0.why: ")
    assert message in problems[0]


def test_article_must_be_a_page_inside_docs(tmp_path, docs):
    text = GOOD.replace("article: families/help.md", "article: https://example.org/help")
    problems = problems_of(write(tmp_path, text), docs)
    assert len(problems) == 1 and "must be a Markdown page inside docs/" in problems[0]


def test_render_gives_a_labelled_tick_box_why_link_and_notes_per_question(tmp_path, docs):
    model = load_program_questions(write(tmp_path, GOOD), docs, ["ref1", "ref2"])
    html = render_checklist(model, "treatment/questions.md", docs)
    assert html.count("<fieldset") == 2 and "<legend>Medicine</legend>" in html and "<legend>Cost</legend>" in html
    assert html.count('type="checkbox"') == 3 and html.count('type="text"') == 3
    for qid in ("first-question", "second-question", "cost"):
        assert f'id="q-{qid}"' in html and f'<label for="q-{qid}">' in html
        assert f'id="q-{qid}-notes"' in html and f'<label for="q-{qid}-notes">' in html
        assert f'aria-describedby="q-{qid}-why"' in html and f'id="q-{qid}-why"' in html
    # Relative Markdown links (MkDocs checks and converts them), named by the page's title up to its colon.
    assert "Read more: [Medicines](medicine.md)." in html
    assert "Read more: [Helping a loved one](../families/help.md)." in html
    # The citations go before the full stop; beyond_detox.pages.render numbers them.
    assert "These medicines cut the risk of dying[@ref1; @ref2]. " in html
    assert "Some places charge less if you earn less. " in html
    assert '<span class="bd-q__number">3.</span> Do you take Medicaid or my insurance?' in html


def test_text_is_escaped(tmp_path, docs):
    text = GOOD.replace("Can family take part in care?", "Can family & friends take part?")
    html = render_checklist(load_program_questions(write(tmp_path, text), docs, ["ref1", "ref2"]), PAGE, docs)
    assert "Can family &amp; friends take part?" in html


def test_the_real_file_is_valid_and_every_article_exists():
    bibliography = load_bibliography(paths.BIBLIOGRAPHY)
    model = load_program_questions(paths.DATA / FILE_NAME, paths.DOCS, bibliography.entries.keys())
    assert isinstance(model, ProgramQuestions) and len(model.questions()) >= 6
    for question in model.questions():
        assert (paths.DOCS / question.article).is_file()
        assert read_page(paths.DOCS / question.article).meta.get("title")


def test_the_placeholder_puts_the_checklist_on_the_page():
    assert PLACEHOLDER in PLACEHOLDERS
    source = paths.DOCS / PAGE
    text = source.read_text(encoding="utf-8")
    assert PLACEHOLDER in text
    body = text.split("---\n", 2)[2]
    html = render_page(PAGE, source, body, SiteData())
    assert PLACEHOLDER not in html
    model = load_program_questions()
    for number, question in enumerate(model.questions(), start=1):
        assert f'<span class="bd-q__number">{number}.</span> {question.question}' in html.replace("&#x27;", "'")
    # The citations from the data file are numbered and listed in the page's Sources.
    assert "[@" not in html and "## Sources {#sources}" in html
    for key in {key for question in model.questions() for key in question.sources}:
        assert load_bibliography(paths.BIBLIOGRAPHY)[key].data["title"].split(":")[0][:30] in html


def test_a_broken_data_file_stops_the_page_with_file_and_line(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "references.json").write_text(paths.BIBLIOGRAPHY.read_text(encoding="utf-8"), encoding="utf-8")
    text = (paths.DATA / FILE_NAME).read_text(encoding="utf-8").replace("article: families/helping-a-loved-one.md",
                                                                         "article: families/gone.md")
    (data / FILE_NAME).write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as error:
        PLACEHOLDERS[PLACEHOLDER](SiteData(data_dir=data))
    assert str(error.value) == (f"{data / FILE_NAME}:{line_of(text, 'families/gone.md')}: program-questions: "
                                "article: the page docs/families/gone.md does not exist")
