"""Throughput of ``backplan batch``: whole processes on generated profiles, local and on Dask.

For each size in ``--sizes`` (default 200 and 1000) the script writes that many profiles with
``make_profiles.py`` (``--seed``), then times ``--runs`` whole ``backplan batch DIR --out OUT``
processes (a fresh OUT each time, so every profile is planned), reports the median wall time
and profiles per minute, the CPU time of each run (user + system, workers included: less
sensitive to a busy machine than wall time), times one resumed run (everything current), checks every plan of the
last run with :func:`planner.api.check_week` (there must be no hard violation), lists the
profiles that failed (status error or not written: the batch still finishes, exit 70 or 65;
``--work DIR`` keeps their plans and summary to look at), and gives the
distribution of the per-profile time in the workers (``seconds`` in ``summary.json``: loading
the profile, solving, checking, rendering) by outcome.

``--dask N`` also times one run on a Dask ``LocalCluster`` of N single-threaded worker
processes on loopback (``backplan batch --scheduler tcp://127.0.0.1:PORT``) for each size.

    python benchmarks/batch_time.py                         # 200 and 1000 profiles, 3 runs each
    python benchmarks/batch_time.py --sizes 200 --runs 5 --dask 2 --json batch_time.json

Only public tools: ``time.perf_counter`` around ``subprocess.run``; medians (nearest rank p90/p99).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _common import code_state  # noqa: E402
from make_profiles import make_profiles  # noqa: E402
from plan_time import backplan_command  # noqa: E402

from planner.api import check_week  # noqa: E402


def nearest_rank(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


# backplan batch finishes the batch and writes its summary when some profiles fail: 65 (a plan
# could not be written), 70 (an internal error in some profile); those runs are timed and their
# failed rows reported. Any other exit (usage error, interrupted) stops the script.
FINISHED = (0, 65, 70)


def time_batch(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system of the process and the workers it waited for)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    spent = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in FINISHED:
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr.decode(errors='replace')}")
    if proc.returncode:
        print(f"  (exit {proc.returncode}: some profiles failed; see the failed rows below)", flush=True)
    return spent, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def distribution(values: list[float]) -> dict:
    if not values:
        return {"n": 0}
    return {"n": len(values), "p50": round(statistics.median(values), 3), "p90": round(nearest_rank(values, 0.9), 3),
            "p99": round(nearest_rank(values, 0.99), 3), "max": round(max(values), 3), "sum": round(sum(values), 1)}


def measure(size: int, args: argparse.Namespace, work: Path, backplan: list[str]) -> dict:
    profiles = work / f"profiles-{size}"
    make_profiles(size, profiles, seed=args.seed)
    base = [*backplan, "batch", str(profiles)]
    if args.jobs:
        base += ["--jobs", str(args.jobs)]
    if args.search:
        base += ["--search", args.search]
    times, cpu = [], []
    out = work / f"out-{size}"
    for run in range(args.runs):
        shutil.rmtree(out, ignore_errors=True)
        load = os.getloadavg()[0]
        spent, used = time_batch([*base, "--out", str(out)])
        times.append(spent)
        cpu.append(used)
        print(f"  {size} profiles, run {run + 1}: {spent:.1f} s ({size / spent * 60:.0f} profiles/min), "
              f"CPU {used:.1f} s, load before {load:.2f}", flush=True)
    resumed, _ = time_batch([*base, "--out", str(out)])
    doc = json.loads((out / "summary.json").read_text())
    rows = doc["profiles"]
    hard = 0
    for row in rows:
        if row["status"] == "planned":
            hard += sum(v.hard for v in check_week(out / row["plan"]))
    by_status: dict[str, list[float]] = {}
    for row in rows:
        by_status.setdefault(row["status"], []).append(row["seconds"] or 0.0)
    failed = [{k: row.get(k) for k in ("profile", "status", "exit_code", "reason")}
              for row in rows if row["status"] in ("error", "not_written")]
    median = statistics.median(times)
    result = {
        "size": size,
        "runs": times,
        "median_s": round(median, 2),
        "profiles_per_min": round(size / median * 60),
        "cpu_s": [round(c, 1) for c in cpu],
        "cpu_per_profile_s": round(statistics.median(cpu) / size, 3),
        "resumed_s": round(resumed, 2),
        "counts": doc["counts"],
        "hard_violations": hard,
        "failed": failed,
        "worker_seconds": {"all": distribution([s for v in by_status.values() for s in v]),
                           **{status: distribution(v) for status, v in sorted(by_status.items())}},
    }
    if args.dask:
        from dask.distributed import LocalCluster

        with LocalCluster(n_workers=args.dask, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address=None) as cluster:
            dask_out = work / f"dask-{size}"
            spent, _ = time_batch([*backplan, "batch", str(profiles), "--out", str(dask_out),
                                   "--scheduler", cluster.scheduler_address])
        result["dask"] = {"workers": args.dask, "seconds": round(spent, 2),
                          "profiles_per_min": round(size / spent * 60)}
        print(f"  {size} profiles on Dask LocalCluster ({args.dask} workers): {spent:.1f} s", flush=True)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 1000], help="batch sizes (default 200 1000)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per size (default 3)")
    parser.add_argument("--seed", type=int, default=1, help="make_profiles seed (default 1)")
    parser.add_argument("--jobs", type=int, default=None, help="--jobs for backplan batch (default: one per core)")
    parser.add_argument("--search", default=None, help="--search for backplan batch (default: backplan's own, auto)")
    parser.add_argument("--dask", type=int, default=0, metavar="N", help="also time a Dask LocalCluster of N workers")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures to this file")
    parser.add_argument("--work", type=Path, default=None, metavar="DIR",
                        help="keep the profiles and the last run's plans and summary here (default: a temporary "
                             "folder, deleted at the end)")
    args = parser.parse_args(argv)

    backplan = backplan_command()
    state = code_state()
    print(f"{dt.datetime.now().isoformat(timespec='seconds')}, Python {platform.python_version()}, "
          f"{platform.platform()}, {os.cpu_count()} CPU(s), load {os.getloadavg()[0]:.2f}")
    print(f"backplan: {' '.join(backplan)}; code: {state}", flush=True)
    results = []
    if args.work is not None:  # kept: the profiles, plans and summaries of the last runs
        args.work.mkdir(parents=True, exist_ok=True)
        for size in args.sizes:
            results.append(measure(size, args, args.work, backplan))
    else:
        with tempfile.TemporaryDirectory(prefix="backplan-batch-time-") as tmp:
            for size in args.sizes:
                results.append(measure(size, args, Path(tmp), backplan))
    print(f"\n{'profiles':>8}{'median s':>10}{'/min':>7}{'CPU s/profile':>15}{'resumed s':>11}{'hard':>6}  outcomes")
    for r in results:
        counts = ", ".join(f"{k} {v}" for k, v in r["counts"].items() if v)
        print(f"{r['size']:>8}{r['median_s']:>10.1f}{r['profiles_per_min']:>7}{r['cpu_per_profile_s']:>15.3f}"
              f"{r['resumed_s']:>11.2f}{r['hard_violations']:>6}  {counts}")
    print("\nper-profile worker seconds (load + solve + check + render):")
    for r in results:
        for status, d in r["worker_seconds"].items():
            if d["n"]:
                print(f"  {r['size']:>5} {status:<10} n={d['n']:<5} p50 {d['p50']:.3f}  p90 {d['p90']:.3f}  "
                      f"p99 {d['p99']:.3f}  max {d['max']:.3f}  sum {d['sum']:.1f}")
    for r in results:
        for row in r["failed"]:
            print(f"  failed ({r['size']}): {row['profile']}: {row['status']} (exit {row['exit_code']}): {row['reason']}")
    if args.json is not None:
        args.json.write_text(json.dumps({"date": dt.datetime.now().isoformat(timespec="seconds"), "code": state,
                                         "python": platform.python_version(), "cpus": os.cpu_count(),
                                         "results": results}, indent=2))
    return 1 if any(r["hard_violations"] or r["failed"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
