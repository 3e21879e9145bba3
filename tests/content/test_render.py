"""What readers see: numbered citations, the Sources list, "Also called", review record, help lines."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap

from beyond_detox.pages.bibliography import load_bibliography
from beyond_detox.pages.citations import put_back_citations
from beyond_detox.content_model import PageMeta
from beyond_detox.paths import ROOT
from beyond_detox.pages.render import SiteData, render_page
from beyond_detox.review import review_footer

from .conftest import GOOD_ARTICLE


def render(project, rel, text):
    path = project.write(rel, text)
    body = text.split("---\n", 2)[2]
    # As the site's hook does: citations become links after the Markdown conversion.
    return put_back_citations(render_page(rel, path, body, SiteData(data_dir=project.data_dir)))


def test_citation_marks_pass_the_markdown_conversion_and_become_links(project):
    import markdown

    from beyond_detox import i18n

    text = render_page("safety/good.md", project.write("safety/good.md", GOOD_ARTICLE),
                       GOOD_ARTICLE.split("---\n", 2)[2] + "\n| a | b |\n|---|---|\n| x [@ref2] | y |\n\n!!! note\n\n    Inside [@ref1].\n",
                       SiteData(data_dir=project.data_dir))
    assert "<sup" not in text  # no raw HTML for Python-Markdown to parse
    config = __import__("yaml").load((ROOT / "mkdocs.yml").read_text(), Loader=__import__("yaml").BaseLoader)
    extensions = [e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]]
    html = put_back_citations(markdown.markdown(text, extensions=extensions))
    assert "\ue000" not in html and "\ue001" not in html
    assert html.count('<sup class="bd-cite">') == text.count("\ue000")
    assert '<td>x <sup class="bd-cite">[<a href="#source-' in html
    assert 'Inside <sup class="bd-cite">' in html
    i18n.set_language("es")
    try:
        assert '<span class="bd-visually-hidden">Fuente </span>' in put_back_citations(text)
    finally:
        i18n.set_language("en")


def test_citations_are_numbered_in_order_and_listed(project):
    html = render(project, "safety/good.md", GOOD_ARTICLE.replace("[@ref1]", "[@ref3]"))
    # ref3 is cited first so it is source 1; the grouped citation [@ref2; @ref3] shows 1 and 2
    assert '<a href="#source-1"><span class="bd-visually-hidden">Source </span>1</a>' in html.split("Medicine")[0]
    grouped = html.split("Medicine")[1].split("\n")[0]
    assert 'href="#source-1"' in grouped and 'href="#source-2"' in grouped
    sources = html.split("## Sources {#sources}")[1]
    assert sources.index('id="source-1"') < sources.index("A study number 3") < sources.index('id="source-2"') < sources.index("A study number 2")
    assert '<a href="https://doi.org/10.1136/bmj.test3">doi:10.1136/bmj.test3</a>' in sources
    assert "A study number 1" not in sources  # not cited, not listed


def test_reference_links_to_pubmed_and_official_page(project):
    import json
    refs = json.loads((project.data_dir / "references.json").read_text())
    refs[0].update({"PMID": "28446428", "URL": "https://www.samhsa.gov/"})
    (project.data_dir / "references.json").write_text(json.dumps(refs, indent=2))
    html = render(project, "safety/good.md", GOOD_ARTICLE)
    assert '<a href="https://pubmed.ncbi.nlm.nih.gov/28446428/">PubMed 28446428</a>' in html
    assert '<a href="https://www.samhsa.gov/">samhsa.gov</a>' in html


def test_also_called_and_help_line_shortcode(project):
    html = render(project, "safety/good.md", GOOD_ARTICLE)
    assert html.startswith('<p class="bd-also-called"><strong>Also called:</strong> dope sick</p>')
    assert '<a class="bd-phone" href="tel:988">988</a>' in html


def test_review_footer_is_honest_about_editorial_review(project):
    html = render(project, "safety/good.md", GOOD_ARTICLE)
    assert "**Page last reviewed:** 1 November 2026" in html
    assert "**Next review due:** 1 November 2027" in html
    assert "A clinician has not reviewed it yet." in html
    assert "Clinically reviewed" not in html
    assert "[What this means](../about/editorial-policy.md#how-pages-are-reviewed)" in html


def test_draft_and_clinical_wording():
    base = {"title": "A page", "description": "A description that is long enough to pass.",
            "review": {"status": "draft", "reviewed_on": dt.date(2026, 1, 1), "next_review": dt.date(2027, 1, 1)}}
    assert "has not been reviewed yet" in review_footer(PageMeta.model_validate(base), {}, "x.md")
    base["review"].update(status="clinical", reviewer="jd")
    reviewers = {"jd": {"name": "Jane Doe, MD", "qualifications": "Addiction medicine"}}
    assert "Clinically reviewed by Jane Doe, MD, Addiction medicine." in review_footer(PageMeta.model_validate(base), reviewers, "x.md")


def test_glossary_abbreviations_are_appended_for_the_ones_the_page_uses(project):
    html = render(project, "safety/good.md", GOOD_ARTICLE + "\nAsk about MOUD.\n")
    assert "*[MOUD]: Medications for opioid use disorder: " in html
    assert "*[OTP]:" not in html, "an abbreviation the page does not use is not defined on it"


def test_unknown_citation_fails_the_build_with_file_and_line(tmp_path):
    docs = tmp_path / "docs"
    (docs / "safety").mkdir(parents=True)
    text = GOOD_ARTICLE.replace("[@ref1]", "[@nobody1999]").replace(" [@ref2; @ref3]", "").replace("references: [ref1, ref2, ref3]", "references: [nobody1999]")
    (docs / "safety" / "bad.md").write_text(text)
    (tmp_path / "mkdocs.yml").write_text(textwrap.dedent(f"""\
        site_name: test
        docs_dir: docs
        theme:
          name: material
          custom_dir: {ROOT / 'overrides'}
          font: false
        hooks:
          - {ROOT / 'overrides/hooks/content.py'}
        markdown_extensions: [abbr, admonition, attr_list, md_in_html, def_list]
        """))
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode != 0
    assert f"{docs}/safety/bad.md:19: citation: unknown citation key 'nobody1999' (not in data/references.json)" in run.stderr + run.stdout


def test_bibliography_loads_with_line_numbers(project):
    bib = load_bibliography(project.data_dir / "references.json")
    lines = (project.data_dir / "references.json").read_text().splitlines()
    assert '"id": "ref3"' in lines[bib["ref3"].line - 1]


def test_articles_link_the_glossary_words_they_use(project):
    html = render(project, "safety/good.md", GOOD_ARTICLE + "Naloxone can reverse an overdose. MOUD helps.\n")
    line = next(l for l in html.splitlines() if l.startswith("**Words on this page"))
    assert "[MOUD](../glossary.md#moud)" in line and "[Naloxone](../glossary.md#naloxone)" in line
    assert "[Overdose](../glossary.md#overdose)" in line
    assert "Fentanyl" not in line  # not used on the page


def test_an_entry_without_identifier_stops_the_render(project):
    import json

    import pytest

    from beyond_detox.problems import ContentError

    refs = json.loads((project.data_dir / "references.json").read_text())
    del refs[0]["DOI"]
    (project.data_dir / "references.json").write_text(json.dumps(refs, indent=2) + "\n")
    with pytest.raises(ContentError, match=r"references.json:3: bibliography: ref1: needs a DOI, PMID or URL"):
        render(project, "safety/good.md", GOOD_ARTICLE)


def test_shared_block_is_placed_inside_an_admonition():
    from beyond_detox.pages.includes import expand_includes

    text = expand_includes('!!! danger "Now"\n\n    [[include:overdose-steps]]\n')
    lines = text.splitlines()
    assert lines[2].startswith("    1. **Call [[call:emergency-911]].**")
    assert all(line.startswith("    ") or not line for line in lines[2:])


def test_web_page_without_date_reads_cleanly():
    from beyond_detox.pages.bibliography import Reference, format_reference_html

    ref = Reference("cdc", {"title": "What to Do", "author": [{"literal": "Centers for Disease Control and Prevention"}],
                            "container-title": "Stop Overdose", "URL": "https://www.cdc.gov/stop-overdose/"}, 1)
    assert format_reference_html(ref) == (
        'Centers for Disease Control and Prevention. What to Do. <cite>Stop Overdose</cite>. '
        '<a href="https://www.cdc.gov/stop-overdose/">cdc.gov</a>'
    )


def test_a_page_script_or_stylesheet_that_is_not_there_stops_the_render_at_its_line(project):
    import pytest

    from beyond_detox.problems import ContentError

    tool = GOOD_ARTICLE.replace("references: [ref1, ref2, ref3]\n", "references: [ref1, ref2, ref3]\n"
                                "stylesheets: [assets/stylesheets/site.css, assets/stylesheets/gone.css]\n"
                                "scripts:\n  - src: assets/javascripts/share.js\n  - src: assets/javascripts/gone.js\n")
    with pytest.raises(ContentError) as raised:
        render(project, "safety/good.md", tool)
    message = str(raised.value)
    assert "good.md:11: assets: stylesheets: assets/stylesheets/gone.css is in neither overrides/ nor docs/" in message
    assert "good.md:14: assets: scripts: assets/javascripts/gone.js is in neither overrides/ nor docs/" in message
    assert "site.css" not in message and "share.js" not in message
