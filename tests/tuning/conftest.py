"""The example profiles planned once (seed 0) before and after the dose tuning, for the tuning tests."""

from __future__ import annotations

import pytest

from planner.api import load_inputs, to_plan
from planner.solver import Settings, solve
from planner.tuning import tune_plan
from tests.conftest import EXAMPLES


@pytest.fixture(scope="session")
def tuned_examples(catalog, rules):
    """Per example profile name: its inputs, the searched plan and the tuned one (the fast
    search, whose weeks leave the tuning more to do than the thorough one's)."""
    out = {}
    for path in EXAMPLES:
        given = load_inputs(path, rules=rules, catalog=catalog)
        solution = solve(given.rules, given.catalog, given.profile, seed=0, settings=Settings(search="fast"))
        plan = to_plan(solution, given.catalog, given.profile, 0, given.rules)
        out[path.stem] = (given, plan, tune_plan(plan, given.rules, given.catalog, given.profile))
    return out
