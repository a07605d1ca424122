"""Session order for time (planner/solver/grouping.py): floor work grouped, rules first."""

from __future__ import annotations

from planner.solver.backend import Before, NotFirst
from planner.solver.grouping import fewest_moves

POSITIONS = {"warm": "standing", "neck": "seated", "bridge": "supine", "plank": "prone", "squat": "standing"}


def test_floor_work_is_grouped_when_no_rule_forbids_it():
    listing = ["warm", "bridge", "squat", "plank"]
    order = fewest_moves(listing, [NotFirst("bridge"), NotFirst("squat"), NotFirst("plank")], POSITIONS)
    assert order == ["warm", "squat", "bridge", "plank"]  # standing, then the floor: one move


def test_a_rule_that_forces_floor_standing_floor_is_kept():
    listing = ["warm", "bridge", "squat", "plank"]
    order = fewest_moves(listing, [Before("warm", "bridge"), Before("bridge", "squat"), Before("squat", "plank")],
                         POSITIONS)
    assert order == ["warm", "bridge", "squat", "plank"]


def test_seated_comes_between_standing_and_the_floor():
    listing = ["warm", "bridge", "neck"]
    assert fewest_moves(listing, [NotFirst("bridge"), NotFirst("neck")], POSITIONS) == ["warm", "neck", "bridge"]


def test_only_the_ordering_requirements_add_order_constraints(catalog, rules):
    import random

    from planner.profile import load_profile
    from planner.solver.compiled import compile_rules
    from planner.solver.grouping import order_constraints, ordering

    compiled = compile_rules(rules, catalog, load_profile(None, catalog))
    assert compiled.ordering == ordering(compiled.requirements)
    assert 0 < len(compiled.ordering) < len(compiled.requirements)
    rng = random.Random(3)
    ids = sorted(catalog.exercises)
    for _ in range(40):
        units = rng.sample(ids, rng.randint(1, 9))
        assert order_constraints(compiled.ordering, units) == order_constraints(compiled.requirements, units)
