"""Conflict search: minimal sets of hard rules, named honestly; advice is never among them."""

from __future__ import annotations

import pytest

from planner.errors import InfeasibleError
from planner.rules import load_rule_file
from planner.solver import Settings, solve
from tests.conftest import make_profile


def _lines(ids, rules) -> str:
    by_id = {r.id: r for r in rules}
    return "".join(f"\n  - {i}: {by_id[i].header.description} ({by_id[i].where})" for i in ids)


LONG_STRETCHES_DAILY = (
    "rules:\n"
    "  - {id: my-long-stretches, kind: dose, description: Long stretch holds., select: {kind: stretch},"
    " hold_s: {min: 40}, source: [me]}\n"
    "  - {id: my-stretch-daily, kind: session_count, description: A stretch every session.,"
    " select: {kind: stretch}, min: 1, source: [me]}\n"
)


def test_conflict_is_minimal_and_named(rules, catalog, tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(LONG_STRETCHES_DAILY)
    extra = load_rule_file(path, catalog)
    with pytest.raises(InfeasibleError) as info:
        solve([*rules, *extra], catalog, make_profile(catalog))
    assert info.value.rule_ids == ("stretch-hold-10-30s", "my-long-stretches", "my-stretch-daily")
    assert info.value.proven


def test_a_profile_excluding_every_warm_up_conflicts_minimally(rules, catalog):
    """A six-day child week once conflicted on session-shape rules; those now give way. What can
    still stop a week is a safety rule against the person's own choices: every warm-up excluded."""
    profile = make_profile(catalog, exclude=["walking_warmup", "marching_on_the_spot"])
    with pytest.raises(InfeasibleError) as info:
        solve(rules, catalog, profile)
    assert info.value.rule_ids == ("profile-exclusions", "warm-up-every-session")
    assert info.value.proven


def test_advice_is_never_named_among_the_rules_in_conflict(rules, catalog, tmp_path):
    """Issue 7: the conflict search tried every hard rule, advice included. Advice cannot make a
    week impossible, yet each try cost a search; on a budget the search ran out among the
    advice rules and named one of them. Now it only tries rules that constrain the week, and
    within the same budget proves the real conflict."""
    path = tmp_path / "mine.yaml"
    path.write_text(LONG_STRETCHES_DAILY)
    extra = load_rule_file(path, catalog)
    with pytest.raises(InfeasibleError) as info:
        solve([*rules, *extra], catalog, make_profile(catalog), settings=Settings(conflict_budget=1_000))
    ids = ("stretch-hold-10-30s", "my-long-stretches", "my-stretch-daily")
    assert info.value.rule_ids == ids
    assert info.value.message == (
        "these hard rules cannot all hold for this profile: " + ", ".join(ids) + _lines(ids, [*rules, *extra])
    )
    assert info.value.proven


def test_a_conflict_search_out_of_budget_names_no_advice(rules, catalog, tmp_path):
    """With a tiny budget every trial gives up; the rules named still constrain the week."""
    path = tmp_path / "mine.yaml"
    path.write_text(LONG_STRETCHES_DAILY)
    extra = load_rule_file(path, catalog)
    tiny = Settings(first_budget=10, max_budget=10, total_budget=30, trial_budget=30, conflict_budget=300)
    with pytest.raises(InfeasibleError) as info:
        solve([*rules, *extra], catalog, make_profile(catalog), settings=tiny)
    kinds = {r.id: r.header.kind for r in [*rules, *extra]}
    assert info.value.rule_ids
    assert not {kinds[i] for i in info.value.rule_ids} & {"advice", "sides_adjacent"}
    assert not info.value.proven
