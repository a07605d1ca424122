"""Planning a week: determinism, soft rules pursued and reported, red flags, honest limits."""

from __future__ import annotations

import pytest

from planner.errors import InfeasibleError, RedFlagError
from planner.solver import Settings, solve
from tests.conftest import make_profile


def test_deterministic_for_a_seed(rules, catalog):
    profile = make_profile(catalog)
    a = solve(rules, catalog, profile, seed=11)
    b = solve(rules, catalog, profile, seed=11)
    assert a.days == b.days and a.penalty == b.penalty


def test_soft_rules_are_pursued(rules, catalog):
    five_days = make_profile(catalog, days=["mon", "tue", "wed", "thu", "fri"])
    solution = solve(rules, catalog, five_days, seed=0)
    assert {"varied-week", "vary-the-exercises", "regular-practice"} <= set(solution.stats["promoted"])
    # develop-every-back-group counts strength work by its primary muscles (issue 9): with a mat and
    # a chair only two exercises work the trapezius and one the latissimus, so it may be missed;
    # the week's aerobic activity is the walk (walk-on-days-off), and a second one would be a
    # class tacked onto a home session: cross-train and no-class-in-a-home-session pull against
    # each other, and the week misses one of them (today the latter, whose miss costs less beside
    # the rest of that week).
    # The balance bands (rules/balance.yaml, load_ratio preferences) are scored, not promoted, so
    # they may be missed too (issue 12: the search is not yet proven optimal).
    bands = {r.id for r in rules if r.header.kind == "load_ratio"}
    # The walks of their own are planned after the search (walk-on-days-off), so the week may walk
    # on more than three days (no-same-old-thing, weight 3).
    assert set(solution.soft_misses) - bands <= {"develop-every-back-group", "cross-train", "no-same-old-thing",
                                                 "no-class-in-a-home-session"}
    assert not {"cross-train", "no-class-in-a-home-session"} <= set(solution.soft_misses)
    assert solution.penalty <= 2 * 5 * 10 + 3 * 10 + 3 * 10 + sum(  # two groups, weight 5, cross-train, walks
        10 * r.header.weight for r in rules if r.id in bands)  # and each band at most its weight (amount <= 1)


def test_a_soft_rule_the_profile_cannot_meet_is_reported_not_forced(rules, catalog):
    """One training day and three walks: seed 001 asks for most days (soft), so the week is still
    planned on the one day and the unmet soft rule is named."""
    solution = solve(rules, catalog, make_profile(catalog, days=["mon"]), seed=0)
    assert sum(1 for items in solution.days.values() if items) == 1
    assert sorted(solution.walks) == ["fri", "sun", "tue"]
    assert "regular-practice" in solution.soft_misses
    # see above; and since position changes take time (planner/timing.py), a 30-minute session
    # holds fewer strength items, so the 30% share of one muscle group may be missed too
    bands = {r.id for r in rules if r.header.kind == "load_ratio"}  # scored, not promoted (see above)
    assert set(solution.soft_misses) - bands <= {"regular-practice", "develop-every-back-group", "cross-train",
                                                 "no-over-dominant-group"}
    reasons = {r for items in solution.days.values() for item in items for r in item.why}
    assert "regular-practice" not in reasons  # a count the week falls short of forced nothing


def test_red_flag(rules, catalog):
    with pytest.raises(RedFlagError) as info:
        solve(rules, catalog, make_profile(catalog, conditions=["recent_injury"]))
    assert info.value.exit_code == 3
    assert info.value.rule_ids == ("clearance-before-starting", "red-flag-pain-or-injury")
    assert "red-flag" not in info.value.message  # the ids are for programs; the words are for the person


def test_search_limit_is_reported_honestly(rules, catalog):
    profile = make_profile(catalog, days=["mon", "tue", "wed", "thu", "fri", "sat", "sun"], session_minutes=25,
                           equipment=["mat", "chair", "pillow"])
    tiny = Settings(first_budget=10, max_budget=10, total_budget=30, trial_budget=30, conflict_budget=300)
    with pytest.raises(InfeasibleError) as info:
        solve(rules, catalog, profile, settings=tiny)
    assert not info.value.proven
    assert "search limit" in info.value.message


def test_a_first_search_cut_short_falls_back_on_giving_way_which_keeps_every_rule_it_can(rules, catalog,
                                                                                          monkeypatch):
    # strict_budget bounds the first search under every rule; a week it misses is still found by
    # the give-way search (its own full budget), which keeps every structure rule a week allows
    import planner.solver.planning as planning

    relaxed = []
    giving_way = planning.plan_giving_way
    monkeypatch.setattr(planning, "plan_giving_way", lambda *a, **k: relaxed.append(1) or giving_way(*a, **k))
    profile = make_profile(catalog)
    full = solve(rules, catalog, profile, seed=0)
    assert relaxed == []
    cut = solve(rules, catalog, profile, seed=0, settings=Settings(strict_budget=1))
    assert relaxed == [1]
    assert full.gave_way == [] and cut.gave_way == []
    assert Settings().budgets(Settings().strict_budget) == [1_500, 1_500, 3_000, 3_000]


def test_when_rules_give_way_the_week_kept_names_what_it_misses_itself(rules, catalog):
    """Found by a 1,000-profile batch (benchmarks/make_profiles.py, seed 1, client-00494): the week
    the search around the best one started from scored lower after dose tuning and was kept, but
    carried the improved week's list of rules that gave way, without stretch-whole-body, which it
    missed on Sunday; the checker then found a hard violation. Each week now lists its own (today
    the search keeps stretch-whole-body there)."""
    from tests.conftest import plan_and_check

    child = make_profile(catalog, age_group="child", level="beginner", days=["mon", "tue", "wed", "sat", "sun"],
                         session_minutes=35, equipment=["mat", "chair", "band", "fitball"], cleared_by_doctor=False)
    plan = plan_and_check(rules, catalog, child)  # no hard violation: what gave way is named
    assert [g.rule for g in plan.gave_way] == ["core-each-session", "legs-each-session"]


def test_when_no_week_holds_the_rules_kept_the_relaxed_week_names_all_it_misses(rules, catalog, monkeypatch):
    """Which structure rules to keep is decided on the relaxed rules (then one kept rule may be
    traded for two), and the week is searched again with the kept ones enforced. When that search
    finds no week, the relaxed week is given, and every structure rule it misses is named as
    giving way, not only those outside the kept set (the checker would find the others broken).
    Forced here by keeping every structure rule, which no week of this child's holds."""
    from planner.solver import giveway
    from tests.conftest import plan_and_check

    monkeypatch.setattr(giveway, "_fewer_given_way", lambda backend, relaxed, settings, seed, kept, structure:
                        set(structure))
    child = make_profile(catalog, age_group="child", level="beginner", days=["mon", "tue", "wed", "sat", "sun"],
                         session_minutes=35, equipment=["mat", "chair", "band", "fitball"], cleared_by_doctor=False)
    plan = plan_and_check(rules, catalog, child)  # no hard violation: every structure rule missed is named
    assert plan.gave_way
