"""load_ratio: the week's load on one muscle, group or region stays within a multiple of another's.

Parameters: ``select`` (which exercises' load counts; default every exercise), ``numerator``,
``denominator`` (muscle-graph names), ``max_ratio``. Load is the load model's, as for ``balance``
(:mod:`planner.load`). A week that loads the numerator but not the denominator at all breaks the
rule. The amount missed is the excess as a fraction of the two parts' load
(:func:`planner.load.ratio_amount`). Two rules, one each way, make a band: ``a:b`` at most 1.0
and ``b:a`` at most 2.0 keep ``a:b`` between 0.5 and 1.0.

Example::

    - id: glutes-vs-back-extensors
      kind: load_ratio
      description: Glute load at most 1.5 times the back-extensor load.
      numerator: glutes
      denominator: erectors
      max_ratio: 1.5
      source: [physio request]
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from planner.errors import InputError
from planner.kinds.balance import week_load
from planner.kinds.base import Context, Violation, Week, check_selectors
from planner.load import ratio_amount, ratio_text
from planner.loading.words import check_word
from planner.models import Selector, Strict, Word
from planner.requirements import LoadRatio, Requirement

NAME = "load_ratio"


class Params(Strict):
    select: Selector = Selector()
    numerator: Word
    denominator: Word
    max_ratio: Annotated[float, Field(gt=0, le=100)]


def validate(params: Params, catalog, doc, path) -> None:
    check_selectors(params, catalog, doc, path, "select")
    check_word(params.numerator, catalog.graph.names, "muscle, group or region", doc, (*path, "numerator"))
    check_word(params.denominator, catalog.graph.names, "muscle, group or region", doc, (*path, "denominator"))
    problem = catalog.graph.overlap(params.numerator, params.denominator)
    if problem:
        raise InputError(f"a load ratio compares two separate parts: {problem}", doc.where((*path, "denominator")))


def compile_rule(rule, ctx: Context) -> list[Requirement]:
    p = rule.params
    return [LoadRatio(rule.origin, ctx.select(p.select), p.numerator, p.denominator, p.max_ratio)]


def check(rule, week: Week, ctx: Context) -> list[Violation]:
    p = rule.params
    load = week_load(ctx.select(p.select), week, ctx)
    amount = ratio_amount(load, p.numerator, p.denominator, p.max_ratio)
    if amount:
        ratio = ratio_text(load.get(p.numerator, 0.0), load.get(p.denominator, 0.0))
        message = f"{p.numerator}:{p.denominator} load ratio is {ratio}, above {p.max_ratio}"
        return [Violation(rule.id, rule.hard, message, amount=amount)]
    return []
