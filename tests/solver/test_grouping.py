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
