"""The python-constraint2 backend: its propagators never lose a solution, and it answers the
backend protocol (the same checks would hold for any other backend)."""

from __future__ import annotations

import itertools

import constraint
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.solver.backend import (
    Among,
    Before,
    NotBoth,
    NotFirst,
    NotLast,
    NotNextTo,
    PerValueDays,
    SlotGroup,
    TimeCap,
    WeekTimeCap,
)
from planner.solver.csp import CspBackend
from planner.solver.csp.propagators import Ascending, LinearAtMost

# LinearAtMost prunes partial weeks for load rules; it must never lose a solution.


@settings(max_examples=150, derandomize=True, deadline=None)
@given(
    st.dictionaries(st.sampled_from("abcdef"), st.integers(-4, 4), min_size=1),
    st.lists(st.lists(st.sampled_from("abcdefg"), min_size=1, max_size=4, unique=True), min_size=1, max_size=4),
)
def test_linear_pruning_keeps_exactly_the_solutions_under_the_limit(weights, domains):
    w = {k: float(v) for k, v in weights.items()}
    problem = constraint.Problem()
    for i, dom in enumerate(domains):
        problem.addVariable(i, dom)
    problem.addConstraint(LinearAtMost(w), list(range(len(domains))))
    found = {tuple(s[i] for i in range(len(domains))) for s in problem.getSolutions()}
    expected = {combo for combo in itertools.product(*domains) if sum(w.get(x, 0.0) for x in combo) <= 0}
    assert found == expected


def test_the_backend_places_a_week_that_meets_its_day_constraints():
    groups = [SlotGroup(d, "stretch", ("a", "b", "c"), 1, 2) for d in ("mon", "tue")]
    constraints = [
        Among(None, frozenset("a"), 2, None),  # "a" twice in the week
        NotBoth(("mon", "tue"), frozenset("b")),
        Among(("mon",), frozenset("bc"), 0, 0),  # nothing but "a" on Monday
    ]
    week = CspBackend().assign_days(["mon", "tue"], groups, constraints, budget=1_000)
    assert week is not None
    assert [d for d, xs in week.items() if "a" in xs] == ["mon", "tue"]
    assert week["mon"] == ["a"]
    assert sum("b" in xs for xs in week.values()) <= 1


def test_the_backend_says_when_no_week_exists():
    groups = [SlotGroup("mon", "stretch", ("a", "b"), 1, 1)]
    assert CspBackend().assign_days(["mon"], groups, [Among(None, frozenset("ab"), 2, None)], budget=1_000) is None


def test_the_backend_orders_a_session_and_keeps_the_given_order_when_free():
    backend = CspBackend()
    assert backend.order_session(["a", "b", "c"], []) == ["a", "b", "c"]
    order = backend.order_session(["a", "b", "c"], [Before("c", "a"), NotFirst("b")])
    assert order == ["c", "a", "b"]
    assert backend.order_session(["a", "b"], [Before("a", "b"), Before("b", "a")]) is None


def test_the_backend_keeps_units_apart_and_closes_with_the_right_one():
    backend = CspBackend()
    order = backend.order_session(["a", "b", "c", "d"], [NotNextTo("a", "b"), NotLast("d")])
    assert order is not None and abs(order.index("a") - order.index("b")) > 1 and order[-1] != "d"
    assert all(c.holds(order) for c in [NotNextTo("a", "b"), NotLast("d")])
    assert backend.order_session(["a", "b"], [NotNextTo("a", "b")]) is None


def test_the_backend_caps_the_week_s_time():
    groups = [SlotGroup(d, "aerobic", ("long", "short"), 1, 1) for d in ("mon", "wed", "fri")]
    cap = WeekTimeCap({"long": 1200, "short": 300}, 1800)  # at most one long session
    week = CspBackend().assign_days(["mon", "wed", "fri"], groups, [cap], budget=1_000)
    assert week is not None and sum(xs == ["long"] for xs in week.values()) == 1
    tight = WeekTimeCap({"long": 1200, "short": 300}, 800)
    assert CspBackend().assign_days(["mon", "wed", "fri"], groups, [tight], budget=1_000) is None


# The slot order, the session time check with the counts a session owes and the repeat limits
# with those counts prune hard; on small weeks the backend must still find a week exactly when
# one exists (compared with every week tried by brute force).


def test_ascending_keeps_exactly_the_rising_fillings():
    rank = {x: i for i, x in enumerate("abcd")}
    problem = constraint.Problem()
    for s in range(3):
        problem.addVariable(s, [*"abcd", "-"])
    problem.addConstraint(Ascending(rank, "-"), [0, 1, 2])
    found = {tuple(sol[s] for s in range(3)) for sol in problem.getSolutions()}
    expected = {
        (*combo, *"-" * (3 - n)) for n in range(4) for combo in itertools.combinations("abcd", n)
    }
    assert found == expected


def _weeks(days, groups):
    """Every week the slot groups allow: per day, a set of its members of an allowed size."""
    per_day = {d: [()] for d in days}
    for g in groups:
        sizes = range(g.required, min(g.total, len(g.members)) + 1)
        options = [c for n in sizes for c in itertools.combinations(g.members, n)]
        per_day[g.day] = [a + b for a in per_day[g.day] for b in options]
    for combo in itertools.product(*(per_day[d] for d in days)):
        yield dict(zip(days, (list(c) for c in combo), strict=True))


def _meets(week, constraints):
    for c in constraints:
        if isinstance(c, Among):
            n = sum(x in c.ids for d in (c.days or week) for x in week[d])
            if n < c.low or (c.high is not None and n > c.high):
                return False
        elif isinstance(c, TimeCap):
            if sum(c.seconds[x] for x in week[c.day]) > c.cap:
                return False
        elif isinstance(c, PerValueDays):
            if any(sum(x in xs for xs in week.values()) > n for x, n in c.limits.items()):
                return False
    return True


@settings(max_examples=120, derandomize=True, deadline=None)
@given(
    st.lists(st.integers(1, 9), min_size=5, max_size=5),  # seconds of a..e
    st.integers(4, 20),  # a session's cap
    st.lists(st.tuples(st.sampled_from(["mon", "tue", None]), st.sets(st.sampled_from("abcde"), min_size=1)),
             max_size=4),  # counts that need one item, on a day or over the week
    st.dictionaries(st.sampled_from("abcde"), st.integers(1, 2), max_size=5),  # repeat limits
)
def test_the_backend_finds_a_week_exactly_when_one_exists(lengths, cap, needs, limits):
    days = ["mon", "tue"]
    seconds = dict(zip("abcde", lengths, strict=True))
    blocks = (("x", ("a", "b", "c")), ("y", ("d", "e")))
    groups = [SlotGroup(d, b, members, 1, 2) for d in days for b, members in blocks]
    constraints = [TimeCap(d, seconds, cap) for d in days]
    constraints += [Among((day,) if day else None, frozenset(ids), 1, None) for day, ids in needs]
    if limits:
        constraints.append(PerValueDays(limits))
    exists = any(_meets(week, constraints) for week in _weeks(days, groups))
    week = CspBackend().assign_days(days, groups, constraints, budget=100_000)
    assert (week is not None) == exists
    if week is not None:
        assert _meets(week, constraints)
