"""The two searches side by side: ``--search fast`` against the default (``auto``: the search
around the best week with the csp backend), per example profile and the default one, seed 0.

For each: the soft penalty after dose tuning, what is out of band, the hard violations the
independent checker finds (must be 0), and the CPU seconds of ``plan_week`` in this process
(``time.process_time``; the whole process adds start-up and loading: time it with
``/usr/bin/time -v backplan plan -f json [--search fast]``).

    python benchmarks/search.py
    python benchmarks/search.py --searches fast thorough
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from planner.api import check_week, plan_week  # noqa: E402
from planner.solver import Settings  # noqa: E402
from planner.solver.settings import SEARCHES  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--searches", nargs="+", choices=SEARCHES, default=["fast", "auto"])
    args = parser.parse_args()
    profiles = [None, *sorted((ROOT / "examples" / "profiles").glob("*.yaml"))]
    for search in args.searches:
        for path in profiles:
            started = time.process_time()
            plan = plan_week(path, settings=Settings(search=search))
            cpu = time.process_time() - started
            hard = sum(v.hard for v in check_week(plan, profile=path))
            name = path.stem if path else "default"
            out = "; ".join(plan.balance.out_of_band) or "none"
            print(f"{search:8s} {name:30s} penalty {plan.soft_penalty:4d}  cpu {cpu:5.2f} s  hard {hard}  "
                  f"out of band: {out}", flush=True)


if __name__ == "__main__":
    main()
