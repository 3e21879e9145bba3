#!/usr/bin/env python3
"""Start a new article: a draft page at docs/SECTION/SLUG.md that passes `make lint` at once,
added to the navigation in mkdocs.yml under its section.

    .venv/bin/python scripts/new_article.py                 # in a terminal: asks for what is missing
    .venv/bin/python scripts/new_article.py --title "Going back to work after detox" \\
        --section recovery --audience people-in-recovery --search-terms "job, work, going back to work"

The page starts as `review: status: draft` (reviewed today, next review in one year), with a Key
points box, a commented "When to get help" example, Related pages linking the overdose page, and
three EXAMPLE sources already in data/references.json so that the content check passes: replace
them with the page's own sources (every TODO says where). It never overwrites a page.

Exit codes: 0 created; 1 refused (the page exists, or the nav could not take it; nothing written);
2 bad usage (a missing flag without a terminal, an unknown section or audience, a bad slug).
The logic lives in beyond_detox/editor/scaffold.py.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from beyond_detox.content_model import ARTICLE_SECTIONS  # noqa: E402
from beyond_detox.editor import scaffold  # noqa: E402
from beyond_detox.paths import ROOT  # noqa: E402
from beyond_detox.problems import display_path  # noqa: E402

REQUIRED = ("title", "section", "audience", "search_terms")


def _choose(prompt: str, choices: tuple[str, ...]) -> str:
    """Ask until the answer is one of choices (by name or number)."""
    listing = "  ".join(f"{n}) {c}" for n, c in enumerate(choices, start=1))
    while True:
        answer = input(f"{prompt}\n  {listing}\n> ").strip().lower()
        if answer.isdigit() and 1 <= int(answer) <= len(choices):
            return choices[int(answer) - 1]
        if answer in choices:
            return answer
        print(f"  please choose one of: {', '.join(choices)}")


def _ask(prompt: str, check=None, default: str | None = None, allow_empty: bool = False) -> str:
    while True:
        shown = f"{prompt} [{default}]: " if default else f"{prompt}: "
        answer = input(shown).strip() or (default or "")
        if not answer and not allow_empty:
            print("  please type an answer")
            continue
        if check is None:
            return answer
        try:
            return check(answer)
        except scaffold.ScaffoldError as error:
            print(f"  {error}")


def ask_missing(args) -> None:
    """Fill in the flags that were not given, by asking in the terminal."""
    print("A new article. Press Ctrl-C to stop; nothing is written until the end.\n")
    if args.title is None:
        args.title = _ask("Title (the heading readers see)", scaffold.check_title)
    if args.section is None:
        args.section = _choose("Section:", ARTICLE_SECTIONS)
    if args.audience is None:
        args.audience = _choose("Who is it for?", scaffold.AUDIENCES)
    if args.search_terms is None:
        args.search_terms = _ask("Words readers type to find it, separated by commas (Enter for none)", allow_empty=True)
    if args.slug is None:
        default = scaffold.slugify(args.title)
        args.slug = _ask(f"Address: docs/{args.section}/NAME.md; the name", scaffold.check_slug, default=default or None)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--title", help="the page's title (3 to 90 characters)")
    parser.add_argument("--section", help=f"one of: {', '.join(ARTICLE_SECTIONS)}")
    parser.add_argument("--audience", help=f"one of: {', '.join(scaffold.AUDIENCES)}")
    parser.add_argument("--search-terms", help='words readers type, separated by commas ("" for none); hidden, search only')
    parser.add_argument("--slug", help="the file name without .md (default: made from the title); it becomes the permanent address")
    parser.add_argument("--today", type=dt.date.fromisoformat, help=argparse.SUPPRESS)  # tests: a fixed date
    parser.add_argument("--root", type=Path, default=ROOT, help="the project folder holding docs/ and mkdocs.yml (default: this repository)")
    args = parser.parse_args(argv)

    missing = [name for name in REQUIRED if getattr(args, name) is None]
    if missing:
        if sys.stdin.isatty():
            try:
                ask_missing(args)
            except (KeyboardInterrupt, EOFError):
                print("\nstopped: nothing was written", file=sys.stderr)
                return 1
        else:
            flags = ", ".join("--" + name.replace("_", "-") for name in missing)
            parser.error(f"missing {flags}: give every flag, or run it in a terminal to be asked")

    try:
        created = scaffold.create_article(args.root, args.title, args.section, args.audience, args.search_terms,
                                          slug=args.slug, today=args.today)
    except scaffold.ScaffoldError as error:
        print(f"new_article: {error}", file=sys.stderr)
        if error.exit_code == 2:
            print(f"usage: see {Path(sys.argv[0]).name} --help", file=sys.stderr)
        return error.exit_code

    page = display_path(created.page)
    print(f"created {page} (draft)")
    print(f"added to the nav in mkdocs.yml: {created.nav_line}")
    if created.problems:
        print("\nThe content check already reports these; fix them first:")
        for problem in created.problems:
            print(f"  {problem}")
    print("""
Next:
  1. Write the page: replace every TODO, and the three EXAMPLE sources with the sources
     you really use (add a new one with scripts/add_reference.py).
  2. make lint      the words, sources, reading level and dates
                    (.venv/bin/python scripts/lint_content.py --report shows each grade)
  3. make serve     read it in a phone-sized window (375 px wide)
  4. Add the queries readers would type to tests/search/queries.yml, then open a pull request.
     Once the page is published, `make published-urls` adds its address to the permanent list.""")
    return 0


if __name__ == "__main__":
    sys.exit(main())
