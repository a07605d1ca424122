"""The load model: how much work a week puts on each muscle, group and region.

One model, used by the solver (:mod:`planner.solver.load`), the checker's ``balance`` and
``load_ratio`` kinds, the plan's ``balance`` section (:mod:`planner.balance`), ``rules diff``
and the notebooks, so every load figure a person sees is the same number.

**The measure is seconds under tension** (:func:`tension_seconds`), per side, for one plan item:

* reps: ``sets x reps x (REP_S + hold_s)``, with :data:`REP_S` = 4 s per repetition (the same
  4 s the session time model of :mod:`planner.timing` gives a rep) plus any hold per rep;
* a hold without reps: ``sets x hold_s``;
* minutes (aerobic work, flows): ``minutes x 60``;
* rests, the changeover and getting into a hold are not under tension and do not count.

So a 30 s plank and 8 repetitions of a 4 s movement weigh about the same (30 s and 32 s).
Counting time rather than sets (what backplan counted before) lets holds and repetitions be
compared at all; equating a second of holding with a second of moving is **backplan's own
choice**, not a figure from the seeds or a cited source (endurance tests such as McGill's are
timed holds, which is why time is the unit).

**Which muscles.** An item's seconds go in full to its primary muscles
(:data:`PRIMARY_LOAD` = 1) and half to its secondary ones (:data:`SECONDARY_LOAD` = 0.5); a
muscle passes its load up to its group and region in the muscle graph.

**Sides.** A ``both`` item loads the left and the right muscles with its seconds; a ``left`` or
``right`` item (one side of a unilateral exercise, written per side) loads that side only.
A muscle's, group's or region's load is the mean of its two sides, so an item counts
:data:`SIDE_SHARE` of its seconds: 1 for ``both``, 0.5 for ``left`` or ``right`` (a unilateral
exercise done on both sides weighs what the same dose done bilaterally weighs). Midline muscles
(the abdominals) take the same share. The left and the right totals (:func:`side_loads`) count
the items of that side and the ``both`` ones, over the paired (not midline) muscles.

**Per item, day, week.** Loads add up: a day's load is the sum of its items', a week's the sum
of its days'. Only session items count: the walks of their own beside the sessions do not.

**Which blocks.** A load rule says which exercises count (its ``select``); the balance summary,
``rules diff`` and the notebooks count the :data:`COUNTED_BLOCKS` (strength), as the shipped
``no-over-dominant-group`` and pair rules do.

An item's load does not depend on its day, so every load rule is linear in the exercises chosen,
which the solver uses to prune partial weeks.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from planner.timing import REP_S

if TYPE_CHECKING:
    from planner.catalog import Catalog
    from planner.muscles import MuscleGraph

__all__ = [
    "REP_S",
    "PRIMARY_LOAD",
    "SECONDARY_LOAD",
    "SIDE_SHARE",
    "COUNTED_BLOCKS",
    "TOLERANCE",
    "tension_seconds",
    "node_load",
    "item_load",
    "items_load",
    "side_loads",
    "add",
    "over_shares",
    "ratio_excess",
    "ratio_amount",
    "ratio_text",
]

PRIMARY_LOAD = 1.0
SECONDARY_LOAD = 0.5
SIDE_SHARE = {"both": 1.0, "left": 0.5, "right": 0.5}
COUNTED_BLOCKS = ("strength",)

# Loads are float sums: a share equal to its limit can come out a hair above it. Every load
# check (the kinds, the solver, the balance section) allows this much.
TOLERANCE = 1e-9

Item = tuple[str, str, "object"]  # (exercise id, side, anything with sets/reps/hold_s/minutes)


def tension_seconds(sets: int | None, reps: int | None, hold_s: int | None, minutes: int | None) -> float:
    """Seconds under tension of one item (one side's dose, as the plan writes it).

    >>> tension_seconds(3, 10, None, None)   # 3 x 10 reps of 4 s
    120.0
    >>> tension_seconds(2, None, 30, None)   # two 30 s holds
    60.0
    >>> tension_seconds(1, 8, 5, None)       # 8 reps holding 5 s each
    72.0
    """
    count = sets or 1
    if reps is not None:
        seconds = count * reps * (REP_S + (hold_s or 0))
    elif hold_s is not None:
        seconds = count * hold_s
    else:
        seconds = 0
    if minutes is not None:
        seconds += minutes * 60
    return float(seconds)


def node_load(graph: MuscleGraph, worked: Iterable[tuple[Iterable[str], Iterable[str], float]]) -> dict[str, float]:
    """Load per graph node from ``(primary, secondary, seconds)`` triples: a primary muscle
    takes the seconds, a secondary one half; each muscle passes its load to every group and
    region above it."""
    totals: dict[str, float] = defaultdict(float)
    for primary, secondary, seconds in worked:
        for weight, muscles in ((PRIMARY_LOAD, primary), (SECONDARY_LOAD, secondary)):
            for muscle in muscles:
                totals[muscle] += weight * seconds
                for above in graph.ancestors_of(muscle):
                    totals[above] += weight * seconds
    return dict(totals)


# Per muscle graph, the load of one second on each (primary, secondary) muscle set: an item's load
# is that times its seconds (the same numbers: the weights are halves, the seconds whole or half).
_UNIT: WeakKeyDictionary = WeakKeyDictionary()


def item_load(catalog: Catalog, exercise: str, side: str, dose: object) -> dict[str, float]:
    """Load per graph node of one item (``dose`` has ``sets``, ``reps``, ``hold_s``, ``minutes``)."""
    ex = catalog.exercises[exercise]
    seconds = tension_seconds(dose.sets, dose.reps, dose.hold_s, dose.minutes) * SIDE_SHARE[side]
    units = _UNIT.setdefault(catalog.graph, {})
    key = (tuple(ex.muscles.primary), tuple(ex.muscles.secondary))
    if key not in units:
        units[key] = node_load(catalog.graph, [(ex.muscles.primary, ex.muscles.secondary, 1.0)])
    return {node: value * seconds for node, value in units[key].items()}


def add(total: dict[str, float], load: Mapping[str, float], times: float = 1.0) -> dict[str, float]:
    """Add ``load`` (``times`` over) into ``total`` and return it."""
    for node, value in load.items():
        total[node] = total.get(node, 0.0) + value * times
    return total


def items_load(catalog: Catalog, items: Iterable[Item], ids: frozenset[str] | None = None) -> dict[str, float]:
    """Load per graph node of ``(exercise, side, dose)`` items (those in ``ids`` when given)."""
    total: dict[str, float] = {}
    for exercise, side, dose in items:
        if ids is None or exercise in ids:
            add(total, item_load(catalog, exercise, side, dose))
    return total


def side_loads(catalog: Catalog, items: Iterable[Item], ids: frozenset[str] | None = None) -> tuple[float, float]:
    """Left and right load over the paired muscles: each side's items and the ``both`` ones,
    each at its full seconds (primary muscles full, secondary half)."""
    left = right = 0.0
    graph = catalog.graph
    for exercise, side, dose in items:
        if ids is not None and exercise not in ids:
            continue
        ex = catalog.exercises[exercise]
        seconds = tension_seconds(dose.sets, dose.reps, dose.hold_s, dose.minutes)
        weight = sum(PRIMARY_LOAD for m in ex.muscles.primary if graph.is_paired(m))
        weight += sum(SECONDARY_LOAD for m in ex.muscles.secondary if graph.is_paired(m))
        if side in ("both", "left"):
            left += weight * seconds
        if side in ("both", "right"):
            right += weight * seconds
    return left, right


def over_shares(load: Mapping[str, float], groups: Iterable[str], max_share: float) -> list[tuple[str, float]]:
    """``(group, share)`` for every group whose share of the groups' total load is above
    ``max_share`` (beyond :data:`TOLERANCE`); none when nothing is loaded."""
    groups = list(groups)
    total = sum(load.get(g, 0.0) for g in groups)
    if total == 0:
        return []
    shares = ((g, load.get(g, 0.0) / total) for g in groups)
    return [(g, s) for g, s in shares if s > max_share + TOLERANCE]


def ratio_excess(load: Mapping[str, float], numerator: str, denominator: str, max_ratio: float) -> float:
    """Seconds by which the numerator's load goes over ``max_ratio`` times the denominator's
    (0 when within, allowing :data:`TOLERANCE`)."""
    top, bottom = load.get(numerator, 0.0), load.get(denominator, 0.0)
    return top - max_ratio * bottom if top > max_ratio * bottom + TOLERANCE else 0.0


def ratio_amount(load: Mapping[str, float], numerator: str, denominator: str, max_ratio: float) -> float:
    """How much a load ratio is missed, as a fraction of the two parts' load (0-1): the
    :func:`ratio_excess` over ``numerator + denominator``. A fraction, like a share, so the
    soft score weighs a missed ratio the same in a short week as in a long one."""
    excess = ratio_excess(load, numerator, denominator, max_ratio)
    return excess / (load.get(numerator, 0.0) + load.get(denominator, 0.0)) if excess else 0.0


def ratio_text(top: float, bottom: float) -> str:
    """A load ratio for people: two decimals, ``unbounded`` over nothing, ``-`` for 0:0."""
    if bottom:
        return f"{top / bottom:.2f}"
    return "unbounded" if top else "-"
