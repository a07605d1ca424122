"""refer: no plan at all; tell the person to see a doctor first (exit code 3).

Parameters: ``message`` (plain words for the person: what to do and why), and
``list_conditions`` (optional, default false): when true, the message is followed by each of the
person's conditions that the vocabulary marks ``clearance: required``, with the vocabulary's
reason. Always used with ``when:``; a rule without ``when`` would stop every plan. When several
referrals apply, the person reads all their messages, in rule order.

Example::

    - id: clearance-before-starting
      kind: refer
      description: Conditions the vocabulary marks as needing clearance stop the plan until cleared.
      when: {needs_clearance: true, cleared_by_doctor: false}
      message: Some of your health conditions need your doctor's go-ahead before you start.
      list_conditions: true
      source: [003_7929659146c9c624.txt]
"""

from __future__ import annotations

from planner.kinds.base import Context, Violation, Week, no_checks
from planner.models import Strict, Text
from planner.requirements import Requirement, Stop

NAME = "refer"


class Params(Strict):
    message: Text
    list_conditions: bool = False


validate = no_checks


def message(rule, ctx: Context) -> str:
    """The rule's message, followed by the person's conditions needing clearance when asked."""
    text = rule.params.message.strip()
    if not rule.params.list_conditions:
        return text
    conditions = ctx.catalog.vocab.conditions
    lines = [
        f"  - {conditions[c].description}: {conditions[c].reason or 'ask your doctor first'}"
        for c in ctx.profile.conditions
        if c in conditions and conditions[c].clearance == "required"
    ]
    return "\n".join([text, *lines]) if lines else text


def compile_rule(rule, ctx: Context) -> list[Requirement]:
    return [Stop(rule.origin, message(rule, ctx))]


def check(rule, week: Week, ctx: Context) -> list[Violation]:
    if any(week.entries(day) for day in week.active_days()):
        return [Violation(rule.id, rule.hard, f"no plan should be given: {message(rule, ctx)}")]
    return []
