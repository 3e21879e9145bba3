"""Site search, typed as readers type: the right page first for at least 90% of the queries in
queries.yml, and in the first three for every one (misspellings, slang, brand names, questions)."""
from __future__ import annotations

from beyond_detox.search_eval import load_queries, run, summary


def test_queries_cover_what_readers_type():
    queries = load_queries()
    kinds = [q.kind for q in queries]
    assert len(queries) >= 60
    for kind, least in (("misspelling", 10), ("slang", 10), ("question", 10), ("florida", 3), ("cost", 3), ("medication", 3)):
        assert kinds.count(kind) >= least, kind


def test_the_right_page_comes_first(browser, site_url, site_dir):
    for query in load_queries():
        for path in query.expect:
            assert (site_dir / path / "index.html").exists(), f"{query.q}: expected page {path} does not exist"
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    outcomes = run(page, site_url, load_queries())
    context.close()
    figures = summary(outcomes)
    print(f"\nsearch: {figures['queries']} queries, first {figures['first']:.0%}, top 3 {figures['top3']:.0%}, "
          f"mean reciprocal rank {figures['mrr']:.3f}")
    missed = [f"{o.query.q!r}: rank {o.rank}, got {o.results[:3]}" for o in outcomes if not o.rank or o.rank > 3]
    assert missed == [], "not in the first three:\n" + "\n".join(missed)
    not_first = [f"{o.query.q!r}: rank {o.rank}, got {o.results[:2]}" for o in outcomes if o.rank != 1]
    assert figures["first"] >= 0.9, "first for fewer than 90%:\n" + "\n".join(not_first)
