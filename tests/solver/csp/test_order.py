"""The csp backend's session order (planner/solver/csp/order.py): a listing that meets every
order constraint is returned without a search, and is what the search returns."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.solver.backend import Before, NotFirst, NotLast, NotNextTo
from planner.solver.csp.order import order_session, search_order

UNITS = "abcdef"


@st.composite
def sessions(draw):
    units = draw(st.lists(st.sampled_from(UNITS), min_size=1, max_size=6, unique=True))
    pick = st.sampled_from(units)
    one = st.one_of(
        st.builds(Before, pick, pick).filter(lambda c: c.first != c.then),
        st.builds(NotFirst, pick),
        st.builds(NotLast, pick),
        st.builds(NotNextTo, pick, pick).filter(lambda c: c.a != c.b),
    )
    return units, draw(st.lists(one, max_size=5, unique=True))


@settings(max_examples=200, derandomize=True, deadline=None)
@given(sessions())
def test_the_order_is_the_search_s_order(session):
    units, constraints = session
    assert order_session(units, constraints) == search_order(units, constraints)


@settings(max_examples=100, derandomize=True, deadline=None)
@given(sessions())
def test_a_listing_that_meets_the_constraints_is_the_search_s_first_order(session):
    units, constraints = session
    if all(c.holds(units) for c in constraints):
        assert search_order(units, constraints) == units
