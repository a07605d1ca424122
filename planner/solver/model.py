"""The solver-neutral week model: what the requirements leave open before any search.

:func:`planner.solver.build.build_model` fills a :class:`WeekModel` for one set of enforced
requirements (the hard ones and any promoted soft ones): which exercises each training day may
hold, their doses and durations, how many slots each block gets, which exercises hard rules
keep apart, and whether plain counting already shows that no week exists. Nothing here depends
on the random seed or on a constraint library.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

from planner.catalog import Catalog
from planner.models import Dose
from planner.requirements import Apart, Count, DoseLimit, Requirement
from planner.solver.backend import DayConstraint

__all__ = ["WeekModel", "ModelFacts", "PlacedWeek", "consecutive", "merge_counts"]


@dataclass
class ModelFacts:
    """What the enforced requirements say about the model, collected before it is built.

    Each requirement type adds its part (see ``shape`` in
    :mod:`planner.solver.requirement_types`); the model is then derived from these lists.
    """

    exclusions: list[tuple[frozenset[str], frozenset[str] | None, str]] = field(default_factory=list)  # ids, days, rule
    dose_limits: list[DoseLimit] = field(default_factory=list)
    time_caps: list[int] = field(default_factory=list)  # seconds a session may take
    session_counts: list[Count] = field(default_factory=list)
    week_counts: list[Count] = field(default_factory=list)
    spacings: list[Apart] = field(default_factory=list)
    ranks: list[dict[str, int]] = field(default_factory=list)  # within a session, lower rank first
    repeat_limits: dict[str, int] = field(default_factory=dict)  # exercise -> most days a week


@dataclass
class WeekModel:
    """Everything derived from the requirements that does not depend on the random seed."""

    catalog: Catalog
    days: list[str]
    eligible: dict[str, list[str]]  # per day, eligible exercise ids
    excluded: dict[str, list[str]]  # id -> rule ids that excluded it (any day)
    doses: dict[str, Dose]
    dose_why: dict[str, list[str]]
    seconds: dict[str, int]
    slots: dict[tuple[str, str], tuple[int, int]]  # (day, block) -> (required, total)
    hard: list[Requirement]  # enforced: the hard requirements and the promoted soft ones
    soft: list[Requirement]
    facts: ModelFacts = field(default_factory=ModelFacts)
    partners: dict[str, frozenset[str]] = field(default_factory=dict)  # cannot share a session
    refuted: bool = False  # plain counting (planner.solver.bounds) already shows no week exists
    undosable: dict[str, list[str]] = field(default_factory=dict)  # id -> dose rules that contradict
    constraints: list[DayConstraint] = field(default_factory=list)  # the enforced rules, for a backend
    loads: dict[tuple[str, Dose], dict[str, float]] = field(default_factory=dict)  # one occurrence's load per (exercise, dose): solver.load

    session_counts: list[Count] = field(default_factory=list)  # enforced, merged (merge_counts)
    week_counts: list[Count] = field(default_factory=list)  # enforced, merged

    @property
    def repeat_limits(self) -> dict[str, int]:
        return self.facts.repeat_limits


@dataclass
class PlacedWeek:
    """A week the search placed (exercise ids per training day, in session order when ordered),
    read against a model: what the soft score and the reasons look at."""

    model: WeekModel
    per_day: dict[str, list[str]]
    walks: dict[str, list[str]] = field(default_factory=dict)  # the week's walks, planned apart
    _loads: dict[frozenset[str], dict[str, float]] = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def catalog(self) -> Catalog:
        return self.model.catalog

    @cached_property
    def days_holding(self) -> Counter[str]:
        """How many training days hold each exercise (counted once a day), worked out once per
        week: a large catalog's soft repeat limits (one per exercise) each ask it."""
        return Counter(x for xs in self.per_day.values() for x in set(xs))

    def load(self, ids: frozenset[str]) -> dict[str, float]:
        """:func:`planner.solver.load.week_load` of ``ids`` in this week, worked out once per set
        of ids (the load rules of a profile mostly share one)."""
        from planner.solver.load import week_load  # that module reads the model

        if ids not in self._loads:
            self._loads[ids] = week_load(self.model, self.per_day, ids)
        return self._loads[ids]

    def entries(self, day: str) -> list[tuple[str, Dose]]:
        """The day's plan items as (exercise, dose): a unilateral exercise is two items."""
        out = []
        for ex_id in self.per_day.get(day, []):
            sides = 2 if self.catalog.exercises[ex_id].side == "unilateral" else 1
            out.extend([(ex_id, self.model.doses[ex_id])] * sides)
        return out


def consecutive(days: Sequence[str], all_days: Sequence[str], wrap: bool) -> list[tuple[str, str]]:
    """Pairs of ``days`` that follow each other in the calendar ``all_days`` (the last day and
    the first too when ``wrap``)."""
    pairs = []
    for i, day in enumerate(all_days):
        nxt = all_days[(i + 1) % len(all_days)]
        if (i + 1 < len(all_days) or wrap) and day in days and nxt in days:
            pairs.append((day, nxt))
    return pairs


def merge_counts(counts: Sequence[Count]) -> list[Count]:
    """Counts of the same set, scope, measure and days as one count with the tightest bounds
    (the largest ``low``, the smallest ``high``), in order of first appearance. Holding the
    merged count is holding them all, and rule sets repeat selectors, so models, bounds and
    constraints grow with the number of different sets counted, not with the number of rules.
    The origin kept is the first one's."""
    merged: dict[tuple, Count] = {}
    for c in counts:
        key = (c.scope, c.measure, c.days, c.ids)
        seen = merged.get(key)
        if seen is None:
            merged[key] = c
            continue
        highs = [h for h in (seen.high, c.high) if h is not None]
        low, high = max(seen.low, c.low), min(highs) if highs else None
        if (low, high) != (seen.low, seen.high):
            merged[key] = replace(seen, low=low, high=high)
    return list(merged.values())
