"""equipment_owned: only exercises whose every required piece of equipment the person owns.

No parameters; reads ``equipment`` from the profile. Only an exercise's ``equipment`` (what it
needs) counts; its ``recommended`` list (e.g. a mat, where a carpet or folded towel will do) never
keeps an exercise out, and the plan shows it as "mat recommended".

Example::

    - id: own-equipment
      kind: equipment_owned
      description: Use only equipment the person has.
      source: [000_ad4594d711c38d0b.txt]
"""

from __future__ import annotations

from planner.kinds.base import Context, NoParams, Violation, Week, no_checks
from planner.requirements import Exclude, Requirement

NAME = "equipment_owned"
Params = NoParams
validate = no_checks


def _missing(ctx: Context, exercise_id: str) -> list[str]:
    owned = set(ctx.profile.equipment)
    return [e for e in ctx.catalog.exercises[exercise_id].equipment if e not in owned]


def compile_rule(rule, ctx: Context) -> list[Requirement]:
    ids = frozenset(ex for ex in ctx.catalog.exercises if _missing(ctx, ex))
    return [Exclude(rule.origin, ids, reason="needs equipment the person does not have")]


def check(rule, week: Week, ctx: Context) -> list[Violation]:
    out = []
    for day in week.active_days():
        for ex in week.all_exercises(day):
            missing = _missing(ctx, ex)
            if missing:
                out.append(Violation(rule.id, rule.hard, f"needs {', '.join(missing)}, not in the profile", day, ex))
    return out
