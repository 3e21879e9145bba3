#!/usr/bin/env python3
"""The Spanish edition at a glance, and marking a translation up to date.

Without arguments: each translated page (docs/es/), the English page it translates, whether the
English changed since (stale), and its Spanish reading ease (Fernández-Huerta and
Szigriszt-Pazos; plain language is 70 or more). Exit 0.

--mark PAGE...  after bringing a translation up to date with its English page, record the English
                file's current hash (translation.source_hash) and today's date
                (translation.translated_on) in the page's front matter. The file is rewritten
                atomically; nothing else in it changes.
"""
import argparse
from pathlib import Path
import datetime as dt
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from beyond_detox import paths, translations  # noqa: E402
from beyond_detox.atomic import atomic_write_text  # noqa: E402
from beyond_detox.frontmatter import parse_page, split_front_matter  # noqa: E402
from beyond_detox.readability import SPANISH_PLAIN, spanish_ease  # noqa: E402


def mark(path: str, today: dt.date) -> str:
    if not Path(path).is_file():
        # A page named as inside docs/es/ ("offline.md") is a common slip: say where to look.
        hint = f" (did you mean docs/es/{path}?)" if (paths.DOCS / "es" / path).is_file() else ""
        raise SystemExit(f"{path}: no such file{hint}")
    text = open(path, encoding="utf-8").read()
    page = parse_page(text, path)
    info = (page.meta or {}).get("translation")
    if not isinstance(info, dict) or not info.get("of"):
        raise SystemExit(f"{path}:1: translation: the front matter has no `translation: {{of: ...}}`")
    english = paths.DOCS / info["of"]
    if not english.is_file():
        raise SystemExit(f"{path}:{page.line_of('translation', 'of')}: translation.of: docs/{info['of']} does not exist")
    front, body, _ = split_front_matter(text)
    lines = front.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("translation:"))
    end = start + 1
    while end < len(lines) and lines[end].startswith((" ", "\t")):
        end += 1
    block = [line for line in lines[start + 1:end] if not re.match(r"\s+(source_hash|translated_on):", line)]
    block += [f"  source_hash: {translations.english_hash(english)}", f"  translated_on: {today.isoformat()}"]
    new_front = "\n".join(lines[:start + 1] + block + lines[end:])
    atomic_write_text(path, "---\n" + new_front + "\n---\n" + body)
    return translations.english_hash(english)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mark", nargs="+", metavar="PAGE", help="record that these translations match their English pages now")
    args = parser.parse_args(argv)
    if args.mark:
        for path in args.mark:
            print(f"{path}: up to date with English version {mark(path, dt.date.today())}")
        return 0
    rows = translations.load("es")
    print(f"{'Spanish page (docs/es/)':<48} {'state':<7} {'F-Huerta':>8} {'Szigriszt':>9}")
    for row in rows:
        body = split_front_matter((paths.DOCS / "es" / row.src).read_text(encoding="utf-8"))[1]
        huerta, szigriszt = spanish_ease(body)
        state = "missing" if row.missing_english else ("STALE" if row.stale else "ok")
        flag = " !" if huerta < SPANISH_PLAIN else ""
        print(f"{row.src:<48} {state:<7} {huerta:>8} {szigriszt:>9}{flag}")
    print(f"\n{len(rows)} translated pages; {sum(r.stale for r in rows)} stale. Plain Spanish: Fernández-Huerta {SPANISH_PLAIN:.0f}+.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
