"""last_in_session: every session ends with one of the selected exercises.

Parameters: ``select``. A safety or structure rule also asks for at least one of them in every
session (something to end with); a preference only counts the sessions that end otherwise.

Example::

    - id: cool-down-last
      kind: last_in_session
      description: Every session ends with a cool-down.
      select: {block: cooldown}
      source: [physio request]
"""

from __future__ import annotations

from planner.kinds.base import Context, Violation, Week, check_selectors
from planner.models import Selector, Strict
from planner.requirements import Last, Requirement

NAME = "last_in_session"


class Params(Strict):
    select: Selector


def validate(params: Params, catalog, doc, path) -> None:
    check_selectors(params, catalog, doc, path, "select")


def compile_rule(rule, ctx: Context) -> list[Requirement]:
    return [Last(rule.origin, ctx.select(rule.params.select))]


def check(rule, week: Week, ctx: Context) -> list[Violation]:
    ids = ctx.select(rule.params.select)
    out = []
    for day, entries in week.sessions():
        if entries and entries[-1].exercise not in ids:
            out.append(Violation(rule.id, rule.hard, "the session does not end with one", day, entries[-1].exercise))
    return out
