"""The internal check: LinkChecker, run in this process, over the site served on 127.0.0.1.

Why in-process (LinkChecker's Python API) rather than the `linkchecker` command:
- LinkChecker checks each distinct URL once and drops later links to it before they are
  logged, so its own output names only the first page that links to a broken URL. Here a small
  subclass of its URL queue records every (page, link) pair before that de-duplication, so an
  editor sees every page that holds the broken link.
- Anchors: LinkChecker's AnchorCheck plugin keys its cache by the URL *with* the #fragment, so
  it downloads and parses a page again for every distinct anchor that points to it, and reports
  a missing anchor only as a warning. On a 44-page Material site the `linkchecker` command took
  22.6 s with it and 2.3 s without. Instead, a content plugin (`_AnchorCollector`) records the
  anchors of each page from the parse LinkChecker already makes (same tags and same decoding as
  AnchorCheck), and every `#fragment` link is checked against them afterwards, as an error.
- Run as root, the `linkchecker` command switches to the user `nobody`; the API does not.
  Reports are written by this package, never by LinkChecker.
Speed is the same either way. Measured on that 44-page site: the `linkchecker` command, crawling
from the home page only, 2.3 s; this module, seeding every page and checking every anchor, 2.4 s
(benchmarks/links.py prints both figures for the real site).
"""
from __future__ import annotations

import logging
import socket
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

# LinkChecker (pinned: 10.6.0) installs a gettext `_` builtin on import and logs through the
# "linkcheck" logger. The pieces used here are the ones its own command assembles
# (linkcheck/command/linkchecker.py and linkcheck/director/__init__.py); they are internal, so
# requirements.txt pins LinkChecker and tests/links/ fails loudly if an upgrade changes them.
from linkcheck import LinkCheckerError, configuration, plugins
from linkcheck.cache import results, robots_txt, urlqueue
from linkcheck.checker import get_url_from
from linkcheck.director import aggregator, check_urls
from linkcheck.htmlutil import linkparse
from linkcheck.logger import _Logger

from .model import CheckCouldNotRun


@dataclass(frozen=True)
class Occurrence:
    parent: str        # absolute URL of the page holding the link
    link: str          # the link as written in the page
    url: str           # the link made absolute, #fragment included
    line: int | None


@dataclass
class Crawl:
    base_url: str
    rows: dict[str, object] = field(default_factory=dict)       # cache key -> LinkChecker's result
    keyless_rows: list[object] = field(default_factory=list)    # results LinkChecker gave no key (bad syntax)
    occurrences: dict[str, list[Occurrence]] = field(default_factory=dict)
    anchors: dict[str, frozenset[str]] = field(default_factory=dict)   # page URL (no #) -> its anchors
    pages: int = 0
    internal_errors: int = 0


def strip_fragment(url: str) -> str:
    return urllib.parse.urldefrag(url)[0]


class _Queue(urlqueue.UrlQueue):
    """LinkChecker's queue, recording every link before it drops the ones already seen."""

    def __init__(self, crawl: Crawl, **kwargs):
        super().__init__(**kwargs)
        self._crawl = crawl

    def _put(self, url_data):  # called with the queue's lock held
        if url_data.parent_url:
            key = url_data.cache_url or url_data.base_url or ""
            self._crawl.occurrences.setdefault(key, []).append(
                Occurrence(url_data.parent_url, url_data.base_url or "", url_data.url or "", url_data.line))
        super()._put(url_data)


class _AnchorCollector(plugins._ContentPlugin):
    """Records the anchors (`id`, `<a name>`) of every internal HTML page, from LinkChecker's parse."""

    def __init__(self, crawl: Crawl):
        super().__init__({})
        self._crawl = crawl

    def applies_to(self, url_data, **kwargs):
        return not url_data.extern[0] and url_data.is_html()

    def check(self, url_data):
        names: set[str] = set()
        linkparse.find_links(url_data.get_soup(), lambda url, *args, **kwargs: names.add(url), linkparse.AnchorTags)
        anchors = frozenset(names)
        for url in {url_data.cache_url, url_data.url, *url_data.aliases}:
            if url:
                self._crawl.anchors[strip_fragment(url)] = anchors


def _collector_logger(crawl: Crawl, progress: Callable[[int], None] | None):
    class Collector(_Logger):
        LoggerName = "beyond-detox"
        LoggerArgs = {}

        def start_output(self):
            pass

        def log_filter_url(self, url_data, do_print):
            self.stats.log_url(url_data, do_print)
            if url_data.cache_url:
                crawl.rows[url_data.cache_url] = url_data
            else:
                crawl.keyless_rows.append(url_data)
            if progress:
                progress(self.stats.number)

        def log_url(self, url_data):
            pass

        def end_output(self, **kwargs):
            pass

        def log_internal_error(self):
            crawl.internal_errors += 1
            super().log_internal_error()

    return Collector


def page_urls(site_dir: Path, base_url: str) -> list[str]:
    """Every HTML file of the site as the URL a reader uses (`x/index.html` -> `x/`), home first.

    Seeding every file, not only the home page, also reaches pages no link leads to: redirect
    stubs (whose target is then checked), 404.html and pages left out of the navigation.
    """
    urls = []
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir).as_posix()
        if rel == "index.html" or rel.endswith("/index.html"):
            rel = rel[: -len("index.html")]
        urls.append(base_url + urllib.parse.quote(rel))
    urls.sort(key=lambda u: (u != base_url, u))
    if not urls or urls[0] != base_url:
        raise CheckCouldNotRun(f"{site_dir} has no index.html: build the site first (make build).")
    return urls


def _configuration(rc: Path, threads: int | None) -> configuration.Configuration:
    config = configuration.Configuration()
    config["pluginfolders"] = []  # never load plugins from the user's home folder
    try:
        config.read(files=[str(rc)])
    except LinkCheckerError as exc:
        raise CheckCouldNotRun(f"LinkChecker cannot use {rc}: {exc}") from exc
    config["enabledplugins"] = [p for p in config["enabledplugins"] if p != "AnchorCheck"]
    config["checkextern"] = False
    config["status"] = False
    config["fileoutput"] = []          # reports are written by us, never by LinkChecker
    if threads is not None:
        config["threads"] = threads
    return config


def crawl_site(site_dir: Path, base_url: str, rc: Path, *, threads: int | None = None,
               progress: Callable[[int], None] | None = None) -> Crawl:
    """Check every page of the site served at `base_url` (see server.serve)."""
    crawl = Crawl(base_url=base_url)
    seeds = page_urls(site_dir, base_url)
    crawl.pages = len(seeds)
    config = _configuration(rc, threads)
    config.logger_add(_collector_logger(crawl, progress))
    config["logger"] = config.logger_new("beyond-detox")
    previous_timeout = socket.getdefaulttimeout()
    lc_log = logging.getLogger("linkcheck")
    previous_level = lc_log.level
    lc_log.setLevel(logging.ERROR)
    try:
        config.sanitize()  # note: sets the process-wide default socket timeout; restored below
        queue = _Queue(crawl, max_allowed_urls=config["maxnumurls"])
        manager = plugins.PluginManager(config)
        manager.content_plugins.append(_AnchorCollector(crawl))
        aggregate = aggregator.Aggregate(config, queue, robots_txt.RobotsTxt(config["useragent"]),
                                         manager, results.ResultCache(config["resultcachesize"]))
        for number, url in enumerate(seeds):
            # level 0 makes LinkChecker treat everything under the home page as internal
            queue.put(get_url_from(url, 0 if number == 0 else 1, aggregate, extern=(0, 0)))
        check_urls(aggregate)
    finally:
        socket.setdefaulttimeout(previous_timeout)
        lc_log.setLevel(previous_level)
    if queue.shutdown:
        raise CheckCouldNotRun("the check was interrupted before it finished.")
    if crawl.internal_errors:
        raise CheckCouldNotRun(f"LinkChecker stopped on an internal error ({crawl.internal_errors}); "
                               "see the traceback above.")
    return crawl

