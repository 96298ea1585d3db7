"""Property-based fuzzing of the example plans (tests/fuzz_plans.py), as part of every test run.

2,000 loader cases mixing byte, line and structure mutations, and 40 cases of hostile but valid
values taken through the rest of the build. The same cases run every time (hypothesis derandomized),
so a failure here can be reproduced; `make fuzz` runs new random cases. The worker runs under its own
memory limit and a CPU-time limit per case; times and memory are reported, never asserted.
"""
from __future__ import annotations

import json
import subprocess
import sys

from .conftest import REPORT, ROOT

CASES, DEEP = 2000, 40


def test_mutated_plans_give_only_validation_errors(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "tests" / "fuzz_plans.py"), "--cases", str(CASES),
                             "--deep", str(DEEP), "--work", str(tmp_path)], cwd=tmp_path, capture_output=True, text=True)
    report = json.loads(result.stdout.splitlines()[-1]) if result.stdout.strip() else {}
    REPORT["fuzz"] = (f"{report.get('cases')} loader cases, {report.get('deep_cases')} through the build, "
                      f"{report.get('crashes')} crashes; slowest loader case {report.get('loader_slowest_cpu_s')} s CPU, "
                      f"slowest build case {report.get('deep_slowest_cpu_s')} s CPU, peak memory {report.get('peak_rss_mb')} MB")
    assert result.returncode == 0, result.stderr[-5000:]
    assert (report["cases"], report["deep_cases"], report["crashes"]) == (CASES, DEEP, 0)
    assert report["outcomes"]["problems"] > CASES // 2 and report["outcomes"]["built"] > DEEP // 2
