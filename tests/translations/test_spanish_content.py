"""The Spanish edition's source: every page the issue names exists, keeps its English page's
citations, key points and links, reads plainly, and is flagged when the English page changes."""
from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from beyond_detox import i18n, paths, translations
from beyond_detox.frontmatter import split_front_matter
from beyond_detox.lint import lint
from beyond_detox.readability import SPANISH_PLAIN, spanish_ease
from beyond_detox.content_model import is_article

# The pages a Spanish-speaking family needs first (issue 15).
REQUIRED = ["index.md", "first-days-after-detox.md", "get-help/index.md", "get-help/florida.md",
            "understand/depression-and-opioid-use.md", "understand/post-acute-withdrawal.md",
            "treatment/starting-medication.md", "treatment/medications-for-opioid-use-disorder.md",
            "safety/overdose-risk-after-detox.md", "safety/suicide-risk-and-safety-planning.md",
            "families/helping-a-loved-one.md", "handouts/after-detox.md",
            "offline.md"]  # what the service worker shows for a Spanish page not saved on the phone
SPANISH = paths.DOCS / "es"
ROWS = translations.load("es")


def test_every_required_page_is_translated_from_the_same_english_page():
    assert sorted(row.src for row in ROWS) == sorted(REQUIRED)
    assert all(row.of == row.src for row in ROWS), "each Spanish page sits at its English page's path under docs/es/"


@pytest.mark.parametrize("row", ROWS, ids=[r.src for r in ROWS])
def test_same_citations_key_points_and_links_as_the_english_page(row):
    english = (paths.DOCS / row.of).read_text(encoding="utf-8")
    spanish = (SPANISH / row.src).read_text(encoding="utf-8")
    assert translations.differences(english, spanish) == []
    a, b = translations.structure(english), translations.structure(spanish)
    assert a.citations == b.citations and a.key_points == b.key_points and a.links == b.links


@pytest.mark.parametrize("row", ROWS, ids=[r.src for r in ROWS])
def test_translation_is_up_to_date_with_its_english_page(row):
    assert not row.stale, f"docs/{row.of} changed: update docs/es/{row.src}, then scripts/translations.py --mark docs/es/{row.src}"


@pytest.mark.parametrize("row", [r for r in ROWS if is_article(r.src)], ids=lambda r: r.src)
def test_spanish_articles_read_plainly(row):
    body = split_front_matter((SPANISH / row.src).read_text(encoding="utf-8"))[1]
    huerta, szigriszt = spanish_ease(body)
    assert huerta >= SPANISH_PLAIN, f"Fernández-Huerta {huerta} (Szigriszt-Pazos {szigriszt})"


def test_structure_check_sees_a_dropped_citation_and_key_point():
    english = "---\ntitle: x\n---\n\n!!! note \"Key points\"\n\n    - One [@a].\n    - Two [@b].\n\nSee [that](other.md#part).\n"
    spanish = "---\ntitle: x\n---\n\n!!! note \"Puntos clave\"\n\n    - Uno [@a].\n\nVea [eso](other.md).\n"
    found = translations.differences(english, spanish)
    assert "citations missing from the translation: b" in found
    assert "1 key points; the English page has 2" in found
    assert "links missing from the translation: other.md#part" in found


def test_interface_words_exist_in_both_languages():
    assert i18n.check_strings() == []
    en, es = i18n.strings("en"), i18n.strings("es")
    for key in ("crisis_label", "skip_link", "when_to_get_help", "sources", "review_editorial", "share_page"):
        assert en[key] != es[key], f"{key} is not translated"
    with i18n.language("es"):
        assert i18n.long_date("2026-11-30") == "30 de noviembre de 2026"
    assert i18n.long_date("2026-11-30") == "30 November 2026"


def _copy_project(tmp_path):
    """docs/ and includes/ in a temporary folder, to change an English page without touching the repository."""
    docs = tmp_path / "docs"
    shutil.copytree(paths.DOCS, docs)
    return docs


def test_lint_warns_when_the_english_page_changes_and_mark_clears_it(tmp_path):
    docs = _copy_project(tmp_path)
    spanish = docs / "es" / "safety" / "overdose-risk-after-detox.md"
    before = lint([spanish], docs_dir=docs)
    assert [p for p in before.problems if p.rule == "translation"] == []
    english = docs / "safety" / "overdose-risk-after-detox.md"
    english.write_text(english.read_text(encoding="utf-8") + "\nA new sentence.\n", encoding="utf-8")
    after = [p for p in lint([spanish], docs_dir=docs).problems if p.rule == "translation"]
    assert len(after) == 1 and after[0].severity == "warning" and "stale" in after[0].message
    assert ":" in str(after[0]) and "overdose-risk-after-detox.md" in str(after[0])


def test_lint_reports_a_translation_that_lost_a_citation(tmp_path):
    docs = _copy_project(tmp_path)
    spanish = docs / "es" / "safety" / "overdose-risk-after-detox.md"
    text = spanish.read_text(encoding="utf-8")
    text = text.replace("[@sordo2017]", "").replace("; @sordo2017", "").replace("@sordo2017; ", "")
    assert "@sordo2017" not in text
    spanish.write_text(text, encoding="utf-8")
    problems = [p for p in lint([spanish], docs_dir=docs).problems if p.rule == "translation" and p.severity == "error"]
    assert any("sordo2017" in p.message for p in problems), problems


def test_mark_records_the_english_version_and_changes_nothing_else(tmp_path):
    page = tmp_path / "overdose.md"
    original = (SPANISH / "safety" / "overdose-risk-after-detox.md").read_text(encoding="utf-8")
    page.write_text(original.replace(translations.english_hash(paths.DOCS / "safety" / "overdose-risk-after-detox.md"), "000000000000"), encoding="utf-8")
    run = subprocess.run([sys.executable, str(paths.ROOT / "scripts" / "translations.py"), "--mark", str(page)],
                         capture_output=True, text=True, cwd=paths.ROOT)
    assert run.returncode == 0, run.stderr
    marked = page.read_text(encoding="utf-8")
    assert translations.english_hash(paths.DOCS / "safety" / "overdose-risk-after-detox.md") in marked
    strip = lambda text: [line for line in text.splitlines() if "source_hash" not in line and "translated_on" not in line]  # noqa: E731
    assert strip(marked) == strip(original)


def test_translations_report_lists_every_page_with_its_reading_ease():
    run = subprocess.run([sys.executable, str(paths.ROOT / "scripts" / "translations.py")], capture_output=True, text=True, cwd=paths.ROOT)
    assert run.returncode == 0
    for row in ROWS:
        assert row.src in run.stdout
    assert "0 stale" in run.stdout
