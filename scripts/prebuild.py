#!/usr/bin/env python3
"""Pre-build: write the site's pages as plain Markdown, with the work of the MkDocs hooks already
done (help lines, citations, shared blocks, urgent advice, glossary, directory, handout list,
What's new, template values, redirects), so that a builder that runs no MkDocs hooks (Zensical,
Material's successor) can build them: `zensical build -f OUT/mkdocs.yml`.

The same content checks as the build: a problem prints file:line and exits 1, and OUT is left as it
was. `make portability` uses this to show what a move to Zensical would keep and lose.
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from beyond_detox.paths import ROOT  # noqa: E402
from beyond_detox.prebuild import prebuild  # noqa: E402
from beyond_detox.problems import ContentError  # noqa: E402
from beyond_detox.resources import ResourceDataError  # noqa: E402
from beyond_detox.resources.render import SelectorError  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=str(ROOT / ".cache" / "prebuilt"), help="the folder to write (default: .cache/prebuilt/); replaced whole")
    parser.add_argument("configs", nargs="*", default=[str(ROOT / "mkdocs.yml"), str(ROOT / "mkdocs.es.yml")],
                        help="MkDocs configs, English first (default: mkdocs.yml mkdocs.es.yml)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        result = prebuild(args.configs, args.out)
    except (ContentError, ResourceDataError, SelectorError) as error:
        print(f"Pre-build stopped; {args.out} is unchanged:\n{error}", file=sys.stderr)
        return 1
    print(f"Pre-built {result.pages} pages ({result.generated} generated files, {result.redirects} redirects) into {args.out} "
          f"in {time.monotonic() - started:.1f} s; configs: {', '.join(c.name for c in result.configs)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
