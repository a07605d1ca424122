"""Which doses an exercise may have (planner/doses.py): the dose limits and the contract's bounds."""

from __future__ import annotations

from planner.doses import MODEL_BOUNDS, bound, clamp, dose_limits, ranges
from planner.models import Dose
from planner.profile import load_profile
from planner.requirements import DoseLimit, Origin

LOW = DoseLimit(Origin("enough-reps"), frozenset({"superman"}), "reps", 5, None)
HIGH = DoseLimit(Origin("few-reps"), frozenset({"superman"}), "reps", None, 6)
CLASH = DoseLimit(Origin("many-reps"), frozenset({"superman"}), "reps", 12, None)


def test_the_contract_bounds_come_from_the_models():
    assert MODEL_BOUNDS == {"sets": (1, 10), "reps": (1, 100), "hold_s": (1, 600), "minutes": (1, 180)}


def test_bound_clamps_and_names_the_rules_that_changed_the_dose():
    assert bound("superman", Dose(sets=2, reps=8, hold_s=3), [LOW, HIGH]) == (
        Dose(sets=2, reps=6, hold_s=3), ["enough-reps", "few-reps"], [])
    assert bound("superman", Dose(sets=2, reps=6), [LOW]) == (Dose(sets=2, reps=6), [], [])
    assert bound("superman", Dose(sets=2, reps=8), [HIGH, CLASH]) == (None, [], ["few-reps", "many-reps"])
    assert bound("bird_dog", Dose(sets=1, reps=3), [LOW]) == (Dose(sets=1, reps=3), [], [])


def test_ranges_are_the_limits_inside_the_contract():
    assert ranges("superman", Dose(sets=2, reps=8, hold_s=3), [LOW, HIGH]) == {
        "sets": (1, 10), "reps": (5, 6), "hold_s": (1, 600)}
    assert ranges("superman", Dose(sets=2, reps=8), [HIGH, CLASH]) == {}


def test_clamp_reads_the_dose_rules_that_apply(catalog, rules):
    profile = load_profile(None, catalog)
    limits = dose_limits(rules, catalog, profile)
    assert {(r.origin.rule_id, r.dose_field, r.low, r.high) for r in limits} == {
        ("at-least-5-reps", "reps", 5, None), ("stretch-hold-10-30s", "hold_s", 10, 30)}
    assert clamp("superman", Dose(sets=2, reps=3, hold_s=3), rules, catalog, profile) == Dose(sets=2, reps=5, hold_s=3)
