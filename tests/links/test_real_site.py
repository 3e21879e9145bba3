"""The real built site has no broken internal link (runs in `make test`, after `make build`)."""
from __future__ import annotations

from beyond_detox.links import check_site, load_settings
from beyond_detox.links.report import text
from beyond_detox.paths import DOCS


def test_real_site_has_no_broken_internal_links(site_dir):
    report = check_site(site_dir, load_settings(), external=False, docs_dir=DOCS, cache_file=None)
    assert report.pages > 1
    assert not report.errors, "Broken links in the built site:\n" + text(report)
