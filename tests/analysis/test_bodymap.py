"""The body map: every area maps onto the muscle graph, and its shading follows the load."""

from __future__ import annotations

import pytest
from matplotlib.colors import to_hex

from planner.analysis import bodymap


def test_every_mapped_area_names_muscle_graph_nodes_and_exists_in_the_outline(week):
    graph = week.inputs.catalog.graph
    views = bodymap.outline()["views"]
    for (view, area), nodes in bodymap.AREAS.items():
        assert area in views[view]["parts"]
        assert all(graph.level(n) in ("muscle", "group") for n in nodes)


def test_what_does_not_map_is_listed(week):
    assert bodymap.unmapped(week.loads.attrs["groups"], week.loads.attrs["members"]) == {
        "areas": ["back:ankles", "back:feet", "back:hair", "back:hands", "back:head", "front:ankles", "front:feet",
                  "front:hair", "front:hands", "front:head", "front:knees", "front:tibialis"],
        "groups": ["hip_flexors"],
    }


def test_an_areas_load_is_its_nodes_load_on_that_side(week):
    areas = bodymap.area_loads(week.loads).set_index(["view", "area", "side"])["load"]
    strength = week.loads[week.loads["block"] == "strength"]
    erectors = strength[strength["node"] == "erectors"]["load"].sum()
    assert areas["back", "lower-back", "left"] == pytest.approx(erectors / 2)
    biceps = strength[(strength["node"] == "biceps_brachii") & (strength["body_side"] == "right")]["load"].sum()
    assert areas["front", "biceps", "right"] == pytest.approx(biceps)


def test_the_shading_follows_the_load(week):
    fig = bodymap.body_map(week.loads)
    areas = bodymap.area_loads(week.loads).set_index(["view", "area", "side"])["load"]
    bar = fig.axes[-1]._colorbar
    norm, cmap = bar.norm, bar.cmap
    assert norm.vmax == pytest.approx(areas.max())
    seen = 0
    for ax in fig.axes[:2]:
        for patch in ax.patches:
            gid = patch.get_gid()
            if gid is None:
                continue
            view, area, side = gid.split(":")
            if (view, area) not in bodymap.AREAS or side == "both":
                continue
            load = areas[view, area, side]
            expected = to_hex(cmap(norm(load))) if load > 0 else bodymap.NO_LOAD
            assert to_hex(patch.get_facecolor()) == expected, gid
            seen += 1
    assert seen > 40


def test_the_person_s_left_is_on_the_viewer_s_right_from_the_front():
    assert bodymap._person_side("front", [[500, 0], [510, 0], [505, 10]]) == "left"
    assert bodymap._person_side("back", [[500, 0], [510, 0], [505, 10]]) == "right"
