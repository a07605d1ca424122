"""Tables: percent shares, fixed-direction ratios, every day and group present."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from planner.analysis import tables


def _frame(rows, like):
    frame = pd.DataFrame(rows, columns=like.columns)
    frame.attrs.update(like.attrs)
    return frame


def test_day_by_group_has_every_day_and_group_and_sums_to_the_weekly_load(week):
    table = tables.day_by_group(week.loads)
    assert list(table.index) == week.loads.attrs["days"]
    assert list(table.columns) == week.loads.attrs["groups"]
    assert table.sum().to_dict() == pytest.approx(tables.group_load(week.loads).to_dict())
    assert table.loc["wed"].sum() == table.loc["sat"].sum() == 0  # the gym-goer's rest days


def test_shares_are_percent_of_the_strength_load(week):
    shares = tables.group_shares(week.loads)
    load = tables.group_load(week.loads)
    assert shares.sum() == pytest.approx(100.0)
    assert shares["abdominals"] == pytest.approx(100 * load["abdominals"] / load.sum())


def test_ratios_are_first_over_second_and_say_when_one_side_is_missing(week):
    row = lambda *r: (*r,)
    frame = _frame([row("mon", "strength", "x", "both", "abdominals", "group", "both", 3.0),
                    row("mon", "strength", "x", "both", "erectors", "group", "both", 2.0),
                    row("mon", "strength", "x", "both", "quadriceps", "group", "both", 4.0),
                    row("mon", "strength", "x", "both", "rhomboids", "group", "both", 1.0),
                    row("mon", "stretch", "y", "both", "hamstrings", "group", "both", 9.0)], week.loads)
    ratios = tables.antagonist_ratios(frame)["ratio"]
    assert ratios["abdominals : erectors"] == 1.5
    assert math.isinf(ratios["quadriceps : hamstrings"])  # the stretch does not count
    assert ratios["chest : rhomboids"] == 0
    assert math.isnan(ratios["hip flexors : glutes"])
    assert tables.antagonist_ratios(frame, block=None)["ratio"]["quadriceps : hamstrings"] == pytest.approx(4 / 9)


def test_left_right_and_regions_and_blocks(week):
    sides = tables.left_right(week.loads)
    assert list(sides.columns) == ["left", "right", "right : left"]
    assert (sides["right : left"].dropna() == 1.0).all()  # every unilateral item is done on both sides
    regions = tables.week_by_region(week.loads)
    assert list(regions.index) == week.loads.attrs["regions"]
    blocks = tables.by_block(week.loads, "region")
    assert blocks["strength"].to_dict() == pytest.approx(regions.to_dict())
