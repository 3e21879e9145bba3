#!/usr/bin/env python3
"""Lighthouse (12.2.3, from the npm registry) on the locally served site, mobile profile: the
four scores and the main metrics for the home page, every article and the tools, in English and
Spanish. The site is
served like a static host would serve it: gzip, the generated security headers, and a week's
caching for assets. Installs Lighthouse into .cache/lighthouse on first use. Figures only.

CPU slowdown: Lighthouse's mobile profile slows the CPU 4x, which "moves a typical run in the
high-end desktop bracket" (benchmarkIndex 1500-2000) "into the mid-tier mobile bracket". On a
slower host the same 4x emulates a far slower phone, and Lighthouse's docs (docs/throttling.md,
"Calibrating the CPU slowdown") say to lower it: from a low-end desktop (1000-1500) to a mid-tier
mobile, 2x (range 1-5), lower at the low end of the bracket. So by default this measures the host
once (Lighthouse's own benchmarkIndex, on the home page) and uses the multiplier for that bracket,
rising linearly from 2x at 1000 to 4x at 1500, and prints both. --cpu-slowdown 4 gives the
uncalibrated figures (what PageSpeed Insights' servers would show).

Runs: one Lighthouse run varies (the same page here scores 97 in one run and 100 in the next; the
host's benchmarkIndex moves between 1100 and 2000 within minutes). Lighthouse's docs
(docs/variability.md) say to run it several times: "The median Lighthouse score of 5 runs is twice
as stable as 1 run". So each page runs 5 times by default and the report shows the median run,
chosen as Lighthouse's own computeMedianRun (core/lib/median-run.js) chooses it: the run nearest
the median First Contentful Paint and the median Time to Interactive. The lowest performance score
of the runs is printed beside it, so no bad run is hidden.

  benchmarks/lighthouse.py                       # home, articles, tools, 5 runs each (about 40 min)
  benchmarks/lighthouse.py --runs 1              # one run each (about 8 min)
  benchmarks/lighthouse.py / /get-help/          # just these pages
  benchmarks/lighthouse.py --cpu-slowdown 4      # without calibration
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from beyond_detox.browser import find_chromium  # noqa: E402
from beyond_detox.content_model import TOOL_PAGES, is_article  # noqa: E402
from beyond_detox.paths import DOCS, ROOT  # noqa: E402
from beyond_detox.security import read_headers_file  # noqa: E402

VERSION = "12.2.3"
INSTALL = ROOT / ".cache" / "lighthouse"
TEXT = (".html", ".css", ".js", ".json", ".svg", ".webmanifest", ".xml", ".txt")


def lighthouse_bin() -> Path:
    binary = INSTALL / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        INSTALL.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(INSTALL), f"lighthouse@{VERSION}"],
                       check=True)
    return binary


def serve(site: Path):
    extra = read_headers_file(site)

    class Static(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def send_head(self):
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                path = path / "index.html"
            if path.suffix in TEXT and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", ""):
                body = gzip.compress(path.read_bytes(), compresslevel=6)
                self.send_response(200)
                self.send_header("Content-Type", self.guess_type(str(path)))
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(body)))
                self._common(path)
                self.end_headers()
                return _Body(body)
            return super().send_head()

        def end_headers(self):
            if not getattr(self, "_sent_common", False):
                self._common(Path(self.translate_path(self.path)))
            super().end_headers()

        def _common(self, path: Path):
            self._sent_common = True
            for name, value in extra.items():
                self.send_header(name, value)
            cache = "public, max-age=604800" if "/assets/" in self.path else "no-cache"
            self.send_header("Cache-Control", cache)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Static, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


class _Body:
    def __init__(self, data: bytes):
        import io

        self._io = io.BytesIO(data)

    def read(self, *args):
        return self._io.read(*args)

    def close(self):
        self._io.close()


def default_pages() -> list[str]:
    """The home page, every article and the tools, then the Spanish home page and articles."""
    pages = ["/"]
    spanish = ["/es/"]
    for md in sorted(DOCS.rglob("*.md")):
        rel = md.relative_to(DOCS).as_posix()
        if rel.startswith("es/"):
            if is_article(rel.removeprefix("es/")):
                spanish.append("/" + rel.removesuffix(".md") + "/")
        elif is_article(rel) or rel in TOOL_PAGES:
            pages.append("/" + rel.removesuffix(".md") + "/")
    return pages + spanish


def calibrated_slowdown(benchmark_index: float) -> float:
    """The CPU multiplier that emulates a mid-tier phone on a host of this benchmarkIndex
    (Lighthouse docs/throttling.md, the calibration table)."""
    if benchmark_index >= 1500:      # high-end desktop: the default
        return 4.0
    if benchmark_index >= 1000:      # low-end desktop: 2x at the bottom of the bracket, up to 4x
        return round(2.0 + 2.0 * (benchmark_index - 1000) / 500, 1)
    if benchmark_index >= 800:       # high-end mobile
        return 2.0
    return 1.0                       # the host is itself a mid-tier phone or slower


def run_lighthouse(binary: Path, url: str, env: dict, slowdown: float | None, out: Path) -> dict | None:
    """One Lighthouse run; Chrome sometimes loses the trace (NO_NAVSTART): then once more."""
    command = [str(binary), url, "--quiet", "--output=json", f"--output-path={out}",
               "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
               "--only-categories=performance,accessibility,best-practices,seo"]
    if slowdown is not None:
        command.append(f"--throttling.cpuSlowdownMultiplier={slowdown:g}")
    for _attempt in range(2):
        out.unlink(missing_ok=True)
        run = subprocess.run(command, env=env, capture_output=True, text=True, timeout=180)
        if run.returncode == 0 and out.exists():
            report = json.loads(out.read_text())
            if all(c.get("score") is not None for c in report["categories"].values()):
                return report
    return None


def median_run(runs: list[dict]) -> dict:
    """The run nearest the median FCP and median TTI, ties broken by the lower TTI: a port of
    Lighthouse's computeMedianRun (lighthouse/core/lib/median-run.js, 12.2.3)."""
    def value(run: dict, audit: str) -> float:
        return run["audits"][audit]["numericValue"]

    def median(values: list[float]) -> float:
        ordered = sorted(values)
        middle = len(ordered) // 2
        return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2

    fcp = median([value(run, "first-contentful-paint") for run in runs])
    tti = median([value(run, "interactive") for run in runs])
    return min(runs, key=lambda run: ((fcp - value(run, "first-contentful-paint")) ** 2 + (tti - value(run, "interactive")) ** 2,
                                      value(run, "interactive")))


def scores_of(report: dict) -> dict[str, int]:
    return {k: round((v.get("score") or 0) * 100) for k, v in report["categories"].items()}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pages", nargs="*", help="URL paths (default: home, every article, the tools)")
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--cpu-slowdown", type=float, help="CPU multiplier (default: calibrated to this machine, see above)")
    parser.add_argument("--runs", type=int, default=5, help="Lighthouse runs per page; the median run is shown (default 5)")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if not (args.site / "index.html").exists():
        print(f"{args.site}: no built site; run `make build`", file=sys.stderr)
        return 2
    chrome = find_chromium()
    if not chrome:
        print("No Chromium found: run `make browser`", file=sys.stderr)
        return 2
    binary = lighthouse_bin()
    server, base = serve(args.site)
    pages = args.pages or default_pages()
    env = {**os.environ, "CHROME_PATH": chrome}
    scores: list[dict] = []
    every_run_perfect = 0
    try:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "report.json"
            slowdown = args.cpu_slowdown
            if slowdown is None:
                probe = run_lighthouse(binary, base + "/", env, None, out)
                if probe is None:
                    print("Lighthouse could not measure this machine (benchmarkIndex)", file=sys.stderr)
                    return 1
                index = probe["environment"]["benchmarkIndex"]
                slowdown = calibrated_slowdown(index)
                print(f"Lighthouse {VERSION}, mobile, {len(pages)} pages; this machine's benchmarkIndex {index:.0f}: "
                      f"CPU slowdown {slowdown:g}x (calibrated; 4x uncalibrated)")
            else:
                print(f"Lighthouse {VERSION}, mobile, {len(pages)} pages; CPU slowdown {slowdown:g}x (as given)")
            runs_note = f"median of {args.runs} runs" if args.runs > 1 else "1 run"
            print(f"{'page':50} {'perf':>4} {'a11y':>4} {'best':>4} {'seo':>4}  {'FCP':>6} {'LCP':>6} {'TBT':>5} {'CLS':>5}  "
                  f"({runs_note}; lowest perf)")
            for path in pages:
                runs = []
                for _run in range(args.runs):
                    report = run_lighthouse(binary, base + path, env, slowdown, out)
                    if report is not None:
                        runs.append(report)
                if not runs:
                    print(f"{path:50} failed (Lighthouse runtime error)")
                    continue
                report = median_run(runs)
                score = scores_of(report)
                scores.append(score)
                every_run_perfect += all(all(v == 100 for v in scores_of(run).values()) for run in runs)
                lowest = min(scores_of(run)["performance"] for run in runs)
                audits = report["audits"]
                metric = lambda key: audits[key].get("displayValue", "").replace("\u00a0", " ")  # noqa: E731
                print(f"{path:50} {score['performance']:4d} {score['accessibility']:4d} {score['best-practices']:4d} {score['seo']:4d}  "
                      f"{metric('first-contentful-paint'):>6} {metric('largest-contentful-paint'):>6} "
                      f"{metric('total-blocking-time'):>5} {metric('cumulative-layout-shift'):>5}  "
                      f"{lowest}" + (f" ({len(runs)} of {args.runs} runs measured)" if len(runs) < args.runs else ""), flush=True)
                failing = [a["title"] for a in audits.values() if a.get("score") is not None and a["score"] < 0.9
                           and a.get("scoreDisplayMode") in ("binary", "numeric") and a["id"] not in ("largest-contentful-paint", "first-contentful-paint", "speed-index")]
                if failing:
                    print(f"{'':50} to fix: {'; '.join(failing[:4])}")
    finally:
        server.shutdown()
    if scores:
        summary = ", ".join(f"{name} {min(s[key] for s in scores)}-{max(s[key] for s in scores)}"
                            for key, name in (("performance", "performance"), ("accessibility", "accessibility"),
                                              ("best-practices", "best practices"), ("seo", "SEO")))
        perfect = sum(all(v == 100 for v in s.values()) for s in scores)
        print(f"{perfect} of {len(scores)} pages at 100/100/100/100 ({runs_note}); {summary}. Target: 100 everywhere.")
        if args.runs > 1:
            print(f"{every_run_perfect} of {len(scores)} pages at 100/100/100/100 in every one of their runs.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
