"""session_time: a session fits the time the person has.

Parameters: ``max_minutes`` (default: the profile's ``session_minutes``). A session's time is
estimated by the time model of ``planner/timing.py`` (docs/catalog.md): its items' doses,
rests and changeovers, and the moves between the positions of consecutive items.

Example::

    - id: fits-the-time
      kind: session_time
      description: A session fits in the minutes the person has, so they do not overdo it.
      source: [001_abe4b56d6627de42.txt]
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from planner.kinds.base import Context, Violation, Week, no_checks
from planner.models import Strict
from planner.requirements import Requirement, SessionTime
from planner.timing import session_seconds, whole_minutes

NAME = "session_time"


class Params(Strict):
    max_minutes: Annotated[int, Field(ge=5, le=300)] | None = None


validate = no_checks


def limit(rule, ctx: Context) -> int:
    return rule.params.max_minutes or ctx.profile.session_minutes


def compile_rule(rule, ctx: Context) -> list[Requirement]:
    return [SessionTime(rule.origin, limit(rule, ctx) * 60)]


def check(rule, week: Week, ctx: Context) -> list[Violation]:
    out = []
    exercises = ctx.catalog.exercises
    for day, entries in week.sessions():
        seconds = session_seconds(
            (entry.dose().seconds(), exercises[entry.exercise].position if entry.exercise in exercises else "standing")
            for entry in entries
        )
        if seconds > limit(rule, ctx) * 60:
            message = f"takes about {whole_minutes(seconds)} min, more than {limit(rule, ctx)}"
            out.append(Violation(rule.id, rule.hard, message, day, amount=(seconds - limit(rule, ctx) * 60) / 60))
    return out
