"""Property tests: random profiles, random extra rule subsets and random catalogs.

Every outcome is either a plan that passes the independent checker (with no contraindicated,
banned or unowned-equipment exercise, and the same plan for the same seed) or a clear red-flag
or infeasibility error naming rules. Never a traceback, never a rule silently broken.
The suite runs a fixed (derandomized) sample so CI time is stable; the long random run lives in
benchmarks/properties.py.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.api import plan_week
from planner.catalog import default_catalog
from planner.checker import check_plan
from planner.errors import InfeasibleError, RedFlagError
from planner.models import Profile
from planner.rules import default_rule_files, load_rules

CATALOG = default_catalog()
RULES = load_rules(default_rule_files(), CATALOG)
VOCAB = CATALOG.vocab
DUMBBELL_CONDITIONS = {
    "hypertension", "heart_disease", "menstruation", "asthma", "pregnancy",
    "thyroid_disease", "viral_infection", "poor_condition", "chronic_disease",
}
OPTIONAL_RULES = [r for r in RULES if not r.hard or r.header.kind in {"weekly_count", "repeat_limit", "balance"}]


@st.composite
def profiles(draw) -> Profile:
    days = draw(st.lists(st.sampled_from(VOCAB.days), min_size=1, max_size=7, unique=True))
    return Profile(
        name="random",
        age_group=draw(st.sampled_from(VOCAB.age_groups)),
        level=draw(st.sampled_from(VOCAB.levels)),
        days=days,
        session_minutes=draw(st.integers(min_value=10, max_value=90)),
        equipment=draw(st.lists(st.sampled_from(sorted(VOCAB.equipment)), unique=True)),
        conditions=draw(st.lists(st.sampled_from(sorted(VOCAB.conditions)), max_size=3, unique=True)),
        cleared_by_doctor=draw(st.booleans()),
        exclude=draw(st.lists(st.sampled_from(sorted(CATALOG.exercises)), max_size=6, unique=True)),
    )


def assert_safe(plan, profile, catalog, rules):
    hard = [str(v) for v in check_plan(plan, rules, catalog, profile) if v.hard]
    assert hard == []
    for day in plan.days:
        for item in day.items:
            ex = catalog.exercises[item.exercise]
            assert ex.banned is None
            assert set(ex.equipment) <= set(profile.equipment)
            assert not set(ex.contraindications) & set(profile.conditions)
            if set(profile.conditions) & DUMBBELL_CONDITIONS:  # seed 002's list, for every external load
                assert not {"dumbbells", "barbell", "cable_machine", "kettlebell"} & set(ex.equipment)
            if "pregnancy" in profile.conditions and "pool" not in ex.equipment:
                assert not {"prone", "supine"} & {ex.position, *ex.other_positions}
            if {"acute_pain", "recent_injury"} & set(profile.conditions):
                assert "gentle" in ex.tags
            if {"hypertension", "heart_disease"} & set(profile.conditions):
                assert "head_below_heart" not in ex.tags
            assert item.exercise not in profile.exclude


def outcome(rules, catalog, profile, seed):
    try:
        return plan_week(profile, rules=rules, catalog=catalog, seed=seed)
    except RedFlagError as exc:  # only for a condition the vocabulary says needs clearance
        assert catalog.vocab.needs_clearance() & set(profile.conditions)
        assert not profile.cleared_by_doctor
        assert "doctor" in exc.message
        return None
    except InfeasibleError as exc:
        assert exc.rule_ids, "an infeasible profile must name the conflicting rules"
        assert set(exc.rule_ids) <= {r.id for r in rules}
        return None


@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(profile=profiles(), seed=st.integers(min_value=0, max_value=10_000))
def test_random_profiles_plan_safely_and_deterministically(profile, seed):
    plan = outcome(RULES, CATALOG, profile, seed)
    if plan is not None:
        assert_safe(plan, profile, CATALOG, RULES)
        again = plan_week(profile, rules=RULES, catalog=CATALOG, seed=seed)
        assert again == plan


@settings(max_examples=15, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(
    profile=profiles(),
    dropped=st.sets(st.sampled_from([r.id for r in OPTIONAL_RULES])),
    removed=st.sets(st.sampled_from(sorted(CATALOG.exercises)), max_size=15),
    seed=st.integers(min_value=0, max_value=10_000),
)
def test_random_rule_subsets_and_catalogs(profile, dropped, removed, seed):
    rules = [r for r in RULES if r.id not in dropped]
    catalog = CATALOG.subset(set(CATALOG.exercises) - removed)
    plan = outcome(rules, catalog, profile, seed)
    if plan is not None:
        assert_safe(plan, profile, catalog, rules)


@settings(max_examples=30, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(profile=profiles(), seed=st.integers(min_value=0, max_value=10_000))
def test_the_shipped_rules_refuse_only_for_a_red_flag(profile, seed):
    """Issue "A safe plan for every real week": with the shipped rules alone, every valid profile
    gets a safe week (structure rules giving way where they must) unless it needs a doctor first.
    ``benchmarks/properties.py`` counts the outcomes over many more profiles."""
    profile = profile.model_copy(update={"exclude": []})
    try:
        plan = plan_week(profile, rules=RULES, catalog=CATALOG, seed=seed)
    except RedFlagError:
        return
    assert_safe(plan, profile, CATALOG, RULES)
