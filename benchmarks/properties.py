"""Long run of the planning invariants of tests/test_properties.py.

Random profiles (the suite's ``profiles()`` strategy), and for half of the cases a random subset
of the optional rules (soft rules, weekly counts, repeat limits, balance) and a random
sub-catalog (up to 15 exercises removed). For every case:

* a plan passes :func:`planner.checker.check_plan` with no hard violation, and contains no banned,
  contraindicated, unowned-equipment or profile-excluded exercise (the suite's ``assert_safe``);
* the same seed gives the same plan (the case is solved twice);
* otherwise the failure is a :class:`RedFlagError` (acute pain or recent injury, not cleared,
  the message says "doctor") or an :class:`InfeasibleError` naming rule ids that exist.

Anything else (another exception, a broken invariant) is a failure and is printed in full; there
must be none. Generation is Hypothesis's, without shrinking, so that every case is counted.

    python benchmarks/properties.py                         # 2000 cases
    python benchmarks/properties.py --examples 300 --seconds 1800 --seed 1

Exit status: 0 when there was no failure, 1 otherwise.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import statistics
import sys
import time
import traceback
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _common import code_state  # noqa: E402
from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from planner.api import plan_week  # noqa: E402
from planner.errors import InfeasibleError, RedFlagError  # noqa: E402
from tests.test_properties import CATALOG, OPTIONAL_RULES, RULES, assert_safe, profiles  # noqa: E402

PLAN = "plan passed the checker"
RED_FLAG = "red flag"
PROVEN = "infeasible (proven)"
UNPROVEN = "infeasible (not proven)"
FAILURE = "FAILURE"
OUTCOMES = (PLAN, RED_FLAG, PROVEN, UNPROVEN, FAILURE)


class TimeUp(BaseException):
    pass


def run_case(profile, seed_, dropped, removed) -> tuple[str, dict]:
    """Solve one case and check every invariant; return the outcome and details."""
    rules = [r for r in RULES if r.id not in dropped]
    catalog = CATALOG.subset(set(CATALOG.exercises) - removed) if removed else CATALOG
    info: dict = {}
    t0 = time.perf_counter()
    try:
        plan = plan_week(profile, rules=rules, catalog=catalog, seed=seed_)
    except RedFlagError as exc:
        info["solve_s"] = time.perf_counter() - t0
        assert {"acute_pain", "recent_injury"} & set(profile.conditions), exc.message
        assert not profile.cleared_by_doctor, exc.message
        assert "doctor" in exc.message, exc.message
        return RED_FLAG, info
    except InfeasibleError as exc:
        info["solve_s"] = time.perf_counter() - t0
        assert exc.rule_ids, "an infeasible profile must name the conflicting rules"
        assert set(exc.rule_ids) <= {r.id for r in rules}, exc.rule_ids
        info["rule_ids"] = list(exc.rule_ids)
        return (PROVEN if exc.proven else UNPROVEN), info
    info["solve_s"] = time.perf_counter() - t0
    assert_safe(plan, profile, catalog, rules)
    again = plan_week(profile, rules=rules, catalog=catalog, seed=seed_)
    assert again == plan, "the same seed gave a different plan"
    info["soft_penalty"] = plan.soft_penalty
    return PLAN, info


def percentiles(values: list[float]) -> str:
    if not values:
        return "-"
    values = sorted(values)

    def q(p: float) -> float:
        return values[min(len(values) - 1, int(p * len(values)))]

    return (f"p50 {statistics.median(values):.3f}  p90 {q(0.90):.3f}  p99 {q(0.99):.3f}  "
            f"max {values[-1]:.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=2000, help="number of cases (default 2000)")
    parser.add_argument("--seconds", type=float, default=None, help="stop after this many seconds")
    parser.add_argument("--seed", type=int, default=None, help="Hypothesis seed (default: random)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures to this file")
    args = parser.parse_args(argv)

    run_seed = args.seed if args.seed is not None else int(time.time())
    deadline = time.monotonic() + args.seconds if args.seconds else None
    counts: Counter = Counter()
    by_variant: Counter = Counter()
    times: dict[str, list[float]] = defaultdict(list)  # outcome -> wall time of the whole case
    solve_times: dict[str, list[float]] = defaultdict(list)  # outcome -> first solve only
    failures: list[dict] = []
    conflicts: Counter = Counter()
    slowest: list[tuple] = []  # (seconds, outcome, case), the 5 slowest cases
    started = time.monotonic()
    print(f"property run: {args.examples} cases, seed {run_seed}, Python {platform.python_version()}, "
          f"{dt.datetime.now().isoformat(timespec='seconds')}", flush=True)
    state = code_state()
    print(f"code: {state}", flush=True)

    optional_ids = sorted(r.id for r in OPTIONAL_RULES)

    @seed(run_seed)
    @settings(
        max_examples=args.examples,
        deadline=None,
        database=None,
        derandomize=False,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(
        profile=profiles(),
        seed_=st.integers(min_value=0, max_value=10_000),
        subset=st.booleans(),
        dropped=st.sets(st.sampled_from(optional_ids)),
        removed=st.sets(st.sampled_from(sorted(CATALOG.exercises)), max_size=15),
    )
    def case(profile, seed_, subset, dropped, removed):
        if deadline is not None and time.monotonic() > deadline:
            raise TimeUp
        if not subset:
            dropped, removed = set(), set()
        variant = "subset" if subset else "full"
        t0 = time.perf_counter()
        try:
            outcome, info = run_case(profile, seed_, dropped, removed)
        except Exception as exc:  # noqa: BLE001 - counted and printed, the run goes on
            outcome, info = FAILURE, {}
            failures.append({
                "profile": profile.model_dump(), "seed": seed_, "dropped": sorted(dropped),
                "removed": sorted(removed), "error": f"{type(exc).__name__}: {exc}",
                "trace": traceback.format_exc(),
            })
        spent = time.perf_counter() - t0
        counts[outcome] += 1
        by_variant[(variant, outcome)] += 1
        times[outcome].append(spent)
        if "solve_s" in info:
            solve_times[outcome].append(info["solve_s"])
        slowest.append((spent, outcome, {"profile": profile.model_dump(), "seed": seed_,
                                          "dropped": sorted(dropped), "removed": sorted(removed)}))
        slowest.sort(key=lambda x: -x[0])
        del slowest[5:]
        for rid in info.get("rule_ids", []):
            conflicts[rid] += 1
        done = sum(counts.values())
        if done % 50 == 0:
            print(f"  {done} cases, {time.monotonic() - started:.0f} s: "
                  + ", ".join(f"{k} {counts[k]}" for k in OUTCOMES if counts[k]), flush=True)

    try:
        case()
    except TimeUp:
        print("time limit reached", flush=True)
    except KeyboardInterrupt:
        print("interrupted", flush=True)
    elapsed = time.monotonic() - started
    total = sum(counts.values())

    print(f"\n{total} cases in {elapsed:.0f} s")
    print(f"{'outcome':<26}{'all':>6}{'full':>7}{'subset':>8}   case wall time (s)")
    for k in OUTCOMES:
        print(f"{k:<26}{counts[k]:>6}{by_variant[('full', k)]:>7}{by_variant[('subset', k)]:>8}   "
              f"{percentiles(times[k])}")
    all_times = [t for ts in times.values() for t in ts]
    print(f"{'all cases':<26}{total:>6}{sum(v for (a, _), v in by_variant.items() if a == 'full'):>7}"
          f"{sum(v for (a, _), v in by_variant.items() if a == 'subset'):>8}   {percentiles(all_times)}")
    print("first solve only (s): " + "; ".join(f"{k}: {percentiles(solve_times[k])}" for k in OUTCOMES
                                             if solve_times[k]))
    if conflicts:
        print("rules named in conflicts: " + ", ".join(f"{r} {n}" for r, n in conflicts.most_common(10)))
    print("slowest cases:")
    for spent, outcome, c in slowest:
        p = c["profile"]
        print(f"  {spent:.2f} s  {outcome}: seed={c['seed']} age_group={p['age_group']} level={p['level']} "
              f"days={p['days']} minutes={p['session_minutes']} equipment={p['equipment']} "
              f"conditions={p['conditions']} cleared={p['cleared_by_doctor']} exclude={p['exclude']} "
              f"dropped={c['dropped']} removed={c['removed']}")
    print(f"failures: {len(failures)}")
    for n, f in enumerate(failures, 1):
        print(f"\n--- failure {n}: {f['error']}")
        print(f"profile={f['profile']} seed={f['seed']} dropped={f['dropped']} removed={f['removed']}")
        print(f["trace"].rstrip())

    if args.json is not None:
        args.json.write_text(json.dumps({
            "date": dt.datetime.now().isoformat(timespec="seconds"),
            "seed": run_seed,
            "code": state,
            "seconds": round(elapsed, 1),
            "counts": dict(counts),
            "by_variant": {f"{a}:{k}": v for (a, k), v in by_variant.items()},
            "times": {k: percentiles(v) for k, v in times.items()},
            "slowest": [{"seconds": round(t, 3), "outcome": o, **c} for t, o, c in slowest],
            "failures": failures,
        }, indent=2, default=str))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
