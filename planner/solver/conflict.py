"""Which rules conflict: minimal sets of hard rules, for the week and for a session's order.

The result is structured (rule ids in rule-file order, and whether minimality was proven);
:mod:`planner.messages` words it for people.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum

from planner.solver.backend import Backend, Meter
from planner.solver.build import build_model
from planner.solver.compiled import Compiled
from planner.solver.requirement_types import treatment
from planner.solver.search import Outcome, find_week
from planner.solver.sessions import order_session
from planner.solver.settings import Settings

__all__ = ["Cause", "Conflict", "week_conflict", "order_conflict"]


def week_conflict(backend: Backend, compiled: Compiled, settings: Settings, seed: int) -> tuple[list[str], bool]:
    """A minimal set of hard rule ids that admits no week, and whether that was proven.

    Each training day is first tried alone under the rules that act within a session; a day
    that cannot be filled gives a small problem whose conflict also stops the week, and is found
    fast. Otherwise the whole week is searched. The search as a whole spends at most
    ``settings.conflict_budget`` nodes.
    """
    meter = Meter()
    local = [r for r in compiled.requirements if not treatment(r).week_level(r)]
    day_compiled = replace(compiled, requirements=local)
    for day in compiled.ctx.training_days:
        model = build_model(day_compiled, settings, only_days=[day])
        found = find_week(backend, day_compiled, model, seed, settings.budgets(settings.trial_budget), meter=meter)
        if found.outcome is Outcome.NO_WEEK:
            return _constructive(backend, day_compiled, settings, seed, [day], meter)
    return _constructive(backend, compiled, settings, seed, [], meter)


def _constructive(backend: Backend, compiled: Compiled, settings: Settings, seed: int, days: list[str],
                  meter: Meter) -> tuple[list[str], bool]:
    """Constructive conflict search (the linear variant of QuickXplain's idea).

    Rules are added in file order until the growing set admits no week; the rule that tipped it
    belongs to the conflict. The search then restarts from the conflict found so far plus the
    rules before the tipping one, until the conflict alone admits no week. Failing searches are
    the expensive ones (they must prove a negative) and there is about one per conflicting rule;
    the rest find a week quickly. A search that runs out of budget counts as failing, and the
    result is then reported as possibly not minimal.

    Only rules that can make a week impossible take part (``constrains`` in
    :mod:`planner.solver.requirement_types`: not advice, say). When the whole search's budget
    is spent, it stops with the smallest set so far known to fail (the conflict found so far
    and the rules still suspected), rather than naming a rule it had no time to test.
    """
    order = compiled.positions()
    pool = sorted(
        dict.fromkeys(r.origin.rule_id for r in compiled.requirements if r.origin.hard and treatment(r).constrains),
        key=lambda r: order.get(r, len(order)),
    )
    proven = True

    def in_order(rule_ids: list[str]) -> list[str]:
        return sorted(rule_ids, key=lambda r: order.get(r, len(order)))

    def fails(rule_ids: list[str]) -> bool:
        nonlocal proven
        active = set(rule_ids)
        sub = replace(compiled, requirements=[r for r in compiled.requirements if r.origin.rule_id in active])
        result = find_week(backend, sub, build_model(sub, settings, only_days=days), seed,
                           settings.budgets(settings.trial_budget), meter=meter)
        if result.outcome is Outcome.GAVE_UP:
            proven = False
        return result.week is None

    def spent() -> bool:
        return meter.nodes >= settings.conflict_budget

    core: list[str] = []
    while True:
        if spent():
            return in_order(core + [r for r in pool if r not in core]), False
        if core and fails(core):
            return in_order(core), proven
        grown = list(core)
        tipping = None
        for rule_id in pool:
            if rule_id in core:
                continue
            if spent():
                return in_order(core + [r for r in pool if r not in core]), False
            grown.append(rule_id)
            if fails(grown):
                tipping = rule_id
                break
        if tipping is None:  # every rule together admits a week after all
            return in_order(core), False
        core.append(tipping)
        pool = [r for r in grown if r not in core]


def order_conflict(backend: Backend, compiled: Compiled, exercises: list[str]) -> list[str]:
    """A minimal set of hard ordering rules under which ``exercises`` admit no session order."""
    ordering = [r for r in compiled.requirements if r.origin.hard and treatment(r).order(r, exercises)]
    keep = list(dict.fromkeys(r.origin.rule_id for r in ordering))
    for rule_id in list(keep):
        trial = [r for r in ordering if r.origin.rule_id in set(keep) - {rule_id}]
        if order_session(backend, replace(compiled, requirements=trial), exercises, soft_too=False) is None:
            keep.remove(rule_id)
    return keep



class Cause(Enum):
    """What could not be found."""

    WEEK = "week"  # no week meets the hard rules
    WEEK_NOT_FOUND = "week not found"  # the search gave up: a week may still exist
    SESSION_ORDER = "session order"  # weeks exist, but one session cannot be ordered


@dataclass(frozen=True)
class Conflict:
    """Why no plan: the hard rules most likely at fault (rule-file order) and whether they were
    proven to conflict as a minimal set."""

    cause: Cause
    rule_ids: tuple[str, ...]
    proven: bool
