"""Counting refutation: cheap necessary conditions for a week to exist.

Backtracking discovers some conflicts only by exhausting every assignment of the variables it
fills first (minutes), while here they are plain counting over the week model: what the days
and slots can offer a week count, what session counts force, what spacing leaves room for.
:func:`bounds_hold` is ``False`` only when no week can exist: every test relaxes the problem,
never tightens it. It is checked once per week model, before any search.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from planner.requirements import Count
from planner.solver.model import WeekModel, consecutive

__all__ = ["bounds_hold", "placeable"]


def bounds_hold(week: WeekModel) -> bool:
    """Cheap necessary conditions for a week to exist under the model's enforced rules."""
    if not _enough_capacity(week):
        return False
    places = placeable(week)
    return (_nested_counts_hold(week, places) and _week_counts_hold(week, places)
            and _apart_patterns_hold(week, places))


# A count of a measure is never above the count of a wider measure of the same set: the days
# and the different exercises of a set are never more than its items.
_WIDER = {"items": ("items",), "days": ("days", "items"), "distinct": ("distinct", "items")}


def _nested_counts_hold(week: WeekModel, placeable: dict[str, frozenset[str]]) -> bool:
    """Counts inside counts: a week (or a session) holds no more of a set than of any set that
    contains its placeable exercises, so a count that must reach ``low`` cannot sit inside one
    capped below that (one set with crossing bounds included). Sets are bit masks, so each
    pair is a few integer operations."""
    bit = {x: 1 << i for i, x in enumerate(week.catalog.exercises)}

    def mask(ids: frozenset[str], within: frozenset[str]) -> int:
        return sum(bit[x] for x in ids & within)

    anywhere = frozenset().union(*placeable.values())
    # a count limited to some days (walks meet it on the others) caps those days only: not a cap here
    caps = [(mask(c.ids, anywhere), c.measure, c.high) for c in week.week_counts if c.high is not None and c.days is None]
    for c in week.week_counts:
        if c.low > 0:
            inner = mask(c.ids, anywhere)
            if any(c.low > high and inner & ~outer == 0 and m in _WIDER[c.measure] for outer, m, high in caps):
                return False
    for d in week.days:
        here = [c for c in week.session_counts if c.days is None or d in c.days]
        session_caps = [(mask(c.ids, placeable[d]), c.high) for c in here if c.high is not None]
        for c in here:
            if c.low > 0:
                inner = mask(c.ids, placeable[d])
                if any(c.low > high and inner & ~outer == 0 for outer, high in session_caps):
                    return False
    return True


def _needs(week: WeekModel) -> list[Count]:
    """The enforced session counts that need at least one exercise (merged: one per set)."""
    return [r for r in week.session_counts if r.low > 0]


def _enough_capacity(week: WeekModel) -> bool:
    """A pigeonhole test backtracking is slow to discover: every session needs ``low``
    different exercises from a set, and each exercise can serve at most its repeat limit in
    days, so the set must offer enough exercise-days for all the sessions that need it."""
    for req in _needs(week):
        days = [d for d in week.days if req.days is None or d in req.days]
        offer: dict[str, int] = {}
        for d in days:
            for ex_id in req.ids.intersection(week.eligible[d]):
                offer[ex_id] = offer.get(ex_id, 0) + 1
        capacity = sum(min(n, week.repeat_limits.get(ex_id, n)) for ex_id, n in offer.items())
        if capacity < req.low * len(days):
            return False
    return True


def placeable(week: WeekModel) -> dict[str, frozenset[str]]:
    """Per training day, the exercises a slot of that day can hold: eligible, in a block with
    at least one slot that day, and not capped at zero days by a repeat limit. Every week the
    search can return draws each day's exercises from this set."""
    return {
        d: frozenset(
            x for x in week.eligible[d]
            if week.slots[(d, week.catalog.block(x))][1] > 0 and week.repeat_limits.get(x, 1) > 0
        )
        for d in week.days
    }


def _forcing(week: WeekModel, placeable: dict[str, frozenset[str]]) -> dict[str, dict[frozenset[str], int]]:
    """Per day, the placeable exercises of each enforced session count on that day with the
    largest ``low`` among the counts that leave the same ones."""
    out: dict[str, dict[frozenset[str], int]] = {d: {} for d in week.days}
    for req in _needs(week):
        for d in week.days:
            if req.days is None or d in req.days:
                here = req.ids & placeable[d]
                out[d][here] = max(req.low, out[d].get(here, 0))
    return out


def _forced(forcing: dict[str, dict[frozenset[str], int]], day: str, ids: frozenset[str]) -> int:
    """How many different exercises of ``ids`` every session on ``day`` must hold: the largest
    ``low`` of a hard session count on that day whose placeable exercises all lie in ``ids``."""
    return max((low for here, low in forcing[day].items() if here <= ids), default=0)


def _week_counts_hold(week: WeekModel, placeable: dict[str, frozenset[str]]) -> bool:
    """Each hard week-scope count against what the week can offer and what it must hold.

    An exercise appears at most once a day (slots of a block hold different exercises, and an
    exercise belongs to one block), on days where it is placeable, and on at most its repeat
    limit of days; a (day, block) holds at most its slot count. That bounds the items, days and
    distinct exercises of a set from above. From below, a session count whose placeable
    exercises all lie in the set puts at least its ``low`` different ones of them in that
    session.
    """
    catalog = week.catalog
    forcing = _forcing(week, placeable)
    for req in week.week_counts:
        if req.low > 0:
            offer = {x: sum(1 for d in week.days if x in placeable[d]) for x in req.ids}
            capped = {x: min(n, week.repeat_limits.get(x, n)) for x, n in offer.items()}
            by_slot = 0
            for d in week.days:
                here: dict[str, int] = defaultdict(int)
                for x in req.ids & placeable[d]:
                    here[catalog.block(x)] += 1
                by_slot += sum(min(n, week.slots[(d, b)][1]) for b, n in here.items())
            items = min(sum(capped.values()), by_slot)
            most = {
                "items": items,
                "days": min(items, sum(1 for d in week.days if req.ids & placeable[d])),
                "distinct": min(items, sum(1 for n in capped.values() if n > 0)),
            }[req.measure]
            if most < req.low:
                return False
        if req.high is not None:
            need = [_forced(forcing, d, req.ids) for d in week.days if req.days is None or d in req.days]
            least = {
                "items": sum(need),
                "days": sum(1 for n in need if n > 0),
                "distinct": max(need, default=0),
            }[req.measure]
            if least > req.high:
                return False
    return True


_PATTERN_LIMIT = 64  # most patterns per day the spacing test considers before it abstains


def _minimal(sets: Iterable[frozenset]) -> set[frozenset]:
    unique = set(sets)
    return {s for s in unique if not any(t < s for t in unique)}


def _undominated(patterns: set[tuple[frozenset, frozenset]]) -> set[tuple[frozenset, frozenset]]:
    """Drop each (spacing sets held, week counts served) pair that another pair beats: holds no
    more spacing sets and serves no fewer counts."""
    return {
        p for p in patterns
        if not any(q != p and q[0] <= p[0] and q[1] >= p[1] for q in patterns)
    }


def _apart_patterns_hold(week: WeekModel, placeable: dict[str, frozenset[str]]) -> bool:
    """Hard spacing (``Apart``) against the work that sessions and the week must hold.

    A session count with ``low >= 1`` puts one of its placeable exercises in every session it
    covers, and a week count of days puts one of its exercises on at least ``low`` days; each
    such exercise makes its day hold every ``Apart`` set it belongs to. So each day gets a
    *pattern*: the ``Apart`` sets it holds at least, and which week counts it serves. A week
    that meets every rule yields one pattern per day in which no ``Apart`` set is held on two
    consecutive days it spaces and every week count is served often enough. The test lists the
    least demanding patterns per day (one exercise type per session count, and per week count
    either none or one) and searches the days in calendar order, remembering the states it has
    failed from (only neighbouring training days, and the last with the first, can be
    consecutive). Finding no such choice proves no week exists; too many patterns make it abstain.
    """
    aparts = week.facts.spacings
    if not aparts:
        return True
    order = week.catalog.vocab.days
    days = sorted(week.days, key=order.index)
    n = len(days)
    spaced: dict[tuple[str, str], frozenset[int]] = defaultdict(frozenset)
    for i, req in enumerate(aparts):
        for a, b in consecutive(days, order, req.wrap):
            if a != b:
                spaced[(a, b)] |= {i}
                spaced[(b, a)] |= {i}
    if not spaced:
        return True
    counts = [r for r in week.week_counts if r.measure == "days" and r.low > 0]

    known: dict[tuple[str, frozenset[str]], set[frozenset]] = {}

    def types(day: str, ids: frozenset[str]) -> set[frozenset]:
        if (day, ids) not in known:
            known[(day, ids)] = _minimal(
                frozenset(i for i, r in enumerate(aparts) if x in r.ids) for x in ids & placeable[day]
            )
        return known[(day, ids)]

    patterns: list[list[tuple[frozenset, frozenset]]] = []
    for day in days:
        current: set[tuple[frozenset, frozenset]] = {(frozenset(), frozenset())}
        for req in _needs(week):
            if req.days is not None and day not in req.days:
                continue
            options = types(day, req.ids)
            if not options:
                return False  # nothing placeable can meet this session count
            current = _undominated({(held | t, served) for held, served in current for t in options})
            if len(current) > _PATTERN_LIMIT:
                return True
        for j, req in enumerate(counts):
            options = types(day, req.ids)
            current = _undominated(current | {(held | t, served | {j}) for held, served in current for t in options})
            if len(current) > _PATTERN_LIMIT:
                return True
        patterns.append(sorted(current, key=lambda p: (sorted(p[0]), sorted(p[1]))))

    def clash(a: str, p: frozenset, b: str, q: frozenset) -> bool:
        return bool(spaced.get((a, b), frozenset()) & p & q)

    goal = tuple(r.low for r in counts)
    dead: set = set()

    def extend(k: int, first: int, prev: int, got: tuple[int, ...]) -> bool:
        if k == n:
            return got == goal
        key = (k, first, prev, got)
        if key in dead:
            return False
        left = n - k
        if all(g + left >= need for g, need in zip(got, goal)):
            for m, (held, served) in enumerate(patterns[k]):
                if k > 0 and clash(days[k - 1], patterns[k - 1][prev][0], days[k], held):
                    continue
                if k == n - 1 and n > 2 and clash(days[k], held, days[0], patterns[0][first][0]):
                    continue
                more = tuple(min(g + (j in served), need) for j, (g, need) in enumerate(zip(got, goal)))
                if extend(k + 1, m if k == 0 else first, m, more):
                    return True
        dead.add(key)
        return False

    return extend(0, 0, 0, tuple(0 for _ in counts))

