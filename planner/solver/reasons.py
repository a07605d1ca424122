"""Why each item is in the plan: the rule ids that placed it, dosed it or split its sides."""

from __future__ import annotations

from planner.solver.compiled import Compiled
from planner.solver.model import PlacedWeek, WeekModel
from planner.solver.requirement_types import treatment
from planner.solver.solution import Item

__all__ = ["why", "expand"]


def why(compiled: Compiled, model: WeekModel, per_day: dict[str, list[str]], day: str, ex_id: str) -> tuple[str, ...]:
    """Rule ids behind this item: requirements that explain it (``explains`` in
    :mod:`planner.solver.requirement_types`: counts it is needed for, rules that placed it or
    split its sides) and dose rules that changed its dose, in rule-file order."""
    week = PlacedWeek(model, per_day)
    reasons = [r.origin.rule_id for r in compiled.requirements if treatment(r).explains(r, week, day, ex_id)]
    reasons.extend(model.dose_why.get(ex_id, []))
    order = compiled.positions()
    return tuple(sorted(set(reasons), key=lambda r: order.get(r, len(order))))


def expand(compiled: Compiled, model: WeekModel, ordered: dict[str, list[str]], day: str) -> list[Item]:
    """The day's plan items: a unilateral exercise is a left and a right item, back to back,
    the leading side alternating from one unilateral exercise to the next."""
    catalog = compiled.ctx.catalog
    items: list[Item] = []
    lead_left = True
    for ex_id in ordered[day]:
        reasons = why(compiled, model, ordered, day, ex_id)
        dose = model.doses[ex_id]
        if catalog.exercises[ex_id].side == "unilateral":
            sides = ("left", "right") if lead_left else ("right", "left")
            lead_left = not lead_left
            items.extend(Item(ex_id, s, dose, reasons) for s in sides)
        else:
            items.append(Item(ex_id, "both", dose, reasons))
    return items
