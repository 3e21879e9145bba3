"""The Get help pages rendered from the data: order, click-to-call links, "Checked on", hiding
stale entries, and the placeholders' errors."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from beyond_detox.resources import load_directories
from beyond_detox.resources.model import Directory
from beyond_detox.resources.render import PageState, SelectorError, expand, is_visible, all_entries
from beyond_detox.yamlio import parse

from .helpers import ROOT, TODAY, VALID

GET_HELP = ROOT / "docs" / "get-help"


def directory(text: str) -> Directory:
    return Directory.model_validate(parse(text).data)


def entry_ids(html: str) -> list[str]:
    return re.findall(r'<li class="bd-entry" id="([^"]+)"', html)


@pytest.fixture(scope="module")
def real():
    return load_directories()


@pytest.fixture(scope="module")
def index_html(real):
    markdown = (GET_HELP / "index.md").read_text(encoding="utf-8")
    return expand(markdown, real, PageState("get-help/index.md"), TODAY)


def test_crisis_first_then_referral_then_naloxone_florida_family_spanish(index_html):
    headings = re.findall(r"^## (.+)$", index_html, flags=re.MULTILINE)
    assert [re.sub(r" \{#[\w-]+\}$", "", h) for h in headings[:8]] == [
        "Crisis help, any time", "Overdose: call [[name:emergency-911]] and give naloxone", "More crisis lines",
        "Find treatment and get a referral", "Get naloxone", "Help in Florida", "Support for families and peers", "Help in Spanish"]
    # Full cards only for 988 and 911; the rest are compact rows (name, first sentence, buttons).
    assert entry_ids(index_html) == ["lifeline-988", "emergency-911"]
    names = re.findall(r'<li class="bd-compact"><strong><a href="[^"]*" rel="noreferrer">([^<]+)</a></strong>', index_html)
    assert names.index("Poison Help") < names.index("SAMHSA's National Helpline".replace("'", "&#x27;"))
    assert names.index("NEXT Distro") < names.index("NAMI HelpLine") < names.index("SMART Recovery meetings")


def test_compact_rows_show_the_first_sentence_only(index_html, real):
    from beyond_detox.resources.render import first_sentence

    assert first_sentence("Free, confidential. Call any time. Text too.") == "Free, confidential."
    nami = next(svc for area in real for org, svc in area.services() if svc.id == "nami-helpline")
    row = index_html.split(">NAMI HelpLine</a></strong>:")[1].split("<ul")[0]
    assert row.strip() == first_sentence(nami.description).replace("'", "&#x27;") != " ".join(nami.description.split())


def test_overdose_section_calls_911_and_links_the_safety_page(index_html):
    section = index_html.split("## Overdose")[1].split("## More crisis lines")[0]
    assert '<a class="md-button md-button--primary bd-action" href="tel:911">Call 911</a>' in section
    assert "naloxone" in section.lower()
    assert "(../safety/overdose-risk-after-detox.md)" in section


def test_click_to_call_and_text_links(index_html):
    for fragment in ['href="tel:988">Call 988<', 'href="sms:988">Text 988<', 'href="sms:988?body=AYUDA">Text AYUDA to 988<',
                     'href="tel:+18006624357">Call 1-800-662-HELP (4357)<', 'href="tel:+18004874889">Call by TTY 1-800-487-4889<',
                     'href="sms:62640?body=HELPLINE">Text HELPLINE to 62640<', 'href="sms:838255">Text 838255<',
                     'href="tel:+18002221222">Call 1-800-222-1222<']:
        assert fragment in index_html, fragment


def test_every_entry_shows_checked_on_and_its_official_link(index_html, real):
    dates = {svc.id: svc.assured_date for area in real for org, svc in area.services()}
    for block in index_html.split('<li class="bd-entry" id="')[1:]:
        ident = block.split('"')[0]
        day = dates[ident]
        assert f'Checked on <time datetime="{day}">' in block, ident
        assert 'rel="noreferrer"' in block, ident
        # Folded under the buttons, so a phone shows how to call first.
        assert block.index("bd-action") < block.index('<details class="bd-entry__more">') < block.index("Checked on")
    card = expand("<!-- directory: ids=samhsa-national-helpline -->\n", real, PageState("get-help/index.md"), TODAY)
    for words in ("<dt>Hours</dt><dd>24 hours a day, 365 days a year</dd>", "<dt>Languages</dt><dd>English, Spanish</dd>",
                  "<dt>Cost</dt><dd>Free</dd>", "SAMHSA&#x27;s National Helpline official website"):
        assert words in card


def test_spanish_section_lists_only_services_that_answer_in_spanish(index_html):
    section = index_html.split("## Help in Spanish")[1].split("## Help in Florida")[0]
    assert 'lang="es"' in section
    assert "Text AYUDA to 741741" in section and "Text AYUDA to 988" in section and "Call 1-800-662-HELP (4357)" in section
    assert "Poison Help" not in section and "NAMI" not in section
    assert 'href="sms:988">Text 988<' not in section  # the Spanish keyword line replaces the plain one


def test_florida_page(real):
    markdown = (GET_HELP / "florida.md").read_text(encoding="utf-8")
    html = expand(markdown, real, PageState("get-help/florida.md"), TODAY)
    assert 'href="tel:211">Call 211<' in html
    assert "(Serves Bay, Calhoun, Escambia, Gulf, Holmes, Jackson and Washington counties)" in html
    # Grouped by need; within a group Bay County first, then the rest of the Panhandle, then statewide.
    naloxone = html.split("## Free naloxone")[1].split("## ")[0]
    assert naloxone.index("(Serves Bay county)") < naloxone.index("(Serves Escambia county)") < naloxone.index("(Serves all of Florida)")
    assert "No local listings have been imported for this state yet" in html  # none imported in the repository


def test_pages_type_no_phone_number():
    from beyond_detox.pages.shortcodes import check_shortcodes

    for page in GET_HELP.glob("*.md"):
        problems = check_shortcodes(page.read_text(encoding="utf-8"), str(page))
        assert problems == [], problems


STALE = VALID.replace("area: testland", "area: stale")


@pytest.mark.parametrize("assured, today, visible", [
    ("2026-01-15", TODAY, True),
    ("2025-10-01", TODAY, True),     # over 12 months: due, still shown
    ("2025-05-27", TODAY, True),     # exactly 18 months
    ("2025-05-26", TODAY, False),    # over 18 months: hidden
])
def test_entries_over_18_months_are_hidden(assured, today, visible):
    area = directory(STALE.replace("2026-01-15", assured))
    html = expand("## X\n\n<!-- directory: area=stale -->\n", [area], PageState(), today)
    assert ("test-line" in entry_ids(html)) is visible
    if not visible:
        assert "No confirmed entries to show here right now" in html


def test_the_crisis_block_services_are_never_hidden():
    text = VALID.replace("id: test-line", "id: lifeline-988").replace("2026-01-15", "2020-01-01")
    area = directory(text)
    (entry,) = all_entries([area])
    assert is_visible(entry, TODAY)


@pytest.mark.parametrize("status, shown, label", [("inactive", False, None), ("defunct", False, None),
                                                  ("temporarily closed", True, "<dt>Status</dt><dd>Temporarily closed</dd>")])
def test_status(status, shown, label):
    area = directory(VALID.replace("status: active", f"status: {status}"))
    html = expand("<!-- directory: area=testland -->", [area], PageState(), TODAY)
    assert ("test-line" in entry_ids(html)) is shown
    if label:
        assert label in html


def test_text_is_escaped():
    area = directory(VALID.replace("name: Test Line", "name: Test <script>alert(1)</script> Line"))
    html = expand("<!-- directory: area=testland -->", [area], PageState(), TODAY)
    assert "<script>" not in html and "&lt;script&gt;" in html


@pytest.mark.parametrize("placeholder, words", [
    ("<!-- directory: ids=no-such-line -->", "unknown service id 'no-such-line'"),
    ("<!-- directory: colour=blue -->", "'colour=blue' is not understood"),
    ("<!-- directory: category=astrology -->", "unknown category 'astrology'"),
    ("<!-- directory: area=mars -->", "unknown area 'mars'"),
    ("<!-- directory: ids=test-line format=poster -->", "format must be one of full, compact, actions"),
])
def test_placeholder_errors_name_the_page_and_line(placeholder, words):
    area = directory(VALID)
    with pytest.raises(SelectorError) as error:
        expand(f"Intro\n\n{placeholder}\n", [area], PageState("get-help/x.md"), TODAY)
    assert "get-help/x.md: line 3" in str(error.value) and words in str(error.value)


def test_local_areas_link_to_their_pages(tmp_path):
    from beyond_detox.resources.import_findtreatment import read_export_file, run_import

    from .helpers import FIXTURES

    run_import(area="bay-county-fl", pages=read_export_file(FIXTURES / "findtreatment_bay.json"), source="fixture",
               data_dir=tmp_path, name="Bay County, Florida", today=TODAY)
    local = directory((tmp_path / "local" / "bay-county-fl.yml").read_text())
    html = expand("<!-- directory: local-areas state=FL -->", [local], PageState("get-help/florida.md"), TODAY)
    assert "- [Bay County, Florida](local/bay-county-fl.md): 4 listings, imported on 27 November 2026" in html
    listing = expand("## Listings\n\n<!-- directory: area=bay-county-fl -->", [local], PageState("get-help/local/bay-county-fl.md"), TODAY)
    assert "Listed on FindTreatment.gov; imported on" in listing and "call ahead" in listing
    assert "<dt>Address</dt><dd>100 Example Avenue, Suite 2, Panama City, FL 32401</dd>" in listing
    assert "<dt>Listed as offering</dt><dd>Buprenorphine; Treats co-occurring" in listing
    later = TODAY + dt.timedelta(days=560)  # not seen by an import for over 18 months
    assert entry_ids(expand("<!-- directory: area=bay-county-fl -->", [local], PageState(), later)) == []


PLACES = """\
area: florida
name: Florida
coverage: Florida
organizations:
  - id: org
    name: Org
    services:
      - {id: statewide-line, name: Statewide line, status: active, categories: [crisis], description: Serves the whole state., phones: [{number: "+18005550100", display: 1-800-555-0100, type: voice}], assured_date: 2026-11-01, source: "https://example.org/a", source_note: Test.}
      - {id: escambia-line, name: Escambia line, status: active, categories: [crisis], description: Serves one other county., counties: [Escambia], phones: [{number: "+18505550101", display: 850-555-0101, type: voice}], assured_date: 2026-11-01, source: "https://example.org/b", source_note: Test.}
      - {id: bay-line, name: Bay line, status: active, categories: [crisis], description: Serves Bay and Gulf., counties: [Bay, Gulf], what_to_say: I am calling about my son., phones: [{number: "+18505550102", display: 850-555-0102, type: voice}], assured_date: 2026-11-01, source: "https://example.org/c", source_note: Test.}
      - {id: regional-line, name: Regional line, status: active, categories: [crisis], description: Serves a region whose counties its page does not name., coverage: 18 counties of northwest Florida, phones: [{number: "+18505550103", display: 850-555-0103, type: voice}], assured_date: 2026-11-01, source: "https://example.org/d", source_note: Test.}
"""


def test_near_puts_the_readers_county_first_and_labels_each_place():
    html = expand("<!-- directory: area=florida category=crisis near=Bay format=compact -->\n", [directory(PLACES)],
                  PageState("get-help/florida.md"), TODAY)
    assert html.index("Bay line") < html.index("Escambia line") < html.index("Statewide line")
    assert "(Serves Bay and Gulf counties)" in html and "(Serves Escambia county)" in html and "(Serves all of Florida)" in html
    assert "What to say: “I am calling about my son.”" in html
    # A regional service whose counties are not listed says what its page says, never "all of Florida".
    regional = html.split("Regional line")[1].split("</li>")[0]
    assert "(Serves 18 counties of northwest Florida)" in regional and "Serves all of Florida" not in regional


def test_county_selector_and_empty_skip():
    dirs = [directory(PLACES)]
    only_bay = expand("<!-- directory: area=florida county=Bay format=compact -->\n", dirs, PageState(), TODAY)
    assert "Bay line" in only_bay and "Escambia line" not in only_bay and "Statewide line" not in only_bay
    elsewhere = expand("<!-- directory: area=florida county=not:Bay format=compact -->\n", dirs, PageState(), TODAY)
    assert "Escambia line" in elsewhere and "Bay line" not in elsewhere and "Statewide line" not in elsewhere
    statewide = expand("<!-- directory: area=florida county=all format=compact -->\n", dirs, PageState(), TODAY)
    assert "Statewide line" in statewide and "Bay line" not in statewide
    assert expand("<!-- directory: area=florida category=naloxone empty=skip -->\n", dirs, PageState(), TODAY).strip() == ""
    assert "No confirmed entries" in expand("<!-- directory: area=florida category=naloxone -->\n", dirs, PageState(), TODAY)
    with pytest.raises(SelectorError, match="empty must be say"):
        expand("<!-- directory: area=florida empty=maybe -->\n", dirs, PageState(), TODAY)
