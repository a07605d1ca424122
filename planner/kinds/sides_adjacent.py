"""sides_adjacent: a one-sided exercise is done left and right back to back, never all the left
sides first and all the right sides later.

Parameters: ``select`` (default: every unilateral exercise). The planner also alternates which
side leads from one unilateral exercise to the next.

Example::

    - id: alternate-sides
      kind: sides_adjacent
      description: Mix sides; do the left and right of an exercise one after the other.
      select: {side: unilateral}
      source: [001_abe4b56d6627de42.txt]
"""

from __future__ import annotations

from planner.kinds.base import Context, Violation, Week, check_selectors
from planner.models import Selector, Strict
from planner.requirements import Adjacent, Requirement

NAME = "sides_adjacent"


class Params(Strict):
    select: Selector = Selector(side="unilateral")


def validate(params: Params, catalog, doc, path) -> None:
    check_selectors(params, catalog, doc, path, "select")


def compile_rule(rule, ctx: Context) -> list[Requirement]:
    ids = frozenset(e for e in ctx.select(rule.params.select) if ctx.catalog.exercises[e].side == "unilateral")
    return [Adjacent(rule.origin, ids)]


def check(rule, week: Week, ctx: Context) -> list[Violation]:
    ids = ctx.select(rule.params.select)
    out = []
    for day, entries in week.sessions():
        for ex in week.exercises(day):
            if ex not in ids or ctx.catalog.exercises[ex].side != "unilateral":
                continue
            spots = [(i, e.side) for i, e in enumerate(entries) if e.exercise == ex]
            sides = sorted(s for _, s in spots)
            if sides != ["left", "right"]:
                out.append(Violation(rule.id, rule.hard, f"needs one left and one right item, has {sides}", day, ex))
            elif abs(spots[0][0] - spots[1][0]) != 1:
                out.append(Violation(rule.id, rule.hard, "left and right are not next to each other", day, ex))
    return out
