"""Fast on a cheap phone: every page's first visit stays within 100 KB gzip, an article's HTML
plus render-blocking CSS within 40 KB, and no source map is published (weights are computed
from the built files, so the test is deterministic)."""
from __future__ import annotations

from beyond_detox.content_model import is_article
from beyond_detox.weight import ARTICLE_CRITICAL_BUDGET, FIRST_VISIT_BUDGET, site_weights


def test_every_first_visit_is_within_budget(site_dir):
    weights = site_weights(site_dir)
    assert len(weights) > 30
    over = [f"{w.path}: {w.total} B ({w.biggest()})" for w in weights if w.total > FIRST_VISIT_BUDGET]
    assert over == [], "over the first-visit budget:\n" + "\n".join(over)


def test_an_articles_html_and_blocking_css_are_within_budget(site_dir):
    articles = [w for w in site_weights(site_dir) if is_article(w.path.strip("/") + ".md")]
    assert len(articles) >= 15
    over = [f"{w.path}: {w.critical} B ({w.biggest()})" for w in articles if w.critical > ARTICLE_CRITICAL_BUDGET]
    assert over == [], "over the article budget:\n" + "\n".join(over)


def test_no_search_index_or_source_map_on_a_first_visit(site_dir):
    for w in site_weights(site_dir):
        assert not any("search_index" in item for item in w.items), w.path
    assert list(site_dir.rglob("*.map")) == []
