"""refer: no plan at all; tell the person to see a doctor first (exit code 3).

Parameters: ``message``. Always used with ``when:``; a rule without ``when`` would stop every plan.

Example::

    - id: red-flag-acute-pain
      kind: refer
      description: Acute pain or a recent injury needs a doctor's clearance before any exercise.
      when: {conditions: [acute_pain, recent_injury], cleared_by_doctor: false}
      message: See a doctor before starting; come back once they have cleared you to exercise.
      source: [004_eea2656cb83e4a01.txt]
"""

from __future__ import annotations

from planner.kinds.base import Context, Violation, Week, no_checks
from planner.models import Strict, Text
from planner.requirements import Requirement, Stop

NAME = "refer"


class Params(Strict):
    message: Text


validate = no_checks


def compile_rule(rule, ctx: Context) -> list[Requirement]:
    return [Stop(rule.origin, rule.params.message)]


def check(rule, week: Week, ctx: Context) -> list[Violation]:
    if any(entries for _, entries in week.sessions()):
        return [Violation(rule.id, rule.hard, f"no plan should be given: {rule.params.message}")]
    return []
