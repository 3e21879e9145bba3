"""Link checking for the built site: internal links on every change, external links on a schedule.

    report = check_site(Path("site"), load_settings(), external=False)

`scripts/check_links.py` is the command line; `config/README.md` explains it to editors.
Modules: crawl (LinkChecker, in this process), analyse (findings), external (the polite outbound
check and its cache), report (text, Markdown, CSV), settings (config/), server (127.0.0.1).
"""
from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from .analyse import (internal_findings, internal_link_count, outbound_links, own_site_address, own_site_findings,
                      site_path, source_file)
from .crawl import crawl_site
from .external import GoodAnswerCache, check_external
from .model import ERROR, WARNING, CheckCouldNotRun, Finding, Report
from .server import serve
from .settings import CACHE_FILE, Settings, SettingsError, load_settings

__all__ = ["check_site", "load_settings", "Settings", "SettingsError", "CheckCouldNotRun", "Finding", "Report",
           "ERROR", "WARNING", "CACHE_FILE"]

# With at least this many external links asked and not one host answering, the machine is
# offline (or blocked): that is the check failing to run, not hundreds of broken links.
OFFLINE_THRESHOLD = 3


def check_site(site_dir: Path, settings: Settings, *, external: bool = False, docs_dir: Path | None = None,
               cache_file: Path | None = CACHE_FILE, threads: int | None = None,
               progress: Callable[[str], None] | None = None) -> Report:
    """Check the built site in `site_dir`. Raises CheckCouldNotRun when the check cannot run."""
    started = time.perf_counter()
    site_dir = Path(site_dir)
    if not site_dir.is_dir():
        raise CheckCouldNotRun(f"the site folder {site_dir} does not exist: build the site first (make build).")
    if not (site_dir / "index.html").is_file():
        raise CheckCouldNotRun(f"{site_dir} has no index.html: is it a built site? Build it first (make build).")

    def crawl_progress(n: int) -> None:
        if progress:
            progress(f"internal: {n} addresses checked")

    with serve(site_dir) as base_url:
        crawl = crawl_site(site_dir, base_url, settings.linkcheckerrc, threads=threads, progress=crawl_progress)
    report = Report(pages=crawl.pages)
    report.findings = internal_findings(crawl, docs_dir)
    report.internal_links = internal_link_count(crawl)
    links = outbound_links(crawl)
    own, links = own_site_findings(links, own_site_address(site_dir), site_dir, crawl.base_url, docs_dir)
    report.findings += own
    report.external_found = len(links)
    if external and links:
        cache = GoodAnswerCache(cache_file, settings.external.cache_days) if cache_file else None

        def external_progress(done: int, total: int) -> None:
            if progress:
                progress(f"external: {done}/{total} links asked")

        answers, _requests = check_external(list(links), settings.external, settings.allowlist, cache,
                                            external_progress)
        asked = [a for a in answers.values() if not a.from_cache]
        if len(asked) >= OFFLINE_THRESHOLD and not any(a.answered for a in asked):
            raise CheckCouldNotRun(f"none of the {len(asked)} external hosts asked gave any answer "
                                   f"(first: {asked[0].reason}). Is this machine offline?")
        if cache is not None:
            try:
                cache.save()
            except OSError as exc:
                raise CheckCouldNotRun(f"cannot write the cache {cache_file}: {exc}") from exc
        found = set()
        for url, answer in answers.items():
            if answer.severity is None:
                continue
            for occ in links[url]:
                page = site_path(occ.parent, crawl.base_url)
                found.add(Finding(page=page, link=occ.link or url, reason=answer.reason, severity=answer.severity,
                                  kind="external", target=answer.final_url or url,
                                  source_file=source_file(page, docs_dir)))
        report.findings += sorted(found)
        report.external_skipped = False
        report.external_links = len(answers)
        report.external_from_cache = sum(1 for a in answers.values() if a.from_cache)
    elif external:
        report.external_skipped = False
    report.findings.sort(key=lambda f: (f.page, f.link, f.reason))
    report.seconds = time.perf_counter() - started
    return report
