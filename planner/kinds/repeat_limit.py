"""repeat_limit: each selected exercise appears on at most ``max_days`` days of the week.

Parameters: ``select`` (default: every exercise), ``max_days``. A day with a walk of the
exercise (``walks`` rules) counts as one of its days.

Example::

    - id: vary-the-week
      kind: repeat_limit
      description: No single exercise on more than three days a week.
      select: {}
      max_days: 3
      source: [004_eea2656cb83e4a01.txt]
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from planner.kinds.base import Context, Violation, Week, check_selectors
from planner.models import Selector, Strict
from planner.requirements import Count, Requirement

NAME = "repeat_limit"


class Params(Strict):
    select: Selector = Selector()
    max_days: Annotated[int, Field(ge=1, le=7)]


def validate(params: Params, catalog, doc, path) -> None:
    check_selectors(params, catalog, doc, path, "select")


def compile_rule(rule, ctx: Context) -> list[Requirement]:
    p = rule.params
    return [Count(rule.origin, frozenset([ex]), "week", 0, p.max_days, "days") for ex in sorted(ctx.select(p.select))]


def check(rule, week: Week, ctx: Context) -> list[Violation]:
    p = rule.params
    ids = ctx.select(p.select)
    days_of: dict[str, int] = {}
    for day in week.active_days():
        for ex in week.all_exercises(day):
            if ex in ids:
                days_of[ex] = days_of.get(ex, 0) + 1
    return [
        Violation(rule.id, rule.hard, f"on {n} days, at most {p.max_days} allowed", exercise=ex, amount=n - p.max_days)
        for ex, n in days_of.items()
        if n > p.max_days
    ]
