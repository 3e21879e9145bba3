"""`scripts/update_resources.py`: validate, verify and import the resource directory.

Exit codes: 0 all is well, 1 a problem was found (or the import was refused), 2 bad usage.
Progress goes to stderr on a terminal only; results always go to stdout.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from beyond_detox.paths import RESOURCES

EPILOG = "Exit codes: 0 all is well, 1 a problem was found, 2 bad usage. Contract: data/resources/README.md"


class UsageError(Exception):
    pass


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more: {value}")
    return value


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be more than 0: {value}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="update_resources.py",
        description="Keep the help-line and service directory in data/resources/ true: validate it, check its links, "
                    "import local treatment listings from FindTreatment.gov.",
        epilog=EPILOG,
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("validate", help="check the data files (writes nothing)",
                       description="Check data files: schema, phone numbers (phonenumbers), https links, real past dates, "
                                   "unique ids, known categories and languages. Prints path:line: field: message per problem. "
                                   "Writes nothing.", epilog=EPILOG)
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files to check (default: every file in data/resources/)")
    p.add_argument("--today", type=_date, help=argparse.SUPPRESS)

    p = sub.add_parser("verify", help="check every link; write the status file and a report",
                       description="Request every URL of every entry (concurrently, with timeouts, retries with backoff and a "
                                   "per-host limit), store the results in the machine-written status file, and write a Markdown "
                                   "report: broken links, permanent redirects to adopt, entries due for re-confirmation (over 12 "
                                   "months) and hidden (over 18 months). Never changes the YAML or assured_date; never dials a number.",
                       epilog=EPILOG)
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files to check (default: every file in data/resources/)")
    p.add_argument("--concurrency", type=_positive_int, default=8, metavar="N", help="requests at once (default 8)")
    p.add_argument("--per-host", type=_positive_int, default=2, metavar="N", help="requests at once to one site (default 2)")
    p.add_argument("--timeout", type=_positive_float, default=10.0, metavar="S", help="seconds to wait for an answer (default 10)")
    p.add_argument("--retries", type=int, default=2, metavar="N", help="retries after a timeout or server error (default 2)")
    p.add_argument("--backoff", type=float, default=1.0, metavar="S", help="first retry delay in seconds, doubled each time (default 1)")
    p.add_argument("--report", type=Path, metavar="FILE", help="write the Markdown report here (default: print it)")
    p.add_argument("--status-file", type=Path, default=RESOURCES / "status" / "links.json", metavar="FILE",
                   help="machine-written status file (default data/resources/status/links.json)")
    p.add_argument("--no-status", action="store_true", help="do not write the status file")
    p.add_argument("--as-of", type=_date, metavar="DATE", help="judge confirmation ages as of this date (default today)")

    p = sub.add_parser("import-findtreatment", help="import local listings from a FindTreatment.gov export",
                       description="Turn a FindTreatment.gov locator export (exportsAsJson/v2; format taken from SAMHSA's "
                                   "open-source prototype github.com/CBHSQ/findtreatment, not an official guide) into local "
                                   "listings for an area: facilities offering buprenorphine, methadone or naltrexone, or treating "
                                   "co-occurring mental health conditions. Keeps fields a person edited; prints what was added, "
                                   "changed and removed; writes data/resources/local/AREA.yml atomically, after it validates.",
                       epilog=EPILOG)
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--input", type=Path, metavar="FILE.json", help="a saved export (one answer, or a list of pages)")
    source.add_argument("--url", metavar="URL", help="an export URL (all pages are fetched, one at a time)")
    p.add_argument("--area", required=True, metavar="ID", help="area id, e.g. bay-county-fl (the file's name)")
    p.add_argument("--name", metavar="TEXT", help='readable area name, e.g. "Bay County, Florida" (kept from the file if omitted)')
    p.add_argument("--state", metavar="XX", help="two-letter state (default: from the listings)")
    p.add_argument("--data-dir", type=Path, default=RESOURCES, metavar="DIR", help=argparse.SUPPRESS)
    p.add_argument("--delay", type=float, default=1.0, metavar="S", help="seconds between page requests (default 1)")
    p.add_argument("--timeout", type=_positive_float, default=30.0, metavar="S", help="seconds to wait for an answer (default 30)")
    p.add_argument("--dry-run", action="store_true", help="show what would change; write nothing")
    p.add_argument("--today", type=_date, help=argparse.SUPPRESS)

    p = sub.add_parser("schema", help="write data/resources/schema.json from the model",
                       description="Regenerate the JSON Schema (the contract) from beyond_detox/resources/model.py.", epilog=EPILOG)
    p.add_argument("--check", action="store_true", help="only check that the file is up to date (exit 1 if not)")
    return parser


def _files(paths: list[Path]) -> list[Path]:
    from beyond_detox.resources.validate import default_files

    if not paths:
        return default_files(RESOURCES)
    missing = [str(p) for p in paths if not Path(p).is_file()]
    if missing:
        raise UsageError(f"no such file: {', '.join(missing)}")
    return list(paths)


def cmd_validate(args) -> int:
    from beyond_detox.resources.validate import check_directory, check_files

    files = _files(args.paths)
    # No paths: the whole folder, translations included; named files: just those.
    _, problems = check_files(files, args.today) if args.paths else check_directory(RESOURCES, args.today)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in {len({p.path for p in problems})} file(s)", file=sys.stderr)
        return 1
    if sys.stderr.isatty():
        print(f"{len(files)} file(s) checked: no problems", file=sys.stderr)
    return 0


def cmd_verify(args) -> int:
    from beyond_detox.resources.verify import verify

    files = _files(args.paths)
    tty = sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        print(f"\rchecked {done}/{total} links", end="" if done < total else "\n", file=sys.stderr, flush=True)

    outcome = verify(files, status_file=args.status_file, report_file=args.report, today=args.as_of,
                     write_status=not args.no_status, concurrency=args.concurrency, per_host=args.per_host,
                     timeout=args.timeout, retries=max(0, args.retries), backoff=max(0.0, args.backoff),
                     progress=progress if tty else None)
    if not args.report:
        sys.stdout.write(outcome.report)
    for problem in outcome.collected.problems:
        print(problem, file=sys.stderr)
    return 1 if outcome.problem_found else 0


def cmd_import(args) -> int:
    from beyond_detox.resources.import_findtreatment import ImportProblem, fetch_export, read_export_file, run_import
    from beyond_detox.resources.model import ID_PATTERN
    import re

    if not re.match(ID_PATTERN, args.area):
        raise UsageError(f"--area must be lower-case letters, digits and hyphens (got {args.area!r})")
    if args.state and not re.fullmatch(r"[A-Za-z]{2}", args.state):
        raise UsageError(f"--state must be two letters (got {args.state!r})")
    if args.input and not args.input.is_file():
        raise UsageError(f"no such file: {args.input}")
    try:
        if args.input:
            pages, source = read_export_file(args.input), str(args.input)
        else:
            if sys.stderr.isatty():
                print(f"fetching {args.url}", file=sys.stderr)
            pages, source = fetch_export(args.url, timeout=args.timeout, delay=max(0.0, args.delay)), args.url
        result = run_import(area=args.area, pages=pages, source=source, data_dir=args.data_dir, name=args.name,
                            state=args.state, today=args.today, dry_run=args.dry_run)
    except ImportProblem as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for line in result.summary_lines():
        print(line)
    if args.dry_run:
        print("dry run: nothing written")
    return 0


def cmd_schema(args) -> int:
    from beyond_detox.atomic import atomic_write_text
    from beyond_detox.resources.model import json_schema

    target = RESOURCES / "schema.json"
    text = json_schema()
    if args.check:
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            print(f"{target}: out of date: run scripts/update_resources.py schema", file=sys.stderr)
            return 1
        return 0
    atomic_write_text(target, text)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handlers = {"validate": cmd_validate, "verify": cmd_verify, "import-findtreatment": cmd_import, "schema": cmd_schema}
    try:
        return handlers[args.command](args)
    except UsageError as exc:
        parser.print_usage(sys.stderr)
        print(f"{parser.prog} {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted: nothing written", file=sys.stderr)
        return 1
