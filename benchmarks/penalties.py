"""What a search change does to plans: every profile of a folder planned in process, scored.

    python benchmarks/make_profiles.py 150 /tmp/p150 --seed 11
    python benchmarks/penalties.py /tmp/p150 --json after.json            # this checkout
    PYTHONPATH=../backplan-old python benchmarks/penalties.py /tmp/p150 --json before.json
    python benchmarks/penalties.py --compare before.json after.json

For each profile (seed 0): the soft penalty, the preferences missed, the structure rules that gave
way, the hard violations the checker finds (there must be none), or the refusal; and the CPU
seconds of ``api.plan_week`` (``time.process_time``). ``--compare`` lists the profiles whose
outcome differs and sums up: penalties better and worse, structure rules given way, CPU in all.
Which code ran is the ``planner`` package Python imports (``PYTHONPATH`` picks another checkout).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path


def plan_all(folder: Path) -> dict[str, dict]:
    from planner import api
    from planner.checker import check_plan
    from planner.errors import BackplanError

    out: dict[str, dict] = {}
    for path in sorted(folder.glob("*.yaml")):
        started = time.process_time()
        try:
            plan = api.plan_week(path)
            row: dict = {"penalty": plan.soft_penalty, "misses": sorted(plan.soft_misses),
                         "gave_way": [g.rule for g in plan.gave_way]}
        except BackplanError as exc:
            row = {"refused": type(exc).__name__}
        row["cpu_s"] = round(time.process_time() - started, 3)
        if "penalty" in row:
            given = api.load_inputs(path)
            row["hard"] = [v.rule_id for v in check_plan(plan, given.rules, given.catalog, given.profile) if v.hard]
        out[path.stem] = row
        print(f"{path.stem}: {row}", flush=True)
    return out


def compare(before: dict[str, dict], after: dict[str, dict]) -> int:
    better = worse = 0
    for name in sorted(before.keys() & after.keys()):
        b, a = before[name], after[name]
        if (b.get("penalty"), b.get("refused"), b.get("gave_way")) != (a.get("penalty"), a.get("refused"), a.get("gave_way")):
            refused = "" if b.get("refused") == a.get("refused") else f", refused {b.get('refused')} -> {a.get('refused')}"
            print(f"{name}: penalty {b.get('penalty')} -> {a.get('penalty')}, gave way {b.get('gave_way')} -> "
                  f"{a.get('gave_way')}{refused}")
        better += (a.get("penalty") or 0) < (b.get("penalty") or 0)
        worse += (a.get("penalty") or 0) > (b.get("penalty") or 0)
    planned = [n for n in before.keys() & after.keys() if "penalty" in before[n] and "penalty" in after[n]]
    for label, rows in (("before", before), ("after", after)):
        print(f"{label}: {sum('penalty' in r for r in rows.values())} planned, penalty sum "
              f"{sum(rows[n]['penalty'] for n in planned)}, structure rules given way "
              f"{sum(len(rows[n]['gave_way']) for n in planned)}, hard violations "
              f"{sum(len(r.get('hard', [])) for r in rows.values())}, CPU {sum(r['cpu_s'] for r in rows.values()):.1f} s "
              f"(median {statistics.median(r['cpu_s'] for r in rows.values()):.2f})")
    print(f"penalty lower after: {better}, higher: {worse}")
    return 1 if any(r.get("hard") for r in after.values()) else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path, nargs="?", help="a folder of profiles (*.yaml)")
    parser.add_argument("--json", type=Path, default=None, help="write the rows to this file")
    parser.add_argument("--compare", type=Path, nargs=2, metavar=("BEFORE", "AFTER"), help="compare two --json files")
    args = parser.parse_args(argv)
    if args.compare:
        before, after = (json.loads(p.read_text()) for p in args.compare)
        return compare(before, after)
    if args.folder is None:
        parser.error("give a folder of profiles, or --compare BEFORE AFTER")
    rows = plan_all(args.folder)
    if args.json is not None:
        args.json.write_text(json.dumps(rows, indent=1))
    return 1 if any(r.get("hard") for r in rows.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
