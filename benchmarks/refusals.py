"""How often the shipped rules refuse a random valid profile, and why.

Usage: python benchmarks/refusals.py [N] [SEED]      (defaults: 300 profiles, seed 2026)

Profiles are drawn like the property tests' (tests/test_properties.py): any days, 10-90
minutes, any equipment, up to three conditions, cleared or not, up to six excluded exercises.
Prints the count of planned weeks, red-flag refusals, and refusals for conflicting rules (which
the issue "A safe plan for every real week" wants gone), and how many plans had structure rules
give way. Every plan is run through the checker.
"""

from __future__ import annotations

import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from planner import api  # noqa: E402
from planner.catalog import default_catalog  # noqa: E402
from planner.errors import InfeasibleError, RedFlagError  # noqa: E402
from planner.models import Profile  # noqa: E402
from planner.rules import default_rule_files, load_rules  # noqa: E402


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 2026)
    catalog = default_catalog()
    rules = load_rules(default_rule_files(), catalog)
    vocab = catalog.vocab
    outcomes: Counter[str] = Counter()
    conflicts: Counter[str] = Counter()
    gave: Counter[str] = Counter()
    started = time.perf_counter()
    for _ in range(count):
        profile = Profile(
            name="random",
            age_group=rng.choice(vocab.age_groups),
            level=rng.choice(vocab.levels),
            days=rng.sample(vocab.days, rng.randint(1, 7)),
            session_minutes=rng.randint(10, 90),
            equipment=rng.sample(sorted(vocab.equipment), rng.randint(0, len(vocab.equipment))),
            conditions=rng.sample(sorted(vocab.conditions), rng.randint(0, 3)),
            cleared_by_doctor=rng.random() < 0.5,
            exclude=rng.sample(sorted(catalog.exercises), rng.randint(0, 6)),
        )
        try:
            plan = api.plan_week(profile, rules=rules, catalog=catalog, seed=rng.randint(0, 10_000))
        except RedFlagError:
            outcomes["red flag"] += 1
            continue
        except InfeasibleError as exc:
            outcomes["conflict"] += 1
            conflicts[", ".join(exc.rule_ids)] += 1
            continue
        hard = [v for v in api.check_week(plan, rules=rules, catalog=catalog) if v.hard]
        outcomes["planned, check failed" if hard else "planned"] += 1
        for g in plan.gave_way:
            gave[g.rule] += 1
    seconds = time.perf_counter() - started
    print(f"{count} random profiles in {seconds:.0f} s: " + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())))
    for ids, n in conflicts.most_common(10):
        print(f"  conflict {n}x: {ids}")
    print("structure rules that gave way (plans): " + ", ".join(f"{k} {v}" for k, v in gave.most_common()))


if __name__ == "__main__":
    main()
