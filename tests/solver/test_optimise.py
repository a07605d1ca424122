"""The best week: promotion tests and candidate restarts stop once searches run out of budget."""

from __future__ import annotations

from dataclasses import replace

import pytest

from planner.profile import load_profile
from planner.solver import Settings, optimise, solve
from planner.solver.search import Outcome


@pytest.fixture
def searches(monkeypatch):
    """Every search ``best_week`` and ``promote_soft_rules`` run: (promotion test?, outcome)."""
    log: list[tuple[bool, Outcome]] = []
    real = optimise.find_week

    def spy(*args, **kwargs):
        found = real(*args, **kwargs)
        # promotion tests count their nodes and number their tries from 0; candidates from 100
        log.append((kwargs.get("meter") is not None and kwargs.get("first", 0) < 100, found.outcome))
        return found

    monkeypatch.setattr(optimise, "find_week", spy)
    return log


def test_a_rule_over_the_week_is_promoted_by_repairing_the_week_found(rules, catalog):
    """On the default profile, seed 1, a search of the whole week from scratch runs out of
    3,000 nodes before it finds a week that also strengthens the trapezius, the lats and the
    back extensors (develop-every-back-group); repairing the week found a day or two at a time
    finds one, so the rule is enforced and the plan meets it."""
    profile = load_profile(None, catalog)
    without = solve(rules, catalog, profile, seed=1, settings=Settings(repair_budget=0))
    assert "develop-every-back-group" not in without.stats["promoted"]
    solution = solve(rules, catalog, profile, seed=1)
    assert "develop-every-back-group" in solution.stats["promoted"]
    assert "develop-every-back-group" not in solution.soft_misses


def test_promotion_tests_stop_after_the_give_ups_allowed(rules, catalog, searches):
    """Without repairs (``repair_budget`` 0), on the default profile, seed 1, the first
    promotion test (develop-every-back-group) runs out of its budget and a later one finds a
    week; allowed one give-up, no test follows it."""
    profile = load_profile(None, catalog)
    no_repair = Settings(repair_budget=0)
    solve(rules, catalog, profile, seed=1, settings=no_repair)
    usual = [outcome for promotion, outcome in searches if promotion]
    assert usual[0] is Outcome.GAVE_UP and Outcome.FOUND in usual[1:]
    searches.clear()
    solution = solve(rules, catalog, profile, seed=1, settings=replace(no_repair, promote_give_ups=1))
    assert [outcome for promotion, outcome in searches if promotion] == [Outcome.GAVE_UP]
    assert "develop-every-back-group" not in solution.stats["promoted"]


@pytest.mark.parametrize("allowed", [1, 3])
def test_candidate_restarts_stop_after_the_give_ups_allowed(rules, catalog, searches, allowed):
    """Candidate searches of one node each all give up: only ``candidate_give_ups`` of the six
    run, and the week is the first one found."""
    settings = Settings(candidate_budget=1, candidate_give_ups=allowed)
    solution = solve(rules, catalog, load_profile(None, catalog), seed=0, settings=settings)
    candidates = [outcome for promotion, outcome in searches[1:] if not promotion]
    assert candidates == [Outcome.GAVE_UP] * allowed
    assert solution.stats["candidates"] == 1
