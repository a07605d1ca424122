"""How much ``rules diff`` changes: re-planned like the week before vs. planned from scratch.

For each example profile (and the embedded default), plans the week (seed 0), then, for each of
the first ``--rules`` distinct exercises of that week, a rule file forbidding that one exercise;
plans the week with it twice, from scratch (what ``rules diff`` did before) and like the week
before (``plan_week(..., like=...)``, what it does now), and reports per way:

* changes: exercises added or removed over the days, against the week before (a forbidden
  exercise placed on n days needs at least n removals, usually n replacements too);
* dose and order changes (see ``planner/solver/reference_week.py``);
* penalty: how often the soft penalty is lower / equal / higher than from scratch;
* seconds: wall time of the second plan.

    python benchmarks/rules_diff.py
    python benchmarks/rules_diff.py --rules 3 --json rules_diff.json
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from _common import code_state  # noqa: E402

from planner import api  # noqa: E402
from planner.catalog import default_catalog  # noqa: E402
from planner.errors import InfeasibleError, RedFlagError  # noqa: E402
from planner.models import Dose  # noqa: E402
from planner.solver.reference_week import ReferenceWeek  # noqa: E402


def _per_day(plan) -> dict[str, list[str]]:
    return {d.day: list(dict.fromkeys(i.exercise for i in d.items)) for d in plan.days}


def _dose(item):
    """A plan item's dose as the solver's Dose (what the distance compares)."""
    return Dose(sets=item.sets, reps=item.reps, hold_s=item.hold_s, minutes=item.minutes)


def measure(rules_per_profile: int) -> dict:
    catalog = default_catalog()
    profiles = [("default", None)] + [(p.stem, p) for p in sorted((ROOT / "examples/profiles").glob("*.yaml"))]
    ways = {"scratch": [], "like": []}
    penalty = {"lower": 0, "equal": 0, "higher": 0}
    with tempfile.TemporaryDirectory() as folder:
        for name, profile in profiles:
            try:
                before = api.plan_week(profile, seed=0)
            except (RedFlagError, InfeasibleError):
                continue
            ref: ReferenceWeek = api.reference_week(before, catalog)
            for ex in list(dict.fromkeys(e for xs in _per_day(before).values() for e in xs))[:rules_per_profile]:
                path = Path(folder) / f"no-{ex}.yaml"
                path.write_text(f"rules:\n  - id: no-this\n    kind: forbid\n    description: d\n"
                                f"    select: {{id: {ex}}}\n    source: [bench]\n")
                results = {}
                for way, like in (("scratch", None), ("like", before)):
                    started = time.perf_counter()
                    try:
                        after = api.plan_week(profile, seed=0, extra_rules=[path], like=like)
                    except (RedFlagError, InfeasibleError):
                        break
                    seconds = time.perf_counter() - started
                    after_doses = {i.exercise: _dose(i) for d in after.days for i in d.items}
                    distance = ref.distance(_per_day(after), after_doses)
                    results[way] = after.soft_penalty
                    ways[way].append({"profile": name, "forbid": ex, "distance": distance, "seconds": seconds})
                if len(results) == 2:
                    diff = results["like"] - results["scratch"]
                    penalty["lower" if diff < 0 else "equal" if diff == 0 else "higher"] += 1
    summary = {
        way: {
            "cases": len(rows),
            "changes_total": sum(r["distance"][0] for r in rows),
            "changes_median": statistics.median(r["distance"][0] for r in rows) if rows else None,
            "dose_changes_total": sum(r["distance"][1] for r in rows),
            "order_changes_total": sum(r["distance"][2] for r in rows),
            "seconds_median": round(statistics.median(r["seconds"] for r in rows), 3) if rows else None,
        }
        for way, rows in ways.items()
    }
    return {"code": code_state(), "summary": summary, "penalty_like_vs_scratch": penalty, "cases": ways}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rules", type=int, default=4, help="forbid rules tried per profile (default 4)")
    parser.add_argument("--json", type=Path, help="also write the report as JSON")
    args = parser.parse_args()
    report = measure(args.rules)
    print(report["code"])
    for way, s in report["summary"].items():
        print(f"{way:8} cases {s['cases']}: exercises added/removed {s['changes_total']} in all "
              f"(median {s['changes_median']}), dose changes {s['dose_changes_total']}, "
              f"order changes {s['order_changes_total']}, median {s['seconds_median']} s per plan")
    p = report["penalty_like_vs_scratch"]
    print(f"soft penalty like vs scratch: lower {p['lower']}, equal {p['equal']}, higher {p['higher']}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
