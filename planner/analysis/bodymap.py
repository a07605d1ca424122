"""A body map: front and back outlines with each muscle area shaded by its load.

The outlines are the MIT-licensed SVG paths of react-native-body-highlighter (Copyright (c) 2022
ELABBASSI Hicham; ``body/LICENSE``), flattened into polygons in ``body/outline.json`` by
``tools/extract_body_map.py``. :data:`AREAS` maps each of its areas onto backplan's muscle graph;
an area's load is the sum of its nodes' loads on that body side. Left and right are the person's
(on the front view the person's left is on the viewer's right). :func:`unmapped` lists what has
no counterpart either way.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files

import pandas as pd

from planner.analysis.tables import STRENGTH, select

__all__ = ["AREAS", "area_loads", "body_map", "draw", "hidden_groups", "unmapped"]

# (view, area of the outline) -> muscle-graph nodes whose load shades it
AREAS: dict[tuple[str, str], tuple[str, ...]] = {
    ("front", "neck"): ("neck_flexors",),
    ("front", "trapezius"): ("upper_trapezius",),
    ("front", "deltoids"): ("anterior_deltoid", "lateral_deltoid"),
    ("front", "chest"): ("chest",),
    ("front", "biceps"): ("biceps_brachii",),
    ("front", "triceps"): ("triceps_brachii",),
    ("front", "forearm"): ("forearm_muscles",),
    ("front", "abs"): ("abdominals",),
    ("front", "obliques"): ("obliques",),
    ("front", "adductors"): ("adductors",),
    ("front", "quadriceps"): ("quadriceps",),
    ("front", "calves"): ("calves",),
    ("back", "neck"): ("neck_extensors",),
    ("back", "trapezius"): ("trapezius",),
    ("back", "deltoids"): ("posterior_deltoid", "rotator_cuff"),
    ("back", "upper-back"): ("rhomboids", "lats"),
    ("back", "triceps"): ("triceps_brachii",),
    ("back", "forearm"): ("forearm_muscles",),
    ("back", "lower-back"): ("erectors",),
    ("back", "gluteal"): ("glutes",),
    ("back", "adductors"): ("adductors",),
    ("back", "hamstring"): ("hamstrings",),
    ("back", "calves"): ("calves",),
}
MIDDLE = 362.0  # the figure's midline in the outline's coordinates
NO_LOAD = "#e8e8e8"


@cache
def outline() -> dict:
    """The outline data (views front/back: ``outline`` and ``parts`` {area: {side: polygons}})."""
    return json.loads(files("planner.analysis").joinpath("body/outline.json").read_text())


def unmapped(graph_groups: list[str], members: dict[str, list[str]]) -> dict[str, list[str]]:
    """``areas``: outline areas no muscle of the graph shades (drawn plain grey); ``groups``:
    muscle groups none of whose muscles is drawn (deep muscles, such as the hip flexors)."""
    drawn = {node for nodes in AREAS.values() for node in nodes}
    areas = sorted({f"{view}:{area}" for view, body in outline()["views"].items() for area in body["parts"]}
                   - {f"{view}:{area}" for view, area in AREAS})
    groups = [g for g in graph_groups if g not in drawn and not drawn & set(members.get(g, []))]
    return {"areas": areas, "groups": groups}


def hidden_groups(frame: pd.DataFrame, block: str | None = STRENGTH) -> dict[str, float]:
    """Loaded groups the map cannot show (no drawn area), with their share of the load in percent."""
    from planner.analysis.tables import group_shares

    missing = unmapped(frame.attrs["groups"], frame.attrs["members"])["groups"]
    shares = group_shares(frame, block)
    return {g: float(shares[g]) for g in missing if shares[g] > 0}


def _person_side(view: str, polygon: list[list[float]]) -> str:
    """The person's side a polygon lies on (the front view is mirrored for the viewer)."""
    x = sum(p[0] for p in polygon) / len(polygon)
    if abs(x - MIDDLE) < 8:
        return "both"
    on_viewer_left = x < MIDDLE
    return ("right" if on_viewer_left else "left") if view == "front" else ("left" if on_viewer_left else "right")


def area_loads(frame: pd.DataFrame, block: str | None = STRENGTH) -> pd.DataFrame:
    """Load per drawn area and person's side: columns view, area, side, load. A paired muscle's
    load stays on its side; a group or a midline muscle counts half on each side."""
    rows = []
    totals = {}
    for level in ("muscle", "group", "region"):
        part = select(frame, level, block)
        totals.update({(n, s): v for (n, s), v in part.groupby(["node", "body_side"])["load"].sum().items()})
    for (view, area), nodes in AREAS.items():
        for side in ("left", "right"):
            load = sum(totals.get((n, side), 0.0) + totals.get((n, "both"), 0.0) / 2 for n in nodes)
            rows.append((view, area, side, load))
    return pd.DataFrame(rows, columns=["view", "area", "side", "load"])


def draw(ax_front, ax_back, areas: pd.DataFrame, norm, cmap) -> None:
    """Draw both views on two axes, each area filled by ``cmap(norm(load))`` (grey when unloaded)."""
    from matplotlib.patches import Polygon

    value = {(r.view, r.area, r.side): r.load for r in areas.itertuples()}
    for view, ax in (("front", ax_front), ("back", ax_back)):
        body = outline()["views"][view]
        for poly in body["outline"]:
            ax.add_patch(Polygon(poly, closed=True, facecolor="white", edgecolor="#555555", linewidth=0.8))
        for area, sides in body["parts"].items():
            for polys in sides.values():
                for poly in polys:
                    side = _person_side(view, poly)
                    if (view, area) not in AREAS:
                        face = NO_LOAD
                    else:
                        sides_here = ("left", "right") if side == "both" else (side,)
                        load = sum(value[(view, area, s)] for s in sides_here) / len(sides_here)
                        face = cmap(norm(load)) if load > 0 else NO_LOAD
                    ax.add_patch(Polygon(poly, closed=True, facecolor=face, edgecolor="#777777", linewidth=0.3,
                                         gid=f"{view}:{area}:{side}"))
        ax.set_xlim(0, 724)
        ax.set_ylim(1448, 0)
        ax.set_aspect("equal")
        ax.axis("off")
        ax.set_title(f"{view} (the person's left is on the {'right' if view == 'front' else 'left'})", fontsize=9)


def body_map(frame: pd.DataFrame, block: str | None = STRENGTH):
    """A figure of its own: front and back, shaded by load, with a colour bar in seconds under tension."""
    from matplotlib import colormaps
    from matplotlib.colors import Normalize
    from matplotlib.figure import Figure

    areas = area_loads(frame, block)
    fig = Figure(figsize=(7, 7), layout="constrained")
    ax_front, ax_back = fig.subplots(1, 2)
    norm = Normalize(0, max(areas["load"].max(), 1.0))
    cmap = colormaps["Reds"]
    draw(ax_front, ax_back, areas, norm, cmap)
    _colorbar(fig, [ax_front, ax_back], norm, cmap, block)
    return fig


def _colorbar(fig, axes, norm, cmap, block) -> None:
    from matplotlib.cm import ScalarMappable

    bar = fig.colorbar(ScalarMappable(norm=norm, cmap=cmap), ax=axes, orientation="horizontal", fraction=0.04)
    what = f"{block} block" if block else "every block"
    bar.set_label(f"weekly load, s under tension ({what}; secondary muscles half)")
