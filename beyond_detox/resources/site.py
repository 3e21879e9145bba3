"""MkDocs glue for the directory, called by overrides/hooks/resources.py (which stays thin).

- on_files: adds /get-help/directory.json (open data) and one page per imported local area
  (get-help/local/AREA.md, not in the nav: linked from the state's page).
- on_page_markdown: expands `<!-- directory: ... -->` placeholders (render.py).
Bad data stops the build with `path:line: field: message` lines.
"""
from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

from beyond_detox.paths import RESOURCES
from beyond_detox.resources import load_directories
from beyond_detox.resources.dates import add_months, long_date
from beyond_detox.resources.export import directory_json
from beyond_detox.resources.model import Directory
from beyond_detox.resources.render import PageState, expand, local_page_uri

DIRECTORY_JSON_URI = "get-help/directory.json"
IMPORT_REVIEW_MONTHS = 6  # a local page is due for a fresh import after this


DIRECTORY_CSS = "assets/stylesheets/directory.css"


def local_page_markdown(area: Directory) -> str:
    """The Markdown of a local listing page (front matter + placeholder), generated at build time."""
    info = area.imported
    imported = dt.date.fromisoformat(info.imported_on)
    next_review = add_months(imported, IMPORT_REVIEW_MONTHS)
    name = area.name.replace('"', "'")
    return f"""---
title: "Treatment listings: {name}"
description: "Places near {name} listed on FindTreatment.gov that offer medications for opioid use disorder or treat co-occurring mental health conditions. Call ahead."
review:
  status: editorial
  reviewed_on: {imported.isoformat()}
  next_review: {next_review.isoformat()}
search:
  exclude: true
---

!!! warning "Call ahead"

    These listings come from FindTreatment.gov, run by SAMHSA. We imported them on {long_date(imported)}.
    We have not checked each listing ourselves. Services, hours and phone numbers change, so call
    before you go. Ask if they offer the care you need and if they take your insurance.

If someone may have overdosed, call for emergency help first and give naloxone:

<!-- directory: ids=emergency-911 format=actions -->

See [get help now](../index.md) for crisis lines and the steps in an overdose.

## Listings

<!-- directory: area={area.area} -->

## More help

- [Get help now](../index.md): crisis lines, referral help, naloxone and support for families.
- [Help in Florida](../florida.md)
- Read about [overdose risk after detox](../../safety/overdose-risk-after-detox.md).
"""



class DirectorySite:
    """One build's view of the directory."""

    def __init__(self, directory: Path | None = None, today: dt.date | None = None):
        # BEYOND_DETOX_RESOURCES points a build at other data (the tests build a small site with it).
        self.directory = Path(directory or os.environ.get("BEYOND_DETOX_RESOURCES") or RESOURCES)
        self.today = today or dt.date.today()
        self.directories = load_directories(self.directory)
        self._tmp = tempfile.TemporaryDirectory(prefix="bd-resources-")

    @property
    def local_areas(self) -> list[Directory]:
        return [d for d in self.directories if d.imported is not None]

    def add_files(self, files, config):
        from mkdocs.structure.files import File, InclusionLevel

        files.append(File.generated(config, DIRECTORY_JSON_URI, content=directory_json(self.directories, self.today)))
        for area in self.local_areas:
            uri = local_page_uri(area)
            if files.get_file_from_path(uri) is not None:
                continue  # an editor wrote the page by hand: keep theirs
            source = Path(self._tmp.name) / uri
            source.parent.mkdir(parents=True, exist_ok=True)
            source.write_text(local_page_markdown(area), encoding="utf-8")
            files.append(File.generated(config, uri, abs_src_path=str(source), inclusion=InclusionLevel.NOT_IN_NAV))
        return files

    @staticmethod
    def stylesheets(markdown: str) -> list[str]:
        """The directory's stylesheet, only for pages that show the directory (not on every page);
        the theme links it in the head from `page.meta.bd_stylesheets`."""
        return [DIRECTORY_CSS] if "<!-- directory:" in markdown else []

    def page_markdown(self, markdown: str, src_uri: str, stash: list[str] | None = None) -> str:
        if "<!-- directory:" not in markdown:
            return markdown
        return expand(markdown, self.directories, PageState(src_uri=src_uri), self.today, stash)
