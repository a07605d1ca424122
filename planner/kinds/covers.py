"""covers: every session (or the week) works each of the named muscles, groups or regions.

Parameters: ``muscles`` (names from the muscle graph, e.g. ``[core, hips, legs]``), ``per``
(``session``, the default, or ``week``), ``select`` (optional: only these exercises count),
``count`` (``any``, the default: an exercise works a name when one of its primary or secondary
muscles belongs to it; ``primary``: only its primary muscles count, so a walking warm-up that
steadies the trunk is not core work).

Example::

    - id: core-and-legs-strength
      kind: covers
      description: Every session has strength work whose main muscles are the core, and the legs.
      muscles: [core, legs]
      per: session
      count: primary
      select: {block: strength}
      source: [000_ad4594d711c38d0b.txt]
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from planner.errors import InputError
from planner.kinds.base import Context, Violation, Week, check_selectors
from planner.loading.words import check_words
from planner.models import Selector, Strict, Word
from planner.requirements import Count, Requirement

NAME = "covers"


class Params(Strict):
    muscles: Annotated[list[Word], Field(min_length=1, max_length=100)]
    per: Literal["session", "week"] = "session"
    select: Selector = Selector()
    count: Literal["any", "primary"] = "any"


def _muscles(catalog, ex_id: str, count: str) -> list[str]:
    """The muscles of an exercise that count: primary and secondary, or primary only."""
    return list(catalog.exercises[ex_id].muscles.primary) if count == "primary" else catalog.muscles(ex_id)


def validate(params: Params, catalog, doc, path) -> None:
    check_words(params.muscles, catalog.graph.names, "muscle, group or region", doc, (*path, "muscles"))
    check_selectors(params, catalog, doc, path, "select")
    for i, name in enumerate(params.muscles):
        if not any(catalog.graph.works(_muscles(catalog, ex, params.count), name) for ex in catalog.exercises):
            how = "as a primary muscle " if params.count == "primary" else ""
            raise InputError(f'no exercise in the catalog works "{name}" {how}'.rstrip(), doc.where((*path, "muscles", i)))


def _working(ctx: Context, rule, name: str, pool: frozenset[str]) -> frozenset[str]:
    graph, count = ctx.catalog.graph, rule.params.count
    return frozenset(ex for ex in pool if graph.works(_muscles(ctx.catalog, ex, count), name))


def compile_rule(rule, ctx: Context) -> list[Requirement]:
    pool = ctx.select(rule.params.select)
    return [Count(rule.origin, _working(ctx, rule, name, pool), rule.params.per, 1) for name in rule.params.muscles]


def check(rule, week: Week, ctx: Context) -> list[Violation]:
    pool = ctx.select(rule.params.select)
    out = []
    if rule.params.per == "week":
        done = {ex for day, _ in week.sessions() for ex in week.exercises(day)}
        for name in rule.params.muscles:
            if not done & _working(ctx, rule, name, pool):
                out.append(Violation(rule.id, rule.hard, f"nothing in the week works {name}"))
        return out
    for day, _ in week.sessions():
        done = set(week.exercises(day))
        for name in rule.params.muscles:
            if not done & _working(ctx, rule, name, pool):
                out.append(Violation(rule.id, rule.hard, f"nothing in the session works {name}", day))
    return out
