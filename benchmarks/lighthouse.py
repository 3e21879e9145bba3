#!/usr/bin/env python3
"""Lighthouse (12.2.3, from the npm registry) on the locally served site, mobile profile: the
four scores and the main metrics for the home page, every article and the tools. The site is
served like a static host would serve it: gzip, the generated security headers, and a week's
caching for assets. Installs Lighthouse into .cache/lighthouse on first use. Figures only.

  benchmarks/lighthouse.py                 # home, articles, tools (a few minutes)
  benchmarks/lighthouse.py / /get-help/    # just these pages
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


def read_headers(site: Path) -> dict[str, str]:
    values, inside = {}, False
    path = site / "_headers"
    if not path.exists():
        return values
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("/*"):
            inside = True
        elif inside and line.startswith("  ") and ":" in line:
            name, value = line.strip().split(":", 1)
            values[name] = value.strip()
        elif inside and not line.strip():
            break
    return values


def serve(site: Path):
    extra = read_headers(site)

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
    pages = ["/"]
    for md in sorted(DOCS.rglob("*.md")):
        rel = md.relative_to(DOCS).as_posix()
        if is_article(rel) or rel in TOOL_PAGES:
            pages.append("/" + rel.removesuffix(".md") + "/")
    return pages


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pages", nargs="*", help="URL paths (default: home, every article, the tools)")
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    args = parser.parse_args(argv)
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
    print(f"Lighthouse {VERSION}, mobile, {len(pages)} pages")
    print(f"{'page':50} {'perf':>4} {'a11y':>4} {'best':>4} {'seo':>4}  {'FCP':>6} {'LCP':>6} {'TBT':>5} {'CLS':>5}")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for path in pages:
                out = Path(tmp) / "report.json"
                run = subprocess.run([str(binary), base + path, "--quiet", "--output=json", f"--output-path={out}",
                                      "--chrome-flags=--headless=new --no-sandbox --disable-gpu", "--only-categories=performance,accessibility,best-practices,seo"],
                                     env=env, capture_output=True, text=True, timeout=180)
                if run.returncode != 0 or not out.exists():
                    print(f"{path:50} failed: {run.stderr.strip()[-200:]}")
                    continue
                report = json.loads(out.read_text())
                score = {k: round((v.get("score") or 0) * 100) for k, v in report["categories"].items()}
                audits = report["audits"]
                metric = lambda key: audits[key].get("displayValue", "").replace("\u00a0", " ")  # noqa: E731
                print(f"{path:50} {score['performance']:4d} {score['accessibility']:4d} {score['best-practices']:4d} {score['seo']:4d}  "
                      f"{metric('first-contentful-paint'):>6} {metric('largest-contentful-paint'):>6} "
                      f"{metric('total-blocking-time'):>5} {metric('cumulative-layout-shift'):>5}")
                failing = [a["title"] for a in audits.values() if a.get("score") is not None and a["score"] < 0.9
                           and a.get("scoreDisplayMode") in ("binary", "numeric") and a["id"] not in ("largest-contentful-paint", "first-contentful-paint", "speed-index")]
                if failing:
                    print(f"{'':50} to fix: {'; '.join(failing[:4])}")
    finally:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
