"""The table of requirement types: complete, and consistent with what the solver relies on."""

from __future__ import annotations

import pytest

import planner.requirements as requirements
from planner.requirements import Advice, Count, Origin, Requirement
from planner.solver.requirement_types import TREATMENTS, treatment
from tests.conftest import random_weeks

TYPES = [getattr(requirements, name) for name in requirements.__all__ if name not in ("Origin", "Requirement")]


@pytest.mark.parametrize("cls", TYPES, ids=lambda c: c.__name__)
def test_every_requirement_type_has_a_treatment(cls):
    assert cls in TREATMENTS


@pytest.mark.parametrize("cls", TYPES, ids=lambda c: c.__name__)
def test_a_promotable_type_can_be_scored_and_enforced(cls):
    """Promotion checks a soft rule against a week by its miss, then enforces it: a promotable
    type needs both a miss and a way into the model (a shape, or backend day constraints)."""
    t = TREATMENTS[cls]
    if t.promotable:
        assert t.miss is not None
        none = TREATMENTS[Advice]
        assert t.shape is not none.shape or t.post is not none.post


def test_a_subclass_is_treated_as_its_nearest_listed_base():
    class Count2(Count):
        pass

    req = Count2(Origin("x"), frozenset({"a"}), "session", 1)
    assert treatment(req) is TREATMENTS[Count]


def test_an_unknown_requirement_type_is_named():
    class Odd(Requirement):
        pass

    with pytest.raises(TypeError, match="Odd"):
        treatment(Odd(Origin("x")))


def test_advice_and_referrals_cannot_conflict():
    assert not TREATMENTS[Advice].constrains
    assert not TREATMENTS[requirements.Stop].constrains


def test_a_count_s_miss_is_measured_as_count_measure_measures_it(catalog, rules):
    """The one-exercise day counts read the week's tally (PlacedWeek.days_holding): the same
    miss as measuring each count over the whole week."""
    from planner.profile import load_profile
    from planner.solver.build import build_model
    from planner.solver.compiled import compile_rules
    from planner.solver.model import PlacedWeek
    from planner.solver.requirement_types import count_measure
    from planner.solver.settings import Settings

    compiled = compile_rules(rules, catalog, load_profile(None, catalog))
    model = build_model(compiled, Settings())
    counts = [r for r in compiled.requirements if isinstance(r, Count) and r.scope == "week"]
    assert any(r.measure == "days" and len(r.ids) == 1 for r in counts)
    for week in random_weeks(model.days, sorted(catalog.exercises), 7, 30):
        placed = PlacedWeek(model, week)
        for req in counts:
            n = count_measure(req, week)
            expected = max(0, req.low - n) + (max(0, n - req.high) if req.high is not None else 0)
            assert treatment(req).miss(req, placed) == expected
