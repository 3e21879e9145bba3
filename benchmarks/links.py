#!/usr/bin/env python3
"""Time and peak memory of the link check. Prints figures; passes or fails nothing.

1. The internal check of the whole built site (site/, `make benchmarks` builds it first), as
   `make links` runs it (target: under 10 s on a 2-core machine), and for comparison the
   `linkchecker` command alone crawling the same site with the same config (no anchor check,
   no every-page seeding, first linking page only).
2. An external check of 500 URLs against local servers on 127.0.0.1 (20 ports standing for 20
   hosts, 25 URLs each, 1 in 10 answering 404), with a cold cache and then a warm one. The pause
   between two requests to one host is set to 0 here so the figure measures the checker; the
   real setting (config/linkcheckerrc) adds that pause per host, printed as a floor.

Each measurement runs in a fresh Python process, so its peak memory (max RSS) is its own.
"""
from __future__ import annotations

import argparse
import dataclasses
import http.server
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HOSTS, PER_HOST, BAD_EVERY = 20, 25, 10


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def child(kind: str, site: Path, cache: Path | None) -> None:
    """One measurement, in its own process; prints a JSON line."""
    from beyond_detox.links import check_site, load_settings

    settings = load_settings()
    base = rss_mb()
    if kind == "internal":
        started = time.perf_counter()
        report = check_site(site, settings, external=False, cache_file=None)
    else:
        settings = dataclasses.replace(settings, external=dataclasses.replace(settings.external, per_host_interval=0.0))
        started = time.perf_counter()
        report = check_site(site, settings, external=True, cache_file=cache)
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "peak_mb": rss_mb(), "base_mb": base, "pages": report.pages,
                      "internal": report.internal_links, "external": report.external_links,
                      "cached": report.external_from_cache, "errors": len(report.errors)}))


def measure(kind: str, site: Path, cache: Path | None = None) -> dict:
    args = [sys.executable, __file__, "--child", kind, "--site", str(site)]
    if cache:
        args += ["--cache", str(cache)]
    done = subprocess.run(args, capture_output=True, text=True, env={**os.environ, "CI": "1"})
    if done.returncode != 0:
        raise SystemExit(f"benchmark step {kind} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


class _Answer(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _reply(self):
        status = 404 if self.path.endswith("/bad") else 200
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = do_GET = _reply


def start_hosts(n: int):
    servers = []
    for _ in range(n):
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Answer)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        servers.append(server)
    return servers


def outbound_site(folder: Path, servers) -> Path:
    """A 10-page site holding 500 outbound links."""
    urls = [f"http://127.0.0.1:{s.server_address[1]}/item/{n}" + ("/bad" if n % BAD_EVERY == 0 else "")
            for s in servers for n in range(PER_HOST)]
    pages = [urls[i::10] for i in range(10)]
    folder.mkdir(parents=True)
    nav = "".join(f'<a href="p{i}/">p{i}</a> ' for i in range(10))
    (folder / "index.html").write_text(f"<!doctype html><title>home</title>{nav}", encoding="utf-8")
    for i, links in enumerate(pages):
        (folder / f"p{i}").mkdir()
        body = "".join(f'<li><a href="{u}">{u}</a></li>' for u in links)
        (folder / f"p{i}" / "index.html").write_text(f"<!doctype html><title>p{i}</title><ul>{body}</ul>",
                                                     encoding="utf-8")
    return folder


_RUN_AND_MEASURE = (
    "import resource, subprocess, sys, time; t = time.perf_counter(); "
    "subprocess.run(sys.argv[1:], capture_output=True); "
    "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)"
)


def linkchecker_command(site: Path) -> tuple[float, float] | None:
    """The `linkchecker` command alone on the same site and config, for comparison."""
    exe = Path(sys.executable).parent / "linkchecker"
    if not exe.exists():
        return None
    from beyond_detox.links.server import serve  # the same server as the check (unthrottled by its header)

    folder = Path(tempfile.mkdtemp())
    rc = folder / "linkcheckerrc"
    shutil.copy(ROOT / "config" / "linkcheckerrc", rc)
    folder.chmod(0o755)
    rc.chmod(0o644)  # run as root, linkchecker switches to the user nobody, who must read its config
    try:
        with serve(site) as base_url:
            done = subprocess.run([sys.executable, "-c", _RUN_AND_MEASURE, str(exe), "-f", str(rc), "--no-status",
                                   "-o", "none", base_url], capture_output=True, text=True)
        seconds, peak = map(float, done.stdout.split())
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return seconds, peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--child", choices=["internal", "external"], help=argparse.SUPPRESS)
    parser.add_argument("--cache", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.site, args.cache)
        return 0
    if not (args.site / "index.html").is_file():
        print(f"{args.site} has no built site: run `make build` (or `make benchmarks`, which builds first).")
        return 1

    from beyond_detox.links import load_settings

    print("Link check benchmark (time: wall clock; memory: peak RSS of the process doing the check)")
    internal = [measure("internal", args.site) for _ in range(3)]
    best = min(internal, key=lambda r: r["seconds"])
    runs = ", ".join(f"{r['seconds']:.2f}" for r in internal)
    print(f"internal, whole site: {best['pages']} pages, {best['internal']} internal links: "
          f"best of 3 {best['seconds']:.2f} s (runs: {runs}), "
          f"peak {best['peak_mb']:.0f} MB ({best['base_mb']:.0f} MB after imports); "
          f"target under 10 s: {'met' if best['seconds'] < 10 else 'NOT met'}; broken: {best['errors']}")
    command = linkchecker_command(args.site)
    if command:
        print(f"  for comparison, the linkchecker command alone, same site and config: {command[0]:.2f} s, "
              f"peak {command[1]:.0f} MB")

    servers = start_hosts(HOSTS)
    folder = Path(tempfile.mkdtemp(prefix="bd-links-bench-"))
    try:
        site = outbound_site(folder / "site", servers)
        cache = folder / "cache" / "links-external.json"
        cold = measure("external", site, cache)
        warm = measure("external", site, cache)
        for name, r in (("cold cache", cold), ("warm cache", warm)):
            print(f"external, {r['external']} URLs on {HOSTS} local hosts ({r['errors']} answer 404), {name}: "
                  f"{r['seconds']:.2f} s, peak {r['peak_mb']:.0f} MB, {r['cached']} answered from the cache")
        interval = load_settings().external.per_host_interval
        print(f"  with the real pause of {interval:g} s between requests to one host, {PER_HOST} URLs per host "
              f"add at least {PER_HOST * interval:.0f} s to a cold run ({int(PER_HOST / BAD_EVERY) + 1} URLs per "
              "host on a warm one)")
    finally:
        for server in servers:
            server.shutdown()
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
