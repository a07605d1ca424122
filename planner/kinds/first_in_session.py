"""first_in_session: every session opens with one of the selected exercises.

Parameters: ``select``. Pair it with a ``session_count`` rule (``min: 1``) so that a session
always has one to open with.

Example::

    - id: warm-up-first
      kind: first_in_session
      description: Every session starts with a warm-up.
      select: {block: warmup}
      source: [000_ad4594d711c38d0b.txt]
"""

from __future__ import annotations

from planner.kinds.base import Context, Violation, Week, check_selectors
from planner.models import Selector, Strict
from planner.requirements import First, Requirement

NAME = "first_in_session"


class Params(Strict):
    select: Selector


def validate(params: Params, catalog, doc, path) -> None:
    check_selectors(params, catalog, doc, path, "select")


def compile_rule(rule, ctx: Context) -> list[Requirement]:
    return [First(rule.origin, ctx.select(rule.params.select))]


def check(rule, week: Week, ctx: Context) -> list[Violation]:
    ids = ctx.select(rule.params.select)
    out = []
    for day, entries in week.sessions():
        if entries and entries[0].exercise not in ids:
            out.append(Violation(rule.id, rule.hard, "the session does not open with one", day, entries[0].exercise))
    return out
