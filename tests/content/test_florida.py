"""Florida: every listed service was checked on a named page, no page shows a number the data
does not hold, the Florida pages are one tap from home and Get help, and the law page rests on
statutes or official pages for each law it explains."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from beyond_detox.pages.bibliography import load_bibliography
from beyond_detox.frontmatter import read_page
from beyond_detox.paths import DOCS
from beyond_detox.resources import load_directories

FLORIDA_PAGES = ["get-help/florida", "families/florida-law"]
# Hosts that publish Florida statutes, state agencies' and courts' pages.
OFFICIAL_FLORIDA = ("flsenate.gov", "leg.state.fl.us", "myfloridahouse.gov", "flcourts.gov", "flcourts.org",
                    "myflfamilies.com", "floridahealth.gov", "isavefl.com", "flrules.org")
PHONE_TEXT = re.compile(r"(?<![\d/.-])(?:1[-. ]?)?\(?\d{3}\)?[-. ]\d{3}[-. ]\d{4}(?![\d-])")


def florida_services():
    return [svc for area in load_directories() if area.area == "florida" for org, svc in area.services()]


def test_every_florida_entry_names_the_page_it_was_checked_on_and_when():
    services = florida_services()
    assert len(services) >= 6
    for svc in services:
        assert svc.source and svc.source.startswith("https://"), svc.id
        assert svc.assured_date and svc.source_note and svc.assured_date in svc.source_note, svc.id
        if svc.counties:
            assert all(not c.lower().endswith("county") for c in svc.counties), svc.id


def test_a_bay_county_service_is_listed():
    assert any("Bay" in svc.counties for svc in florida_services())


def _numbers_in_data() -> set[str]:
    digits = set()
    for area in load_directories():
        for org, svc in area.services():
            for phone in svc.phones:
                digits.add(re.sub(r"\D", "", phone.number)[-10:])
    return digits


def test_no_phone_number_on_a_florida_page_that_is_not_in_the_data(site_dir):
    known = _numbers_in_data()
    for page in FLORIDA_PAGES:
        html = (site_dir / page / "index.html").read_text(encoding="utf-8")
        for href in re.findall(r'href="(?:tel|sms):([^"?]+)', html):
            assert re.sub(r"\D", "", href)[-10:] in known, f"{page}: {href} is not in data/resources/"
        text = re.sub(r"<[^>]+>", " ", html.split('class="md-content"')[1])
        text = text.split('id="sources"')[0]  # source titles and identifiers are not phone numbers
        for shown in PHONE_TEXT.findall(text):
            assert re.sub(r"\D", "", shown)[-10:] in known, f"{page}: shows {shown}, which is not in data/resources/"


def test_florida_pages_are_one_tap_from_home_and_get_help(site_dir):
    from urllib.parse import urljoin

    for start, base in (("index.html", "https://site.test/"), ("get-help/index.html", "https://site.test/get-help/")):
        html = (site_dir / start).read_text(encoding="utf-8")
        content = html.split('class="md-content"')[1]  # in the page itself, not only in the menu
        links = {urljoin(base, link) for link in re.findall(r'href="([^"#]+)', content)}
        for target in ("get-help/florida/", "families/florida-law/"):
            assert "https://site.test/" + target in links, f"{start} has no link to {target} in its content"


def test_law_page_cites_an_official_source_for_each_law():
    page = read_page(DOCS / "families/florida-law.md")
    bibliography = load_bibliography()
    sections = re.split(r"^## ", page.body, flags=re.MULTILINE)
    for law in ("Marchman", "Baker", "Good Samaritan"):
        keys = {key.strip().lstrip("@") for section in sections if law in section.split("\n", 1)[0]
                for group in re.findall(r"\[@([^\]]+)\]", section) for key in group.split(";")}
        hosts = {urlsplit(bibliography[key].data.get("URL", "")).hostname or "" for key in keys}
        assert any(host.endswith(OFFICIAL_FLORIDA) for host in hosts), f"{law}: no statute or official Florida page among {sorted(keys)}"
    text = page.body.lower()
    assert "not legal advice" in text and "three adults" not in text.replace("do not", "")  # pre-2024 rule never stated as law
