"""weekly_count: how much of the selection the whole week holds (``min`` and/or ``max``).

Parameters: ``select``; ``count``: ``items`` (every occurrence, the default), ``days`` (days
that have at least one), ``distinct`` (different exercises) or ``minutes`` (the time they take,
as ``weekly_minutes`` counts it); ``min``; ``max``. Walks (``walks`` rules, listed apart from
the sessions) count too: a walk day is a day of exercise, a walk an item.

Example::

    - id: side-plank-twice
      kind: weekly_count
      description: A side plank on at least two days a week.
      select: {tags: plank, position: side}
      count: days
      min: 2
      source: [physio request]
"""

from __future__ import annotations

from typing import Literal

from planner.kinds import weekly_minutes
from planner.kinds.base import Bounds, Context, Violation, Week, check_selectors
from planner.models import Selector
from planner.requirements import Count, Requirement

NAME = "weekly_count"


class Params(Bounds):
    select: Selector
    count: Literal["items", "days", "distinct", "minutes"] = "items"


def validate(params: Params, catalog, doc, path) -> None:
    check_selectors(params, catalog, doc, path, "select")


def compile_rule(rule, ctx: Context) -> list[Requirement]:
    p = rule.params
    if p.count == "minutes":
        return [weekly_minutes.requirement(rule, ctx, p.select, p.min, p.max)]
    return [Count(rule.origin, ctx.select(p.select), "week", p.min or 0, p.max, p.count)]


def measure(ids: frozenset[str], week: Week, how: str) -> int:
    per_day = [[ex for ex in week.all_exercises(day) if ex in ids] for day in week.active_days()]
    if how == "items":
        return sum(len(x) for x in per_day)
    if how == "days":
        return sum(1 for x in per_day if x)
    return len({ex for x in per_day for ex in x})


def check(rule, week: Week, ctx: Context) -> list[Violation]:
    p = rule.params
    if p.count == "minutes":
        return weekly_minutes.violations(rule, week, ctx, p.select, p.min, p.max)
    n = measure(ctx.select(p.select), week, p.count)
    what = {"items": "times", "days": "days", "distinct": "different exercises"}[p.count]
    if p.min is not None and n < p.min:
        return [Violation(rule.id, rule.hard, f"the week has {n} {what}, needs at least {p.min}", amount=p.min - n)]
    if p.max is not None and n > p.max:
        return [Violation(rule.id, rule.hard, f"the week has {n} {what}, allows at most {p.max}", amount=n - p.max)]
    return []
