"""The Lighthouse benchmark reports the median run the way Lighthouse's computeMedianRun picks it
(lighthouse/core/lib/median-run.js): nearest the median FCP and TTI, ties to the lower TTI. Not the
best run: a page that is slow in most runs must show slow."""
from __future__ import annotations

import importlib.util
from pathlib import Path

spec = importlib.util.spec_from_file_location("lighthouse_benchmark", Path(__file__).resolve().parents[2] / "benchmarks" / "lighthouse.py")
lighthouse = importlib.util.module_from_spec(spec)
spec.loader.exec_module(lighthouse)


def run(name: str, fcp: float, tti: float) -> dict:
    return {"name": name, "audits": {"first-contentful-paint": {"numericValue": fcp}, "interactive": {"numericValue": tti}}}


def test_the_run_nearest_the_median_fcp_and_tti_is_reported():
    runs = [run("fast", 800, 1200), run("typical", 1000, 1600), run("slow", 1600, 2600),
            run("typical-ish", 1050, 1700), run("slowest", 1700, 3000)]
    # medians: FCP 1050, TTI 1700 -> "typical-ish" is exactly at both
    assert lighthouse.median_run(runs)["name"] == "typical-ish"


def test_a_page_slow_in_most_runs_is_reported_slow():
    runs = [run("fast", 800, 1200), run("slow", 1500, 2500), run("slower", 1600, 2600)]
    assert lighthouse.median_run(runs)["name"] == "slow"


def test_ties_go_to_the_lower_time_to_interactive():
    runs = [run("a", 1000, 2000), run("b", 1000, 1800)]
    # even count: medians are FCP 1000, TTI 1900; both 100 ms away, so the lower TTI wins
    assert lighthouse.median_run(runs)["name"] == "b"
    assert lighthouse.median_run([run("only", 900, 1500)])["name"] == "only"
