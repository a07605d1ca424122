"""Before and after: one backplan command on two checkouts, whole processes, taken in turns.

    python benchmarks/compare.py --before ../backplan-old -- plan --replan
    python benchmarks/compare.py --before ../backplan-old --runs 7 -- plan --replan -p benchmarks/gym_six_days.yaml

Runs ``python -m planner ARGS`` with ``PYTHONPATH`` set to this checkout (after) and to
``--before`` (another checkout or ``git worktree`` of the same repository, e.g. at the commit
before a change), in turns (after, before, after, before ...) ``--runs`` times each after one
unmeasured warm-up each, from an empty temporary folder (``python -m`` puts the working folder
first on the module path, so it must hold no ``planner``); arguments that name an existing file or
folder are made absolute first. Prints each side's median wall and CPU seconds (user + system,
``resource.getrusage``), its peak resident memory (``/usr/bin/time -f %M``, when present), and the
median of the pair-by-pair ratios after/before: taken pair by pair, the ratio stays fair when the
machine's speed drifts during the run. ``--same`` also fails when the two print different output
(a change meant to leave plans alone).

Pass ``--replan`` for ``plan``: a plan kept by the week cache would time the cache, not the search.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from plan_time import peak_kib, time_once  # noqa: E402


FINISHED = (0, 1, 3, 4)  # a finished run: a plan, a violation found, a referral, a refusal


def command(checkout: Path, args: list[str]) -> tuple[list[str], dict[str, str]]:
    """``python -m planner ARGS`` and its environment, importing ``planner`` from ``checkout``."""
    return [sys.executable, "-m", "planner", *args], {**os.environ, "PYTHONPATH": str(checkout)}


def run_once(checkout: Path, args: list[str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one ``python -m planner ARGS`` (:func:`plan_time.time_once`)."""
    cmd, env = command(checkout, args)
    wall, code, cpu = time_once(cmd, cwd, env)
    if code not in FINISHED:
        raise SystemExit(f"{checkout}: python -m planner {' '.join(args)} exited {code}")
    return wall, cpu


def output(checkout: Path, args: list[str], cwd: Path) -> bytes:
    """What one ``python -m planner ARGS`` prints (the unmeasured warm-up, for ``--same``)."""
    cmd, env = command(checkout, args)
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, check=False)
    if proc.returncode not in FINISHED:
        raise SystemExit(f"{checkout}: python -m planner {' '.join(args)} exited {proc.returncode}:\n"
                         f"{proc.stderr.decode(errors='replace')}")
    return proc.stdout


def peak_mib(checkout: Path, args: list[str], cwd: Path) -> float | None:
    """Peak resident memory of one run (:func:`plan_time.peak_kib`; None without ``/usr/bin/time``)."""
    cmd, env = command(checkout, args)
    kib = peak_kib(cmd, cwd, env)
    return None if kib is None else kib / 1024


def absolute(args: list[str]) -> list[str]:
    """Arguments naming an existing file or folder, made absolute (the runs start elsewhere)."""
    return [str(Path(a).resolve()) if not a.startswith("-") and Path(a).exists() else a for a in args]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", type=Path, required=True, help="the checkout to compare against")
    parser.add_argument("--runs", type=int, default=5, help="measured runs of each side (default 5)")
    parser.add_argument("--same", action="store_true", help="fail when the two sides print different output")
    parser.add_argument("args", nargs=argparse.REMAINDER, help="-- then the backplan arguments (e.g. plan --replan)")
    opts = parser.parse_args(argv)
    args = absolute(opts.args[1:] if opts.args[:1] == ["--"] else opts.args)
    if not args:
        parser.error("give the backplan arguments after --, e.g. -- plan --replan")
    before = opts.before.resolve()
    if not (before / "planner" / "__init__.py").exists():
        parser.error(f"{before} holds no planner/ package: give a checkout of backplan")
    work = Path(tempfile.mkdtemp(prefix="backplan-compare-"))
    try:
        sides = {"after": ROOT, "before": before}
        outputs = {name: output(path, args, work) for name, path in sides.items()}  # warm-up
        if opts.same and outputs["after"] != outputs["before"]:
            print("the two checkouts print different output", file=sys.stderr)
            return 1
        walls: dict[str, list[float]] = {"after": [], "before": []}
        cpus: dict[str, list[float]] = {"after": [], "before": []}
        for _ in range(opts.runs):
            for name, path in sides.items():
                wall, cpu = run_once(path, args, work)
                walls[name].append(wall)
                cpus[name].append(cpu)
        print(f"python -m planner {' '.join(opts.args[1:] if opts.args[:1] == ['--'] else opts.args)}: "
              f"{opts.runs} runs each, in turns; load {os.getloadavg()[0]:.2f}")
        print(f"{'':8}{'wall s':>9}{'CPU s':>9}{'peak MiB':>10}")
        for name, path in sides.items():
            peak = peak_mib(path, args, work)
            print(f"{name:8}{statistics.median(walls[name]):>9.3f}{statistics.median(cpus[name]):>9.3f}"
                  f"{(f'{peak:.1f}' if peak else '-'):>10}")
        ratio = statistics.median(a / b for a, b in zip(walls["after"], walls["before"], strict=True))
        cpu_ratio = statistics.median(a / b for a, b in zip(cpus["after"], cpus["before"], strict=True))
        print(f"after/before, median of the pairs: wall {ratio:.3f}, CPU {cpu_ratio:.3f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
