"""Large-neighbourhood search: improve the best week one or two days at a time.

:func:`planner.solver.optimise.best_week` picks the best of a handful of whole weeks; nothing
there searches *around* that week. This stage does (:func:`improve_week`):

1. **Free a neighbourhood.** One training day, then each pair of training days (in calendar
   order); every other day keeps exactly the exercises it has (its slot groups hold just those,
   all required), in the order it has. Weekly rules (counts over the week, days apart, repeat
   limits, loads) therefore read the fixed days as they are.
2. **Re-solve it under a tightened bound**, through the backend protocol
   (:meth:`planner.solver.backend.Backend.assign_days`, so the python-constraint2 and the exact
   backend both can): the model's day constraints (every enforced rule) plus one
   :class:`planner.solver.backend.WeekHolds` test that orders the freed days' sessions as the
   plan would (:func:`planner.solver.search.order_day`) and accepts the week only when its
   score is strictly lower than the current one's. A week whose penalty from the rules that
   read sessions as sets already loses (:func:`planner.solver.score.order_free_floor`) is
   rejected before it is ordered: most weeks judged are, and ordering is the costly part.
3. **Keep improvements.** A week found replaces the current one at once, and the next
   neighbourhood is freed around it. The search stops after a whole pass over the
   neighbourhoods without an improvement, when nothing is left to gain (score zero), or when
   its budget is spent: ``Settings.neighbourhood_tries`` re-solves in all, each of at most
   ``Settings.neighbourhood_budget`` nodes and ``Settings.neighbourhood_weeks`` complete weeks
   judged (ordering and scoring a week costs far more than a node, and the exact backend
   proposes a week per solve). Every re-solve is seeded (``seed``, the try's
   number), so the same seed gives the same week.

The score is the one :func:`planner.solver.score.week_key` defines: the soft penalty of the
model (where structure rules that gave way weigh
:data:`planner.solver.giveway.STRUCTURE_WEIGHT` times their weight, so levels come first), then,
with a reference week, the distance from it. A week is only ever replaced by one with a strictly
lower score that meets every enforced rule and whose sessions the order stage has ordered, so
this stage never makes a week worse or less safe.

The same re-solve of one or two days also *repairs* a week (:func:`repair_week`): when a soft
rule is tried as a constraint (:func:`planner.solver.optimise.promote_soft_rules`), the week that
met the rules before is changed a day or two at a time until it meets the new one too.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import combinations

from planner.solver.backend import Backend, Meter, OutOfBudget, SlotGroup, WeekHolds
from planner.solver.compiled import Compiled
from planner.solver.model import WeekModel
from planner.solver.reference_week import ReferenceWeek
from planner.solver.score import order_free_floor, soft_penalty, week_key
from planner.solver.search import order_day, slot_groups
from planner.solver.settings import Settings

__all__ = ["Improved", "improve_week", "neighbourhoods", "repair_week", "score_of"]

Week = dict[str, list[str]]

# A week whose order-free penalty floor (tenths, unrounded) is this far above the score to beat
# rounds to a penalty above it, whatever its order (the margin covers rounding and sums of
# the same terms in another order).
FLOOR_MARGIN = 1.5


@dataclass(frozen=True)
class Improved:
    """What :func:`improve_week` did: the week (ordered exercises per training day) and its
    score, how many re-solves it ran (``tries``) and how many of them improved the week, and
    the nodes the re-solves spent."""

    week: Week
    key: tuple[int, ...]
    tries: int
    improvements: int
    nodes: int


def score_of(model: WeekModel, week: Week, like: ReferenceWeek | None = None) -> tuple[int, ...]:
    """The week's score (lower is better): :func:`planner.solver.score.week_key` of its penalty."""
    return week_key(model, week, soft_penalty(model, week)[0], like)


def neighbourhoods(days: Sequence[str]) -> list[tuple[str, ...]]:
    """The days freed together, in the order they are tried: each day, then each pair."""
    return [(d,) for d in days] + list(combinations(days, 2))


def improve_week(backend: Backend, compiled: Compiled, model: WeekModel, week: Week, settings: Settings,
                 seed: int, like: ReferenceWeek | None = None, reference: ReferenceWeek | None = None) -> Improved:
    """``week`` (which meets every rule ``model`` enforces) improved by freeing one or two days
    at a time and re-solving them under a tightened bound (see the module's description).

    With ``reference``, only one question is asked instead: does the reference week itself, as
    it stands (no day freed), meet every rule ``model`` enforces? (``improvements`` 1: it does.)"""
    key = score_of(model, week, like)
    meter = Meter()
    if reference is not None:
        same = {d: reference.exercises(d) for d in model.days}
        if any(x not in model.eligible.get(d, ()) for d, xs in same.items() for x in xs) or any(
                reference.exercises(d) for d in reference.days if d not in model.days):
            return Improved(week, key, 0, 0, 0)  # the rules now keep one of its exercises (or days) out
        rng = random.Random(f"{seed}:reference")
        found = _resolve(backend, compiled, model, same, (sys.maxsize,), (), rng, settings, meter, like)
        return Improved(found or week, score_of(model, found, like) if found else key, 1, int(found is not None),
                        meter.nodes)
    tries = improvements = 0
    hoods = neighbourhoods(model.days)
    improved = True
    while improved and any(key) and tries < settings.neighbourhood_tries:
        improved = False
        for hood in hoods:
            if not any(key) or tries >= settings.neighbourhood_tries:
                break
            rng = random.Random(f"{seed}:neighbourhood:{tries}")
            tries += 1
            found = _resolve(backend, compiled, model, week, key, hood, rng, settings, meter, like)
            if found is not None:
                week, key = found, score_of(model, found, like)
                improvements += 1
                improved = True
    return Improved(week, key, tries, improvements, meter.nodes)


def repair_week(backend: Backend, compiled: Compiled, model: WeekModel, week: Week, settings: Settings,
                seed: int, budget: int, meter: Meter) -> Week | None:
    """A week meeting every rule ``model`` enforces that differs from ``week`` on one training
    day, or else on two, or ``None`` when none is found within ``budget`` nodes in all.

    ``week`` met the rules of a looser model (one rule fewer, when a soft rule is tried as a
    constraint): a rule over the whole week (a count, a coverage) is often met by changing one
    session, a small search, where a search of the whole week from scratch may wander."""
    if model.refuted:  # the pre-search bounds show no week at all: there are no constraints to search
        return None
    spent = Meter()
    for n, hood in enumerate(neighbourhoods(model.days)):
        if spent.nodes >= budget:
            break
        rng = random.Random(f"{seed}:repair:{n}")
        tight = replace(settings, neighbourhood_budget=min(settings.neighbourhood_budget, budget - spent.nodes))
        found = _resolve(backend, compiled, model, week, (sys.maxsize,), hood, rng, tight, spent, None)
        if found is not None:
            meter.nodes += spent.nodes
            return found
    meter.nodes += spent.nodes
    return None


def _resolve(backend: Backend, compiled: Compiled, model: WeekModel, week: Week, key: tuple[int, ...],
             hood: tuple[str, ...], rng: random.Random, settings: Settings, meter: Meter,
             like: ReferenceWeek | None) -> Week | None:
    """A week that differs from ``week`` only on the days of ``hood`` and scores strictly lower
    than ``key``, or ``None`` when the backend finds none within ``settings.neighbourhood_budget``
    nodes and ``settings.neighbourhood_weeks`` complete weeks judged."""
    catalog = model.catalog
    budget, weeks = settings.neighbourhood_budget, settings.neighbourhood_weeks
    groups = []
    for g in slot_groups(model, rng, like):
        if g.day in hood:
            groups.append(g)
            continue
        kept = tuple(x for x in week[g.day] if catalog.block(x) == g.block)
        groups.append(SlotGroup(g.day, g.block, kept, len(kept), len(kept)))
    orders: dict[tuple[str, frozenset[str]], list[str] | None] = {}
    verdicts: dict[tuple[frozenset[str], ...], bool] = {}  # a backend may test the same week twice

    def ordered(placed: Week) -> Week | None:
        out = dict(week)
        for d in hood:
            session = (d, frozenset(placed[d]))
            if session not in orders:
                orders[session] = order_day(backend, compiled, placed[d], d, like)
            order = orders[session]
            if order is None:
                return None
            out[d] = order
        return out

    def better(placed: Week) -> bool:
        freed = tuple(frozenset(placed[d]) for d in hood)
        if freed not in verdicts:
            if len(verdicts) >= weeks:
                raise OutOfBudget  # judging weeks is the costly part, whichever backend proposes them
            if order_free_floor(model, {**week, **{d: placed[d] for d in hood}}) >= key[0] + FLOOR_MARGIN:
                verdicts[freed] = False  # its penalty loses in any order: no need to order it
            else:
                candidate = ordered(placed)
                verdicts[freed] = candidate is not None and score_of(model, candidate, like) < key
        return verdicts[freed]

    try:
        placed = backend.assign_days(model.days, groups, [*model.constraints, WeekHolds(better)], budget, meter)
    except OutOfBudget:
        return None
    return None if placed is None else ordered(placed)
