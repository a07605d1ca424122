"""top_down: work from the neck down: within each block, exercises follow the region order.

Parameters: ``select`` (default: every exercise); ``regions``: the order to follow (default:
the region order of the muscle graph, neck first); ``unlisted``: exercises whose region is not
listed are ``free`` (the default) or come ``last``, after every listed one; ``scope``: the order
applies inside each ``block`` (the default: stretches among stretches, strength among strength)
or across the whole ``session`` (every selected exercise, whatever its block). So
``regions: [neck]`` with ``unlisted: last`` and ``scope: session`` says "the session's stretch
and strength work starts with its neck work".

Unlike ``order`` rules, top-down rules are not checked for cycles when loaded: a session whose
exercises no order can satisfy is one the planner does not build (or a structure rule gives way).

Example::

    - id: neck-first-then-down
      kind: top_down
      description: Stretches and strength work start at the neck and move down to the legs.
      select: {block: [stretch, strength]}
      regions: [neck, upper_back, chest_arms, mid_back, low_back, core, hips, legs]
      source: [001_abe4b56d6627de42.txt]

"""

from __future__ import annotations

from typing import Literal

from planner.kinds.base import Context, Violation, Week, check_selectors
from planner.kinds.order import check_ranks
from planner.loading.words import check_words
from planner.models import Selector, Strict, Word
from planner.requirements import Ordered, Requirement

NAME = "top_down"


class Params(Strict):
    select: Selector = Selector()
    regions: list[Word] | None = None
    unlisted: Literal["free", "last"] = "free"
    scope: Literal["block", "session"] = "block"


def validate(params: Params, catalog, doc, path) -> None:
    check_selectors(params, catalog, doc, path, "select")
    if params.regions is not None:
        check_words(params.regions, catalog.graph.regions, "region", doc, (*path, "regions"))


def block_ranks(rule, ctx: Context) -> dict[str, dict[str, int]]:
    """Per block (or for the whole session: one entry), the rank (position in the region order)
    of each selected exercise; an unlisted region ranks last or not at all."""
    p = rule.params
    regions = p.regions or list(ctx.catalog.graph.regions)
    out: dict[str, dict[str, int]] = {}
    for ex_id in sorted(ctx.select(p.select)):
        ex = ctx.catalog.exercises[ex_id]
        rank = regions.index(ex.region) if ex.region in regions else len(regions) if p.unlisted == "last" else None
        if rank is not None:
            where = ctx.catalog.block(ex) if p.scope == "block" else "session"
            out.setdefault(where, {})[ex_id] = rank
    return out


def compile_rule(rule, ctx: Context) -> list[Requirement]:
    return [Ordered(rule.origin, rank) for rank in block_ranks(rule, ctx).values()]


def check(rule, week: Week, ctx: Context) -> list[Violation]:
    out = []
    for block, rank in block_ranks(rule, ctx).items():
        where = "in the session" if block == "session" else f"in the {block} block"
        out += check_ranks(rule, rank, week, f" (higher up, {where})")
    return out
