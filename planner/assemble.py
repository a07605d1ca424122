"""The plan contract from a solver week: items with their instructions, notes, what gave way.

:func:`to_plan` turns a :class:`planner.solver.Solution` into the :class:`planner.contract.Plan`
every output is written from (:func:`planner.api.plan_week` calls it, then tunes the doses:
:mod:`planner.tuning`), with the plan's balance section (:mod:`planner.balance`) and the
record of how it was made (:mod:`planner.provenance`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from planner.balance import plan_balance
from planner.catalog import Catalog
from planner.contract import GaveWay, Instructions, Overridden, Plan, PlanDay, PlanItem
from planner.kinds.advice import exercise_cues
from planner.kinds.profile_exclude import variant_notes
from planner.messages import dose_notes, gave_way_reason, time_caps
from planner.models import Profile
from planner.provenance import made_with
from planner.rules import Rule, shipped_file
from planner.timing import session_seconds, whole_minutes

if TYPE_CHECKING:
    from planner.solver import Solution
    from planner.solver.solution import Item

__all__ = ["to_plan", "overrides"]


def to_plan(solution: Solution, catalog: Catalog, profile: Profile, seed: int, rules: Sequence[Rule] = ()) -> Plan:
    """The plan contract for a solver :class:`planner.solver.Solution` (``rules`` describe
    the structure rules that gave way, and their files are recorded in ``made_with``)."""
    described = {r.id: r.header.description for r in rules}
    extra_cues = exercise_cues(rules, catalog, profile)  # advice rules that reach an exercise's cues
    days = []
    for day, items in solution.days.items():
        out = [_plan_item(item, catalog) for item in items]
        walks = [_plan_item(item, catalog) for item in solution.walks.get(day, [])]
        seconds = session_seconds((item.dose.seconds(), catalog.exercises[item.exercise].position) for item in items)
        days.append(PlanDay(day=day, items=out, minutes=whole_minutes(seconds), walks=walks))
    plan = Plan(
        profile=profile,
        seed=seed,
        days=days,
        soft_penalty=solution.penalty,
        soft_misses=solution.soft_misses,
        advice=[text for _, text in solution.advice],
        notes=[*dose_notes(solution.undosable), *variant_notes(rules, catalog, profile)],
        overrides=overrides(rules),
        gave_way=[
            GaveWay(rule=g.rule_id, description=described.get(g.rule_id, ""), because=list(g.because),
                    reason=gave_way_reason(g.because, described, g.proven, profile.session_minutes,
                                           time_caps(rules, profile)))
            for g in solution.gave_way
        ],
        instructions={
            ex_id: Instructions(name=ex.name, steps=list(ex.steps), cues=[*ex.cues, *extra_cues.get(ex_id, [])])
            for ex_id in dict.fromkeys(
                item.exercise for items in [*solution.days.values(), *solution.walks.values()] for item in items)
            for ex in [catalog.exercises[ex_id]]
        },
        made_with=made_with(rules, catalog) if rules else None,
    )
    plan.balance = plan_balance(plan, catalog, rules, profile)
    return plan


def _plan_item(item: Item, catalog: Catalog) -> PlanItem:
    """A solver item (of a session or a walk) as a plan item."""
    ex = catalog.exercises[item.exercise]
    return PlanItem(
        exercise=ex.id,
        name=ex.name,
        kind=ex.kind,
        block=catalog.block(ex),
        region=ex.region,
        position=ex.position,
        side=item.side,
        equipment=list(ex.equipment),
        recommended=list(ex.recommended),
        muscles=catalog.muscles(ex.id),
        groups=list(catalog.groups(ex.id)),
        sets=item.dose.sets,
        reps=item.dose.reps,
        hold_s=item.dose.hold_s,
        minutes=item.dose.minutes,
        why=list(item.why),
    )


def overrides(rules: Sequence[Rule]) -> list[Overridden]:
    """The changes rule files made to the shipped rules, for the plan: every ``override:`` entry,
    and the shipped rules left out (``shipped: false``) when none of the rules is a shipped one."""
    out = []
    written = [r.override.original if r.override and r.override.original else r.where for r in rules]
    if rules and not any(shipped_file(w.file) for w in written):
        files = list(dict.fromkeys(r.where.file for r in rules))
        out.append(Overridden(rule="*", change="left out (shipped: false); the plan uses only the rules of "
                              + ", ".join(files), file=files[0]))
    for r in rules:
        if r.override is not None:
            o = r.override
            out.append(Overridden(rule=o.rule, change=o.change, reason=o.reason, file=o.file))
    return out
