"""The real site's content: permanent URLs exist, articles cite real sources, safety is linked everywhere."""
from __future__ import annotations

import json
import re

import pytest

from beyond_detox.pages.bibliography import load_bibliography
from beyond_detox.content_model import article_json_schema, is_article
from beyond_detox.frontmatter import read_page
from beyond_detox.lint import lint
from beyond_detox.paths import DOCS, SCHEMAS

# Printed and shared by clinics: these addresses must never break (tests/content guards them).
PERMANENT_URLS = {
    "understand/depression-and-opioid-use/": "understand/depression-and-opioid-use.md",
    "understand/post-acute-withdrawal/": "understand/post-acute-withdrawal.md",
    "understand/depression-after-detox/": "understand/depression-after-detox.md",
    "treatment/dual-diagnosis/": "treatment/dual-diagnosis.md",
    "treatment/medications-for-opioid-use-disorder/": "treatment/medications-for-opioid-use-disorder.md",
    "treatment/treating-depression-in-recovery/": "treatment/treating-depression-in-recovery.md",
    "safety/overdose-risk-after-detox/": "safety/overdose-risk-after-detox.md",
    "safety/suicide-risk-and-safety-planning/": "safety/suicide-risk-and-safety-planning.md",
    "families/helping-a-loved-one/": "families/helping-a-loved-one.md",
    "recovery/when-use-returns/": "recovery/when-use-returns.md",
    "glossary/": "glossary.md",
    "about/sources/": "about/sources.md",
    "get-help/": "get-help/index.md",
    "about/": "about/index.md",
    "about/editorial-policy/": "about/editorial-policy.md",
    "about/privacy/": "about/privacy.md",
    "about/accessibility/": "about/accessibility.md",
    "about/report-an-error/": "about/report-an-error.md",
    "about/who-we-are/": "about/who-we-are.md",
    "first-days-after-detox/": "first-days-after-detox.md",
    "for-clinicians/": "for-clinicians.md",
    "handouts/after-detox/": "handouts/after-detox.md",
    "treatment/starting-medication/": "treatment/starting-medication.md",
    "treatment/paying-for-treatment/": "treatment/paying-for-treatment.md",
    "recovery/thinking-about-using/": "recovery/thinking-about-using.md",
    "understand/withdrawal-and-detox/": "understand/withdrawal-and-detox.md",
    "understand/sleep-after-detox/": "understand/sleep-after-detox.md",
}
ARTICLES = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md") if is_article(p.relative_to(DOCS).as_posix()))
OVERDOSE_PAGE = "safety/overdose-risk-after-detox.md"


@pytest.mark.parametrize("url, source", sorted(PERMANENT_URLS.items()))
def test_permanent_url_is_built(site_dir, url, source):
    assert (DOCS / source).exists(), f"{source} is missing: /{url} is a permanent address"
    assert (site_dir / url / "index.html").exists(), f"/{url} was not built"


def test_every_article_cites_three_checkable_sources():
    bibliography = load_bibliography()
    assert len(ARTICLES) >= 10
    for rel in ARTICLES:
        page = read_page(DOCS / rel)
        cited = set(re.findall(r"@([A-Za-z0-9][A-Za-z0-9_.:-]*)", " ".join(re.findall(r"\[@[^\]]+\]", page.body))))
        assert len(cited) >= 3, f"{rel} cites {len(cited)} sources"
        for key in cited:
            data = bibliography[key].data
            assert data.get("DOI") or data.get("PMID") or str(data.get("URL", "")).startswith("https://"), f"{rel}: {key} has no DOI, PMID or official URL"


def test_whole_site_passes_the_content_checks():
    result = lint()
    assert result.errors == [], "\n".join(str(p) for p in result.errors)
    lay = [r for r in result.reports if r.audience in ("families", "people-in-recovery")]
    assert lay and all(r.grade <= 8 for r in lay), [(r.path, r.grade) for r in lay]
    start_here = [r for r in result.reports if r.path.endswith("first-days-after-detox.md")]
    assert start_here and start_here[0].grade <= 7, start_here


@pytest.mark.parametrize("rel", ARTICLES + ["index.md"])
def test_overdose_page_is_linked(rel):
    if rel == OVERDOSE_PAGE:
        return
    text = (DOCS / rel).read_text(encoding="utf-8")
    assert re.search(r"\]\((\.\./)*(safety/)?overdose-risk-after-detox\.md(#[\w-]+)?\)", text), f"{rel} does not link to the overdose page"


def test_every_article_is_editorial_and_says_no_clinician_reviewed_it(site_dir):
    for rel in ARTICLES:
        page = read_page(DOCS / rel)
        assert page.meta["review"]["status"] in ("draft", "editorial"), f"{rel} claims a clinical review"
        html = (site_dir / rel.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
        assert "A clinician has not reviewed it yet." in html
        assert "Page last reviewed:" in html and "Next review due:" in html
        assert 'id="sources"' in html


def test_article_schema_file_matches_the_model():
    on_disk = (SCHEMAS / "article.schema.json").read_text(encoding="utf-8")
    assert on_disk == article_json_schema(), "run: python scripts/lint_content.py --write-schema"
    required = set(json.loads(on_disk)["required"])
    assert {"title", "description", "audience", "review", "references"} <= required


def test_overdose_steps_read_the_same_wherever_they_appear(site_dir):
    # One shared block (includes/overdose-steps.md): the overdose page and Get help cannot drift apart.
    for page in ("safety/overdose-risk-after-detox", "get-help"):
        html = (site_dir / page / "index.html").read_text(encoding="utf-8")
        assert "If they do not respond within 1 to 3 minutes, give a second dose" in html, page
        assert "Stay with them until help arrives, even if they wake up." in html, page


def test_start_here_page_is_marked_and_in_the_navigation():
    page = read_page(DOCS / "first-days-after-detox.md")
    assert page.meta.get("start_here") is True, "the start-here page must carry start_here: true (grade 7 limit)"
    nav = (DOCS.parent / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\"Start here: the first days after detox\": first-days-after-detox.md" in nav


def test_search_index_holds_hidden_words_that_pages_do_not_show(site_dir):
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["fields"]["synonyms"]["boost"] > 1
    by_location = {doc["location"]: doc for doc in index["docs"]}
    overdose = by_location["safety/overdose-risk-after-detox/"]
    assert "nalaxone" in overdose["synonyms"] and "nalaxone" not in overdose["text"].lower()
    family = by_location["families/helping-a-loved-one/"]
    listed = read_page(DOCS / "families/helping-a-loved-one.md").meta.get("search_terms") or []
    assert listed and all(term in family["synonyms"] for term in listed)
    html = (site_dir / "families/helping-a-loved-one/index.html").read_text(encoding="utf-8")
    assert not any(term in html for term in listed if len(term) > 12), "a search phrase is shown on the page"


def test_public_sources_page_shows_no_internal_checking_notes(site_dir):
    html = (site_dir / "about/sources/index.html").read_text(encoding="utf-8")
    for internal in ("Not re-searched", "mirror", "proxy", "Where we confirmed", "not seen", "stored cop"):
        assert internal.lower() not in html.lower(), internal
    assert "Checked by an editor on" in html
