"""Wall time of a whole ``backplan plan`` process, against interpreter and import baselines.

Every command runs as a fresh subprocess, ``--runs`` times (default 15) after one unmeasured
warm-up run, round-robin across the commands so that drift in machine load hits them alike:

* ``python -c "pass"``                 the interpreter alone
* ``python -c "import planner.cli"``   interpreter plus importing the CLI (import-only baseline)
* ``backplan plan``                     the default profile, table output to /dev/null
* ``backplan plan -p <profile>``        each of examples/profiles/*.yaml

The table gives the median and p90 (nearest rank) wall time, the ratios of the median to both
baselines, and ``plan - import`` (median minus the import-only median: roughly loading the data,
solving and rendering). All commands use the interpreter running this script and the
``backplan`` script beside it.

    python benchmarks/plan_time.py
    python benchmarks/plan_time.py --runs 30 --json plan_time.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from _common import code_state  # noqa: E402


def backplan_command() -> list[str]:
    """The ``backplan`` console script of this interpreter's environment (else ``python -m planner``)."""
    beside = Path(sys.executable).parent / "backplan"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("backplan")
    return [found] if found else [sys.executable, "-m", "planner"]


def p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)]


def time_once(cmd: list[str]) -> tuple[float, int]:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT, env=os.environ.copy())
    spent = time.perf_counter() - t0
    if proc.returncode not in (0, 4):
        sys.stderr.write(f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr.decode(errors='replace')}\n")
    return spent, proc.returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15, help="measured runs per command (default 15)")
    parser.add_argument("--no-examples", action="store_true", help="only the default profile")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures to this file")
    args = parser.parse_args(argv)

    backplan = backplan_command()
    commands: dict[str, list[str]] = {
        'python -c "pass"': [sys.executable, "-c", "pass"],
        'python -c "import planner.cli"': [sys.executable, "-c", "import planner.cli"],
        "backplan plan": [*backplan, "plan"],
    }
    if not args.no_examples:
        for profile in sorted((ROOT / "examples" / "profiles").glob("*.yaml")):
            commands[f"backplan plan -p {profile.name}"] = [*backplan, "plan", "-p", str(profile.relative_to(ROOT))]

    print(f"{args.runs} runs per command, {dt.datetime.now().isoformat(timespec='seconds')}, "
          f"Python {platform.python_version()}, {platform.platform()}, {os.cpu_count()} CPU(s)")
    state = code_state()
    print(f"backplan: {' '.join(backplan)}; code: {state}", flush=True)
    for cmd in commands.values():  # warm-up: page cache, .pyc files
        time_once(cmd)
    samples: dict[str, list[float]] = {name: [] for name in commands}
    codes: dict[str, set[int]] = {name: set() for name in commands}
    for _ in range(args.runs):
        for name, cmd in commands.items():
            spent, code = time_once(cmd)
            samples[name].append(spent)
            codes[name].add(code)

    base = statistics.median(samples['python -c "pass"'])
    imp = statistics.median(samples['python -c "import planner.cli"'])
    rows = []
    print(f"\n{'command':<52}{'exit':>5}{'median s':>10}{'p90 s':>8}{'min s':>8}"
          f"{'x pass':>8}{'x import':>9}{'- import s':>11}")
    for name, values in samples.items():
        med = statistics.median(values)
        row = {
            "command": name,
            "exit": sorted(codes[name]),
            "median_s": round(med, 4),
            "p90_s": round(p90(values), 4),
            "min_s": round(min(values), 4),
            "ratio_pass": round(med / base, 2),
            "ratio_import": round(med / imp, 2),
            "minus_import_s": round(med - imp, 4),
        }
        rows.append(row)
        print(f"{name:<52}{','.join(map(str, row['exit'])):>5}{med:>10.3f}{row['p90_s']:>8.3f}{row['min_s']:>8.3f}"
              f"{row['ratio_pass']:>8.2f}{row['ratio_import']:>9.2f}{row['minus_import_s']:>11.3f}")
    if args.json is not None:
        args.json.write_text(json.dumps({
            "date": dt.datetime.now().isoformat(timespec="seconds"),
            "runs": args.runs,
            "code": state,
            "python": platform.python_version(),
            "rows": rows,
            "samples": samples,
        }, indent=2))
    bad = [r["command"] for r in rows if set(r["exit"]) - {0, 4}]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
