"""Dose tuning after the search: balance bands met by doses, or a reason why not.

The search (:mod:`planner.solver`) picks exercises with the doses the dose rules leave the
catalog's; the load bands (``load_ratio`` and ``balance`` rules) are only scored there. This stage
takes the planned week and changes the sets, repetitions and holds of its strength items in
small steps (:mod:`planner.tuning.search`) to bring the antagonist pairs and the dominance index
into band, judged by each rule kind's own ``check`` (:mod:`planner.judging`): no hard rule the
plan kept may break (the session time of :mod:`planner.timing` included) and the soft score may
only fall. The whole checker (:mod:`planner.checker`) runs on the result before it is taken. Each
changed exercise gets the load rules it serves in its ``why`` and a note in words ("Knees pulled
to the body: 1 x 8 instead of 2 x 8 (mon, wed, sat): brings abdominals:erectors inside its
band"). Every figure still out of band gets a reason computed from the week
(:mod:`planner.tuning.reasons`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from planner.balance import plan_balance
from planner.balance_text import ratio_text
from planner.catalog import Catalog
from planner.checker import check_plan
from planner.contract import Balance, Plan, PlanDay
from planner.doses import dose_limits
from planner.judging import WeekJudge
from planner.kinds.base import Week
from planner.models import Profile
from planner.render import dose_words
from planner.rules import Rule
from planner.timing import session_seconds, whole_minutes
from planner.tuning.reasons import explain_out_of_band
from planner.tuning.search import Search

__all__ = ["tune_plan", "dose_note", "is_dose_note"]

_DOSE_NOTE = re.compile(r"^.+: .+ instead of .+ \((?:mon|tue|wed|thu|fri|sat|sun)(?:, (?:mon|tue|wed|thu|fri|sat|sun))*\): ")


def dose_note(name: str, new: str, old: str, days: Sequence[str], effect: str) -> str:
    """The plan's note for a tuned dose: "Knees pulled to the body: 1 x 8 instead of 2 x 8 (mon,
    wed): brings abdominals:erectors inside its band (1.00 instead of 1.24)"."""
    return f"{name}: {new} instead of {old} ({', '.join(days)}): {effect}"


def is_dose_note(note: str) -> bool:
    """Whether ``note`` is one :func:`dose_note` wrote: it speaks of one week's doses (a programme's
    later weeks, whose doses differ, leave week 1's out)."""
    return bool(_DOSE_NOTE.match(note))

TENTHS = 10  # the plan's soft penalty is in tenths (as planner.solver.score writes it)


def tune_plan(plan: Plan, rules: Sequence[Rule], catalog: Catalog, profile: Profile) -> Plan:
    """``plan`` with its strength doses tuned toward the load bands, and every figure still out
    of band with its reason (the plan itself when it has no balance section or nothing is out)."""
    if plan.balance is None or not plan.balance.out_of_band:
        return plan
    judge = WeekJudge(plan, rules, catalog, profile)
    search = Search(judge, dose_limits(rules, catalog, profile), _scales(judge))
    week = search.tune()
    tuned = plan if week.days == judge.week.days else _tuned(plan, week, search, rules, catalog, profile)
    if tuned is not plan and not _sound(plan, tuned, rules, catalog, profile):
        tuned = plan
    if tuned is not plan:
        judge.rebase(tuned)
    explain_out_of_band(tuned.balance, judge, search)
    return tuned


def _scales(judge: WeekJudge):
    """A soft rule's weight times the scale its requirement type has in the search's score."""
    from planner.solver.requirement_types import treatment

    scales = {}
    for rule in judge.rules:
        reqs = rule.kind.compile_rule(rule, judge.ctx) if not rule.hard else []
        scale = max((treatment(r).scale for r in reqs), default=1)
        scales[rule.id] = rule.header.weight * scale
    return lambda rule_id: scales.get(rule_id, 1)


def _tuned(plan: Plan, week: Week, search: Search, rules: Sequence[Rule], catalog: Catalog, profile: Profile) -> Plan:
    """The plan with the tuned week's doses, each changed item's ``why`` and a note per exercise."""
    eased = [r.id for r in search.load_rules
             if sum(v.amount for v in r.kind.check(r, week, search.judge.ctx))
             < sum(v.amount for v in r.kind.check(r, search.judge.week, search.judge.ctx))]
    changed: dict[str, tuple[str, str, list[str]]] = {}
    days = []
    for day in plan.days:
        items = []
        for item, entry in zip(day.items, week.days.get(day.day, []), strict=True):
            if (item.sets, item.reps, item.hold_s) != (entry.sets, entry.reps, entry.hold_s):
                old = dose_words(item.dose())
                item = item.model_copy(update={"sets": entry.sets, "reps": entry.reps, "hold_s": entry.hold_s,
                                               "why": list(dict.fromkeys([*item.why, *eased]))})
                seen = changed.setdefault(item.exercise, (old, dose_words(item.dose()), []))
                if day.day not in seen[2]:
                    seen[2].append(day.day)
            items.append(item)
        seconds = session_seconds((i.dose().seconds(), catalog.exercises[i.exercise].position) for i in items)
        days.append(PlanDay(day=day.day, items=items, minutes=whole_minutes(seconds) if items else 0, walks=day.walks))
    tuned = plan.model_copy(update={"days": days})
    balance = plan_balance(tuned, catalog, rules, profile)
    notes = []
    for ex_id, (old, new, on) in changed.items():
        effects = _effects(plan.balance, balance, set(catalog.groups(ex_id)))
        notes.append(dose_note(catalog.exercises[ex_id].name, new, old, on,
                               "; ".join(effects) if effects else "moves the week's load toward its bands"))
    found = search.judge.violations(week, judged_only=False)
    levels = {r.id: r.level for r in rules}
    missed = sorted({v.rule_id for v in found if not v.hard and levels.get(v.rule_id) == "preference"})
    penalty = None if plan.soft_penalty is None else min(plan.soft_penalty, round(search.soft_score(found) * TENTHS))
    return tuned.model_copy(update={"balance": balance, "notes": [*plan.notes, *notes], "soft_penalty": penalty,
                                    "soft_misses": missed})


def _effects(before: Balance, after: Balance, groups: set[str]) -> list[str]:
    """What the tuning did to each figure that was out of band and names one of ``groups``."""
    out = []
    now = {p.pair: p for p in after.pairs}
    for pair in before.pairs:
        new = now.get(pair.pair)
        if pair.in_band or new is None or not groups & set(pair.pair.split(":")):
            continue
        figures = f"({ratio_text(new.ratio)} instead of {ratio_text(pair.ratio)})"
        out.append(f"brings {pair.pair} inside its band {figures}" if new.in_band
                   else f"moves {pair.pair} toward its band {figures}")
    d0, d1 = before.dominance, after.dominance
    if not d0.in_band and d0.group in groups and d1.max_share is not None:
        figures = f"({d1.group} {d1.share:.0%} instead of {d0.group} {d0.share:.0%})"
        out.append(f"brings the largest group's share inside {d1.max_share:.0%} {figures}" if d1.in_band
                   else f"lowers the largest group's share toward {d1.max_share:.0%} {figures}")
    return out


def _sound(plan: Plan, tuned: Plan, rules: Sequence[Rule], catalog: Catalog, profile: Profile) -> bool:
    """The whole checker on the tuned plan: no hard violation the plan did not have."""
    def hard(p: Plan) -> set[tuple]:
        return {(v.rule_id, v.day, v.exercise) for v in check_plan(p, rules, catalog, profile) if v.hard}
    return hard(tuned) <= hard(plan)

