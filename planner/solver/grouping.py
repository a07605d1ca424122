"""Ordering a session for time: the order that spends the fewest seconds changing position.

The time model (:mod:`planner.timing`) charges a move between the floor, seated and standing,
so a session's time depends on its order. :func:`fewest_moves` searches the orders meeting a
session's order constraints (those of :mod:`planner.solver.backend`) for the one with the
fewest move seconds, staying near the session's listing. It serves the order stage
(:mod:`planner.solver.sessions`); the session-time cap of the day search asks whether that
order fits (:func:`session_fits`), so a session is timed in the order it will be given.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache

from planner.catalog import Catalog
from planner.requirements import Requirement
from planner.solver.backend import Before, NotFirst, NotLast, NotNextTo, OrderConstraint
from planner.timing import least_moves_seconds, level, move_seconds, moves_seconds

__all__ = [
    "MOVE_SEARCH_NODES",
    "fewest_moves",
    "listing_key",
    "order_constraints",
    "ordering",
    "read_order",
    "session_fits",
]

MOVE_SEARCH_NODES = 3000  # search nodes :func:`fewest_moves` may spend on one session


def fewest_moves(listing: Sequence[str], constraints: Iterable[OrderConstraint],
                 positions: Mapping[str, str]) -> list[str] | None:
    """The order of ``listing`` meeting ``constraints`` whose moves between ``positions`` take
    the fewest seconds, or ``None`` when none is found: a depth-first branch and bound over the
    units, the cheapest next move (then the earliest listed) tried first, so the orders found
    stay near the listing; it stops at the least moves the positions allow, or after
    :data:`MOVE_SEARCH_NODES` nodes with the best order so far.
    Remembered per session (the day search and the order stage ask about the same ones)."""
    key = tuple(listing), frozenset(constraints), tuple(positions[u] for u in listing)
    found = _fewest(*key)
    return list(found) if found is not None else None


@lru_cache(maxsize=4096)
def _fewest(units: tuple[str, ...], constraints: frozenset[OrderConstraint], where: tuple[str, ...]
            ) -> tuple[str, ...] | None:
    found, _ = _search(units, constraints, where, None)
    return None if found is None else tuple(units[i] for i in found)


@lru_cache(maxsize=4096)
def _fits(units: tuple[str, ...], constraints: frozenset[OrderConstraint], where: tuple[str, ...],
          within: int) -> bool | None:
    """Whether the order :func:`_fewest` finds spends at most ``within`` seconds moving, or
    ``None`` when it finds none. The same answer, found more cheaply when it is no: a search
    that drops every branch already past ``within`` proves no order fits without finding the
    fewest moves (the whole search then finds an order past ``within`` too, whatever its
    budget cuts off); only when some order may fit is the whole search run (and remembered, for
    the order stage orders the same sessions)."""
    witness, spent = _search(units, constraints, where, within)
    if witness is None and spent < MOVE_SEARCH_NODES:  # proven: no order fits
        # Does the whole search find any order? Until its first it visits what this visits.
        return None if _search(units, constraints, where, sys.maxsize)[0] is None else False
    found = _fewest(units, constraints, where)
    return None if found is None else moves_seconds([where[units.index(u)] for u in found]) <= within


def _search(units: tuple[str, ...], constraints: frozenset[OrderConstraint], where: tuple[str, ...],
            within: int | None) -> tuple[tuple[int, ...] | None, int]:
    """The branch and bound of :func:`fewest_moves` (units by index): the best order found and
    the nodes spent. With ``within``, it also drops every branch that cannot end within
    ``within`` move seconds and stops at the first order that does (``sys.maxsize``: at the
    first order found, after the very nodes the whole search visits up to it)."""
    lv = dict(zip(units, (level(p) for p in where), strict=True))
    read = read_order(units, constraints)
    if read is None:  # pragma: no cover - every order constraint type is read
        return None, 0
    before, not_first, not_last, apart = read
    least = least_moves_seconds(list(lv.values()))
    if within is not None and least > within:
        return None, 0
    cut = sys.maxsize if within is None else within  # a branch past this many move seconds is dropped
    # The units as bits (unit i: 1 << i, in listing order), each with what it needs placed first
    # and the units it may not stand next to; the levels by index, and the levels held by a set
    # of units as the bits of those indexes.
    n = len(units)
    full = (1 << n) - 1
    bit = {u: 1 << i for i, u in enumerate(units)}
    needs = [sum(bit[f] for f in before[u]) for u in units]
    opens = sum(1 << i for i, u in enumerate(units) if u not in not_first)  # may open the session
    closes = sum(1 << i for i, u in enumerate(units) if u not in not_last)  # may close it
    beside = [0] * n
    for pair in apart:
        a, b = tuple(pair) if len(pair) == 2 else (None, None)  # a unit kept apart from itself: no pair
        if a in bit and b in bit:
            beside[units.index(a)] |= bit[b]
            beside[units.index(b)] |= bit[a]
    held = list(dict.fromkeys(lv.values()))  # the levels of the session, by index
    lvs = [held.index(lv[u]) for u in units]
    at_level = [sum(1 << i for i in range(n) if lvs[i] == k) for k in range(len(held))]
    # step[k][i]: the move from level k to unit i; floor[k][r]: the least moves from level k
    # through every level of the set r (bits of level indexes)
    between = [[move_seconds(a, b) for b in held] for a in held]
    step = [[between[k][j] for j in lvs] for k in range(len(held))]
    opening = [0] * n
    floor = [[_least_from(held[k], frozenset(held[j] for j in range(len(held)) if r >> j & 1))
              for r in range(1 << len(held))] for k in range(len(held))]
    best: tuple[int, ...] | None = None
    best_moves = 0
    seen: dict[int, int] = {}  # units placed and last unit (placed * n + last) -> the least moves seen there
    spent = 0
    prefix: list[int] = []

    def search(placed: int, moves: int) -> bool:
        """False once the search should stop (the budget is spent, or the least moves reached)."""
        nonlocal best, best_moves, spent
        spent += 1
        depth = len(prefix)
        if depth == n:
            if moves > cut:
                return True
            if best is None or moves < best_moves:
                best, best_moves = tuple(prefix), moves
            return within is None and moves > least  # with ``within``: the first order found ends it
        free = full & ~placed
        if depth:
            last = prefix[-1]
            state = placed * n + last
            if seen.get(state, moves + 1) <= moves:
                return True
            seen[state] = moves
            k = lvs[last]
            if best is not None or within is not None:
                rest = 0
                for j, m in enumerate(at_level):
                    if m & free:
                        rest |= 1 << j
                bound = moves + floor[k][rest]
                if (best is not None and bound >= best_moves) or bound > cut:
                    return True
            free &= ~beside[last]
            if depth == n - 1:
                free &= closes
        else:
            k = -1
            free &= opens
            if n == 1:
                free &= closes
        options = []
        while free:
            low = free & -free
            free ^= low
            i = low.bit_length() - 1
            if not needs[i] & ~placed:
                options.append(i)
        if k < 0:
            row = opening  # the first unit moves from nowhere
        else:
            row = step[k]
            options.sort(key=row.__getitem__)  # options are in listing order: a stable sort keeps it
        for i in options:
            if spent >= MOVE_SEARCH_NODES:
                return False
            prefix.append(i)
            go_on = search(placed | 1 << i, moves + row[i])
            prefix.pop()
            if not go_on:
                return False
        return True

    search(0, 0)
    return best, spent


def read_order(units: Sequence[str], constraints: Iterable[OrderConstraint]
               ) -> tuple[dict[str, set[str]], set[str], set[str], set[frozenset[str]]] | None:
    """What ``constraints`` ask of a session of ``units``: per unit the units that go before it,
    the units that may not open or close it, the pairs kept apart; ``None`` for a constraint of
    a type not listed here."""
    before: dict[str, set[str]] = {u: set() for u in units}
    not_first: set[str] = set()
    not_last: set[str] = set()
    apart: set[frozenset[str]] = set()
    for c in constraints:
        if isinstance(c, Before):
            if c.first in before and c.then in before:
                before[c.then].add(c.first)
        elif isinstance(c, NotFirst):
            not_first.add(c.unit)
        elif isinstance(c, NotLast):
            not_last.add(c.unit)
        elif isinstance(c, NotNextTo):
            apart.add(frozenset((c.a, c.b)))
        else:
            return None
    return before, not_first, not_last, apart


@lru_cache(maxsize=64)
def _least_from(start: str, levels: frozenset[str]) -> int:
    """A lower bound on the move seconds from level ``start`` through every level of ``levels``."""
    others = levels - {start}
    if not others:
        return 0
    return min(move_seconds(start, lv) for lv in others) + least_moves_seconds(others)


def order_constraints(requirements: Iterable[Requirement], units: Sequence[str]) -> list[OrderConstraint]:
    """The order constraints ``requirements`` put on a session of ``units`` (each once, in the
    order first given): what the order stage and the session-time cap both order by."""
    from planner.solver.requirement_types import treatment  # the table's time treatments import this module

    return list(dict.fromkeys(c for req in requirements for c in treatment(req).order(req, units)))


def ordering(requirements: Iterable[Requirement]) -> list[Requirement]:
    """Those of ``requirements`` (in their order) whose type can put order constraints on a
    session: the others add none to :func:`order_constraints`, which a caller asking about
    many sessions need not go through each time (most rules of a large catalog are of them)."""
    from planner.solver.requirement_types import treatment

    return [r for r in requirements if treatment(r).orders]


def listing_key(catalog: Catalog) -> Callable[[str], tuple]:
    """How a session's exercises are listed before ordering: block, region (neck first), id."""
    blocks = catalog.vocab.blocks
    regions = catalog.graph.regions
    return lambda e: (blocks.index(catalog.block(e)), regions.index(catalog.exercises[e].region), e)


def session_fits(listing_key: Callable[[str], tuple], constraints_of: Callable[[Sequence[str]], list[OrderConstraint]],
                 seconds: Mapping[str, int], positions: Mapping[str, str],
                 fallback: Callable[[Sequence[str]], list[OrderConstraint]] | None = None
                 ) -> Callable[[Sequence[str], int], bool]:
    """Whether a session of given exercises takes at most a cap of seconds, ordered as the order
    stage orders it (the fewest moves its order constraints allow; when none meets them, those
    of ``fallback``, as the order stage drops the soft order rules), remembered per set of
    exercises and cap. A session no order is found for is timed with the least moves of its
    positions."""
    cache: dict[tuple[frozenset[str], int], bool] = {}

    def fits(exercises: Sequence[str], cap: int) -> bool:
        key = frozenset(exercises), cap
        found = cache.get(key)
        if found is None:
            units = tuple(sorted(key[0], key=listing_key))
            where = tuple(positions[u] for u in units)
            within = cap - sum(seconds[u] for u in units)
            found = _fits(units, frozenset(constraints_of(units)), where, within)
            if found is None and fallback is not None:
                found = _fits(units, frozenset(fallback(units)), where, within)
            if found is None:
                found = least_moves_seconds(where) <= within
            cache[key] = found
        return found

    return fits
