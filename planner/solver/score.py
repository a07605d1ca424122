"""The soft score: how much a placed week misses the soft requirements, weighted.

Each soft requirement's amount comes from its type's ``miss`` (in
:mod:`planner.solver.requirement_types`), in the units the rule kinds report as
``Violation.amount``; the type's ``scale`` and the rule's ``weight`` multiply it. The search
compares weeks by this score and the plan reports it.

:func:`week_key` is the whole comparison: the penalty first, then, when the week is re-planned
from a reference week (:mod:`planner.solver.reference_week`), the distance from it. The
distance only separates weeks the penalty ties, so it never costs the penalty anything.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from planner.requirements import Requirement
from planner.solver.backend import DayConstraint
from planner.solver.model import PlacedWeek, WeekModel
from planner.solver.reference_week import ReferenceWeek
from planner.solver.requirement_types import treatment

__all__ = ["soft_penalty", "soft_amounts", "soft_terms", "misses", "order_free_floor", "week_key", "TENTHS"]

# The penalty is reported as a whole number of tenths: amounts can be fractions (minutes over
# the time limit, load shares), and an integer in the plan compares and reads more easily.
TENTHS = 10


def soft_penalty(model: WeekModel, per_day: dict[str, list[str]], walks: dict[str, list[str]] | None = None
                 ) -> tuple[int, list[str]]:
    """Weighted amount (in tenths) by which the soft requirements are missed, and the sorted
    ids of the rules missed (``walks``: the week's walks, for the walk rules)."""
    penalty = 0.0
    misses: list[str] = []
    for rule_id, amount in _weighted_misses(model, PlacedWeek(model, per_day, walks or {})):
        penalty += amount
        misses.append(rule_id)
    return round(penalty * TENTHS), sorted(set(misses))


def _weighted_misses(model: WeekModel, week: PlacedWeek, order_free_only: bool = False
                     ) -> Iterator[tuple[str, float]]:
    """Per soft requirement the week misses, in the model's order: its rule id and its amount
    times its type's scale and its rule's weight (``order_free_only``: of the types whose miss
    reads sessions as sets only)."""
    for req in model.soft:
        t = treatment(req)
        if t.miss is None or (order_free_only and not t.order_free):
            continue
        miss = t.miss(req, week) * t.scale
        if miss > 0:
            yield req.origin.rule_id, miss * req.origin.weight


def order_free_floor(model: WeekModel, per_day: dict[str, list[str]]) -> float:
    """The part of :func:`soft_penalty` (in tenths, not rounded) that no order of the sessions
    changes: the misses of the soft requirements whose type reads sessions as sets
    (``Treatment.order_free``). Summed in the same order over terms that are never negative, it
    is at most the unrounded penalty of the week in any order, so a week whose floor already
    loses to a score can be rejected without ordering it."""
    penalty = 0.0
    for _, amount in _weighted_misses(model, PlacedWeek(model, per_day, {}), order_free_only=True):
        penalty += amount
    return penalty * TENTHS


def soft_terms(model: WeekModel) -> tuple[list[tuple[int, list[DayConstraint]]], list[str]]:
    """The soft score as a backend can minimise it: per soft requirement whose type has a
    ``deficit``, its weight in tenths (weight x scale x :data:`TENTHS`) and the day constraints
    whose shortfalls make its amount; and the sorted ids of the soft rules with a ``miss`` that
    cannot be put so (order rules, session time in order, loads...)."""
    terms: list[tuple[int, list[DayConstraint]]] = []
    left_out: set[str] = set()
    for req in model.soft:
        t = treatment(req)
        if t.miss is None:
            continue
        if t.deficit is None:
            left_out.add(req.origin.rule_id)
            continue
        terms.append((req.origin.weight * t.scale * TENTHS, list(t.deficit(req, model))))
    return terms, sorted(left_out)


def soft_amounts(model: WeekModel, per_day: dict[str, list[str]], walks: dict[str, list[str]] | None = None
                 ) -> dict[str, float]:
    """Per soft rule id, the unweighted, unscaled amount missed (what the rule's kind reports
    as the sum of its violations' ``amount``); rules not missed are left out."""
    week = PlacedWeek(model, per_day, walks or {})
    out: dict[str, float] = defaultdict(float)
    for req in model.soft:
        t = treatment(req)
        if t.miss is not None:
            amount = t.miss(req, week)
            if amount > 0:
                out[req.origin.rule_id] += amount
    return dict(out)


def misses(model: WeekModel, per_day: dict[str, list[str]], reqs: Iterable[Requirement]) -> bool:
    """Whether the placed week misses any of ``reqs`` (read as soft requirements)."""
    week = PlacedWeek(model, per_day)
    for req in reqs:
        t = treatment(req)
        if t.miss is not None and t.miss(req, week) > 0:
            return True
    return False


def week_key(model: WeekModel, per_day: dict[str, list[str]], penalty: int, like: ReferenceWeek | None = None
             ) -> tuple[int, ...]:
    """How the search ranks a placed week (lower is better): its soft ``penalty``, then its
    distance from the reference week ``like`` (see :class:`ReferenceWeek`), when there is one."""
    return (penalty, *like.distance(per_day, model.doses)) if like is not None else (penalty,)
