"""The plan's balance section (planner/balance.py): figures, bands from rules, the summary, and
check's recomputation."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.api import check_week, plan_week
from planner.balance import balance_of, disagreement, ratio_bands, summary_lines
from planner.checker import BALANCE_SECTION
from planner.kinds.base import Entry, Week
from planner.rules import load_rules
from tests.conftest import small_week

# glute_bridge (2 x 10 reps holding 3 s: 140 s) and superman (2 x 8 reps holding 3 s: 112 s):
# glutes 140 + 56 = 196, hamstrings 140 + 56 = 196, erectors 70 + 224 = 294, abdominals 70,
# trapezius 56, shoulders 56; 868 s in all, the erectors 294 / 868 = 33.9%.
RULES = """\
rules:
  - id: glutes-at-most-half
    kind: load_ratio
    severity: preference
    description: glutes at most half the erectors
    select: {block: strength}
    numerator: glutes
    denominator: erectors
    max_ratio: 0.5
    source: [test]
  - id: erectors-at-most-four-times
    kind: load_ratio
    severity: preference
    description: erectors at most four times the glutes
    select: {block: strength}
    numerator: erectors
    denominator: glutes
    max_ratio: 4
    source: [test]
  - id: thirty-percent
    kind: balance
    severity: preference
    description: no group above 30%
    select: {block: strength}
    max_share: 0.3
    source: [test]
"""


@pytest.fixture
def small(catalog, tmp_path: Path):
    monday = [Entry("glute_bridge", "both", 2, 10, 3), Entry("superman", "both", 2, 8, 3), Entry("walking_warmup", "both", 1, None, None, 5)]
    days, rules, profile = small_week(catalog, tmp_path, RULES, monday)
    return Week(days, list(profile.days)), rules, profile


def test_groups_pairs_sides_and_dominance(small, catalog):
    week, rules, profile = small
    balance = balance_of(week, catalog, rules, profile)
    assert balance.blocks == ["strength"] and balance.total_seconds == 868.0  # the warm-up is not counted
    assert [(g.group, g.seconds, g.share, g.days) for g in balance.groups] == [
        ("erectors", 294.0, 0.339, 1), ("glutes", 196.0, 0.226, 1), ("hamstrings", 196.0, 0.226, 0),
        ("abdominals", 70.0, 0.081, 0), ("trapezius", 56.0, 0.065, 0), ("shoulders", 56.0, 0.065, 0)]
    [pair] = balance.pairs
    assert (pair.pair, pair.seconds, pair.ratio, pair.low, pair.high, pair.in_band) == (
        "glutes:erectors", [196.0, 294.0], 0.67, 0.25, 0.5, False)
    assert pair.rules == ["glutes-at-most-half", "erectors-at-most-four-times"]
    assert (balance.sides.left, balance.sides.right, balance.sides.ratio, balance.sides.in_band) == (798.0, 798.0, 1.0, True)
    assert (balance.dominance.group, balance.dominance.share, balance.dominance.max_share) == ("erectors", 0.339, 0.3)
    assert balance.out_of_band == ["glutes:erectors 0.67, band 0.25-0.50", "erectors takes 34% of the load, more than 30%"]
    assert summary_lines(balance) == [
        "Balance (strength work, 868 s under tension): erectors 34%, glutes 23%, hamstrings 23%, abdominals 8%.",
        "Pairs: glutes:erectors 0.67 (band 0.25-0.50); left:right 1.00 (band 0.95-1.05).",
        "Out of band: glutes:erectors 0.67, band 0.25-0.50; erectors takes 34% of the load, more than 30%.",
    ]


def test_the_bands_of_the_ratio_rules_and_a_rule_switched_off(small, catalog, tmp_path: Path):
    """One band per pair from the load_ratio rules alone (the balance rule sets none); the rule the
    other way round is its lower edge, until it is switched off."""
    _, rules, _ = small
    [band] = ratio_bands(rules)
    assert (band.numerator, band.denominator, band.low, band.high) == ("glutes", "erectors", 0.25, 0.5)
    assert [r.id for r in band.rules] == ["glutes-at-most-half", "erectors-at-most-four-times"]
    path = tmp_path / "off.yaml"
    path.write_text("rules:\n  - override: erectors-at-most-four-times\n    severity: off\n    reason: a test\n")
    [band] = ratio_bands(load_rules([tmp_path / "bands.yaml", path], catalog))
    assert (band.low, band.high, [r.id for r in band.rules]) == (None, 0.5, ["glutes-at-most-half"])


def test_one_side_only_is_out_of_band(small, catalog):
    week, rules, profile = small
    week.days["wed"] = [Entry("bird_dog", "left", 1, 12, 3)]
    balance = balance_of(week, catalog, [], profile)
    assert not balance.sides.in_band and balance.sides.right == 798.0
    assert balance.out_of_band == [f"left:right {balance.sides.ratio:.2f}, band 0.95-1.05"]
    assert balance.pairs == [] and balance.dominance.max_share is None and balance.dominance.in_band


def test_check_warns_about_a_balance_section_that_disagrees(catalog):
    plan = plan_week(seed=0)
    assert plan.balance is not None and plan.schema_version == 2
    assert not [v for v in check_week(plan) if v.rule_id == BALANCE_SECTION]
    first = plan.balance.groups[0]
    edited = plan.balance.model_copy(update={"groups": [first.model_copy(update={"seconds": first.seconds + 1}), *plan.balance.groups[1:]]})
    [warning] = [v for v in check_week(plan.model_copy(update={"balance": edited})) if v.rule_id == BALANCE_SECTION]
    assert not warning.hard
    assert warning.message == "the balance section disagrees with the plan's items (groups); rebuild the plan or drop the section"
    # against other rules (none of the pairs' rules), the section's bands are not faulted
    profile = plan.profile
    assert disagreement(plan.balance, plan, catalog, [], profile) is None
    # a plan written before the section existed (version 1) is still read and checked
    old = plan.model_copy(update={"balance": None, "schema_version": 1})
    assert not [v for v in check_week(old) if v.rule_id == BALANCE_SECTION]


def test_the_share_limit_is_the_lowest_balance_rule_and_the_section_reads_it(tmp_path: Path, catalog, rules):
    from planner.balance import share_limit

    assert share_limit(rules) == 0.3
    looser = tmp_path / "looser.yaml"
    looser.write_text("rules:\n  - id: at-most-40\n    kind: balance\n    severity: preference\n    description: d\n"
                      "    select: {block: strength}\n    max_share: 0.4\n    source: [test]\n")
    both = [*rules, *load_rules([looser], catalog)]
    assert share_limit(both) == 0.3  # the stricter rule still holds
    week = plan_week(rules=both, settings=None)
    assert week.balance.dominance.max_share == share_limit(both)
    assert share_limit([r for r in rules if r.header.kind != "balance"]) is None
