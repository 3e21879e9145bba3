"""Tools for editors: scaffold a new article, list reviews falling due, the What's new page, and
the pages a pull request changed. Each has a thin command in scripts/ with `--help`:

- scaffold     scripts/new_article.py   a valid draft article at docs/SECTION/SLUG.md, added to the nav
- review_due   scripts/review_due.py    pages, references and directory entries whose review falls due
- whats_new    overrides/hooks/whats_new.py fills /about/whats-new/ from the pages' review dates
- changed      scripts/changed_pages.py the pages a branch changed, with their reading grades
"""
