"""weekly_minutes: how much time the whole week spends on the selected exercises (``min`` and/or
``max``, in minutes).

Parameters: ``select`` (default: every exercise), ``min``, ``max``. Times are the estimates a
plan shows (see ``Dose.seconds`` and docs/catalog.md: sets, rests and the change to each item
included), summed in seconds: the plan rounds each day up to a whole minute, so its days may
add up to a minute or two more than the cap. ``weekly_count`` with ``count: minutes`` is the
same rule. Walks (``walks`` rules) count with the sessions.

Example::

    - id: at-most-100-minutes
      kind: weekly_minutes
      description: At most 100 minutes of exercise a week.
      max: 100
      source: [physio request]
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from planner.kinds.base import Context, Violation, Week, check_selectors
from planner.models import Selector, Strict
from planner.requirements import Requirement, WeekTime

NAME = "weekly_minutes"

WeekMinutes = Annotated[int, Field(ge=0, le=10_080)]


class Params(Strict):
    select: Selector = Selector()
    min: WeekMinutes | None = None
    max: WeekMinutes | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Params:
        if self.min is None and self.max is None:
            raise ValueError("give min, max or both")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min ({self.min}) is greater than max ({self.max})")
        return self


def validate(params: Params, catalog, doc, path) -> None:
    check_selectors(params, catalog, doc, path, "select")


def requirement(rule, ctx: Context, select: Selector, low: int | None, high: int | None) -> WeekTime:
    """The requirement of a weekly time rule (also ``weekly_count`` with ``count: minutes``)."""
    return WeekTime(rule.origin, ctx.select(select), None if low is None else low * 60, None if high is None else high * 60)


def compile_rule(rule, ctx: Context) -> list[Requirement]:
    p = rule.params
    return [requirement(rule, ctx, p.select, p.min, p.max)]


def violations(rule, week: Week, ctx: Context, select: Selector, low: int | None, high: int | None) -> list[Violation]:
    ids = ctx.select(select)
    seconds = sum(e.dose().seconds() for day in week.active_days() for e in week.entries(day) if e.exercise in ids)
    minutes = round(seconds / 60)
    if high is not None and seconds > high * 60:
        message = f"the week takes about {minutes} min, more than {high}"
        return [Violation(rule.id, rule.hard, message, amount=(seconds - high * 60) / 60)]
    if low is not None and seconds < low * 60:
        message = f"the week takes about {minutes} min, less than {low}"
        return [Violation(rule.id, rule.hard, message, amount=(low * 60 - seconds) / 60)]
    return []


def check(rule, week: Week, ctx: Context) -> list[Violation]:
    p = rule.params
    return violations(rule, week, ctx, p.select, p.min, p.max)
