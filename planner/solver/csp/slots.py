"""Propagators over the slots of a day: the order of a block's slots, and a session's time.

Part of :mod:`planner.solver.csp.propagators` (which re-exports them): all forward checking,
hiding only values that can no longer be part of a solution.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from itertools import combinations

import constraint

from planner.timing import LEVELS, least_moves_seconds, level, move_seconds

__all__ = ["Ascending", "TimeBudget", "hide", "hide_these", "FIT_STATES"]

FIT_STATES = 256  # how many sets of needs met a session's time check follows before giving up
FIT_MEMO = 4096  # answers each memo of a session's time check keeps (then it starts again)


def hide(domain, keep) -> bool:
    """Hide the values of ``domain`` that ``keep`` rejects; whether any value is left."""
    return hide_these(domain, [x for x in domain if not keep(x)])


def hide_these(domain, values) -> bool:
    """Hide ``values`` (in the domain, in its order) from ``domain``; whether any value is left."""
    for value in values:
        domain.hideValue(value)
    return bool(domain)


class Ascending(constraint.Constraint):
    """The slots of one block, in order, hold values of rising ``rank``, then ``empty`` ones.

    Forward checking on the whole chain, not pair by pair: once a slot holds the value of rank
    ``r``, the slot ``j`` places further on needs rank ``r + j`` or more (each slot between
    holds a value ranked in between), and once a slot stays empty so do all that follow. The
    counts over these slots then see what the later slots can really still hold.
    """

    def __init__(self, rank: dict[str, int], empty: str) -> None:
        self.rank, self.empty = rank, empty

    def __call__(self, variables, domains, assignments, forwardcheck=False):
        rank, empty = self.rank, self.empty
        last, at, closed = -1, -1, False  # rank and place of the last filled slot seen; empty seen
        free = []
        for i, v in enumerate(variables):
            if v in assignments:
                x = assignments[v]
                if x == empty:
                    closed = True
                    continue
                if closed or rank[x] < last + i - at:
                    return False
                last, at = rank[x], i
                for f in free:  # a free slot before a filled one cannot stay empty
                    f[2] = False
            else:
                free.append([v, last + i - at if not closed else None, True])
        if forwardcheck:
            for v, least, may_empty in free:
                domain = domains[v]
                # what hide() would drop, in the domain's order, without a call per value
                if least is None:
                    drop = [x for x in domain if x != empty] if may_empty else list(domain)
                else:
                    drop = [x for x in domain if (rank[x] < least if x != empty else not may_empty)]
                if not hide_these(domain, drop):
                    return False
        return True


class TimeBudget(constraint.Constraint):
    """The durations of the values add up to at most ``cap`` seconds.

    With ``positions``, the placed exercises also take the least time any order of them spends
    changing position (:func:`planner.timing.least_moves_seconds`), and with ``session_fits``
    the complete day is timed in its order once every slot is filled.

    Reasons with a lower bound: every unassigned slot will take at least the shortest value
    left in its domain (zero when it may stay empty), so a value is hidden as soon as it would
    leave too little time for the slots still to fill.

    ``needs`` (for a session's cap): the counts that need one item, each as its ids and the
    slots of other days that could meet it instead (none for a count of this session alone).
    A count not yet met that only these slots can still meet takes time too: the free slots
    must meet all such counts together, each slot giving one value, within the time left
    (:func:`_fits`), or the partial week is refuted. The slots of other days are watched (see
    :meth:`scope`), so a week whose earlier days leave a count to a last session with no time
    for it fails as soon as those days are set, not after trying every such last session.
    """

    def __init__(self, seconds: dict[str, int], cap: int,
                 needs: Sequence[tuple[frozenset[str], tuple]] = (), positions: Mapping[str, str] | None = None,
                 session_fits: Callable[[Sequence[str], int], bool] | None = None) -> None:
        self.seconds, self.cap, self.session_fits = seconds, cap, session_fits
        self.levels = {x: level(p) for x, p in (positions or {}).items()}
        self.moves = {frozenset(c): least_moves_seconds(c) for n in range(len(LEVELS) + 1)
                      for c in combinations(LEVELS, n)}
        # the longest single move between levels of a set: no order of n items spends more than
        # n - 1 of them, so a day within the cap that way needs no timing in its order
        self.worst = {frozenset(c): max((move_seconds(a, b) for a, b in combinations(c, 2)), default=0)
                      for n in range(len(LEVELS) + 1) for c in combinations(LEVELS, n)}
        self.bits: dict[str, int] = {}  # value -> the needs it meets, one bit each
        for n, (ids, _) in enumerate(needs):
            for x in ids:
                self.bits[x] = self.bits.get(x, 0) | 1 << n
        self.needy = frozenset(self.bits)
        self.full = (1 << len(needs)) - 1
        self.elsewhere = [(1 << n, ids, others) for n, (ids, others) in enumerate(needs) if others]
        self.here = self.full & ~sum(bit for bit, _, _ in self.elsewhere)  # needs of this session alone
        self.watched = list(dict.fromkeys(u for _, _, others in self.elsewhere for u in others))
        self.own = -1  # how many of the variables are the capped ones (the watched ones follow)
        self._passed: tuple | None = None  # the last state checked that passed
        # Answers by what they depend on, kept across the search (each a pure function of its key):
        self._fitted: dict[tuple, bool] = {}  # _fits, by its arguments
        self._spans: dict[frozenset, tuple[int, int]] = {}  # a domain's shortest and longest value
        self._commons: dict[frozenset, int] = {}  # the needs every value of a domain meets (bits)
        self._offers: dict[tuple, tuple] = {}  # a free slot's offer, by domain, needs owed and slack

    def scope(self, variables: list) -> list:
        """The capped variables and then the watched ones, for ``addConstraint``."""
        self.own = len(variables)
        mine = set(variables)
        return [*variables, *(u for u in self.watched if u not in mine)]

    def _forced(self, domains, assignments) -> int:
        """The needs that other days no longer meet nor can (bits)."""
        forced = 0
        for bit, ids, others in self.elsewhere:
            for u in others:
                if (assignments[u] in ids) if u in assignments else not ids.isdisjoint(domains[u]):
                    break
            else:
                forced |= bit
        return forced

    def __call__(self, variables, domains, assignments, forwardcheck=False):
        forced, key = 0, None
        if self.own >= 0:
            variables = variables[:self.own]
            forced = self._forced(domains, assignments) if self.elsewhere else 0
            # Called for a watched slot while the capped slots and the needs forced on them
            # are as when last checked and passed: checking again could only prune a little
            # more, and skipping a check never loses a week.
            key = (tuple(map(assignments.get, variables)), forced)
            if key == self._passed:
                return True
        if not self._check(variables, domains, assignments, forwardcheck, forced):
            return False
        if key is not None:
            self._passed = key
        return True

    def _check(self, variables, domains, assignments, forwardcheck, forced) -> bool:
        seconds, bits = self.seconds, self.bits
        total = met = 0  # met: the needs the placed values meet (bits)
        floors = {}
        free = []  # the values of each free slot, as floors lists them
        spread = []  # free slots whose longest value exceeds their floor
        levels = set()
        for v in variables:
            if v in assignments:
                x = assignments[v]
                total += seconds.get(x, 0)
                met |= bits.get(x, 0)
                if x in self.levels:
                    levels.add(self.levels[x])
                continue
            domain = domains[v]
            if not domain:
                if forwardcheck:
                    return False
                floors[v] = 0
                free.append(frozenset())
                continue
            values = frozenset(domain)
            free.append(values)
            span = self._spans.get(values)
            if span is None:
                lengths = [seconds.get(x, 0) for x in domain]
                span = _remember(self._spans, values, (min(lengths), max(lengths)))
            floor, longest = span
            floors[v] = floor
            if longest > floor:
                spread.append((v, floor, longest))
        held = frozenset(levels)
        total += self.moves[held]  # the least time any order spends changing position
        slack = self.cap - total - sum(floors.values())
        if slack < 0:
            return False
        if not floors and self.session_fits is not None:  # the whole day, timed in its order
            placed = [assignments[v] for v in variables if assignments[v] in seconds]
            if total - self.moves[held] + max(len(placed) - 1, 0) * self.worst[held] <= self.cap:
                return True  # within the cap in any order, so in the one it will be given
            return self.session_fits(placed, self.cap)
        if self.full and not self._needs_fit(met, free, floors, slack, forced):
            return False
        if forwardcheck:
            for v, floor, longest in spread:
                if longest - floor > slack:  # only then can a value be too long
                    hide(domains[v], lambda x, f=floor: seconds.get(x, 0) - f <= slack)
        return True

    def _needs_fit(self, met, free, floors, slack, forced) -> bool:
        """Whether the free slots (``free``: their values, in the order of ``floors``) can still
        meet every need owed here and not ``met`` yet, within the slack."""
        bits, seconds = self.bits, self.seconds
        owed = (self.here | forced) & ~met
        if not owed:
            return True
        commons, known = self._commons, self._offers
        for values in free:  # a need every value of a free slot meets is met, at no extra time
            common = commons.get(values)
            if common is None:
                common = -1
                for x in values:
                    common &= bits.get(x, 0)
                _remember(commons, values, common)
            owed &= ~common
        if not owed:
            return True
        offers, frozen = [], []
        needy = self.needy
        for values, floor in zip(free, floors.values()):
            found = known.get((values, owed, slack))
            if found is None:
                options: dict[int, int] = {}
                for x in needy.intersection(values):  # the values that meet any need (order: no matter)
                    m = bits[x] & owed
                    if m:
                        extra = seconds.get(x, 0) - floor
                        if extra < options.get(m, slack + 1):
                            options[m] = extra
                found = _remember(known, (values, owed, slack), (options, frozenset(options.items())))
            if found[0]:
                offers.append(found[0])
                frozen.append(found[1])
        # The same question recurs across a search (nine in ten calls on the default profile):
        # the answer depends on the slots' order but not on the order of a slot's options.
        key = (owed, slack, tuple(frozen))
        fitted = self._fitted.get(key)
        if fitted is None:
            fitted = _remember(self._fitted, key, _fits(owed, slack, offers))
        return fitted


def _remember(memo: dict, key, value):
    """``memo[key] = value`` (a memo past :data:`FIT_MEMO` entries starts again); returns ``value``."""
    if len(memo) >= FIT_MEMO:
        memo.clear()
    memo[key] = value
    return value


def _fits(owed: int, slack: int, offers: list[dict[int, int]]) -> bool:
    """Whether some free slots, one value each, can meet every ``owed`` count (bits) within
    ``slack`` extra seconds. ``offers``: per free slot, bits met -> the least extra time (the
    value's seconds over the slot's floor). Keeps, per set of bits met, the least time; past
    :data:`FIT_STATES` such sets it stops and answers yes (a check left out loses no week)."""
    best = {0: 0}
    for options in offers:
        if len(best) > FIT_STATES:
            return True
        grown = dict(best)
        for met, spent in best.items():
            for bits, extra in options.items():
                t = spent + extra
                if t > slack:
                    continue
                m = met | bits
                if m == owed:
                    return True
                if t < grown.get(m, slack + 1):
                    grown[m] = t
        best = grown
    return False


