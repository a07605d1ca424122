"""The load treatments (planner/solver/load_treatments.py): a load rule's miss, its pruning forms
and its whole-week test agree on placed weeks of the default profile (as an intermediate)."""

from __future__ import annotations

import pytest

from planner.solver import Settings, compile_rules
from planner.solver.backend import LinearAtMost, WeekHolds
from planner.solver.build import build_model
from planner.solver.load_treatments import ratio_miss, ratio_post, share_miss, share_post
from planner.solver.model import PlacedWeek
from tests.conftest import make_profile, random_weeks


@pytest.fixture(scope="module")
def model(catalog, rules):
    # intermediate: the superman (intermediate since beginners build up with the bird dog) is allowed
    return build_model(compile_rules(rules, catalog, make_profile(catalog, level="intermediate")), Settings())


def _req(model, rule_id):
    return next(r for r in model.soft if r.origin.rule_id == rule_id)


def _posted(constraints, per_day):
    """The sum of each linear form over the placed exercises, and the whole-week test."""
    forms = [c for c in constraints if isinstance(c, LinearAtMost)]
    (holds,) = [c for c in constraints if isinstance(c, WeekHolds)]
    sums = [sum(c.weights.get(x, 0.0) for xs in per_day.values() for x in xs) for c in forms]
    return sums, holds.test(per_day)


def test_a_ratio_out_of_band_is_missed_pruned_and_tested(model):
    req = _req(model, "abdominals-vs-back-extensors")  # abdominals at most the erectors' load
    crunch_only = {"mon": ["bent_knee_crunch"]}  # abdominals 126 s, erectors none
    assert ratio_miss(req, PlacedWeek(model, crunch_only)) == 1.0  # all of the pair's load is excess
    (excess,), holds = _posted(ratio_post(req, model), crunch_only)
    assert excess == pytest.approx(126.0) and not holds
    balanced = {"mon": ["bent_knee_crunch"], "wed": ["superman"]}  # abdominals 126 s, erectors 224 s
    assert ratio_miss(req, PlacedWeek(model, balanced)) == 0.0
    (excess,), holds = _posted(ratio_post(req, model), balanced)
    assert excess == pytest.approx(126.0 - 224.0) and holds


def test_a_share_over_its_limit_is_missed_pruned_and_tested(model):
    req = _req(model, "no-over-dominant-group")  # no group over 30% of the load
    crunch_only = {"mon": ["bent_knee_crunch"]}  # abdominals 126 s (60%), obliques 84 s (40%)
    assert share_miss(req, PlacedWeek(model, crunch_only)) == pytest.approx((0.6 - 0.3) + (0.4 - 0.3))
    sums, holds = _posted(share_post(req, model), crunch_only)
    assert len(sums) == len(req.groups) and not holds
    assert sorted(sums)[-2:] == pytest.approx([84.0 - 0.3 * 210.0, 126.0 - 0.3 * 210.0])
    assert share_miss(req, PlacedWeek(model, {})) == 0.0  # nothing loaded: nothing over
    assert _posted(share_post(req, model), {}) == ([0.0] * len(req.groups), True)


def test_a_week_s_load_worked_out_once_scores_as_worked_out_each_time(model):
    """PlacedWeek.load keeps the week's load per set of ids, shared by the load rules: the
    misses are those of the week's load worked out afresh for each rule."""
    from planner.solver.load import ratio_excess, share_excess
    from planner.solver.requirement_types import treatment

    loads = [r for r in model.soft if treatment(r).miss in (ratio_miss, share_miss)]
    assert len(loads) > 1
    for week in random_weeks(model.days, sorted(model.doses), 5, 20):
        placed = PlacedWeek(model, week)
        for req in loads:
            fresh = (ratio_excess if treatment(req).miss is ratio_miss else share_excess)(req, model, week)
            assert treatment(req).miss(req, placed) == fresh
