"""The adapter between a plan and every table and figure: the only module that reads loads.

:func:`loads` turns a plan into one row per (item, graph node) with the load that item puts on
that node, from the one load model (:func:`planner.load.item_load`: seconds under tension, in
full to an item's primary muscles and half to its secondary ones, a left or right item counting
half, every muscle passing its load up to its group and region), so the tables and figures show
the numbers the plan's balance section, the balance rules and the checker use.
:func:`share_limit` (the balance rules' share limit) and :func:`bands` (the antagonist bands)
come from their one reader, :mod:`planner.balance` (as the plan's balance section does).

Columns of the frame: ``day``, ``block``, ``exercise``, ``side`` (both, left or right),
``node`` (a muscle, group or region), ``level`` (muscle, group or region), ``body_side`` (left,
right, or both for midline muscles, groups and regions), ``load``. ``frame.attrs`` carries the
graph's order (``days``, ``groups``, ``regions``, ``muscles``, each group's ``members``), the antagonist ``pairs`` and the
plan's ``profile`` name and ``seed``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from planner.balance import ratio_bands, share_limit
from planner.load import item_load

if TYPE_CHECKING:
    from planner.catalog import Catalog
    from planner.contract import Plan
    from planner.models import Profile
    from planner.rules import Rule

__all__ = ["COLUMNS", "Band", "bands", "loads", "pairs", "share_limit"]

COLUMNS = ["day", "block", "exercise", "side", "node", "level", "body_side", "load"]


@dataclass(frozen=True)
class Band:
    """A target band for ``numerator : denominator`` (either end may be open), from a rule."""

    numerator: str
    denominator: str
    low: float | None
    high: float | None
    rule: str


def pairs(catalog: Catalog) -> list[tuple[str, str]]:
    """Antagonist pairs in a fixed direction: as catalog/muscles.yaml lists them (first : second)."""
    return [(a, b) for a, b in catalog.graph.antagonist_graph.edges]


def loads(plan: Plan, catalog: Catalog, profile: Profile | None = None) -> pd.DataFrame:
    """One row per plan item and graph node it loads (see the module documentation).

    ``profile`` is accepted for a load model that weighs doses by the person; today's load does
    not depend on it. Walks (activities apart from the session) are left out, as the load model
    and the balance rules leave them out.
    """
    graph = catalog.graph
    rows = []
    for day in plan.days:
        for item in day.items:
            node_load = item_load(catalog, item.exercise, item.side, item)
            for node, amount in node_load.items():
                level = graph.level(node)
                paired = level == "muscle" and graph.is_paired(node)
                for body_side, part in _sides(item.side, paired):
                    rows.append((day.day, item.block, item.exercise, item.side, node, level, body_side, amount * part))
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame.attrs.update(
        days=[d.day for d in plan.days],
        groups=list(graph.groups),
        regions=list(graph.regions),
        muscles=list(graph.muscles),
        members={g: [m for m in graph.hierarchy.predecessors(g)] for g in graph.groups},
        pairs=pairs(catalog),
        profile=plan.profile.name if plan.profile is not None else (profile.name if profile else "default"),
        seed=plan.seed,
    )
    return frame


def _sides(side: str, paired: bool) -> list[tuple[str, float]]:
    """Where a node's load lands: a paired muscle on the side worked (both: half each)."""
    if not paired:
        return [("both", 1.0)]
    if side == "both":
        return [("left", 0.5), ("right", 0.5)]
    return [(side, 1.0)]


def bands(rules: Sequence[Rule]) -> list[Band]:
    """Target bands for antagonist ratios, as the plan's balance section reads them from the
    ``load_ratio`` rules (:func:`planner.balance.ratio_bands`): one band per pair, in its first
    rule's direction, so a pair bounded both ways round (``a : b`` at most 1, ``b : a`` at most 2,
    as rules/balance.yaml writes a band) is the band 0.5-1 and its ``rule`` names both rules. An
    empty list when the rules define none."""
    return [Band(b.numerator, b.denominator, b.low, b.high, ", ".join(r.id for r in b.rules)) for b in ratio_bands(rules)]
