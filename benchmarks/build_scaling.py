#!/usr/bin/env python3
"""How the build grows with the site: synthetic sites of 100, 1,000 and 5,000 article-sized pages
(front matter, citations, glossary words, an urgent-advice block) with a directory of 5,000
imported listings, built strictly in a temporary copy of the project. Prints build time, peak
memory and the cost per page, so growth faster than linear shows. Figures only.

  benchmarks/build_scaling.py            # 100 and 1000 pages
  benchmarks/build_scaling.py 100 1000 5000
"""
from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from beyond_detox.resources.import_findtreatment import run_import  # noqa: E402

PARTS = ["Makefile", "mkdocs.yml", "requirements.txt", "overrides", "data", "includes", "beyond_detox", "scripts"]
KEYS = ["sordo2017", "strang2003", "nasem2019", "samhsa-tip63", "wakeman2020"]

ARTICLE = """---
title: "Synthetic article {n}"
description: A generated page of the size of a real article, for timing the build only.
audience: families
search_terms: ["synthetic {n}"]
urgent:
  emergency:
    - Someone is not breathing [@strang2003].
review:
  status: draft
  reviewed_on: 2026-11-29
  next_review: 2027-11-29
references: [sordo2017, strang2003, nasem2019, samhsa-tip63, wakeman2020]
---

!!! note "Key points"

    - Medications for opioid use disorder (MOUD) cut the risk of dying [@sordo2017].
    - Naloxone can reverse an overdose, and tolerance drops after detox [@strang2003].

## Section one

{para}

## Section two

{para} [[call:lifeline-988]]

??? info "What the research found"

    {para}

## Related pages

- [Overdose risk after detox](../../safety/overdose-risk-after-detox.md)
"""
PARA = ("After detox, many people feel low and find it hard to sleep. Buprenorphine and methadone help, "
        "and talking therapy helps with depression [@nasem2019; @samhsa-tip63]. Families can keep naloxone "
        "at home and learn the signs of an overdose [@wakeman2020]. ") * 6


def make_project(root: Path, pages: int, listings: int) -> Path:
    root.mkdir(parents=True)
    for part in PARTS:
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, root / part)
    shutil.copytree(ROOT / "docs", root / "docs")
    synthetic = root / "docs" / "understand" / "synthetic"
    synthetic.mkdir(parents=True)
    for n in range(pages):
        (synthetic / f"page-{n:05d}.md").write_text(ARTICLE.format(n=n, para=PARA), encoding="utf-8")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("# Pages reached without the menu: the offline page (shown by the service worker).\nnot_in_nav: |\n  /offline.md",
                            "not_in_nav: |\n  /offline.md\n  /understand/synthetic/*.md")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    if listings:
        template = json.loads((ROOT / "tests/resources/fixtures/findtreatment_bay.json").read_text())
        rows = []
        for n in range(listings):
            row = copy.deepcopy(template["rows"][n % len(template["rows"])])
            row["name1"] = f"{row.get('name1', 'Listing')} {n}"
            row["street1"] = f"{n} Synthetic Street"
            rows.append(row)
        page = {**template, "rows": rows, "recordCount": len(rows), "totalPages": 1, "pageSize": len(rows)}
        run_import(area="synthetic-fl", pages=[page], source="benchmark", data_dir=root / "data" / "resources",
                   name="Synthetic County, Florida", state="FL", today=dt.date(2026, 11, 29))
    return root


def build(root: Path) -> tuple[float, int, str]:
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    run = subprocess.run([sys.executable, "scripts/build_site.py"], cwd=root, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before), (run.stdout + run.stderr).strip() if run.returncode else ""


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1000])
    parser.add_argument("--listings", type=int, default=5000, help="imported directory listings (default 5000)")
    args = parser.parse_args(argv)
    print(f"{'pages':>6} {'listings':>8} {'build s':>8} {'peak MB':>8} {'ms/page':>8}")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = make_project(Path(tmp) / "project", size, args.listings)
            seconds, peak_kb, problem = build(root)
            if problem:
                print(f"{size:6d} build failed:\n{problem[-2000:]}")
                return 1
            print(f"{size:6d} {args.listings:8d} {seconds:8.1f} {peak_kb / 1024:8.0f} {seconds * 1000 / size:8.1f}")
    print("peak MB is the largest child process so far (ru_maxrss); target: 1,000 pages in under 60 s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
