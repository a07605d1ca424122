"""The reference week (planner/solver/reference_week.py): how far a week is from it, how it guides
the search, and that a plan made with one is as good by the usual score as one made without."""

from __future__ import annotations

from pathlib import Path

from planner.api import plan_week, reference_week
from planner.checker import check_plan, load_plan
from planner.models import Dose
from planner.solver.reference_week import ReferenceWeek

GOLDEN = Path(__file__).parent / "golden"
TEN = (2, 10, None, None)  # dose_key of 2 x 10 reps
DOSES = {"a": Dose(sets=2, reps=10), "b": Dose(sets=2, reps=10), "c": Dose(sets=2, reps=10),
         "d": Dose(sets=3, reps=10)}
REF = ReferenceWeek({"mon": [("a", TEN), ("b", TEN), ("c", TEN)], "wed": [("d", TEN)]})


def test_distance_counts_changes_then_doses_then_order():
    assert REF.distance({"mon": ["a", "b", "c"], "wed": ["d"]}, DOSES) == (0, 1, 0)  # d: 3 sets now
    assert REF.distance({"mon": ["c", "a", "b"], "wed": []}, DOSES) == (1, 0, 2)  # c before a and b
    assert REF.distance({"mon": ["a", "b"], "fri": ["a"], "wed": ["d"]}, DOSES) == (2, 1, 0)


def test_prefer_and_listing_follow_the_reference_and_keep_the_rest_in_place():
    assert REF.prefer("mon", ["x", "c", "y", "a"]) == ("a", "c", "x", "y")
    assert REF.prefer("tue", ["x", "y"]) == ("x", "y")
    assert REF.listing("mon", ["c", "x", "a", "y"]) == ["a", "x", "c", "y"]


def test_another_seed_like_a_week_gives_that_week_and_may_score_better(rules, catalog):
    """With the same rules, seed 1 planned like the seed 0 week (its golden plan) gives the seed 0
    week. Its soft penalty is then no higher than seed 1's own golden plan: the reference never
    overrides the score, but the weeks found near it join the usual candidates, so a plan made
    with one can be better than the plan made without one (never worse; today both score 30)."""
    week0, _ = load_plan(GOLDEN / "default-seed0.json", catalog)
    alone, _ = load_plan(GOLDEN / "default-seed1.json", catalog)
    like0 = plan_week(rules=rules, catalog=catalog, seed=1, like=week0)
    assert [d.items for d in like0.days] == [d.items for d in week0.days]
    assert like0.soft_penalty == week0.soft_penalty <= alone.soft_penalty
    assert [v for v in check_plan(like0, rules, catalog, like0.profile) if v.hard] == []
    ref = reference_week(week0, catalog)
    assert ref.exercises("mon")[:2] == ["marching_on_the_spot", "seated_relaxation"]
