"""Golden plans: the JSON week of every example profile (and the embedded default) for seeds
0-4, exactly as ``backplan plan -p PROFILE --seed N -f json`` prints it, compared byte for byte,
except ``made_with`` (hashes of the shipped files, which any edit of a rule or catalog file
changes without changing a week; tests/test_provenance.py tests it).

They pin the solver's behaviour while its code moves: a refactor that changes any choice, order,
dose, reason or score shows up here. When a change of behaviour is intended, regenerate with::

    python -m tests.solver.test_golden_plans

and review the diff of ``tests/solver/golden/`` like any other change.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.api import plan_week
from planner.catalog import default_catalog
from planner.profile import load_profile
from planner.render import render
from planner.rules import default_rule_files, load_rules

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).parent / "golden"
PROFILES: dict[str, Path | None] = {
    "default": None,
    **{p.stem: p for p in sorted((ROOT / "examples" / "profiles").glob("*.yaml"))},
}
SEEDS = range(5)
CASES = [(name, seed) for name in PROFILES for seed in SEEDS]


def plan_json(name: str, seed: int, catalog, rules) -> str:
    """The plan as the CLI writes it: the same loading, planning and JSON rendering."""
    plan = plan_week(load_profile(PROFILES[name], catalog), rules=rules, catalog=catalog, seed=seed)
    return render(plan.model_copy(update={"made_with": None}), "json")


def golden_path(name: str, seed: int) -> Path:
    return GOLDEN / f"{name}-seed{seed}.json"


@pytest.mark.parametrize(("name", "seed"), CASES, ids=[f"{n}-{s}" for n, s in CASES])
def test_plan_is_byte_identical_to_the_golden_one(name, seed, catalog, rules):
    expected = golden_path(name, seed).read_text(encoding="utf-8")
    assert plan_json(name, seed, catalog, rules) == expected


def regenerate() -> None:
    catalog = default_catalog()
    rules = load_rules(default_rule_files(), catalog)
    GOLDEN.mkdir(exist_ok=True)
    for name, seed in CASES:
        golden_path(name, seed).write_text(plan_json(name, seed, catalog, rules), encoding="utf-8")
        print(golden_path(name, seed).relative_to(ROOT))


if __name__ == "__main__":
    regenerate()
