#!/usr/bin/env python3
"""Measure every built page on a 375x667 phone screen in Chromium, and optionally screenshot it.

For each page: where the title starts (budget: 200 px), phone screens from the title to the
Sources heading (articles: 6, start-here: 4, Get help: 8; a Spanish page a fifth more), and
whether the "When to get help" block sits right after the key points. Pages over budget are
marked with "!"; pages with no length budget (tools, glossary, About) show "-". Redirects (the
/go/ short addresses, moved pages) are left out: they open the page they point to.
Build first (make build). Example: scripts/measure_pages.py --site site --screenshots /tmp/shots
"""
import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from beyond_detox.browser import CHROMIUM_ARGS, find_chromium  # noqa: E402
from beyond_detox.links.server import serve  # noqa: E402
from beyond_detox.page_measure import PHONE, TITLE_TOP_MAX_PX, budgeted_paths, measure  # noqa: E402
from beyond_detox.paths import DOCS, ROOT  # noqa: E402


def is_redirect(html_file: Path) -> bool:
    """mkdocs-redirects' stubs and the /go/ short addresses: a page that only sends you on."""
    return 'http-equiv="refresh"' in html_file.read_text(encoding="utf-8", errors="replace")[:2000]


def page_paths(site: Path, only: list[str]) -> list[str]:
    paths = ["/" + p.relative_to(site).as_posix().removesuffix("index.html") for p in sorted(site.rglob("index.html"))
             if not p.relative_to(site).as_posix().startswith(("assets/", "search/")) and not is_redirect(p)]
    return [p for p in paths if not only or any(o in p for o in only)]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", default=str(ROOT / "site"), help="the built site (default: site/)")
    parser.add_argument("--screenshots", help="folder for a 375x667 screenshot of each page's first screen")
    parser.add_argument("--full", action="store_true", help="screenshots of the whole page, not just the first screen")
    parser.add_argument("only", nargs="*", help="measure only pages whose path contains one of these")
    args = parser.parse_args(argv)
    site = Path(args.site)
    if not (site / "index.html").exists():
        parser.error(f"{site} has no index.html: run make build first")
    executable = find_chromium()
    if not executable:
        print("No Chromium found: run `make browser`", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    over = 0
    budgeted = set(budgeted_paths(DOCS))
    with serve(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport={"width": PHONE[0], "height": PHONE[1]}).new_page()
        print(f"{'page':52} {'title px':>8} {'screens':>8} {'budget':>6}  when-to-get-help")
        for path in page_paths(site, args.only):
            m = measure(page, base.rstrip("/") + path, path)
            screens = m.screens
            budget = m.budget() if path in budgeted else None
            flag = ""
            if (m.title_top or 0) > TITLE_TOP_MAX_PX or (budget is not None and screens is not None and screens > budget):
                flag, over = "!", over + 1
            care = "-" if m.care_after_key_points is None else ("after key points" if m.care_after_key_points else "MISPLACED")
            shown = f"{budget:6.1f}" if budget is not None else f"{'-':>6}"
            print(f"{path:52} {m.title_top or 0:8.0f} {screens if screens is not None else '-':>8} {shown}  {care} {flag}")
            if args.screenshots:
                out = Path(args.screenshots)
                out.mkdir(parents=True, exist_ok=True)
                name = path.strip("/").replace("/", "_") or "home"
                page.screenshot(path=str(out / f"{name}.png"), full_page=args.full)
        browser.close()
    print(f"{over} page(s) over budget" if over else "all pages within budget")
    return 0


if __name__ == "__main__":
    sys.exit(main())
