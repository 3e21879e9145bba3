"""Benchmark: `verify` on 500 directory entries against a local server (127.0.0.1).

Prints wall time and peak memory. Not pass/fail. The server runs in its own process (so its
memory is not counted) and answers every request after LATENCY seconds, like a distant site
would; one entry in ten redirects permanently and one in fifty is a 404, so the report has
something to say.

    .venv/bin/python benchmarks/resources.py [--entries 500] [--latency 0.02]
"""
from __future__ import annotations

import argparse
import datetime as dt
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from beyond_detox.resources.verify import verify  # noqa: E402

SERVER = r"""
import http.server, sys, time
LATENCY = float(sys.argv[1])
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def do_GET(self):
        time.sleep(LATENCY)
        n = int(self.path.rsplit("/", 1)[-1] or 0) if self.path.rsplit("/", 1)[-1].isdigit() else 0
        if self.path.startswith("/moved/"):
            self.send_response(301); self.send_header("Location", "/ok/" + str(n))
        elif n and n % 50 == 0:
            self.send_response(404)
        else:
            self.send_response(200)
        self.send_header("Content-Length", "2"); self.end_headers(); self.wfile.write(b"ok")
class S(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256
    def handle_error(self, request, client_address): pass  # a client closing a kept-alive connection
s = S(("127.0.0.1", 0), H)
print(s.server_address[1], flush=True)
s.serve_forever()
"""


def data_file(entries: int, base: str) -> str:
    lines = ["area: bench", "name: Benchmark", "coverage: Benchmark", "organizations:"]
    for org in range(0, entries, 10):
        lines += [f"  - id: org-{org}", f"    name: Organization {org}", "    services:"]
        for n in range(org, min(org + 10, entries)):
            path = f"/moved/{n}" if n % 10 == 5 else f"/ok/{n}"
            lines += [f"      - id: svc-{n}", f"        name: Service {n}", "        status: active", "        categories: [crisis]",
                      "        description: A benchmark entry.", f"        url: {base}{path}", "        assured_date: 2026-06-01",
                      f"        source: {base}/source/{n}", "        source_note: benchmark"]
    return "\n".join(lines) + "\n"


def run(entries: int, latency: float, concurrency: int, per_host: int, folder: Path, base: str) -> None:
    data = folder / "bench.yml"
    data.write_text(data_file(entries, base), encoding="utf-8")
    tracemalloc.start()
    started = time.perf_counter()
    outcome = verify([data], status_file=folder / "status.json", report_file=folder / "report.md", today=dt.date(2026, 11, 27),
                     concurrency=concurrency, per_host=per_host, timeout=10, retries=1, backoff=0.2)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    counts: dict[str, int] = {}
    for result in outcome.results.values():
        counts[result.outcome] = counts.get(result.outcome, 0) + 1
    print(f"{entries} entries, {len(outcome.results)} URLs, latency {latency * 1000:.0f} ms, concurrency {concurrency}, "
          f"per host {per_host}: {elapsed:.2f} s ({len(outcome.results) / elapsed:.0f} URLs/s), "
          f"peak Python memory {peak / 1e6:.1f} MB; outcomes {dict(sorted(counts.items()))}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=500)
    parser.add_argument("--latency", type=float, default=0.02, help="seconds the server waits before answering")
    args = parser.parse_args()
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(args.latency)], stdout=subprocess.PIPE, text=True)
    try:
        port = int(server.stdout.readline())
        base = f"http://127.0.0.1:{port}"
        with tempfile.TemporaryDirectory() as folder:
            # All 1000 URLs are on one host here, so the per-host limit is what bounds the speed.
            run(args.entries, args.latency, concurrency=8, per_host=2, folder=Path(folder), base=base)
            run(args.entries, args.latency, concurrency=16, per_host=16, folder=Path(folder), base=base)
        print(f"process peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
