"""walks: a short activity of its own (a walk) on some days of the week, outside the sessions.

Parameters: ``select`` (the activities that may be the walk; the first one, in catalog order,
that the safety rules allow for the person is used all week; a one-sided exercise never is), ``minutes`` (each walk's length,
1-60), ``days`` (how many days of the week have one, 1-7), ``on_days`` (the weekdays that may
hold one; default: any). Days off training come first, spread over the week; a walk goes beside a
session only when there are too few of them.

A walk is listed apart from the session (``walks`` of a plan day): the session rules (order,
session counts, session time) do not apply to it, while the weekly rules count it (weekly
counts of items, days and distinct exercises, weekly minutes, repeat limits) and every rule
about what may be done at all (exclusions, contraindications, equipment, doses, referrals)
checks it. On a day with a walk the session does not hold the same activity again. When no
selected activity is allowed (excluded, contraindicated, needing equipment the person lacks)
there is no walk, and the rule is missed like any other at its level: a structure rule gives
way visibly, naming the rules that excluded every activity.

Example::

    - id: walk-on-days-off
      kind: walks
      description: A 15-minute walk on three days of the week.
      select: {id: walking}
      minutes: 15
      days: 3
      source: [004_eea2656cb83e4a01.txt]
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, field_validator

from planner.kinds.base import Context, Violation, Week, check_days, check_selectors
from planner.models import Selector, Strict, Word
from planner.requirements import Requirement, Walk

NAME = "walks"


class Params(Strict):
    select: Selector = Selector(id="walking")
    minutes: Annotated[int, Field(ge=1, le=60)]
    days: Annotated[int, Field(ge=1, le=7)]
    on_days: Annotated[list[Word], Field(min_length=1, max_length=7)] | None = None

    @field_validator("days", mode="before")
    @classmethod
    def _count_not_weekdays(cls, value: object) -> object:
        """``days: [sat, sun]`` means weekdays: say that those go in ``on_days``."""
        if isinstance(value, list):
            named = ", ".join(str(v) for v in value)
            raise ValueError(f"the number of walk days (1-7), not the weekdays; to name them, write on_days: [{named}]")
        return value


def validate(params: Params, catalog, doc, path) -> None:
    check_selectors(params, catalog, doc, path, "select")
    check_days(params.on_days, catalog, doc, (*path, "on_days"))


def compile_rule(rule, ctx: Context) -> list[Requirement]:
    p = rule.params
    ids = tuple(x for x in ctx.catalog.exercises if x in ctx.select(p.select))
    on = frozenset(p.on_days) if p.on_days is not None else None
    return [Walk(rule.origin, ids, p.minutes, p.days, on)]


def check(rule, week: Week, ctx: Context) -> list[Violation]:
    """Too few days with a walk of a selected activity (on an allowed day). Walks of other
    activities, or on other days, are another rule's: not this rule's business."""
    p = rule.params
    ids = ctx.select(p.select)
    walked = sum(
        1 for day, entries in week.walks.items()
        if (p.on_days is None or day in p.on_days) and any(e.exercise in ids for e in entries)
    )
    if walked < p.days:
        return [Violation(rule.id, rule.hard, f"walks on {walked} days, needs {p.days}", amount=p.days - walked)]
    return []
