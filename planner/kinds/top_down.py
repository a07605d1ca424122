"""top_down: work from the neck down: within each block, exercises follow the region order.

Parameters: ``select`` (default: every exercise); ``regions``: the order to follow (default:
the region order of the muscle graph, neck first); exercises whose region is not listed are free.
The order applies inside each block (stretches among stretches, strength among strength).

Example::

    - id: neck-first-then-down
      kind: top_down
      description: Stretches and strength work start at the neck and move down to the legs.
      select: {block: [stretch, strength]}
      regions: [neck, upper_back, chest_arms, mid_back, low_back, core, hips, legs]
      source: [001_abe4b56d6627de42.txt]
"""

from __future__ import annotations

from planner.kinds.base import Context, Violation, Week, check_selectors
from planner.kinds.order import check_ranks
from planner.loading.words import check_words
from planner.models import Selector, Strict, Word
from planner.requirements import Ordered, Requirement

NAME = "top_down"


class Params(Strict):
    select: Selector = Selector()
    regions: list[Word] | None = None


def validate(params: Params, catalog, doc, path) -> None:
    check_selectors(params, catalog, doc, path, "select")
    if params.regions is not None:
        check_words(params.regions, catalog.graph.regions, "region", doc, (*path, "regions"))


def block_ranks(rule, ctx: Context) -> dict[str, dict[str, int]]:
    """Per block, the rank (position in the region order) of each selected exercise."""
    regions = rule.params.regions or list(ctx.catalog.graph.regions)
    out: dict[str, dict[str, int]] = {}
    for ex_id in sorted(ctx.select(rule.params.select)):
        ex = ctx.catalog.exercises[ex_id]
        if ex.region in regions:
            out.setdefault(ctx.catalog.block(ex), {})[ex_id] = regions.index(ex.region)
    return out


def compile_rule(rule, ctx: Context) -> list[Requirement]:
    return [Ordered(rule.origin, rank) for rank in block_ranks(rule, ctx).values()]


def check(rule, week: Week, ctx: Context) -> list[Violation]:
    out = []
    for block, rank in block_ranks(rule, ctx).items():
        out += check_ranks(rule, rank, week, f" (higher up, in the {block} block)")
    return out
