"""profile_exclude: honour the profile's ``exclude`` list of exercise ids.

No parameters.

Example::

    - id: profile-exclusions
      kind: profile_exclude
      description: Never schedule an exercise the person asked to leave out.
      source: [003_7929659146c9c624.txt]
"""

from __future__ import annotations

from planner.kinds.base import Context, NoParams, Violation, Week, no_checks
from planner.requirements import Exclude, Requirement

NAME = "profile_exclude"
Params = NoParams
validate = no_checks


def compile_rule(rule, ctx: Context) -> list[Requirement]:
    return [Exclude(rule.origin, frozenset(ctx.profile.exclude), reason="excluded by the profile")]


def check(rule, week: Week, ctx: Context) -> list[Violation]:
    excluded = set(ctx.profile.exclude)
    return [
        Violation(rule.id, rule.hard, "excluded by the profile", day, ex)
        for day in week.active_days()
        for ex in week.all_exercises(day)
        if ex in excluded
    ]
