#!/usr/bin/env python3
"""Editorial checks for Beyond Detox: front matter, citations, reading level, words, reviews, data files.

Prints one line per problem, `path:line: rule: message`, and exits 1 if any error was found
(warnings, such as a reference no page cites, are printed but do not fail). With --report, also
prints each article's reading grade, word count and number of sources; with --sources-report,
every reference's checking note for editors (these notes are never shown on the public pages).
The rules are listed in beyond_detox/lint.py.
"""
import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from beyond_detox import paths  # noqa: E402
from beyond_detox.atomic import atomic_write_text  # noqa: E402
from beyond_detox.content_model import article_json_schema  # noqa: E402
from beyond_detox.pages.bibliography import sources_report  # noqa: E402
from beyond_detox.lint import lint  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pages", nargs="*", type=Path, help="Markdown pages to check (default: every page in docs/)")
    parser.add_argument("--report", action="store_true", help="print each article's reading grade, words and sources")
    parser.add_argument("--sources-report", action="store_true",
                        help="print, for editors, every reference with its checking note and the pages citing it (Markdown); "
                             "flags sources seen only second-hand")
    parser.add_argument("--docs-dir", type=Path, default=paths.DOCS, help="default: docs/")
    parser.add_argument("--data-dir", type=Path, default=paths.DATA, help="default: data/")
    parser.add_argument("--includes-dir", type=Path, default=paths.INCLUDES, help="default: includes/")
    parser.add_argument("--write-schema", action="store_true", help="regenerate data/schemas/article.schema.json from the model")
    args = parser.parse_args(argv)

    if args.write_schema:
        target = paths.SCHEMAS / "article.schema.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(target, article_json_schema())
        print(f"wrote {target.relative_to(paths.ROOT)}")
        return 0

    missing = [str(p) for p in args.pages if not p.exists()]
    if missing:
        parser.error(f"no such file: {', '.join(missing)}")
    result = lint(args.pages or None, docs_dir=args.docs_dir, data_dir=args.data_dir, includes_dir=args.includes_dir)
    for problem in result.problems:
        print(problem)
    if args.sources_report and result.bibliography:
        print(sources_report(result.bibliography, result.cited_by))
    if args.report:
        print(f"\n{'page':60} {'audience':20} {'grade':>5} {'words':>6} {'sources':>7}")
        for row in result.reports:
            flag = " *" if row.audience in ("families", "people-in-recovery") and row.grade > 8 else ""
            print(f"{row.path:60} {row.audience:20} {row.grade:5.1f} {row.words:6d} {row.sources:7d}{flag}")
    errors = len(result.errors)
    warnings = len(result.problems) - errors
    print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
