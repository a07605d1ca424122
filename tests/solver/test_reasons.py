"""Plan items: sides together and alternating, and every reason a rule id."""

from __future__ import annotations

from planner.solver import solve
from tests.conftest import make_profile


def test_unilateral_sides_are_adjacent_and_alternate(rules, catalog):
    profile = make_profile(catalog, session_minutes=60)
    solution = solve(rules, catalog, profile, seed=2)
    for items in solution.days.values():
        leads = []
        for n, item in enumerate(items):
            if item.side in ("left", "right") and (n == 0 or items[n - 1].exercise != item.exercise):
                assert items[n + 1].exercise == item.exercise
                assert {item.side, items[n + 1].side} == {"left", "right"}
                leads.append(item.side)
        assert all(a != b for a, b in zip(leads, leads[1:]))


def test_every_reason_is_a_rule_id(rules, catalog):
    solution = solve(rules, catalog, make_profile(catalog), seed=4)
    ids = {r.id for r in rules}
    for items in solution.days.values():
        for item in items:
            assert set(item.why) <= ids
