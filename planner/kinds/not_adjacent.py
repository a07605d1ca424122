"""not_adjacent: never two of the selected exercises in a row within a session.

Parameters: ``select``. Two different selected exercises may not follow each other; something
else must come between them (the left and right items of one one-sided exercise are one
exercise, done back to back).

Example::

    - id: no-two-planks-in-a-row
      kind: not_adjacent
      description: Never two plank variations one after the other.
      select: {tags: plank}
      source: [physio request]
"""

from __future__ import annotations

from itertools import pairwise

from planner.kinds.base import Context, Violation, Week, check_selectors
from planner.models import Selector, Strict
from planner.requirements import NotAdjacent, Requirement

NAME = "not_adjacent"


class Params(Strict):
    select: Selector


def validate(params: Params, catalog, doc, path) -> None:
    check_selectors(params, catalog, doc, path, "select")


def compile_rule(rule, ctx: Context) -> list[Requirement]:
    return [NotAdjacent(rule.origin, ctx.select(rule.params.select))]


def check(rule, week: Week, ctx: Context) -> list[Violation]:
    ids = ctx.select(rule.params.select)
    out = []
    for day, entries in week.sessions():
        for before, after in pairwise(entries):
            if before.exercise != after.exercise and before.exercise in ids and after.exercise in ids:
                out.append(Violation(rule.id, rule.hard, f"follows {before.exercise} directly", day, after.exercise))
    return out
