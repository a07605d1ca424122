"""balance: no muscle group is over-dominant in the week.

Parameters: ``select`` (which exercises' load counts; default every exercise), ``max_share``
(the largest share of the week's load one group may take, 0-1), ``groups`` (the groups compared;
default every group of the graph). Load is the load model's (:mod:`planner.load`): seconds under
tension, primary muscles full, secondary ones half, a left or right item half; muscles pass their
load up to their groups.

Example::

    - id: no-over-dominant-group
      kind: balance
      description: No muscle group takes more than 30% of the week's strength load.
      severity: soft
      weight: 5
      select: {block: strength}
      max_share: 0.3
      source: [004_eea2656cb83e4a01.txt]
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from planner.kinds.base import Context, Violation, Week, check_selectors
from planner.load import items_load, over_shares
from planner.loading.words import check_words
from planner.models import Selector, Strict, Word
from planner.requirements import LoadShare, Requirement

NAME = "balance"


class Params(Strict):
    select: Selector = Selector()
    max_share: Annotated[float, Field(gt=0, le=1)]
    groups: list[Word] | None = None


def validate(params: Params, catalog, doc, path) -> None:
    check_selectors(params, catalog, doc, path, "select")
    if params.groups is not None:
        check_words(params.groups, catalog.graph.groups, "group", doc, (*path, "groups"))


def groups(rule, ctx: Context) -> tuple[str, ...]:
    return tuple(rule.params.groups or ctx.catalog.graph.groups)


def compile_rule(rule, ctx: Context) -> list[Requirement]:
    return [LoadShare(rule.origin, ctx.select(rule.params.select), groups(rule, ctx), rule.params.max_share)]


def week_load(ids: frozenset[str] | None, week: Week, ctx: Context) -> dict[str, float]:
    """Load per graph node from the week's session entries (those in ``ids`` when given)."""
    items = ((e.exercise, e.side, e) for _, entries in week.sessions() for e in entries)
    return items_load(ctx.catalog, items, ids)


def check(rule, week: Week, ctx: Context) -> list[Violation]:
    names = groups(rule, ctx)
    load = week_load(ctx.select(rule.params.select), week, ctx)
    out = []
    for group, share in over_shares(load, names, rule.params.max_share):
        message = f"{group} takes {share:.0%} of the load, more than {rule.params.max_share:.0%}"
        out.append(Violation(rule.id, rule.hard, message, amount=share - rule.params.max_share))
    return out
