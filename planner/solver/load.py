"""Muscle load of a placed week, and the load rules (balance, load ratio) measured on it.

An exercise adds its sets (:func:`planner.kinds.base.volume`) to its primary muscles and half
of that to its secondary ones; the muscle graph passes load up to groups and regions. An
exercise's load is the same on whatever day it is placed, so each load rule is also linear in
the exercises chosen (:func:`linear_forms`), which lets a backend prune partial weeks.
"""

from __future__ import annotations

from planner.kinds.base import volume
from planner.requirements import LoadRatio, LoadShare
from planner.solver.model import WeekModel

__all__ = ["week_load", "share_excess", "ratio_excess", "share_forms", "ratio_forms", "TOLERANCE"]

# Load is a float sum: a share equal to its limit can come out a hair above it. The kinds
# (planner/kinds/balance.py, load_ratio.py) allow this much, and so does the solver.
TOLERANCE = 1e-9


def week_load(model: WeekModel, per_day: dict[str, list[str]], ids: frozenset[str]) -> dict[str, float]:
    """Load per graph node from the exercises of ``ids`` placed in ``per_day``."""
    catalog = model.catalog
    worked = []
    for exercises in per_day.values():
        for ex_id in exercises:
            if ex_id in ids:
                ex = catalog.exercises[ex_id]
                worked.append((ex.muscles.primary, ex.muscles.secondary, volume(model.doses[ex_id].sets)))
    return catalog.graph.load(worked)


def share_excess(req: LoadShare, model: WeekModel, per_day: dict[str, list[str]]) -> float:
    """How far the groups' shares of the load go over ``max_share``, added up (a share over by
    no more than :data:`TOLERANCE` counts as within, as the ``balance`` kind checks it)."""
    load = week_load(model, per_day, req.ids)
    total = sum(load.get(g, 0.0) for g in req.groups)
    if total == 0:
        return 0.0
    excess = 0.0
    for g in req.groups:
        share = load.get(g, 0.0) / total
        if share > req.max_share + TOLERANCE:
            excess += share - req.max_share
    return excess


def ratio_excess(req: LoadRatio, model: WeekModel, per_day: dict[str, list[str]]) -> float:
    """How far the numerator's load goes over ``max_ratio`` times the denominator's (within
    :data:`TOLERANCE`, as the ``load_ratio`` kind checks it)."""
    load = week_load(model, per_day, req.ids)
    top, bottom = load.get(req.numerator, 0.0), load.get(req.denominator, 0.0)
    return top - req.max_ratio * bottom if top > req.max_ratio * bottom + TOLERANCE else 0.0


def _one_each(req: LoadShare | LoadRatio, model: WeekModel) -> dict[str, dict[str, float]]:
    return {x: week_load(model, {"_": [x]}, req.ids) for x in req.ids if x in model.doses}


def share_forms(req: LoadShare, model: WeekModel) -> list[dict[str, float]]:
    """The share rule as linear forms over exercises, each to stay at or below zero:
    ``group - max_share * total`` per group."""
    one = _one_each(req, model)
    forms = []
    for g in req.groups:
        forms.append({x: load.get(g, 0.0) - req.max_share * sum(load.get(h, 0.0) for h in req.groups) for x, load in one.items()})
    return forms


def ratio_forms(req: LoadRatio, model: WeekModel) -> list[dict[str, float]]:
    """The ratio rule as one linear form: ``numerator - max_ratio * denominator`` <= 0."""
    one = _one_each(req, model)
    return [{x: load.get(req.numerator, 0.0) - req.max_ratio * load.get(req.denominator, 0.0) for x, load in one.items()}]
