"""The exact backend orders a session: every order constraint held, ``None`` exactly when the
python-constraint2 backend finds none, ties broken towards the given order (the positions,
read in the given order, lexicographically least)."""

from __future__ import annotations

import pytest

from planner.solver.backend import Before, NotFirst, NotLast, NotNextTo
from planner.solver.csp import CspBackend
from planner.solver.exact import ExactBackend

UNITS = ["a", "b", "c", "d"]
CASES = {
    "free": [],
    "before": [Before("d", "a")],
    "not first, not last": [NotFirst("a"), NotLast("d")],
    "not next to": [NotNextTo("a", "b"), NotNextTo("c", "d")],
    "every kind": [Before("c", "a"), NotFirst("c"), NotLast("b"), NotNextTo("a", "c")],
    "impossible": [Before("a", "b"), Before("b", "a")],
}


@pytest.mark.parametrize("constraints", CASES.values(), ids=CASES.keys())
def test_an_order_exactly_when_the_csp_backend_finds_one(constraints):
    exact = ExactBackend().order_session(UNITS, constraints)
    assert (exact is None) == (CspBackend().order_session(UNITS, constraints) is None)
    if exact is not None:
        assert all(c.holds(exact) for c in constraints)


def test_the_orders():
    assert ExactBackend().order_session(UNITS, CASES["free"]) == ["a", "b", "c", "d"]
    assert ExactBackend().order_session(UNITS, CASES["before"]) == ["d", "a", "b", "c"]
    # a after c (c not first), so a is last; then b as early as it can be: first
    assert ExactBackend().order_session(UNITS, CASES["every kind"]) == ["b", "c", "d", "a"]
    assert ExactBackend().order_session(UNITS, CASES["impossible"]) is None
