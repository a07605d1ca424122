"""Finding a week: seeded tries with restarts under node budgets, over a backend.

The levels, outermost first:

* :func:`find_week`: restarts, each :func:`try_seed` with its own node budget, until one finds
  a week, one proves there is none, or the budgets are spent (:class:`Outcome`);
* :func:`try_seed`: one seeded try: lay out the slots in a seeded order of preference, ask the
  backend for a day assignment (:meth:`Backend.assign_days`), then order each session;
* the backend's day search, which raises :class:`OutOfBudget` when its budget is spent.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum

from planner.solver.backend import Backend, Meter, OutOfBudget, SlotGroup
from planner.solver.compiled import Compiled
from planner.solver.model import WeekModel
from planner.solver.reference_week import ReferenceWeek
from planner.solver.sessions import order_session

__all__ = ["Outcome", "Found", "find_week", "try_seed", "slot_groups", "order_day"]


class Outcome(Enum):
    """How a search with restarts ended."""

    FOUND = "found"  # a week, ordered
    NO_WEEK = "no week"  # proven: no week meets the enforced rules
    GAVE_UP = "gave up"  # every try ran out of budget (a week may still exist)
    UNORDERABLE = "unorderable"  # weeks were found, but a session of them cannot be ordered


@dataclass
class Found:
    """What a search with restarts produced: a week (ordered exercises per training day), or
    why not; ``unorderable`` is the session that could not be ordered."""

    week: dict[str, list[str]] | None
    outcome: Outcome
    unorderable: list[str] = field(default_factory=list)


class _Unorderable(Exception):
    def __init__(self, exercises: list[str]) -> None:
        super().__init__(exercises)
        self.exercises = exercises


def slot_groups(model: WeekModel, rng: random.Random, like: ReferenceWeek | None = None) -> list[SlotGroup]:
    """The slots of the week in search order, each block's exercises in a seeded order.

    Longest activities first (as in first-fit-decreasing packing): the time budget then shapes
    the short, plentiful blocks instead of starving the long ones. The longest block across the
    whole week comes first (its weekly counts fail fast), then the rest day by day (session
    counts and time are tight within a day). With a reference week ``like``, each block tries
    the reference day's exercises first (:meth:`ReferenceWeek.prefer`).
    """
    catalog = model.catalog
    longest = {
        b: max((model.seconds[i] for d in model.days for i in model.eligible[d] if catalog.block(i) == b), default=0)
        for b in catalog.vocab.blocks
    }
    blocks = sorted(catalog.vocab.blocks, key=lambda b: -longest[b])
    sequence = [(d, blocks[0]) for d in model.days] + [(d, b) for d in model.days for b in blocks[1:]]
    groups = []
    for d, block in sequence:
        required, total = model.slots[(d, block)]
        members = [i for i in model.eligible[d] if catalog.block(i) == block]
        rng.shuffle(members)
        if like is not None:
            members = list(like.prefer(d, members))
        groups.append(SlotGroup(d, block, tuple(members), required, total))
    return groups


def try_seed(backend: Backend, compiled: Compiled, model: WeekModel, seed: int, restart: int, budget: int,
             meter: Meter | None = None, like: ReferenceWeek | None = None) -> dict[str, list[str]] | None:
    """One seeded try: the ordered exercises per day, or ``None`` when no week exists (guided
    towards the reference week ``like`` when given).

    Raises :class:`OutOfBudget` when the backend gives up, :class:`_Unorderable` when a day
    assignment was found but one of its sessions cannot be ordered.
    """
    if model.refuted:
        return None
    rng = random.Random(f"{seed}:{restart}")
    placed = backend.assign_days(model.days, slot_groups(model, rng, like), model.constraints, budget, meter)
    if placed is None:
        return None
    ordered: dict[str, list[str]] = {}
    for d, exercises in placed.items():
        order = order_day(backend, compiled, exercises, d, like)
        if order is None:
            raise _Unorderable(exercises)
        ordered[d] = order
    return ordered


def order_day(backend: Backend, compiled: Compiled, exercises: Sequence[str], day: str,
              like: ReferenceWeek | None = None) -> list[str] | None:
    """One day's session in order: meeting the soft ordering rules too when it can, else the
    hard ones alone; ``None`` when even those admit no order."""
    listing = like.listing if like is not None else None
    return (order_session(backend, compiled, exercises, soft_too=True, day=day, listing=listing)
            or order_session(backend, compiled, exercises, soft_too=False, day=day, listing=listing))


def find_week(backend: Backend, compiled: Compiled, model: WeekModel, seed: int, budgets: Sequence[int],
              first: int = 0, meter: Meter | None = None, like: ReferenceWeek | None = None) -> Found:
    """Search with restarts (numbered from ``first``) under the given node budgets (guided
    towards the reference week ``like`` when given)."""
    failure = Found(None, Outcome.GAVE_UP)
    for n, budget in enumerate(budgets):
        try:
            found = try_seed(backend, compiled, model, seed, first + n, budget, meter, like)
        except OutOfBudget:
            continue
        except _Unorderable as exc:
            failure = Found(None, Outcome.UNORDERABLE, exc.exercises)
            continue
        if found is None:
            return failure if failure.outcome is Outcome.UNORDERABLE else Found(None, Outcome.NO_WEEK)
        return Found(found, Outcome.FOUND)
    return failure
