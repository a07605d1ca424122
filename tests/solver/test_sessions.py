"""The order stage (planner/solver/sessions.py): skipping the fewest-moves search when the
backend's order already spends the least moves its positions allow gives the same order as
always running it."""

from __future__ import annotations

import random

import pytest

from planner.profile import load_profile
from planner.solver.compiled import compile_rules
from planner.solver.csp import CspBackend
from planner.solver.grouping import fewest_moves
from planner.solver.sessions import order_session, session_listing
from planner.timing import moves_seconds


def _always_searched(backend, compiled, exercises, soft_too):
    """The order stage as it was before the skip: the fewest-moves order whenever it is quicker."""
    catalog = compiled.ctx.catalog
    units, constraints = session_listing(compiled, exercises, soft_too)
    if len(units) <= 1:
        return units if all(c.holds(units) for c in constraints) else None
    found = backend.order_session(units, constraints)
    if found is None:
        return None
    positions = {u: catalog.exercises[u].position for u in units}
    quicker = fewest_moves(units, constraints, positions)
    if quicker is not None and moves_seconds([positions[u] for u in quicker]) < moves_seconds(
            [positions[u] for u in found]):
        return quicker
    return found


@pytest.mark.parametrize("soft_too", [True, False])
def test_the_order_is_the_one_the_full_search_gives(catalog, rules, soft_too):
    compiled = compile_rules(rules, catalog, load_profile(None, catalog))
    backend = CspBackend()
    rng = random.Random(14)
    ids = sorted(catalog.exercises)
    for _ in range(60):
        session = rng.sample(ids, rng.randint(1, 9))
        assert order_session(backend, compiled, session, soft_too) == _always_searched(
            backend, compiled, session, soft_too)
