"""forbid: never schedule the selected exercises, on any day or only on the given days.

Parameters: ``select`` (a selector), ``days`` (optional list of weekdays; default every day).
Combine with ``when:`` for contraindications ("with asthma, no aerobic activity but walking").

Example::

    - id: no-cable-at-weekends
      kind: forbid
      description: Never schedule cable-machine exercises on Saturday or Sunday.
      select: {equipment: cable_machine}
      days: [sat, sun]
      source: [physio request]
"""

from __future__ import annotations

from planner.kinds.base import Context, Violation, Week, check_days, check_selectors
from planner.models import Selector, Strict, Word
from planner.requirements import Exclude, Requirement

NAME = "forbid"


class Params(Strict):
    select: Selector
    days: list[Word] | None = None


def validate(params: Params, catalog, doc, path) -> None:
    check_selectors(params, catalog, doc, path, "select")
    check_days(params.days, catalog, doc, (*path, "days"))


def compile_rule(rule, ctx: Context) -> list[Requirement]:
    days = frozenset(rule.params.days) if rule.params.days is not None else None
    return [Exclude(rule.origin, ctx.select(rule.params.select), days, reason=rule.header.description)]


def check(rule, week: Week, ctx: Context) -> list[Violation]:
    banned = ctx.select(rule.params.select)
    days = rule.params.days
    out = []
    for day in week.active_days():
        if days is None or day in days:
            for ex in week.all_exercises(day):
                if ex in banned:
                    out.append(Violation(rule.id, rule.hard, "exercise is not allowed here", day, ex))
    return out
