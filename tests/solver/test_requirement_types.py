"""The table of requirement types: complete, and consistent with what the solver relies on."""

from __future__ import annotations

import pytest

import planner.requirements as requirements
from planner.requirements import Advice, Count, Origin, Requirement
from planner.solver.requirement_types import TREATMENTS, treatment

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
