"""not_consecutive: selected work never falls on two calendar-consecutive days.

Parameters: ``select``; ``by``: ``group`` (the default: the limit applies per muscle group of
the graph, judged by primary muscles, so legs one day and back the next is fine) or ``all``
(the selection as a whole); ``wrap`` (default true: the week repeats, so Sunday and Monday
count as consecutive).

Example::

    - id: no-neck-work-back-to-back
      kind: not_consecutive
      description: No neck work on consecutive days.
      select: {region: neck}
      by: all
      source: [physio request]
"""

from __future__ import annotations

from itertools import pairwise
from typing import Literal

from planner.kinds.base import Context, Violation, Week, check_selectors
from planner.models import Selector, Strict
from planner.requirements import Apart, Requirement

NAME = "not_consecutive"


class Params(Strict):
    select: Selector
    by: Literal["group", "all"] = "group"
    wrap: bool = True


def validate(params: Params, catalog, doc, path) -> None:
    check_selectors(params, catalog, doc, path, "select")


def _sets(rule, ctx: Context) -> list[tuple[str, frozenset[str]]]:
    ids = ctx.select(rule.params.select)
    if rule.params.by == "all":
        return [("the selection", ids)]
    graph, catalog = ctx.catalog.graph, ctx.catalog
    out = []
    for group in graph.groups:
        members = frozenset(ex for ex in ids if graph.works(catalog.exercises[ex].muscles.primary, group))
        if members:
            out.append((group, members))
    return out


def compile_rule(rule, ctx: Context) -> list[Requirement]:
    return [Apart(rule.origin, members, rule.params.wrap, label) for label, members in _sets(rule, ctx)]


def consecutive_pairs(days: list[str], wrap: bool) -> list[tuple[str, str]]:
    pairs = list(pairwise(days))
    return pairs + [(days[-1], days[0])] if wrap else pairs


def check(rule, week: Week, ctx: Context) -> list[Violation]:
    out = []
    order = list(week.days)
    for label, members in _sets(rule, ctx):
        for a, b in consecutive_pairs(order, rule.params.wrap):
            if members & set(week.exercises(a)) and members & set(week.exercises(b)):
                out.append(Violation(rule.id, rule.hard, f"{label} is worked on {a} and again on {b}", b))
    return out
