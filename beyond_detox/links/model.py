"""What a link check finds, as plain data that the reports and the tests read."""
from __future__ import annotations

from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"


class CheckCouldNotRun(Exception):
    """The check itself could not run (bad input, no server, no network...): exit status 2."""


@dataclass(frozen=True, order=True)
class Finding:
    page: str          # the page holding the link, as a path of the site: "/safety/overdose-risk/"
    link: str          # the link as written in the page ("../missing/", "https://doi.org/...")
    reason: str        # for an editor: what is wrong and, where we can tell, what to do
    severity: str = ERROR    # "error" fails the check; "warning" does not
    kind: str = "page"       # page | anchor | image | stylesheet | script | file | external | syntax
    target: str = ""         # where the link leads, resolved (a site path or an absolute URL)
    source_file: str = ""    # the Markdown file that most likely holds the link, when known


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    pages: int = 0                 # HTML pages of the site checked
    internal_links: int = 0        # distinct internal URLs checked (pages, files, anchors)
    external_links: int = 0        # distinct external URLs (0 unless --external)
    external_from_cache: int = 0   # of which answered from the cache of recent good answers
    external_skipped: bool = True  # external links were not checked (internal mode)
    external_found: int = 0        # distinct external URLs seen in the pages
    seconds: float = 0.0

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == WARNING]

    @property
    def exit_code(self) -> int:
        return 1 if self.errors else 0
