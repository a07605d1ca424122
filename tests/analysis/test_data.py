"""The loads adapter agrees with the balance rule's own load, and reads the limits from the rules."""

from __future__ import annotations

import pytest

from planner import api
from planner.analysis import data
from planner.kinds.balance import week_load
from planner.kinds.base import Context, Week
from planner.models import Selector
from tests.analysis.conftest import RATIO_RULE, STRICTER_BALANCE


def test_strength_loads_equal_the_balance_rules_load_for_every_node(week):
    ctx = Context(week.inputs.catalog, week.inputs.profile)
    expected = week_load(ctx.select(Selector(block="strength")), Week.from_plan(week.plan, week.inputs.profile.days), ctx)
    strength = week.loads[week.loads["block"] == "strength"]
    got = strength.groupby("node")["load"].sum().to_dict()
    assert set(got) == set(expected)
    assert got == pytest.approx(expected)


def test_every_row_is_one_item_and_node_with_the_graph_level(week):
    frame = week.loads
    assert list(frame.columns) == data.COLUMNS
    graph = week.inputs.catalog.graph
    assert all(graph.level(n) == level for n, level in zip(frame["node"], frame["level"]))
    assert set(frame["body_side"]) <= {"left", "right", "both"}
    assert frame.attrs["profile"] == "gym-goer" and frame.attrs["seed"] == 0
    assert frame.attrs["days"] == ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def test_a_one_sided_item_loads_only_its_side_of_a_paired_muscle(week):
    frame = week.loads
    left_items = frame[(frame["side"] == "left") & (frame["level"] == "muscle")]
    assert len(left_items) and set(left_items["body_side"]) <= {"left", "both"}
    midline = frame[frame["node"] == "rectus_abdominis"]
    assert set(midline["body_side"]) <= {"both"}


def test_the_share_limit_is_the_shipped_rules_value(week):
    shipped = next(r for r in week.inputs.rules if r.id == "no-over-dominant-group")
    assert data.share_limit(week.inputs.rules) == shipped.params.max_share == 0.3


def test_the_share_limit_follows_an_override(rule_file):
    inputs = api.load_inputs(extra_rules=[rule_file(STRICTER_BALANCE)])
    assert data.share_limit(inputs.rules) == 0.15


SHIPPED_BANDS = [
    data.Band("abdominals", "erectors", 0.5, 1.0, "abdominals-vs-back-extensors, back-extensors-vs-abdominals"),
    data.Band("hip_flexors", "glutes", None, 1.0, "hip-flexors-vs-glutes"),
    data.Band("quadriceps", "hamstrings", None, 2.0, "quadriceps-vs-hamstrings"),
    data.Band("chest", "mid_back", None, 1.0, "chest-vs-upper-back"),
]


def test_one_band_per_pair_both_ways_round_joined(week):
    """rules/balance.yaml writes the trunk band as two rules, one each way round: one band."""
    assert data.bands(week.inputs.rules) == SHIPPED_BANDS


def test_no_band_without_a_ratio_rule_and_a_stricter_rule_narrows_a_band(rule_file):
    alone = api.load_inputs(extra_rules=[rule_file("shipped: false\n" + RATIO_RULE)])
    assert data.bands(alone.rules) == [data.Band("quadriceps", "hamstrings", None, 1.5, "thighs")]
    inputs = api.load_inputs(extra_rules=[rule_file(RATIO_RULE)])
    narrowed = data.Band("quadriceps", "hamstrings", None, 1.5, "quadriceps-vs-hamstrings, thighs")
    assert data.bands(inputs.rules) == [*SHIPPED_BANDS[:2], narrowed, SHIPPED_BANDS[3]]


def test_pairs_keep_the_catalogs_direction(week):
    assert data.pairs(week.inputs.catalog)[:4] == [
        ("abdominals", "erectors"), ("hip_flexors", "glutes"), ("quadriceps", "hamstrings"), ("chest", "rhomboids")]
