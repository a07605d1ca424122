"""Figures carry the tables' numbers: read back from the artists, not only drawn."""

from __future__ import annotations

import math

import numpy as np
import pytest
from matplotlib.colors import to_hex

from planner import api
from planner.analysis import data, figures, tables
from planner.notice import SAFETY_NOTICE
from tests.analysis.conftest import RATIO_RULE


def test_the_heat_maps_cells_are_the_day_by_group_loads(week):
    fig = figures.heatmap(week.loads)
    ax = fig.axes[0]
    expected = tables.day_by_group(week.loads)
    assert np.array_equal(ax.images[0].get_array(), expected.to_numpy())
    assert [t.get_text() for t in ax.get_yticklabels()] == expected.index.tolist()
    assert [t.get_text() for t in ax.get_xticklabels()][:3] == ["neck flexors", "neck extensors", "trapezius"]
    assert fig.axes[1].get_ylabel() == "load, seconds under tension"


def test_shares_are_percent_bars_and_the_threshold_line_is_at_the_rules_value(week):
    limit = data.share_limit(week.inputs.rules)
    ax = figures.shares(week.loads, limit).axes[0]
    expected = tables.group_shares(week.loads).sort_values()
    assert [p.get_width() for p in ax.patches] == pytest.approx(expected.tolist())
    (line,) = [ln for ln in ax.get_lines() if ln.get_linestyle() == "--"]
    assert line.get_xdata()[0] == pytest.approx(30.0)
    assert ax.get_xlabel() == "share of the week's load (%, strength block)"
    assert ax.get_legend().get_texts()[0].get_text() == "over-dominant above 30%"


def test_a_bar_above_the_threshold_is_red(week):
    ax = figures.shares(week.loads, 0.1).axes[0]
    shares = tables.group_shares(week.loads).sort_values()
    colours = [to_hex(p.get_facecolor()) for p in ax.patches]
    assert colours == [figures.OVER if s > 10 else figures.UNDER for s in shares]


def test_ratios_are_on_a_log_axis_in_the_catalogs_direction(week):
    ax = figures.ratios(week.loads, []).axes[0]
    assert ax.get_xscale() == "log"
    table = tables.antagonist_ratios(week.loads)
    assert [t.get_text() for t in ax.get_yticklabels()] == table.index.tolist()[::-1]
    dots = {round(ln.get_ydata()[0]): ln.get_xdata()[0] for ln in ax.get_lines() if ln.get_marker() == "o"}
    names = table.index.tolist()[::-1]
    for y, x in dots.items():
        assert x == pytest.approx(table.loc[names[y], "ratio"])
    assert ax.get_title() == "Antagonist pairs (no target bands in these rules)"
    assert not ax.collections  # no band drawn


def test_a_ratio_rule_draws_its_band(week, rule_file):
    inputs = api.load_inputs(extra_rules=[rule_file("shipped: false\n" + RATIO_RULE)])
    ax = figures.ratios(week.loads, data.bands(inputs.rules)).axes[0]
    (band,) = ax.collections
    xs = band.get_paths()[0].vertices[:, 0]
    assert (xs.min(), xs.max()) == pytest.approx((figures.RATIO_LIMITS[0], 1.5))
    names = [t.get_text() for t in ax.get_yticklabels()]
    ys = band.get_paths()[0].vertices[:, 1]
    assert names[round(float(ys.mean()))] == "quadriceps : hamstrings"
    ratio = tables.antagonist_ratios(week.loads)["ratio"]["quadriceps : hamstrings"]
    outside = ratio > 1.5
    (dot,) = [ln for ln in ax.get_lines() if ln.get_marker() == "o" and round(ln.get_ydata()[0]) == names.index(
        "quadriceps : hamstrings")]
    assert (to_hex(dot.get_color()) == figures.OVER) == outside


def test_the_muscle_graph_shades_each_node_by_its_load(week):
    fig = figures.muscle_graph(week.loads, week.inputs.catalog)
    nodes = fig.axes[0].collections[-1]
    strength = week.loads[week.loads["block"] == "strength"].groupby("node")["load"].sum()
    values = nodes.get_array()
    assert values.max() == pytest.approx(strength.max())
    assert len(values) == sum(1 for n in week.inputs.catalog.graph.names if n != "full_body")


def test_the_overview_has_shares_ratios_the_body_map_and_the_notice(week):
    fig = figures.overview(week.loads, 0.3, [])
    titles = [ax.get_title() for ax in fig.axes]
    assert titles[:2] == ["Each muscle group's share of the week", "Antagonist pairs (no target bands in these rules)"]
    assert titles[2].startswith("front") and titles[3].startswith("back")
    assert fig._suptitle.get_text() == "Balance of the week: gym-goer (seed 0)"
    assert fig._supxlabel.get_text().replace("\n", " ") == SAFETY_NOTICE
    assert not math.isnan(fig.axes[1].get_xlim()[0])


def test_the_shipped_bands_are_drawn_with_their_pairs_first(week):
    """rules/balance.yaml's four bands (the trunk band written both ways round is one), their pairs
    named in the rules' direction and listed first, chest : mid back among them though the catalog
    pairs the chest with the rhomboids."""
    ax = figures.ratios(week.loads, data.bands(week.inputs.rules)).axes[0]
    assert len(ax.collections) == 4
    names = [t.get_text() for t in ax.get_yticklabels()][::-1]  # drawn bottom up
    assert names[:4] == ["abdominals : erectors", "hip flexors : glutes", "quadriceps : hamstrings", "chest : mid back"]
    assert "erectors : abdominals" not in names and "chest : rhomboids" in names


def test_a_ratio_just_out_of_its_band_is_labelled_with_two_decimals(week):
    """A ratio of 1.02 against a band ending at 1.0 must not read "1" (it is drawn as out of band)."""
    ax = figures.ratios(week.loads, data.bands(week.inputs.rules)).axes[0]
    table = tables.antagonist_ratios(week.loads, extra=[(b.numerator, b.denominator) for b in data.bands(week.inputs.rules)])
    labels = {t.get_text() for t in ax.texts}
    finite = [r for r in table["ratio"] if 0 < r < float("inf")]
    assert finite and all(f"{r:.2f}" in labels for r in finite)
