"""What falls due for review in the next N days: pages, references and directory entries.

Called by scripts/review_due.py (and monthly by .github/workflows/review-due.yml). How each due
date is worked out:

- **Pages**: the page's own `review.next_review` (front matter). An overdue page also fails
  `make lint`; here it is listed first, as overdue.
- **References** (data/references.json): the date an editor last confirmed the source, read from
  its `note` exactly as the public Sources page reads it (`beyond_detox.pages.bibliography.checked_on`:
  the newest date written after "Confirmed", "Checked" or "Re-checked"), plus
  REFERENCE_CHECK_YEARS (2) years. A note with no such date ("From the project's checked evidence
  list ... used 2026-11-27") is listed as due now: confirm the source on its own page and write
  "Confirmed YYYY-MM-DD in ..." in the note.
- **Directory entries** (data/resources/*.yml and local/*.yml): the directory's own rule
  (beyond_detox.resources.dates): `assured_date` plus 12 months, when an entry becomes due for
  re-confirmation (at 18 months it is hidden from the site). A hand-written entry with no
  `assured_date` is due now; imported listings without one are left to the importer and the
  weekly directory check.

Every item is one line, `path:line: what: due date`, the format of the other checks.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from beyond_detox import yamlio
from beyond_detox.pages.bibliography import checked_on, load_bibliography
from beyond_detox.frontmatter import read_page
from beyond_detox.problems import ContentError
from beyond_detox.resources.dates import DUE_MONTHS, add_months, parse_date
from beyond_detox.resources.validate import default_files

DEFAULT_DAYS = 90
REFERENCE_CHECK_YEARS = 2
KINDS = (("page", "Pages"), ("reference", "References"), ("directory", "Directory entries"))


@dataclass(frozen=True)
class DueItem:
    path: str             # relative to the project folder
    line: int
    kind: str             # page | reference | directory
    what: str             # 'page "Title"', 'reference sordo2017', 'directory entry lifeline-988 (988 ...)'
    due: dt.date | None   # None: no date to count from, so due now
    basis: str            # how the due date was found, for the reader of the report

    def when(self, today: dt.date) -> str:
        if self.due is None:
            return "due now"
        if self.due < today:
            return f"overdue since {self.due.isoformat()}"
        return f"due {self.due.isoformat()}"

    def line_text(self, today: dt.date) -> str:
        return f"{self.path}:{self.line}: {self.what}: {self.when(today)} ({self.basis})"


def _rel(path: Path, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return str(path)


def _years_later(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def page_items(root: Path) -> list[DueItem]:
    items = []
    for path in sorted((Path(root) / "docs").rglob("*.md")):
        try:
            page = read_page(path)
        except ContentError:  # unreadable front matter: `make lint` reports it
            continue
        review = page.meta.get("review")
        due = parse_date(review.get("next_review")) if isinstance(review, dict) else None
        if due is None:  # no review record (or a bad date, which `make lint` reports)
            continue
        title = str(page.meta.get("title") or path.stem)
        reviewed = review.get("reviewed_on")
        items.append(DueItem(_rel(path, root), page.line_of("review", "next_review"), "page", f'page "{title}"', due,
                             f"next_review; last reviewed {reviewed}" if reviewed else "next_review"))
    return items


def reference_items(root: Path) -> list[DueItem]:
    path = Path(root) / "data" / "references.json"
    if not path.exists():
        return []
    try:
        bibliography = load_bibliography(path)
    except ContentError:  # `make lint` reports it
        return []
    items = []
    for ref in bibliography.entries.values():
        checked = checked_on(ref)
        if checked is None:
            items.append(DueItem(_rel(path, root), ref.line, "reference", f"reference {ref.id}", None,
                                 'its note has no "Confirmed YYYY-MM-DD"'))
        else:
            items.append(DueItem(_rel(path, root), ref.line, "reference", f"reference {ref.id}",
                                 _years_later(checked, REFERENCE_CHECK_YEARS),
                                 f"confirmed {checked.isoformat()} + {REFERENCE_CHECK_YEARS} years"))
    return items


def directory_items(root: Path) -> list[DueItem]:
    items = []
    for path in default_files(Path(root) / "data" / "resources"):
        try:
            parsed = yamlio.parse(path.read_text(encoding="utf-8"))
        except yamlio.YamlSyntaxError:  # `update_resources.py validate` reports it
            continue
        data = parsed.data if isinstance(parsed.data, dict) else {}
        for o, org in enumerate(data.get("organizations") or []):
            if not isinstance(org, dict):
                continue
            for s, service in enumerate(org.get("services") or []):
                if not isinstance(service, dict):
                    continue
                where = ("organizations", o, "services", s)
                what = f"directory entry {service.get('id', '?')} ({service.get('name', '?')})"
                assured = parse_date(service.get("assured_date"))
                if assured is None:
                    if service.get("imported"):
                        continue  # an imported listing: the importer and the weekly check look after it
                    items.append(DueItem(_rel(path, root), parsed.line_of(where), "directory", what, None,
                                         "no assured_date: never confirmed by a person"))
                    continue
                items.append(DueItem(_rel(path, root), parsed.line_of(where + ("assured_date",)), "directory", what,
                                     add_months(assured, DUE_MONTHS), f"assured {assured.isoformat()} + {DUE_MONTHS} months"))
    return items


def due_items(root: Path, today: dt.date, days: int = DEFAULT_DAYS) -> list[DueItem]:
    """Everything due by today + days (overdue and undated items included), soonest first."""
    limit = today + dt.timedelta(days=days)
    items = page_items(root) + reference_items(root) + directory_items(root)
    due = [item for item in items if item.due is None or item.due <= limit]
    return sorted(due, key=lambda item: (item.due or dt.date.min, item.path, item.line))


def format_text(items: list[DueItem], today: dt.date, days: int) -> str:
    if not items:
        return f"nothing due in the next {days} days (by {(today + dt.timedelta(days=days)).isoformat()})"
    return "\n".join(item.line_text(today) for item in items)


def format_markdown(items: list[DueItem], today: dt.date, days: int) -> str:
    limit = (today + dt.timedelta(days=days)).isoformat()
    out = ["# Reviews due", "",
           f"Made on {today.isoformat()} by `scripts/review_due.py --days {days}`: what falls due by {limit}. "
           "How each date is worked out: CONTRIBUTING.md, \"Review dates\". Tick an item when its review is merged.", ""]
    if not items:
        out.append(f"Nothing due in the next {days} days (by {limit}).")
        return "\n".join(out) + "\n"
    for kind, heading in KINDS:
        group = [item for item in items if item.kind == kind]
        if not group:
            continue
        out += [f"## {heading} ({len(group)})", ""]
        out += [f"- [ ] `{item.path}:{item.line}` {item.what}: **{item.when(today)}** ({item.basis})" for item in group]
        out.append("")
    return "\n".join(out)
