#!/usr/bin/env python3
"""Page weight of the built site: what a phone on a slow network downloads on a first visit to
each page (gzip, from the built files; beyond_detox/weight.py, the same figures the test
checks), against the budgets. Figures only here; tests/performance/test_weight.py enforces them.
Run `make build` first."""
import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from beyond_detox.content_model import is_article  # noqa: E402
from beyond_detox.weight import ARTICLE_CRITICAL_BUDGET, FIRST_VISIT_BUDGET, gz, site_weights  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").exists():
        print(f"{args.site}: no built site; run `make build`", file=sys.stderr)
        return 2
    print(f"{'page':52} {'html':>7} {'html+css':>9} {'first visit':>12}   (gzip bytes)")
    worst = None
    for w in site_weights(args.site):
        article = is_article(w.path.strip("/") + ".md")
        flag = ""
        if w.total > FIRST_VISIT_BUDGET or (article and w.critical > ARTICLE_CRITICAL_BUDGET):
            flag = "  over budget"
        print(f"{w.path:52} {w.html:7d} {w.critical:9d} {w.total:12d}{flag}")
        worst = w if worst is None or w.total > worst.total else worst
    index = args.site / "search" / "search_index.json"
    worker = args.site / "sw.js"
    print(f"\nbudgets: first visit {FIRST_VISIT_BUDGET} B; article HTML + render-blocking CSS {ARTICLE_CRITICAL_BUDGET} B")
    print(f"heaviest first visit: {worst.path} {worst.total} B ({worst.biggest()})")
    if index.exists():
        print(f"search index: {gz(index.read_bytes())} B gzip, loaded only when search is opened")
    if worker.exists():
        print(f"service worker: {gz(worker.read_bytes())} B gzip, registered when the browser is idle after load")
    print(f"source maps published: {len(list(args.site.rglob('*.map')))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
