"""Two plans side by side: the differences table and the highlighted names."""

from __future__ import annotations

import pytest

from planner import api
from planner.analysis import compare, data, tables
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def other():
    inputs = api.load_inputs(ROOT / "examples" / "profiles" / "child.yaml")
    plan = api.plan_week(inputs.profile, rules=inputs.rules, catalog=inputs.catalog, seed=0)
    return data.loads(plan, inputs.catalog, inputs.profile)


def test_the_difference_is_second_minus_first_in_points(week, other):
    table = compare.share_difference(week.loads, other)
    assert table["difference (points)"].tolist() == pytest.approx(
        (tables.group_shares(other) - tables.group_shares(week.loads)).tolist())


def test_groups_far_apart_are_named_in_red(week, other):
    fig = compare.compare(week.loads, other, ("gym", "child"), 0.3)
    table = compare.share_difference(week.loads, other)
    labels = {t.get_text(): t.get_color() for t in fig.axes[0].get_yticklabels()}
    for group, diff in table["difference (points)"].items():
        assert (labels[group.replace("_", " ")] == "#c0392b") == (abs(diff) >= compare.HIGHLIGHT_POINTS)
    assert fig._suptitle.get_text() == "gym  vs  child"
    assert fig.axes[1].get_xscale() == "log"
