"""dose: bounds on the dose of the selected exercises.

Parameters: ``select``, and any of ``sets``, ``reps``, ``hold_s``, ``minutes``, each a
``{min, max}`` mapping. A bound applies only to items whose dose has that field (a plank's hold
is not a rep count). The planner brings a catalog dose inside the bounds (it raises a rep count
that is too low, shortens a hold that is too long) and records the rule in the item's ``why``.

Example::

    - id: enough-reps
      kind: dose
      description: At least 5 repetitions of every exercise done in reps.
      select: {}
      reps: {min: 5}
      source: [001_abe4b56d6627de42.txt]
"""

from __future__ import annotations

from planner.kinds.base import Bounds, Context, Violation, Week, check_selectors
from planner.models import Selector, Strict
from planner.requirements import DoseLimit, Requirement

NAME = "dose"
FIELDS = ("sets", "reps", "hold_s", "minutes")


class Params(Strict):
    select: Selector = Selector()
    sets: Bounds | None = None
    reps: Bounds | None = None
    hold_s: Bounds | None = None
    minutes: Bounds | None = None


def validate(params: Params, catalog, doc, path) -> None:
    check_selectors(params, catalog, doc, path, "select")
    if all(getattr(params, f) is None for f in FIELDS):
        from planner.errors import InputError

        raise InputError("give at least one of sets, reps, hold_s, minutes", doc.where(path))


def compile_rule(rule, ctx: Context) -> list[Requirement]:
    ids = ctx.select(rule.params.select)
    out = []
    for name in FIELDS:
        bounds = getattr(rule.params, name)
        if bounds is not None:
            out.append(DoseLimit(rule.origin, ids, name, bounds.min, bounds.max))
    return out


def check(rule, week: Week, ctx: Context) -> list[Violation]:
    ids = ctx.select(rule.params.select)
    out = []
    for day in week.active_days():
        for entry in week.entries(day):
            if entry.exercise not in ids:
                continue
            for name in FIELDS:
                bounds, value = getattr(rule.params, name), getattr(entry, name)
                if bounds is None or value is None:
                    continue
                if bounds.min is not None and value < bounds.min:
                    out.append(Violation(rule.id, rule.hard, f"{name} {value} is below {bounds.min}", day, entry.exercise))
                if bounds.max is not None and value > bounds.max:
                    out.append(Violation(rule.id, rule.hard, f"{name} {value} is above {bounds.max}", day, entry.exercise))
    return out
