"""In-process time of ``backplan explain`` per example profile, beside the time to plan the week.

For the default profile and each of ``examples/profiles/*.yaml`` (seed 0, shipped rules and
catalog): plans the week once (timed), then times :func:`planner.api.explain` on that plan, for
the whole week (every item with up to three alternatives tried, every rule) and for
``--exercise`` on one exercise of each status (in the plan, excluded, allowed and not chosen,
where the profile has one). Reports the median wall time over ``--runs`` and the number of
alternatives tried (each is one run of the rules' checks and of the balance section over the week).

    python benchmarks/explain_time.py
    python benchmarks/explain_time.py --runs 5 --json explain_time.json
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _common import code_state  # noqa: E402

from planner import api  # noqa: E402


def _timed(call, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def measure(profile: Path | None, runs: int) -> dict:
    given = api.load_inputs(profile)
    plan_s, plan = _timed(lambda: api.plan_week(given.profile, rules=given.rules, catalog=given.catalog), 1)
    week_s, week = _timed(lambda: api.explain(plan, profile=given.profile, rules=given.rules,
                                               catalog=given.catalog), runs)
    row = {"profile": profile.stem if profile else "default", "plan_s": round(plan_s, 2),
           "explain_s": round(week_s, 2), "items": len(week.items),
           "alternatives": sum(len(i.chosen_over) for i in week.items)}
    placed = {i.exercise for d in plan.days for i in d.items}
    samples = {"in the plan": next(iter(sorted(placed)))}
    for ex_id in sorted(given.catalog.exercises):
        if ex_id in placed:
            continue
        answer = api.explain(plan, exercise=ex_id, profile=given.profile, rules=given.rules,
                             catalog=given.catalog).exercise
        samples.setdefault(answer.status, ex_id)
        if len(samples) == 3:
            break
    for status, ex_id in samples.items():
        seconds, _ = _timed(lambda ex_id=ex_id: api.explain(plan, exercise=ex_id, profile=given.profile,
                                                            rules=given.rules, catalog=given.catalog), runs)
        row[f"exercise ({status})"] = f"{ex_id} {seconds:.2f} s"
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="timed runs per measure (median)")
    parser.add_argument("--json", type=Path, help="also write the report as JSON")
    args = parser.parse_args()
    profiles = [None, *sorted((ROOT / "examples" / "profiles").glob("*.yaml"))]
    rows = [measure(p, args.runs) for p in profiles]
    print(f"code: {code_state()}")
    for row in rows:
        print("  ".join(f"{k}={v}" for k, v in row.items()))
    if args.json:
        args.json.write_text(json.dumps({"code": code_state(), "rows": rows}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
