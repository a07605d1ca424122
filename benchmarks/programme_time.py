"""Whole ``backplan program`` processes for every example profile: median wall and CPU time.

Each profile's 8-week programme (``--start 2026-11-30``, JSON to a scratch file) runs ``--runs``
times (default 3) as a fresh process, round-robin across the profiles; the table gives the median
wall time and the median CPU time (user + system of the child, from ``resource.getrusage``: on a
busy shared machine it moves far less than wall time). Then ``backplan check`` runs on each
programme and its last line is printed (every week by the checker).

    python benchmarks/programme_time.py
    python benchmarks/programme_time.py --runs 5 --json programme_time.json
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from _common import code_state  # noqa: E402
from plan_time import backplan_command  # noqa: E402


def run_once(cmd: list[str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    profiles = sorted((ROOT / "examples" / "profiles").glob("*.yaml"))
    scratch = Path(tempfile.mkdtemp(prefix="programme_time-"))
    base = backplan_command()
    times: dict[str, list[tuple[float, float]]] = {p.stem: [] for p in profiles}
    for _ in range(args.runs):
        for p in profiles:
            out = scratch / f"{p.stem}.json"
            times[p.stem].append(run_once([*base, "program", "-p", str(p), "--start", "2026-11-30", "-f", "json",
                                           "-o", str(out), "--force"]))
    print(f"backplan program, 8 weeks, median of {args.runs} ({code_state()})")
    print(f"{'profile':32s} {'wall s':>7s} {'CPU s':>7s}  check")
    report = {}
    for name, runs in times.items():
        wall, cpu = statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs)
        check = subprocess.run([*base, "check", str(scratch / f"{name}.json")], cwd=ROOT, capture_output=True, text=True)
        last = check.stdout.strip().splitlines()[-1] if check.stdout.strip() else check.stderr.strip()
        print(f"{name:32s} {wall:7.2f} {cpu:7.2f}  exit {check.returncode}: {last}")
        report[name] = {"wall_s": wall, "cpu_s": cpu, "check_exit": check.returncode, "check": last}
    if args.json:
        args.json.write_text(json.dumps({"code": code_state(), "runs": args.runs, "profiles": report}, indent=2))


if __name__ == "__main__":
    main()
