"""Words for people about what the solver found: red flags and conflicting rules.

The solver (:mod:`planner.solver`) reports structured results (rule ids, whether a conflict was
proven); these functions turn them into the errors the CLI prints.
"""

from __future__ import annotations

from collections.abc import Sequence

from planner.errors import InfeasibleError, RedFlagError
from planner.notice import SAFETY_NOTICE
from planner.rules import Rule

__all__ = ["REFUSAL_HEADLINE", "no_session_order", "no_week", "red_flag", "rule_lines", "what_would_help"]


def rule_lines(ids: Sequence[str], rules: Sequence[Rule]) -> str:
    """One line per rule id: its description and where it was written."""
    by_id = {r.id: r for r in rules}
    return "".join(
        f"\n  - {i}: {by_id[i].header.description} ({by_id[i].where})" if i in by_id else f"\n  - {i}" for i in ids
    )


REFUSAL_HEADLINE = "No plan for you yet: please see your doctor first."


def red_flag(message: str, rule_ids: Sequence[str]) -> RedFlagError:
    """The person should see a doctor first: the referrals' messages (``message``, already
    joined) as plain advice, with the safety notice; the rule ids stay on the error
    (``rule_ids``) for programs, out of the words a person reads."""
    text = f"{REFUSAL_HEADLINE}\n\n{message.strip()}\n\n{SAFETY_NOTICE}"
    return RedFlagError(text, rule_ids)


def no_session_order(rule_ids: Sequence[str], rules: Sequence[Rule]) -> InfeasibleError:
    """Weeks exist, but these ordering rules together leave a session no order."""
    return InfeasibleError(
        "no session order satisfies these ordering rules together: " + ", ".join(rule_ids)
        + rule_lines(rule_ids, rules),
        rule_ids,
    )


def no_week(rule_ids: Sequence[str], *, proven: bool, search_gave_up: bool, rules: Sequence[Rule],
            helps: Sequence[str] = ()) -> InfeasibleError:
    """No week meets the hard rules (``search_gave_up``: none was found within the search limit,
    so one may still exist); ``rule_ids`` are the rules most likely in conflict, a minimal set
    when ``proven``. ``helps``: profile changes shown to give a safe week
    (:mod:`planner.solver.suggest`); when there are any, they come first, in plain words, and the
    rules follow."""
    if helps:
        return InfeasibleError(
            "no safe week fits this profile as it is.\n" + what_would_help(helps)
            + "\nThe rules that could not all hold: " + ", ".join(rule_ids) + rule_lines(rule_ids, rules),
            rule_ids,
            proven=proven and not search_gave_up,
        )
    details = rule_lines(rule_ids, rules)
    if search_gave_up:
        return InfeasibleError(
            "no week found within the search limit (one may still exist); the hard rules most "
            "likely in conflict: " + ", ".join(rule_ids) + details,
            rule_ids,
            proven=False,
        )
    qualifier = "" if proven else " (the search limit was reached, so this set may not be minimal)"
    return InfeasibleError(
        "these hard rules cannot all hold for this profile: " + ", ".join(rule_ids) + qualifier + details,
        rule_ids,
        proven=proven,
        no_week=True,
    )


def what_would_help(helps: Sequence[str]) -> str:
    """The changes that were tried and give a safe week, one per line."""
    return "What would help (each change was tried and gives a safe week):" + "".join(f"\n  - {h}" for h in helps)
