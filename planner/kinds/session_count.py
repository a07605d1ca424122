"""session_count: how many selected exercises each session holds (``min`` and/or ``max``).

Parameters: ``select``, ``min``, ``max``, ``days`` (optional: only sessions on these weekdays).
A unilateral exercise counts once although it shows as a left and a right item.

Example::

    - id: hamstring-stretch-every-session
      kind: session_count
      description: Every session includes at least one hamstring stretch.
      select: {kind: stretch, muscles: hamstrings}
      min: 1
      source: [physio request]
"""

from __future__ import annotations

from planner.kinds.base import Bounds, Context, Violation, Week, check_days, check_selectors
from planner.models import Selector, Word
from planner.requirements import Count, Requirement

NAME = "session_count"


class Params(Bounds):
    select: Selector
    days: list[Word] | None = None


def validate(params: Params, catalog, doc, path) -> None:
    check_selectors(params, catalog, doc, path, "select")
    check_days(params.days, catalog, doc, (*path, "days"))


def compile_rule(rule, ctx: Context) -> list[Requirement]:
    p = rule.params
    days = frozenset(p.days) if p.days is not None else None
    return [Count(rule.origin, ctx.select(p.select), "session", p.min or 0, p.max, "items", days)]


def check(rule, week: Week, ctx: Context) -> list[Violation]:
    p = rule.params
    ids = ctx.select(p.select)
    out = []
    for day, _ in week.sessions():
        if p.days is not None and day not in p.days:
            continue
        n = sum(1 for ex in week.exercises(day) if ex in ids)
        if p.min is not None and n < p.min:
            out.append(Violation(rule.id, rule.hard, f"has {n}, needs at least {p.min}", day, amount=p.min - n))
        if p.max is not None and n > p.max:
            out.append(Violation(rule.id, rule.hard, f"has {n}, allows at most {p.max}", day, amount=n - p.max))
    return out
