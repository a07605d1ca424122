"""The solver's side of the load model (:mod:`planner.load`): loads of a placed week, and the
load rules (balance, load ratio) measured on it and written as linear forms.

An exercise placed on a day is one occurrence: the load model's item load at its dose, once for a
bilateral exercise and twice at half (a left and a right item) for a unilateral one, which is the
same. That load does not depend on the day, so each load rule is linear in the exercises chosen
(:func:`share_forms`, :func:`ratio_forms`): a backend prunes partial weeks with them, whatever
the measure, since every form is built from the same per-occurrence loads the checks add up.
"""

from __future__ import annotations

from planner.load import TOLERANCE, add, item_load, over_shares, ratio_amount
from planner.requirements import LoadRatio, LoadShare
from planner.solver.model import WeekModel

__all__ = ["occurrence_load", "week_load", "share_excess", "ratio_excess", "share_forms", "ratio_forms", "TOLERANCE"]


def occurrence_load(model: WeekModel, ex_id: str) -> dict[str, float]:
    """Load per graph node of one occurrence of ``ex_id`` at its dose in ``model``."""
    dose = model.doses[ex_id]
    key = (ex_id, dose)  # keyed by the dose too: a copy of the model with other doses shares the cache
    if key not in model.loads:
        catalog = model.catalog
        sides = ("left", "right") if catalog.exercises[ex_id].side == "unilateral" else ("both",)
        load: dict[str, float] = {}
        for side in sides:
            add(load, item_load(catalog, ex_id, side, dose))
        model.loads[key] = load
    return model.loads[key]


def week_load(model: WeekModel, per_day: dict[str, list[str]], ids: frozenset[str]) -> dict[str, float]:
    """Load per graph node from the exercises of ``ids`` placed in ``per_day``."""
    total: dict[str, float] = {}
    for exercises in per_day.values():
        for ex_id in exercises:
            if ex_id in ids:
                add(total, occurrence_load(model, ex_id))
    return total


def share_excess(req: LoadShare, model: WeekModel, per_day: dict[str, list[str]],
                 load: dict[str, float] | None = None) -> float:
    """How far the groups' shares of the load go over ``max_share``, added up (as the
    ``balance`` kind counts it); ``load``: the week's load of ``req.ids``, when known."""
    load = week_load(model, per_day, req.ids) if load is None else load
    return sum(share - req.max_share for _, share in over_shares(load, req.groups, req.max_share))


def ratio_excess(req: LoadRatio, model: WeekModel, per_day: dict[str, list[str]],
                 load: dict[str, float] | None = None) -> float:
    """How far the numerator's load goes over ``max_ratio`` times the denominator's, as a
    fraction of their load (as the ``load_ratio`` kind counts it); ``load``: the week's load of
    ``req.ids``, when known."""
    load = week_load(model, per_day, req.ids) if load is None else load
    return ratio_amount(load, req.numerator, req.denominator, req.max_ratio)


def _one_each(req: LoadShare | LoadRatio, model: WeekModel) -> dict[str, dict[str, float]]:
    return {x: occurrence_load(model, x) for x in req.ids if x in model.doses}


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
