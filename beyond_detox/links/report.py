"""The three forms of a link-check result: terminal lines, a Markdown report, a CSV file."""
from __future__ import annotations

import csv
import datetime as dt
import io
from itertools import groupby

from .model import Finding, Report

CSV_COLUMNS = ["severity", "page", "source_file", "link", "target", "kind", "reason"]


def _by_page(findings: list[Finding]):
    ordered = sorted(findings, key=lambda f: (f.page, f.link, f.reason))
    return [(page, list(items)) for page, items in groupby(ordered, key=lambda f: f.page)]


def line(finding: Finding) -> str:
    return f"{finding.page} -> {finding.link}: {finding.reason}"


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def summary(report: Report) -> str:
    errors, warnings = report.errors, report.warnings
    broken_pages = len({f.page for f in errors})
    if report.external_skipped:
        external = f"{_plural(report.external_found, 'outbound link')} not checked (use --external)"
    else:
        external = f"{_plural(report.external_links, 'external link')} ({report.external_from_cache} from the cache)"
    verdict = (f"{_plural(len(errors), 'broken link')} on {_plural(broken_pages, 'page')}" if errors
               else "no broken links")
    return (f"Checked {_plural(report.pages, 'page')}, {_plural(report.internal_links, 'internal link')}, "
            f"{external}: {verdict}, {_plural(len(warnings), 'warning')}. {report.seconds:.1f} s")


def text(report: Report) -> str:
    """One line per broken link, `PAGE -> LINK: reason`, grouped by page, then warnings, then a summary."""
    out = []
    sections = (("Broken links", report.errors), ("Warnings (they do not fail the check)", report.warnings))
    for title, findings in sections:
        if not findings:
            continue
        out.append(f"{title}:")
        for page, items in _by_page(findings):
            source = items[0].source_file
            out.append("")
            out.append(f"# {page}" + (f"  (edit {source})" if source else ""))
            out.extend(line(f) for f in items)
        out.append("")
    out.append(summary(report))
    return "\n".join(out) + "\n"


def _cell(value: str) -> str:
    return value.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _code(value: str) -> str:
    value = value.replace("\n", " ")
    return f"`` {value} ``" if "`" in value else f"`{value}`"


def markdown(report: Report, *, generated: dt.datetime | None = None, max_chars: int = 60000) -> str:
    """A report a person can paste into an issue (GitHub's limit for an issue body is 65,536 characters)."""
    generated = generated or dt.datetime.now(dt.timezone.utc)
    head = [
        "# Link check report",
        "",
        f"{summary(report)}",
        "",
        f"Generated {generated:%Y-%m-%d %H:%M} UTC by `scripts/check_links.py` (see `config/README.md`).",
        "",
    ]
    if not report.findings:
        head.append("Every link works.")
    body = []
    for title, findings, note in (
        ("Broken links", report.errors, "Fix the link in the Markdown file named under each page."),
        ("Warnings", report.warnings, "These do not fail the check. A host on the allow-list turned the "
                                      "checker away: open the link in a browser to confirm it works."),
    ):
        if not findings:
            continue
        body += [f"## {title} ({len(findings)})", "", note, ""]
        for page, items in _by_page(findings):
            source = items[0].source_file
            body.append(f"### {_code(page)}" + (f" — edit {_code(source)}" if source else ""))
            body += ["", "| Link | Problem |", "|---|---|"]
            body += [f"| {_cell(_code(f.link))} | {_cell(f.reason)} |" for f in items]
            body.append("")
    text_out = "\n".join(head + [""] + body).rstrip() + "\n"
    if len(text_out) > max_chars:
        cut = text_out.rfind("\n", 0, max_chars - 200)
        text_out = (text_out[:cut] + "\n\n… The report was cut here to fit in an issue; the full list is in "
                    "the CSV file and the workflow's artifact.\n")
    return text_out


def csv_text(report: Report) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for f in sorted(report.findings, key=lambda f: (f.severity != "error", f.page, f.link)):
        writer.writerow([f.severity, f.page, f.source_file, f.link, f.target, f.kind, f.reason])
    return buffer.getvalue()
