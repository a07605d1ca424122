"""advice: guidance from the sources that no schedule can enforce; printed with every plan.

Parameters: ``text`` (what the person should know, one or two sentences).

Example::

    - id: never-bounce
      kind: advice
      description: Move fluidly; never bounce.
      text: Move slowly and smoothly in every exercise and stretch; never bounce.
      source: [001_abe4b56d6627de42.txt]
"""

from __future__ import annotations

from planner.kinds.base import Context, Violation, Week, no_checks
from planner.models import Strict, Text
from planner.requirements import Advice, Requirement

NAME = "advice"


class Params(Strict):
    text: Text


validate = no_checks


def compile_rule(rule, ctx: Context) -> list[Requirement]:
    return [Advice(rule.origin, rule.params.text)]


def check(rule, week: Week, ctx: Context) -> list[Violation]:
    return []
