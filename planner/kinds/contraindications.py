"""contraindications: leave out every exercise whose own ``contraindications`` list names one
of the person's conditions.

No parameters. (Contraindications that cover a whole class of exercises, such as the dumbbell
list, are better written as a ``forbid`` rule with ``when: {conditions: [...]}``.)

Example::

    - id: exercise-contraindications
      kind: contraindications
      description: Skip any exercise contraindicated for one of the person's conditions.
      source: [003_7929659146c9c624.txt]
"""

from __future__ import annotations

from planner.kinds.base import Context, NoParams, Violation, Week, no_checks
from planner.requirements import Exclude, Requirement

NAME = "contraindications"
Params = NoParams
validate = no_checks


def _clash(ctx: Context, exercise_id: str) -> list[str]:
    return sorted(set(ctx.catalog.exercises[exercise_id].contraindications) & set(ctx.profile.conditions))


def compile_rule(rule, ctx: Context) -> list[Requirement]:
    ids = frozenset(ex for ex in ctx.catalog.exercises if _clash(ctx, ex))
    return [Exclude(rule.origin, ids, reason="contraindicated for a condition in the profile")]


def check(rule, week: Week, ctx: Context) -> list[Violation]:
    out = []
    for day in week.active_days():
        for ex in week.all_exercises(day):
            clash = _clash(ctx, ex)
            if clash:
                out.append(Violation(rule.id, rule.hard, f"contraindicated with {', '.join(clash)}", day, ex))
    return out
