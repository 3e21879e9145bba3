"""The link check on a fixture site with every kind of link, served and asked for real on 127.0.0.1."""
from __future__ import annotations

import pytest

from beyond_detox.links import ERROR, WARNING, check_site


def by_link(report, page=None):
    return {f.link: f for f in report.findings if page is None or f.page == page}


@pytest.fixture(scope="module")
def internal(fixture_site, settings):
    return check_site(fixture_site, settings, external=False, cache_file=None)


@pytest.fixture(scope="module")
def external(fixture_site, settings, tmp_path_factory):
    cache = tmp_path_factory.mktemp("cache") / "links-external.json"
    return check_site(fixture_site, settings, external=True, cache_file=cache)


# --- internal mode ---------------------------------------------------------------------------

def test_missing_page_is_reported_on_every_page_that_links_to_it(internal):
    home, guide = by_link(internal, "/")["missing-page/"], by_link(internal, "/guide/")["../missing-page/"]
    for finding in (home, guide):
        assert finding.severity == ERROR
        assert finding.kind == "page"
        assert "not found (404)" in finding.reason
        assert finding.target == "/missing-page/"


def test_missing_anchor_is_an_error_with_a_hint(internal):
    finding = by_link(internal, "/")["guide/#no-such-section"]
    assert finding.severity == ERROR
    assert finding.kind == "anchor"
    assert finding.reason.startswith("no section #no-such-section on /guide/")


def test_missing_image_is_reported(internal):
    finding = by_link(internal, "/")["img/missing.png"]
    assert (finding.severity, finding.kind) == (ERROR, "image")
    assert "image not found (404)" in finding.reason


def test_redirect_page_with_a_missing_target_is_reported(internal):
    finding = by_link(internal, "/old-page/")["../renamed-page/"]
    assert finding.severity == ERROR and "not found (404)" in finding.reason


def test_good_links_are_not_reported(internal):
    links = {f.link for f in internal.findings}
    good = {"guide/", "guide/#dosage", "#home", "img/ok.svg", "css/site.css", "js/app.js", "../", "../#home",
            "#top", "../about/#who-we-are", "../guide/", "../img/ok.svg", "/", "mailto:editors@example.org",
            "tel:988", "sms:988"}
    assert not links & good
    assert not any(f.page in ("/about/", "/old-guide/", "/404.html", "/css/site.css") for f in internal.findings)


def test_internal_mode_is_offline_and_counts(internal, servers):
    a, b = servers
    assert not any(f.kind == "external" for f in internal.findings)
    assert len(internal.errors) == 5 and not internal.warnings
    assert internal.exit_code == 1
    assert internal.pages == 6                 # 404.html and both redirect pages included
    assert internal.external_found == 8        # /ok with and without #section counts once
    assert internal.external_skipped


# --- external mode ---------------------------------------------------------------------------

@pytest.mark.parametrize("path, words", [
    ("/missing", "404 Not Found"),
    ("/gone", "410 Gone"),
    ("/error", "500 Internal Server Error (tried 2 times)"),
    ("/slow", "no answer within 0.5 s"),
])
def test_each_broken_external_link_is_an_error_with_page_and_reason(external, servers, path, words):
    a, _ = servers
    finding = by_link(external, "/")[a.url + path]
    assert finding.severity == ERROR
    assert finding.kind == "external"
    assert words in finding.reason


def test_403_is_a_warning_only_for_the_allow_listed_host(external, servers):
    a, b = servers
    listed, unlisted = by_link(external, "/")[a.url + "/forbidden"], by_link(external, "/")[b.url + "/forbidden"]
    assert listed.severity == WARNING and "403 Forbidden" in listed.reason and "allow-list" in listed.reason
    assert unlisted.severity == ERROR and unlisted.reason == "403 Forbidden"


def test_good_and_redirected_external_links_are_not_reported(external, servers):
    a, _ = servers
    links = {f.link for f in external.findings}
    assert a.url + "/ok" not in links
    assert a.url + "/ok#section" not in links
    assert a.url + "/moved" not in links


def test_external_counts_and_exit_code(external):
    assert external.exit_code == 1
    assert len(external.warnings) == 1
    assert len([f for f in external.errors if f.kind == "external"]) == 5
    assert external.external_links == 8 and external.external_from_cache == 0


# --- the site's own public address, and anchor hints -------------------------------------------

@pytest.fixture(scope="module")
def own_site(tmp_path_factory):
    """A site whose pages name their public address (mkdocs.yml site_url -> rel=canonical)."""
    site = tmp_path_factory.mktemp("own") / "site"
    (site / "guide").mkdir(parents=True)
    (site / "index.html").write_text(
        '<!doctype html><head><title>Home</title><link rel="canonical" href="https://beyond.example/"></head>'
        '<a href="https://beyond.example/guide/">guide</a> <a href="https://beyond.example/nope/">nope</a> '
        '<a href="guide/#Dosage">dosage</a>', encoding="utf-8")
    (site / "guide" / "index.html").write_text(
        '<!doctype html><head><title>Guide</title><link rel="canonical" href="https://beyond.example/guide/">'
        '</head><h2 id="dosage">Dosage</h2>', encoding="utf-8")
    return site


def test_links_to_the_sites_own_address_are_checked_against_the_build(own_site, settings):
    report = check_site(own_site, settings, external=True, cache_file=None)  # never asks beyond.example
    links = by_link(report)
    assert links["https://beyond.example/nope/"].reason == (
        "links to this site's own address, but the build has no /nope/")
    assert "https://beyond.example/guide/" not in links and "https://beyond.example/" not in links
    assert report.external_links == 0 and report.external_found == 0


def test_a_near_miss_anchor_gets_a_suggestion(own_site, settings):
    report = check_site(own_site, settings, external=False, cache_file=None)
    assert by_link(report, "/")["guide/#Dosage"].reason == "no section #Dosage on /guide/; did you mean #dosage?"
