"""The dose tuning after the search (planner/tuning/__init__.py): a constructed week brought into
band with exact figures, and no example week made worse by any rule."""

from __future__ import annotations

from pathlib import Path

from planner.api import to_plan
from planner.checker import check_plan
from planner.models import Dose
from planner.solver.solution import Item, Solution
from planner.tuning import tune_plan
from tests.conftest import small_week

# glute_bridge 2 x 10 holding 3 s (140 s: glutes 140, erectors 70) and superman 2 x 8 holding 3 s
# (112 s: erectors 224, glutes 56): glutes:erectors 196 / 294 = 0.67, above 0.5.
RULES = """\
rules:
  - {id: glutes-at-most-half, kind: load_ratio, severity: preference, description: glutes at most half the erectors,
     select: {block: strength}, numerator: glutes, denominator: erectors, max_ratio: 0.5, source: [test]}
  - {id: enough-reps, kind: dose, description: at least 5 repetitions, select: {}, reps: {min: 5}, source: [test]}
"""


def _plan(catalog, tmp_path: Path):
    days, rules, profile = small_week(catalog, tmp_path, RULES, [
        Item("glute_bridge", "both", Dose(sets=2, reps=10, hold_s=3), ()),
        Item("superman", "both", Dose(sets=2, reps=8, hold_s=3), ())])
    # the miss: (196 - 0.5 x 294) / (196 + 294) = 0.1, x 10 (load scale) x 10 (tenths) = 10
    solution = Solution(days=days, penalty=10, soft_misses=["glutes-at-most-half"], advice=[], excluded={})
    return to_plan(solution, catalog, profile, 0, rules), rules, profile


def test_a_week_out_of_band_is_brought_into_band_by_lowering_the_overloaded_side(catalog, tmp_path):
    plan, rules, profile = _plan(catalog, tmp_path)
    assert plan.balance.out_of_band == ["glutes:erectors 0.67, at most 0.50"]
    tuned = tune_plan(plan, rules, catalog, profile)
    # one set of the bridge fewer: glutes 70 + 56 = 126, erectors 35 + 224 = 259, 126 / 259 = 0.49
    pair = tuned.balance.pairs[0]
    assert (pair.seconds, pair.ratio, pair.in_band, pair.why) == ([126.0, 259.0], 0.49, True, None)
    assert tuned.balance.out_of_band == []
    items = [(i.exercise, i.sets, i.reps, i.hold_s, i.why) for i in tuned.days[0].items]
    assert items == [("glute_bridge", 1, 10, 3, ["glutes-at-most-half"]), ("superman", 2, 8, 3, [])]
    assert tuned.notes == [("Glute bridge: 1 x 10, hold 3 s each instead of 2 x 10, hold 3 s each (mon): "
                            "brings glutes:erectors inside its band (0.49 instead of 0.67)")]
    assert (plan.days[0].minutes, tuned.days[0].minutes) == (6, 5)
    assert (tuned.soft_penalty, tuned.soft_misses) == (0, [])
    assert [v for v in check_plan(tuned, rules, catalog, profile) if v.hard] == []


def test_a_week_in_band_is_left_as_it_is(catalog, tmp_path):
    plan, rules, profile = _plan(catalog, tmp_path)
    tuned = tune_plan(plan, rules, catalog, profile)
    assert tune_plan(tuned, rules, catalog, profile) is tuned


def test_tuning_never_breaks_a_hard_rule_nor_raises_the_score(tuned_examples):
    def hard(p, given):
        return {(v.rule_id, v.day, v.exercise) for v in check_plan(p, given.rules, given.catalog, given.profile)
                if v.hard}

    for name, (given, plan, tuned) in tuned_examples.items():
        assert hard(tuned, given) <= hard(plan, given), name
        assert tuned.soft_penalty <= plan.soft_penalty, name
        assert len(tuned.balance.out_of_band) <= len(plan.balance.out_of_band), name
        assert all(p.why for p in tuned.balance.pairs if not p.in_band), name  # out of band, with its reason
        assert tuned.balance.dominance.in_band or tuned.balance.dominance.why, name
        for plan_day, tuned_day in zip(plan.days, tuned.days, strict=True):
            for was, now in zip(plan_day.items, tuned_day.items, strict=True):
                assert (was.exercise, was.side) == (now.exercise, now.side), name
                if now.reps is not None:
                    assert now.reps >= min(5, was.reps), name  # never below the dose rule's minimum
                if now.side != "both":  # a one-sided exercise keeps both sides alike
                    twin = next(i for i in tuned_day.items if i.exercise == now.exercise and i.side != now.side)
                    assert twin.dose() == now.dose(), name
