"""Wall time of a whole ``backplan plan`` process, against interpreter and import baselines.

Every command runs as a fresh subprocess, ``--runs`` times (default 15) after one unmeasured
warm-up run, round-robin across the commands so that drift in machine load hits them alike:

* ``python -c "pass"``                 the interpreter alone
* ``python -c "import planner.cli"``   interpreter plus importing the CLI
* ``python -c "import typer, rich, yaml, pydantic, networkx, constraint"``   the import floor:
  the six libraries a plan uses (the targets are ratios to this, measured in the same run)
* ``backplan --help``, ``backplan version``
* ``backplan plan``                     the default profile, table output to /dev/null
* ``backplan plan -f json``             the default profile, JSON
* ``backplan plan -p benchmarks/gym_six_days.yaml``   a six-day gym profile
* ``backplan plan -p <profile>``        each of examples/profiles/*.yaml
* with ``--extra``: ``backplan plan -r`` 100 user preference rules (``soft_rules.py``), on the default and
  the six-day gym profile, and ``backplan plan --catalog DIR`` on the free-exercise-db import
  (``backplan catalog import``, when ``../shared/data/free-exercise-db.json`` or
  ``--import-json FILE`` exists), default and gym profile, and on that import grown by cloning its
  entries to ``--clone`` exercises (default 900; the ~900-exercise target), default profile

The table gives the median and p90 (nearest rank) wall time, the ratios of the median to both
baselines (``x floor``: the import floor), ``- floor`` (median minus the floor median: roughly
loading the data, solving and rendering), the median CPU time (user + system, from
``resource.getrusage``: on a busy shared machine it moves far less than wall time) and its ratio
to the floor's, and the peak resident memory of one more run (``/usr/bin/time -f %M``). The load
cache (``planner.loading.cache``) is warm after the warm-up run; ``BACKPLAN_NO_CACHE=1`` times
the cold path. Every ``plan`` line searches (``--replan``) but the first, which reuses the week the
warm-up run planned (a second ``backplan plan`` on the same files and options). All commands use the interpreter running this script and the
``backplan`` script beside it.

    python benchmarks/plan_time.py
    python benchmarks/plan_time.py --runs 30 --json plan_time.json
    python benchmarks/plan_time.py --runs 7 --no-examples --extra
    python benchmarks/plan_time.py --runs 3 --no-examples --extra --only catalog
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import resource
import tempfile
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from _common import code_state  # noqa: E402
from soft_rules import rule_file  # noqa: E402

FLOOR = 'python -c "import typer, rich, yaml, pydantic, networkx, constraint"'


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


def time_once(cmd: list[str], cwd: Path = ROOT, env: dict[str, str] | None = None) -> tuple[float, int, float]:
    """Wall seconds, exit code and CPU seconds (user + system: less sensitive to a busy machine)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd,
                          env=os.environ.copy() if env is None else env)
    spent = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 4):
        sys.stderr.write(f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr.decode(errors='replace')}\n")
    return spent, proc.returncode, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def peak_kib(cmd: list[str], cwd: Path = ROOT, env: dict[str, str] | None = None) -> int | None:
    """Peak resident memory (KiB) of one run, by ``/usr/bin/time -f %M`` (None without it)."""
    if not Path("/usr/bin/time").exists():
        return None
    proc = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          cwd=cwd, env=env)
    last = proc.stderr.decode(errors="replace").strip().splitlines()[-1:]
    return int(last[0]) if last and last[0].isdigit() else None


def grow_by_cloning(imported: Path, out: Path, size: int) -> int:
    """A copy of the catalog folder ``imported`` with copies of its imported entries added (new ids
    and names) until it holds ``size`` exercises; returns how many it holds."""
    import yaml

    shutil.copytree(imported, out)
    entries = yaml.safe_load((imported / "ex_free_exercise_db.yaml").read_text())["exercises"]
    have = sum(len((yaml.safe_load(f.read_text()) or {}).get("exercises") or []) for f in out.glob("ex_*.yaml"))
    clones, n = [], 2
    while have + len(clones) < size:
        for entry in entries:
            if have + len(clones) >= size:
                break
            clones.append({**entry, "id": f"{entry['id'][:74]}_c{n}", "name": f"{entry['name']} ({n})"})
        n += 1
    (out / "ex_clones.yaml").write_text(yaml.safe_dump({"exercises": clones}, sort_keys=False, allow_unicode=True))
    return have + len(clones)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15, help="measured runs per command (default 15)")
    parser.add_argument("--no-examples", action="store_true", help="only the default profile")
    parser.add_argument("--extra", action="store_true",
                        help="also 100 user rules and the free-exercise-db import (default and gym profile)")
    parser.add_argument("--import-json", type=Path, default=ROOT.parent / "shared" / "data" / "free-exercise-db.json",
                        help="the free-exercise-db JSON for --extra (default ../shared/data/free-exercise-db.json)")
    parser.add_argument("--clone", type=int, default=900,
                        help="with --extra: grow the import by cloning its entries to this many exercises (default 900)")
    parser.add_argument("--only", default=None,
                        help="time only the commands whose name holds this text (and the two baselines)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures to this file")
    args = parser.parse_args(argv)

    backplan = backplan_command()
    gym = "benchmarks/gym_six_days.yaml"
    commands: dict[str, list[str]] = {
        'python -c "pass"': [sys.executable, "-c", "pass"],
        FLOOR: [sys.executable, "-c", "import typer, rich, yaml, pydantic, networkx, constraint"],
        'python -c "import planner.cli"': [sys.executable, "-c", "import planner.cli"],
        "backplan --help": [*backplan, "--help"],
        "backplan version": [*backplan, "version"],
        "backplan plan (the week reused)": [*backplan, "plan"],
        "backplan plan": [*backplan, "plan", "--replan"],
        "backplan plan -f json": [*backplan, "plan", "-f", "json", "--replan"],
        "backplan plan -p gym_six_days.yaml": [*backplan, "plan", "-p", gym, "--replan"],
    }
    scratch = Path(tempfile.mkdtemp(prefix="plan_time-"))
    if args.extra:
        rules = str(rule_file(100, scratch))
        commands["backplan plan -r <100 user rules>"] = [*backplan, "plan", "-r", rules, "--replan"]
        commands["backplan plan -p gym_six_days.yaml -r <100 user rules>"] = [*backplan, "plan", "-p", gym, "-r", rules, "--replan"]
        if args.import_json.exists():
            imported = scratch / "imported"
            subprocess.run([*backplan, "catalog", "import", str(args.import_json), "--from", "free-exercise-db",
                            "--out", str(imported)], check=True, capture_output=True, cwd=ROOT)
            commands["backplan plan --catalog <free-exercise-db import>"] = [*backplan, "plan", "--catalog", str(imported), "--replan"]
            commands["backplan plan -p gym_six_days.yaml --catalog <import>"] = [
                *backplan, "plan", "-p", gym, "--catalog", str(imported), "--replan"]
            size = grow_by_cloning(imported, scratch / "cloned", args.clone)
            commands[f"backplan plan --catalog <import cloned to {size}>"] = [
                *backplan, "plan", "--catalog", str(scratch / "cloned"), "--replan"]
    if not args.no_examples:
        for profile in sorted((ROOT / "examples" / "profiles").glob("*.yaml")):
            commands[f"backplan plan -p {profile.name}"] = [*backplan, "plan", "-p", str(profile.relative_to(ROOT)), "--replan"]

    if args.only:
        commands = {k: v for k, v in commands.items() if args.only in k or k in ('python -c "pass"', FLOOR)}
    print(f"{args.runs} runs per command, {dt.datetime.now().isoformat(timespec='seconds')}, "
          f"Python {platform.python_version()}, {platform.platform()}, {os.cpu_count()} CPU(s), "
          f"load {os.getloadavg()[0]:.2f}, BACKPLAN_NO_CACHE={os.environ.get('BACKPLAN_NO_CACHE', '')!r}")
    state = code_state()
    print(f"backplan: {' '.join(backplan)}; code: {state}", flush=True)
    for cmd in commands.values():  # warm-up: page cache, .pyc files (and backplan's cache, when on)
        time_once(cmd)
    samples: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    codes: dict[str, set[int]] = {name: set() for name in commands}
    for _ in range(args.runs):
        for name, cmd in commands.items():
            spent, code, cpu = time_once(cmd)
            samples[name].append(spent)
            cpus[name].append(cpu)
            codes[name].add(code)
    peaks = {name: peak_kib(cmd) for name, cmd in commands.items()}

    base = statistics.median(samples['python -c "pass"'])
    floor = statistics.median(samples[FLOOR])
    floor_cpu = statistics.median(cpus[FLOOR])
    rows = []
    print(f"\n{'command':<56}{'exit':>5}{'median s':>10}{'p90 s':>8}{'min s':>8}"
          f"{'x floor':>9}{'- floor s':>10}{'CPU s':>7}{'x floor':>8}{'peak MB':>9}")
    for name, values in samples.items():
        med = statistics.median(values)
        row = {
            "command": name,
            "exit": sorted(codes[name]),
            "median_s": round(med, 4),
            "p90_s": round(p90(values), 4),
            "min_s": round(min(values), 4),
            "ratio_pass": round(med / base, 2),
            "ratio_floor": round(med / floor, 2),
            "minus_floor_s": round(med - floor, 4),
            "peak_mb": round(peaks[name] / 1024, 1) if peaks[name] else None,
            "cpu_median_s": round(statistics.median(cpus[name]), 4),
            "cpu_ratio_floor": round(statistics.median(cpus[name]) / floor_cpu, 2),
        }
        rows.append(row)
        label = "floor: import typer, rich, yaml, pydantic, networkx, constraint" if name == FLOOR else name
        print(f"{label[:55]:<56}{','.join(map(str, row['exit'])):>5}{med:>10.3f}{row['p90_s']:>8.3f}{row['min_s']:>8.3f}"
              f"{row['ratio_floor']:>9.2f}{row['minus_floor_s']:>10.3f}{row['cpu_median_s']:>7.3f}"
              f"{row['cpu_ratio_floor']:>8.2f}{row['peak_mb'] or 0:>9.1f}")
    if args.json is not None:
        args.json.write_text(json.dumps({
            "date": dt.datetime.now().isoformat(timespec="seconds"),
            "runs": args.runs,
            "code": state,
            "python": platform.python_version(),
            "rows": rows,
            "samples": samples,
            "cpu_samples": cpus,
        }, indent=2))
    shutil.rmtree(scratch, ignore_errors=True)
    bad = [r["command"] for r in rows if set(r["exit"]) - {0, 4}]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
