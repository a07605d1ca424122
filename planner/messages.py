"""Words for people about what the solver found: red flags, conflicting rules, structure rules
that gave way and dose rules that leave no dose.

The solver (:mod:`planner.solver`) reports structured results (rule ids, whether a conflict was
proven); these functions turn them into the errors the CLI prints and the plan's notes and
reasons (:func:`planner.assemble.to_plan`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from planner.errors import InfeasibleError, RedFlagError
from planner.notice import SAFETY_NOTICE
from planner.rules import Rule

if TYPE_CHECKING:
    from planner.models import Profile

__all__ = ["REFUSAL_HEADLINE", "dose_notes", "gave_way_reason", "no_session_order", "no_week", "red_flag", "rule_lines",
           "time_caps", "what_would_help"]


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


def time_caps(rules: Sequence[Rule], profile: Profile) -> list[Rule]:
    """The hard rules that cap the week's minutes (``weekly_minutes``, or ``weekly_count`` counting
    minutes, with a ``max``) and apply to ``profile``: the cause search looks at one session at a
    time, so a week's cap is named apart when nothing else is found."""
    def caps(rule: Rule) -> bool:
        name = rule.header.kind
        minutes = name == "weekly_minutes" or (name == "weekly_count" and getattr(rule.params, "count", "") == "minutes")
        return minutes and getattr(rule.params, "max", None) is not None
    return [r for r in rules if r.hard and not r.off and r.applies(profile) and caps(r)]


def gave_way_reason(because: Sequence[str], described: dict[str, str], proven: bool = True,
                    minutes: int | None = None, caps: Sequence[Rule] = ()) -> str:
    """Why a structure rule gave way, in the words of the rules it could not fit beside.

    With no such rule, either a hard cap on the week's minutes left no room (named), or the
    safety rules alone would allow it: the other session and week rules, in the minutes a session
    has, are what left no room. When the search for the cause stopped early, the rules named may
    be only part of it, and the plan says so.
    """
    if not because and caps:
        named = " ".join(f"{described.get(r.id, r.id).rstrip('.')} ({r.id})." for r in caps)
        return f"There was no room for it beside the other rules within the week's time limit: {named}"
    if not because:
        room = f"in {minutes}-minute sessions" if minutes else "in the time the sessions have"
        return ("The safety rules alone would allow it; there was no room for it beside the other "
                f"session and week rules {room}.")
    text = "It does not fit beside: " + " ".join(f"{described.get(i, i).rstrip('.')} ({i})." for i in because)
    if not proven:
        text += " (The search for the cause stopped early: these rules may be only part of it; time may be too.)"
    return text


def dose_notes(undosable: dict[str, list[str]]) -> list[str]:
    """One note per set of contradicting dose rules, naming the exercises they keep out."""
    by_rules: dict[tuple[str, ...], list[str]] = {}
    for ex_id, rule_ids in sorted(undosable.items()):
        by_rules.setdefault(tuple(dict.fromkeys(rule_ids)), []).append(ex_id)
    return [
        f"the dose rules {', '.join(rules)} leave no dose that meets them all, so these are never "
        f"planned: {', '.join(ids)}"
        for rules, ids in by_rules.items()
    ]
