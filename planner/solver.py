"""Building a week: the only module that talks to the constraint library.

The week is found in two steps, each a python-constraint2 problem:

1. **Which exercises go on which day.** Each training day has one slot variable per place in
   each block (warm-up, relaxation, stretch, strength, aerobic, cool-down); a slot holds an
   exercise of that block or stays empty. Domains are filtered by the hard ``Exclude``
   requirements first (profile, equipment, contraindications, bans); slot counts come from the
   session-count rules and the time budget. Counting, spacing and time requirements become
   forward-checking constraints written for this problem (:class:`_Among`, :class:`_Days`,
   :class:`_Distinct`, :class:`_Apart`, :class:`_TimeBudget`).
2. **The order of each session.** One position variable per exercise of the day, all
   different, with the ``Ordered`` and ``First`` requirements as constraints.

Before step 1 searches, plain counting (:func:`_bounds_hold`: what the days and slots can offer
a week count, what session counts force, what spacing leaves room for) refutes some weeks
outright that backtracking would only give up on after its whole budget.

Soft requirements are not constraints: every solution is scored by the weighted amount by which
it misses them, and the best of several seeded restarts wins. The result is deterministic for a
seed. When no week exists, each day is first tried alone; then a constructive search over the
hard rules (:func:`_constructive`) finds a minimal set that still conflicts, and
:class:`planner.errors.InfeasibleError` names it.
"""

from __future__ import annotations

import random
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import constraint

from planner.catalog import Catalog
from planner.errors import InfeasibleError, RedFlagError
from planner.kinds.base import Context, volume
from planner.models import BANNED_RULE_ID, Dose, Profile
from planner.requirements import (
    Adjacent,
    Advice,
    Apart,
    Count,
    DoseLimit,
    Exclude,
    First,
    LoadRatio,
    LoadShare,
    Ordered,
    Requirement,
    SessionTime,
    Stop,
)
from planner.rules import Rule

__all__ = ["Settings", "Item", "Solution", "solve", "compile_rules", "Compiled"]

EMPTY = "-"  # the value of a slot left empty
DOSE_FIELDS = ("sets", "reps", "hold_s", "minutes")


@dataclass(frozen=True)
class Settings:
    """Search limits.

    Backtracking times are heavy-tailed: most seeded orders find a week in a few hundred
    nodes, a few wander for minutes. So every search is a series of short restarts whose node
    budget doubles every two tries (``first_budget`` up to ``max_budget``), and gives up after
    ``total_budget`` nodes. ``restarts`` is how many more weeks are sought (each within
    ``candidate_budget`` nodes) to compare soft scores; ``promote_budget`` bounds each test of
    whether a soft rule can be promoted (best effort: a rule not shown feasible in time stays
    soft); ``trial_budget`` bounds each step of a conflict search; ``conflict_budget``
    bounds a whole conflict search.
    """

    restarts: int = 6
    first_budget: int = 1_500
    max_budget: int = 200_000
    total_budget: int = 150_000
    trial_budget: int = 30_000
    promote_budget: int = 3_000
    candidate_budget: int = 6_000
    conflict_budget: int = 150_000
    max_slots_per_block: int = 6

    def budgets(self, total: int | None = None) -> list[int]:
        """The node budget of each try, doubling every two tries, within ``total``."""
        total = self.total_budget if total is None else total
        out: list[int] = []
        budget = self.first_budget
        while sum(out) + min(budget, self.max_budget) <= total:
            out.append(min(budget, self.max_budget))
            if len(out) % 2 == 0:
                budget *= 2
        return out or [total]


@dataclass(frozen=True)
class Item:
    exercise: str
    side: str  # both | left | right
    dose: Dose
    why: tuple[str, ...]


@dataclass
class Solution:
    days: dict[str, list[Item]]
    penalty: int
    soft_misses: list[str]
    advice: list[tuple[str, str]]
    excluded: dict[str, list[str]]
    stats: dict[str, Any] = field(default_factory=dict)
    undosable: dict[str, list[str]] = field(default_factory=dict)  # id -> dose rules no dose meets together


@dataclass
class Compiled:
    """Every applicable rule compiled for one profile, with the origin of each requirement."""

    ctx: Context
    requirements: list[Requirement]
    rule_order: list[str]

    def soft(self) -> list[Requirement]:
        return [r for r in self.requirements if not r.origin.hard]


def compile_rules(rules: Sequence[Rule], catalog: Catalog, profile: Profile) -> Compiled:
    ctx = Context(catalog, profile)
    reqs: list[Requirement] = []
    for rule in rules:
        if rule.applies(profile):
            reqs.extend(rule.kind.compile(rule, ctx))
    # a session must contain something to open with: First implies "at least one"
    for req in list(reqs):
        if isinstance(req, First):
            reqs.append(Count(req.origin, req.ids, "session", 1))
    return Compiled(ctx, reqs, [r.id for r in rules])


# --------------------------------------------------------------------------------------------
# constraints written for this problem (all forward checking)


class _OutOfBudget(Exception):
    pass


@dataclass
class _Meter:
    """Nodes spent across several searches (the conflict search has one overall budget)."""

    nodes: int = 0


class _Budget(constraint.Constraint):
    """Counts assignments and stops the search when the node budget is spent."""

    def __init__(self, limit: int, meter: _Meter | None = None) -> None:
        self.limit = limit
        self.nodes = 0
        self.meter = meter

    def __call__(self, variables, domains, assignments, forwardcheck=False):
        self.nodes += 1
        if self.meter is not None:
            self.meter.nodes += 1
        if self.nodes > self.limit:
            raise _OutOfBudget
        return True


def _hide(domain, keep) -> bool:
    for value in list(domain):
        if not keep(value):
            domain.hideValue(value)
    return bool(domain)


class _LinearAtMost(constraint.Constraint):
    """The sum of ``weights[value]`` over the variables stays at or below zero (a value without a
    weight adds 0). Load rules are linear in the exercises chosen, so a partial week is refuted
    as soon as even the best remaining choices cannot bring the sum back down, and values that
    would overshoot are hidden. The exact load test still runs on complete weeks; this only
    prunes (with a small tolerance, so it never refutes what the exact test would accept)."""

    def __init__(self, weights: dict[str, float]) -> None:
        self.weights = weights

    def __call__(self, variables, domains, assignments, forwardcheck=False):
        weights = self.weights
        total = 0.0
        free = []
        for v in variables:
            if v in assignments:
                total += weights.get(assignments[v], 0.0)
            else:
                best = min((weights.get(x, 0.0) for x in domains[v]), default=0.0)
                total += best
                free.append((v, best))
        room = 1e-6 - total
        if room < 0:
            return False
        if forwardcheck:
            for v, best in free:
                if not _hide(domains[v], lambda x, b=best: weights.get(x, 0.0) - b <= room):
                    return False
        return True


def _load_weights(req: LoadShare | LoadRatio, compiled: Compiled, week: _Week) -> list[dict[str, float]]:
    """Each load rule as linear forms over exercises, each of which must sum to at most zero:
    ``numerator - max_ratio * denominator`` for a ratio, and ``group - max_share * total`` per
    group for a share (an exercise's load is the same wherever it goes)."""
    one = {x: _week_load(compiled, week, {"_": [x]}, req.ids) for x in req.ids if x in week.doses}
    if isinstance(req, LoadRatio):
        return [{x: load.get(req.numerator, 0.0) - req.max_ratio * load.get(req.denominator, 0.0) for x, load in one.items()}]
    forms = []
    for g in req.groups:
        forms.append({x: load.get(g, 0.0) - req.max_share * sum(load.get(h, 0.0) for h in req.groups) for x, load in one.items()})
    return forms


class _Among(constraint.Constraint):
    """Between ``low`` and ``high`` of the variables take a value in ``ids``."""

    def __init__(self, ids: frozenset[str], low: int, high: int | None) -> None:
        self.ids, self.low, self.high = ids, low, high

    def __call__(self, variables, domains, assignments, forwardcheck=False):
        ids = self.ids
        count = 0
        free = []
        for v in variables:
            if v in assignments:
                count += assignments[v] in ids
            elif not ids.isdisjoint(domains[v]):
                free.append(v)
        if self.high is not None and count > self.high:
            return False
        if count + len(free) < self.low:
            return False
        if forwardcheck:
            if self.high is not None and count == self.high:
                for v in free:
                    if not _hide(domains[v], lambda x: x not in ids):
                        return False
            elif count + len(free) == self.low:
                for v in free:
                    if not _hide(domains[v], lambda x: x in ids):
                        return False
        return True


class _Days(constraint.Constraint):
    """Between ``low`` and ``high`` days have at least one variable in ``ids``."""

    def __init__(self, ids: frozenset[str], day_of: dict, low: int, high: int | None) -> None:
        self.ids, self.day_of, self.low, self.high = ids, day_of, low, high

    def __call__(self, variables, domains, assignments, forwardcheck=False):
        ids = self.ids
        hit: set = set()
        maybe: set = set()
        for v in variables:
            if v in assignments:
                if assignments[v] in ids:
                    hit.add(self.day_of[v])
            elif not ids.isdisjoint(domains[v]):
                maybe.add(self.day_of[v])
        maybe -= hit
        if self.high is not None and len(hit) > self.high:
            return False
        if len(hit) + len(maybe) < self.low:
            return False
        if forwardcheck and self.high is not None and len(hit) == self.high:
            for v in variables:
                if v not in assignments and self.day_of[v] not in hit:
                    if not _hide(domains[v], lambda x: x not in ids):
                        return False
        return True


class _PerValueDays(constraint.Constraint):
    """Each value ``x`` of ``limits`` is used on at most ``limits[x]`` days (all repeat limits
    of a week in one constraint, instead of one constraint per exercise)."""

    def __init__(self, limits: dict[str, int], day_of: dict) -> None:
        self.limits, self.day_of = limits, day_of

    def __call__(self, variables, domains, assignments, forwardcheck=False):
        limits, day_of = self.limits, self.day_of
        used: dict[str, set] = {}
        for v in variables:
            if v in assignments:
                value = assignments[v]
                if value in limits:
                    used.setdefault(value, set()).add(day_of[v])
        full = set()
        for value, days in used.items():
            if len(days) > limits[value]:
                return False
            if len(days) == limits[value]:
                full.add(value)
        if forwardcheck and full:
            for v in variables:
                if v not in assignments and not full.isdisjoint(domains[v]):
                    day = day_of[v]
                    if not _hide(domains[v], lambda x: x not in full or day in used[x]):
                        return False
        return True


class _Distinct(constraint.Constraint):
    """Between ``low`` and ``high`` different values of ``ids`` are used."""

    def __init__(self, ids: frozenset[str], low: int, high: int | None) -> None:
        self.ids, self.low, self.high = ids, low, high

    def __call__(self, variables, domains, assignments, forwardcheck=False):
        ids = self.ids
        used: set = set()
        reachable: set = set()
        free = 0
        for v in variables:
            if v in assignments:
                if assignments[v] in ids:
                    used.add(assignments[v])
            else:
                options = {x for x in domains[v] if x in ids}
                if options:
                    free += 1
                    reachable |= options
        if self.high is not None and len(used) > self.high:
            return False
        if len(used) + min(free, len(reachable - used)) < self.low:
            return False
        if forwardcheck and self.high is not None and len(used) == self.high:
            for v in variables:
                if v not in assignments:
                    if not _hide(domains[v], lambda x: x not in ids or x in used):
                        return False
        return True


class _Apart(constraint.Constraint):
    """Not both days (variables split by ``day_of``) hold a value in ``ids``."""

    def __init__(self, ids: frozenset[str], day_of: dict) -> None:
        self.ids, self.day_of = ids, day_of

    def __call__(self, variables, domains, assignments, forwardcheck=False):
        ids = self.ids
        hit = {self.day_of[v] for v in variables if v in assignments and assignments[v] in ids}
        if len(hit) > 1:
            return False
        if forwardcheck and hit:
            (day,) = hit
            for v in variables:
                if v not in assignments and self.day_of[v] != day:
                    if not _hide(domains[v], lambda x: x not in ids):
                        return False
        return True


class _Apartners(constraint.Constraint):
    """No two values that ``partners`` pairs up are used together (in one session)."""

    def __init__(self, partners: dict[str, frozenset[str]]) -> None:
        self.partners = partners

    def __call__(self, variables, domains, assignments, forwardcheck=False):
        used = {assignments[v] for v in variables if v in assignments}
        banned: set[str] = set()
        for value in used:
            banned |= self.partners.get(value, frozenset())
        if banned & used:
            return False
        if forwardcheck and banned:
            for v in variables:
                if v not in assignments and not banned.isdisjoint(domains[v]):
                    if not _hide(domains[v], lambda x: x not in banned):
                        return False
        return True


class _TimeBudget(constraint.Constraint):
    """The durations of the values add up to at most ``cap`` seconds.

    Reasons with a lower bound: every unassigned slot will take at least the shortest value
    left in its domain (zero when it may stay empty), so a value is hidden as soon as it would
    leave too little time for the slots still to fill.
    """

    def __init__(self, seconds: dict[str, int], cap: int) -> None:
        self.seconds, self.cap = seconds, cap

    def __call__(self, variables, domains, assignments, forwardcheck=False):
        seconds = self.seconds
        total = 0
        floors = {}
        for v in variables:
            if v in assignments:
                total += seconds.get(assignments[v], 0)
            else:
                floors[v] = min((seconds.get(x, 0) for x in domains[v]), default=0)
        slack = self.cap - total - sum(floors.values())
        if slack < 0:
            return False
        if forwardcheck:
            for v, floor in floors.items():
                if not _hide(domains[v], lambda x, f=floor: seconds.get(x, 0) - f <= slack):
                    return False
        return True


class _Solver(constraint.OptimizedBacktrackingSolver):
    """Backtracking with forward checking, in the variable order the model chose."""

    def __init__(self, order: list) -> None:
        super().__init__(forwardcheck=True)
        self.order = order

    def getSortedVariables(self, domains, vconstraints):  # noqa: N802 - library API
        return [v for v in self.order if v in domains]


# --------------------------------------------------------------------------------------------
# the week model


@dataclass
class _Week:
    """Everything derived from the requirements that does not depend on the random seed."""

    days: list[str]
    eligible: dict[str, list[str]]  # per day, eligible exercise ids
    excluded: dict[str, list[str]]  # id -> rule ids that excluded it (any day)
    doses: dict[str, Dose]
    dose_why: dict[str, list[str]]
    seconds: dict[str, int]
    slots: dict[tuple[str, str], tuple[int, int]]  # (day, block) -> (required, total)
    hard: list[Requirement]
    soft: list[Requirement]
    partners: dict[str, frozenset[str]] = field(default_factory=dict)  # cannot share a session
    repeat_limits: dict[str, int] = field(default_factory=dict)  # exercise -> most days a week
    refuted: bool = False  # the bounds of :func:`_bounds_hold` already show no week exists
    undosable: dict[str, list[str]] = field(default_factory=dict)  # id -> dose rules that contradict


def _clamp_doses(compiled: Compiled, ids: Iterable[str]) -> tuple[dict, dict, dict]:
    """Apply dose limits; an exercise no dose can satisfy is excluded by the limits' rules."""
    catalog = compiled.ctx.catalog
    doses: dict[str, Dose] = {}
    why: dict[str, list[str]] = defaultdict(list)
    impossible: dict[str, list[str]] = {}
    limits = [r for r in compiled.requirements if isinstance(r, DoseLimit)]
    for ex_id in ids:
        base = catalog.exercises[ex_id].dose
        values = {f: getattr(base, f) for f in DOSE_FIELDS}
        for name in DOSE_FIELDS:
            if values[name] is None:
                continue
            mine = [r for r in limits if ex_id in r.ids and r.dose_field == name and r.origin.hard]
            if not mine:
                continue
            low = max((r.low for r in mine if r.low is not None), default=None)
            high = min((r.high for r in mine if r.high is not None), default=None)
            if low is not None and high is not None and low > high:
                # the binding pair: the rules that set the highest minimum and the lowest maximum
                impossible[ex_id] = [r.origin.rule_id for r in mine if r.low == low or r.high == high]
                break
            value = values[name]
            if low is not None and value < low:
                value = low
            if high is not None and value > high:
                value = high
            if value != values[name]:
                why[ex_id].extend(r.origin.rule_id for r in mine)
            values[name] = value
        if ex_id not in impossible:
            doses[ex_id] = Dose(**values)
    return doses, dict(why), impossible


def _build_week(
    compiled: Compiled, settings: Settings, promote: frozenset[str] = frozenset(), only_days: Sequence[str] = ()
) -> _Week:
    """Derive domains and slot counts from the hard requirements (and the soft ones whose rule
    ids are in ``promote``, which the search then enforces as if they were hard)."""
    ctx = compiled.ctx
    catalog = ctx.catalog
    reqs = compiled.requirements
    hard = [r for r in reqs if r.origin.hard or r.origin.rule_id in promote]
    soft = [r for r in reqs if not r.origin.hard]
    days = [d for d in ctx.training_days if not only_days or d in only_days]
    excluded: dict[str, list[str]] = defaultdict(list)
    for ex in catalog.exercises.values():
        if ex.banned is not None:
            excluded[ex.id].append(BANNED_RULE_ID)
    day_excluded: dict[str, set[str]] = {d: set() for d in days}
    for req in hard:
        if isinstance(req, Exclude):
            for ex_id in req.ids:
                if req.days is None:
                    excluded[ex_id].append(req.origin.rule_id)
                for d in days:
                    if req.days is None or d in req.days:
                        day_excluded[d].add(ex_id)
    candidates = [i for i in catalog.exercises if i not in excluded]
    doses, dose_why, impossible = _clamp_doses(compiled, candidates)
    for ex_id, rule_ids in impossible.items():
        excluded[ex_id].extend(rule_ids)
    eligible = {d: [i for i in candidates if i in doses and i not in day_excluded[d]] for d in days}
    seconds = {i: doses[i].seconds(catalog.exercises[i].side == "unilateral") for i in doses}
    caps = [r.max_seconds for r in hard if isinstance(r, SessionTime)]
    cap = min(caps) if caps else None

    slots: dict[tuple[str, str], tuple[int, int]] = {}
    for d in days:
        by_block: dict[str, list[str]] = defaultdict(list)
        for ex_id in eligible[d]:
            by_block[catalog.block(ex_id)].append(ex_id)
        for block in catalog.vocab.blocks:
            members = set(by_block.get(block, []))
            total = min(len(members), settings.max_slots_per_block)
            required = 0
            for req in hard:
                if not isinstance(req, Count) or req.scope != "session":
                    continue
                if req.days is not None and d not in req.days:
                    continue
                if req.high is not None and members and members <= req.ids:
                    total = min(total, req.high)
                if req.low and (req.ids & set(eligible[d])) and (req.ids & set(eligible[d])) <= members:
                    required = max(required, req.low)
            if cap is not None and members:
                shortest = min(seconds[i] for i in members)
                total = min(total, cap // max(shortest, 1))
            slots[(d, block)] = (min(required, total), total)
    partners = _order_clashes([r for r in hard if isinstance(r, Ordered)], set(doses))
    repeat_limits: dict[str, int] = {}
    for req in hard:
        if _is_repeat_limit(req):
            (value,) = req.ids
            repeat_limits[value] = min(req.high, repeat_limits.get(value, req.high))
    week = _Week(days, eligible, dict(excluded), doses, dose_why, seconds, slots, hard, soft, partners, repeat_limits)
    week.undosable = impossible
    week.refuted = not _bounds_hold(week, catalog)
    return week


def _is_repeat_limit(req: Requirement) -> bool:
    """A cap on the days one exercise may appear (all such caps share one constraint)."""
    return (isinstance(req, Count) and req.scope == "week" and req.measure == "days" and req.low == 0
            and req.high is not None and len(req.ids) == 1)


def _order_clashes(ordered: list[Ordered], ids: set[str]) -> dict[str, frozenset[str]]:
    """Exercises that hard ordering rules force both ways round (one rule puts a before b,
    another b before a): such a pair can never share a session, so the day assignment keeps
    them apart instead of leaving the session order to fail later."""
    forced: set[tuple[str, str]] = set()
    for req in ordered:
        ranked = sorted((r, x) for x, r in req.rank.items() if x in ids)
        for i, (ra, a) in enumerate(ranked):
            for rb, b in ranked[i + 1:]:
                if ra < rb:
                    forced.add((a, b))
    partners: dict[str, set[str]] = defaultdict(set)
    for a, b in forced:
        if (b, a) in forced:
            partners[a].add(b)
    return {a: frozenset(bs) for a, bs in partners.items()}


def _consecutive(days: list[str], all_days: Sequence[str], wrap: bool) -> list[tuple[str, str]]:
    pairs = []
    for i, day in enumerate(all_days):
        nxt = all_days[(i + 1) % len(all_days)]
        if (i + 1 < len(all_days) or wrap) and day in days and nxt in days:
            pairs.append((day, nxt))
    return pairs


def _solve_days(compiled: Compiled, week: _Week, rng: random.Random, budget: int, meter: _Meter | None = None
                ) -> dict | None:
    """One search for a day assignment; ``None`` when proven impossible; raises when out of budget."""
    catalog = compiled.ctx.catalog
    problem = constraint.Problem(_Solver([]))
    order: list = []
    day_vars: dict[str, list] = defaultdict(list)
    day_of: dict = {}
    # longest activities first (as in first-fit-decreasing packing): the time budget then
    # shapes the short, plentiful blocks instead of starving the long ones
    longest = {
        b: max((week.seconds[i] for d in week.days for i in week.eligible[d] if catalog.block(i) == b), default=0)
        for b in catalog.vocab.blocks
    }
    blocks = sorted(catalog.vocab.blocks, key=lambda b: -longest[b])
    # the longest block across the whole week first (its weekly counts fail fast), then the
    # rest day by day (session counts and time are tight within a day)
    sequence = [(d, blocks[0]) for d in week.days] + [(d, b) for d in week.days for b in blocks[1:]]
    for d, block in sequence:
        required, total = week.slots[(d, block)]
        members = [i for i in week.eligible[d] if catalog.block(i) == block]
        rng.shuffle(members)
        rank = {ex: i for i, ex in enumerate(members)}
        previous = None
        for s in range(total):
            var = (d, block, s)
            values = list(members) + ([EMPTY] if s >= required else [])
            problem.addVariable(var, list(reversed(values)))  # the solver pops from the end
            order.append(var)
            day_vars[d].append(var)
            day_of[var] = d
            if previous is not None:
                problem.addConstraint(
                    constraint.FunctionConstraint(
                        lambda a, b, r=rank: b == EMPTY or (a != EMPTY and r[a] < r[b])
                    ),
                    [previous, var],
                )
            previous = var
    all_vars = list(order)

    def relevant(vars_: Iterable, ids: frozenset[str]) -> list:
        return [v for v in vars_ if not ids.isdisjoint(problem._variables[v])]

    if week.refuted or not _enough_capacity(week):
        return None
    if week.partners:
        for d in week.days:
            vs = relevant(day_vars[d], frozenset(week.partners))
            if vs:
                problem.addConstraint(_Apartners(week.partners), vs)
    if week.repeat_limits:
        vs = relevant(all_vars, frozenset(week.repeat_limits))
        if vs:
            problem.addConstraint(_PerValueDays(week.repeat_limits, day_of), vs)
    for req in week.hard:
        if _is_repeat_limit(req):
            continue
        if isinstance(req, Count):
            if req.scope == "session":
                for d in week.days:
                    if req.days is not None and d not in req.days:
                        continue
                    vs = relevant(day_vars[d], req.ids)
                    if len(vs) < req.low:
                        return None
                    if vs:
                        problem.addConstraint(_Among(req.ids, req.low, req.high), vs)
            else:
                vs = relevant(all_vars, req.ids)
                if not vs:
                    if req.low > 0:
                        return None
                    continue
                if req.measure == "items":
                    problem.addConstraint(_Among(req.ids, req.low, req.high), vs)
                elif req.measure == "days":
                    problem.addConstraint(_Days(req.ids, day_of, req.low, req.high), vs)
                else:
                    problem.addConstraint(_Distinct(req.ids, req.low, req.high), vs)
        elif isinstance(req, Apart):
            for a, b in _consecutive(week.days, catalog.vocab.days, req.wrap):
                vs = relevant(day_vars[a] + day_vars[b], req.ids)
                if vs:
                    problem.addConstraint(_Apart(req.ids, day_of), vs)
        elif isinstance(req, SessionTime):
            for d in week.days:
                if day_vars[d]:
                    problem.addConstraint(_TimeBudget(week.seconds, req.max_seconds), day_vars[d])
        elif isinstance(req, (LoadShare, LoadRatio)):
            for weights in _load_weights(req, compiled, week):
                vs = relevant(all_vars, frozenset(weights))
                if vs:
                    problem.addConstraint(_LinearAtMost(weights), vs)
            problem.addConstraint(
                constraint.FunctionConstraint(
                    lambda *vals, r=req, vs=tuple(all_vars): _load_miss(r, dict(zip(vs, vals)), compiled, week) == 0
                ),
                all_vars,
            )
    if not all_vars:
        return {}
    guard = _Budget(budget, meter)
    problem.addConstraint(guard, all_vars)
    problem.setSolver(_Solver(order))
    found = problem.getSolution()
    return found


def _enough_capacity(week: _Week) -> bool:
    """A pigeonhole test backtracking is slow to discover: every session needs ``low``
    different exercises from a set, and each exercise can serve at most its repeat limit in
    days, so the set must offer enough exercise-days for all the sessions that need it."""
    for req in week.hard:
        if not (isinstance(req, Count) and req.scope == "session" and req.low > 0):
            continue
        days = [d for d in week.days if req.days is None or d in req.days]
        offer: dict[str, int] = {}
        for d in days:
            for ex_id in req.ids.intersection(week.eligible[d]):
                offer[ex_id] = offer.get(ex_id, 0) + 1
        capacity = sum(min(n, week.repeat_limits.get(ex_id, n)) for ex_id, n in offer.items())
        if capacity < req.low * len(days):
            return False
    return True


def _placeable(week: _Week, catalog: Catalog) -> dict[str, frozenset[str]]:
    """Per training day, the exercises a slot of that day can hold: eligible, in a block with
    at least one slot that day, and not capped at zero days by a repeat limit. Every week the
    search can return draws each day's exercises from this set."""
    return {
        d: frozenset(
            x for x in week.eligible[d]
            if week.slots[(d, catalog.block(x))][1] > 0 and week.repeat_limits.get(x, 1) > 0
        )
        for d in week.days
    }


def _bounds_hold(week: _Week, catalog: Catalog) -> bool:
    """Cheap necessary conditions for a week to exist, checked once per week model before any
    search. Backtracking discovers these conflicts only by exhausting every assignment of the
    variables it fills first (minutes), while here they are plain counting. ``False`` only when
    no week can exist: every test relaxes the problem, never tightens it."""
    placeable = _placeable(week, catalog)
    return _week_counts_hold(week, catalog, placeable) and _apart_patterns_hold(week, catalog, placeable)


def _forced(week: _Week, placeable: dict[str, frozenset[str]], day: str, ids: frozenset[str]) -> int:
    """How many different exercises of ``ids`` every session on ``day`` must hold: the largest
    ``low`` of a hard session count on that day whose placeable exercises all lie in ``ids``."""
    most = 0
    for req in week.hard:
        if isinstance(req, Count) and req.scope == "session" and req.low > 0:
            if (req.days is None or day in req.days) and req.ids & placeable[day] <= ids:
                most = max(most, req.low)
    return most


def _week_counts_hold(week: _Week, catalog: Catalog, placeable: dict[str, frozenset[str]]) -> bool:
    """Each hard week-scope count against what the week can offer and what it must hold.

    An exercise appears at most once a day (slots of a block hold different exercises, and an
    exercise belongs to one block), on days where it is placeable, and on at most its repeat
    limit of days; a (day, block) holds at most its slot count. That bounds the items, days and
    distinct exercises of a set from above. From below, a session count whose placeable
    exercises all lie in the set puts at least its ``low`` different ones of them in that
    session.
    """
    for req in week.hard:
        if not (isinstance(req, Count) and req.scope == "week"):
            continue
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
            need = [_forced(week, placeable, d, req.ids) for d in week.days]
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


def _apart_patterns_hold(week: _Week, catalog: Catalog, placeable: dict[str, frozenset[str]]) -> bool:
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
    aparts = [r for r in week.hard if isinstance(r, Apart)]
    if not aparts:
        return True
    order = catalog.vocab.days
    days = sorted(week.days, key=order.index)
    n = len(days)
    spaced: dict[tuple[str, str], frozenset[int]] = defaultdict(frozenset)
    for i, req in enumerate(aparts):
        for a, b in _consecutive(days, order, req.wrap):
            if a != b:
                spaced[(a, b)] |= {i}
                spaced[(b, a)] |= {i}
    if not spaced:
        return True
    counts = [
        r for r in week.hard
        if isinstance(r, Count) and r.scope == "week" and r.measure == "days" and r.low > 0
    ]

    def types(day: str, ids: frozenset[str]) -> set[frozenset]:
        return _minimal(frozenset(i for i, r in enumerate(aparts) if x in r.ids) for x in ids & placeable[day])

    patterns: list[list[tuple[frozenset, frozenset]]] = []
    for day in days:
        current: set[tuple[frozenset, frozenset]] = {(frozenset(), frozenset())}
        for req in week.hard:
            if not (isinstance(req, Count) and req.scope == "session" and req.low > 0):
                continue
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


def _assignment_days(assignment: dict, days: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {d: [] for d in days}
    for (d, _block, _s), value in sorted(assignment.items(), key=lambda kv: kv[0][2]):
        if value != EMPTY:
            out[d].append(value)
    return out


def _week_load(compiled: Compiled, week: _Week, per_day: dict[str, list[str]], ids: frozenset[str]) -> dict:
    catalog = compiled.ctx.catalog
    worked = []
    for exercises in per_day.values():
        for ex_id in exercises:
            if ex_id in ids:
                ex = catalog.exercises[ex_id]
                worked.append((ex.muscles.primary, ex.muscles.secondary, volume(week.doses[ex_id].sets)))
    return catalog.graph.load(worked)


def _load_miss(req: Requirement, assignment: dict, compiled: Compiled, week: _Week) -> float:
    per_day = _assignment_days(assignment, week.days)
    return _load_miss_days(req, per_day, compiled, week)


def _load_miss_days(req: Requirement, per_day: dict[str, list[str]], compiled: Compiled, week: _Week) -> float:
    if isinstance(req, LoadShare):
        load = _week_load(compiled, week, per_day, req.ids)
        total = sum(load.get(g, 0.0) for g in req.groups)
        if total == 0:
            return 0.0
        return sum(max(0.0, load.get(g, 0.0) / total - req.max_share) for g in req.groups)
    assert isinstance(req, LoadRatio)
    load = _week_load(compiled, week, per_day, req.ids)
    top, bottom = load.get(req.numerator, 0.0), load.get(req.denominator, 0.0)
    return max(0.0, top - req.max_ratio * bottom)


def _soft_penalty(compiled: Compiled, week: _Week, per_day: dict[str, list[str]]) -> tuple[int, list[str]]:
    """Weighted amount by which the soft requirements are missed, and a line per miss."""
    catalog = compiled.ctx.catalog
    penalty = 0.0
    misses: list[str] = []
    for req in week.soft:
        miss = 0.0
        if isinstance(req, Exclude):
            miss = sum(1 for d, xs in per_day.items() for x in xs if x in req.ids and (req.days is None or d in req.days))
        elif isinstance(req, Count):
            values: list[int] = []
            if req.scope == "session":
                values = [
                    sum(1 for x in xs if x in req.ids)
                    for d, xs in per_day.items()
                    if req.days is None or d in req.days
                ]
            else:
                values = [_measure(req, per_day)]
            for n in values:
                miss += max(0, req.low - n) + (max(0, n - req.high) if req.high is not None else 0)
        elif isinstance(req, Apart):
            for a, b in _consecutive(week.days, catalog.vocab.days, req.wrap):
                miss += bool(set(per_day[a]) & req.ids and set(per_day[b]) & req.ids)
        elif isinstance(req, SessionTime):
            for xs in per_day.values():
                miss += max(0, sum(week.seconds[x] for x in xs) - req.max_seconds) / 60
        elif isinstance(req, (LoadShare, LoadRatio)):
            miss = _load_miss_days(req, per_day, compiled, week) * 10
        if miss > 0:
            penalty += miss * req.origin.weight
            misses.append(req.origin.rule_id)
    return round(penalty * 10), sorted(set(misses))


# --------------------------------------------------------------------------------------------
# session order


def _order_session(compiled: Compiled, exercises: list[str], soft_too: bool) -> list[str] | None:
    catalog = compiled.ctx.catalog
    blocks = catalog.vocab.blocks
    regions = catalog.graph.regions
    units = sorted(
        exercises,
        key=lambda e: (blocks.index(catalog.block(e)), regions.index(catalog.exercises[e].region), e),
    )
    if len(units) <= 1:
        firsts = [r for r in compiled.requirements if isinstance(r, First) and (r.origin.hard or soft_too)]
        if units and any(units[0] not in r.ids for r in firsts):
            return None
        return units
    problem = constraint.Problem(_Solver(units))
    positions = list(range(len(units)))
    for u in units:
        problem.addVariable(u, list(reversed(positions)))
    problem.addConstraint(constraint.AllDifferentConstraint(), units)
    present = set(units)
    for req in compiled.requirements:
        if not (req.origin.hard or soft_too):
            continue
        if isinstance(req, Ordered):
            ranked = [u for u in units if u in req.rank]
            for a in ranked:
                for b in ranked:
                    if req.rank[a] < req.rank[b]:
                        problem.addConstraint(constraint.FunctionConstraint(lambda x, y: x < y), [a, b])
        elif isinstance(req, First) and present:
            for u in units:
                if u not in req.ids:
                    problem.addConstraint(constraint.FunctionConstraint(lambda x: x != 0), [u])
    found = problem.getSolution()
    if found is None:
        return None
    return sorted(units, key=lambda u: found[u])


def _order_conflict(compiled: Compiled, exercises: list[str]) -> list[str]:
    """A minimal set of hard ordering rules under which ``exercises`` admit no session order."""
    ordering = [r for r in compiled.requirements if isinstance(r, (Ordered, First)) and r.origin.hard]
    keep = list(dict.fromkeys(r.origin.rule_id for r in ordering))
    for rule_id in list(keep):
        trial = [r for r in ordering if r.origin.rule_id in set(keep) - {rule_id}]
        if _order_session(replace(compiled, requirements=trial), exercises, soft_too=False) is None:
            keep.remove(rule_id)
    return keep


# --------------------------------------------------------------------------------------------
# putting it together


def _why(compiled: Compiled, week: _Week, per_day: dict[str, list[str]], day: str, ex_id: str) -> tuple[str, ...]:
    """Rule ids behind this item: counts it is needed for, rules that placed it, dosed it or
    split its sides. A counting rule is named only when the plan meets it and would break it
    without this exercise on this day, so the list says what actually forced the choice (a soft
    count the week falls short of forced nothing)."""
    catalog = compiled.ctx.catalog
    exercises = per_day[day]
    reasons: list[str] = []
    for req in compiled.requirements:
        rid = req.origin.rule_id
        if isinstance(req, Count) and req.low > 0 and ex_id in req.ids:
            if req.scope == "session":
                if (req.days is None or day in req.days) and sum(x in req.ids for x in exercises) == req.low:
                    reasons.append(rid)
            else:
                rest = {d: [x for x in xs if not (d == day and x == ex_id)] for d, xs in per_day.items()}
                if _measure(req, rest) < req.low <= _measure(req, per_day):
                    reasons.append(rid)
        elif isinstance(req, First) and exercises and exercises[0] == ex_id and ex_id in req.ids:
            reasons.append(rid)
        elif isinstance(req, Ordered) and ex_id in req.rank:
            if any(o in req.rank and req.rank[o] != req.rank[ex_id] for o in exercises):
                reasons.append(rid)
        elif isinstance(req, Adjacent) and ex_id in req.ids and catalog.exercises[ex_id].side == "unilateral":
            reasons.append(rid)
    reasons.extend(week.dose_why.get(ex_id, []))
    order = {r: i for i, r in enumerate(compiled.rule_order)}
    return tuple(sorted(set(reasons), key=lambda r: order.get(r, len(order))))


def _measure(req: Count, per_day: dict[str, list[str]]) -> int:
    """A week-scope count of ``req.ids`` in a day assignment."""
    if req.measure == "items":
        return sum(1 for xs in per_day.values() for x in xs if x in req.ids)
    if req.measure == "days":
        return sum(1 for xs in per_day.values() if set(xs) & req.ids)
    return len({x for xs in per_day.values() for x in xs if x in req.ids})


def _expand(compiled: Compiled, week: _Week, ordered: dict[str, list[str]], day: str) -> list[Item]:
    catalog = compiled.ctx.catalog
    items: list[Item] = []
    lead_left = True
    for ex_id in ordered[day]:
        why = _why(compiled, week, ordered, day, ex_id)
        dose = week.doses[ex_id]
        if catalog.exercises[ex_id].side == "unilateral":
            sides = ("left", "right") if lead_left else ("right", "left")
            lead_left = not lead_left
            items.extend(Item(ex_id, s, dose, why) for s in sides)
        else:
            items.append(Item(ex_id, "both", dose, why))
    return items


class _OrderFailed(Exception):
    def __init__(self, exercises: list[str]) -> None:
        super().__init__(exercises)
        self.exercises = exercises


def _attempt(compiled: Compiled, week: _Week, seed: int, restart: int, budget: int, meter: _Meter | None = None
             ) -> dict[str, list[str]] | None:
    """One seeded search: the ordered exercises per day, or ``None`` when no week exists.

    Raises :class:`_OutOfBudget` when the search gives up, :class:`_OrderFailed` when a day
    assignment was found but one of its sessions cannot be ordered.
    """
    rng = random.Random(f"{seed}:{restart}")
    assignment = _solve_days(compiled, week, rng, budget, meter)
    if assignment is None:
        return None
    ordered: dict[str, list[str]] = {}
    for d, exercises in _assignment_days(assignment, week.days).items():
        order = _order_session(compiled, exercises, soft_too=True) or _order_session(compiled, exercises, soft_too=False)
        if order is None:
            raise _OrderFailed(exercises)
        ordered[d] = order
    return ordered


def _promotion_groups(compiled: Compiled) -> list[str]:
    """Soft rules the search can enforce as constraints, heaviest first."""
    weight: dict[str, int] = {}
    blocked: set[str] = set()
    for req in compiled.soft():
        rid = req.origin.rule_id
        weight[rid] = req.origin.weight
        if not isinstance(req, (Exclude, Count, Apart, SessionTime)):
            blocked.add(rid)
    order = {r: i for i, r in enumerate(compiled.rule_order)}
    return sorted((r for r in weight if r not in blocked), key=lambda r: (-weight[r], order.get(r, 0)))


@dataclass
class _Found:
    """What a search with restarts produced: a week, or why not (``infeasible`` when proven,
    ``budget`` when it gave up, ``order`` when weeks were found but the session ``unorderable``
    could not be ordered)."""

    week: dict[str, list[str]] | None
    status: str
    unorderable: list[str] = field(default_factory=list)


def _find(compiled: Compiled, week: _Week, seed: int, budgets: Sequence[int], first: int = 0,
          meter: _Meter | None = None) -> _Found:
    """Search with restarts under the given node budgets."""
    failure = _Found(None, "budget")
    for n, budget in enumerate(budgets):
        try:
            found = _attempt(compiled, week, seed, first + n, budget, meter)
        except _OutOfBudget:
            continue
        except _OrderFailed as exc:
            failure = _Found(None, "order", exc.exercises)
            continue
        if found is None:
            return failure if failure.status == "order" else _Found(None, "infeasible")
        return _Found(found, "ok")
    return failure


def _search(compiled: Compiled, settings: Settings, seed: int) -> tuple[Solution | None, _Found]:
    """Best week found, or ``(None, reason)`` with reason ``infeasible``, ``budget`` or ``order``.

    1. Find any week that meets the hard rules (or prove there is none).
    2. Promote soft rules to constraints one at a time, heaviest first, keeping each that still
       leaves a week.
    3. Collect ``settings.restarts`` weeks under the promoted set; keep the lowest soft penalty.
    """
    catalog = compiled.ctx.catalog
    started = time.perf_counter()
    base = _build_week(compiled, settings)
    first = _find(compiled, base, seed, settings.budgets())
    if first.week is None:
        return None, first
    found = first.week

    promoted: frozenset[str] = frozenset()
    for rule_id in _promotion_groups(compiled):
        trial = _build_week(compiled, settings, promote=promoted | {rule_id})
        if _find(compiled, trial, seed, settings.budgets(settings.promote_budget)).week is not None:
            promoted |= {rule_id}

    week = _build_week(compiled, settings, promote=promoted)
    best: Solution | None = None
    candidates = 0
    for restart in range(settings.restarts + 1):
        if restart == 0:
            ordered: dict[str, list[str]] | None = found
        else:
            budgets = settings.budgets(settings.candidate_budget)
            ordered = _find(compiled, week, seed, budgets, first=100 * restart).week
        if ordered is None:
            continue
        candidates += 1
        penalty, misses = _soft_penalty(compiled, week, ordered)
        if best is None or penalty < best.penalty:
            days: dict[str, list[Item]] = {d: [] for d in catalog.vocab.days}
            for d in ordered:
                days[d] = _expand(compiled, week, ordered, d)
            best = Solution(days, penalty, misses, [], week.excluded, {"candidate": restart}, week.undosable)
        if best.penalty == 0:
            break
    assert best is not None
    best.stats.update(
        seconds=round(time.perf_counter() - started, 4),
        candidates=candidates,
        promoted=sorted(promoted),
    )
    return best, first


_WEEK_LEVEL = (Apart, LoadShare, LoadRatio)


def _conflict(compiled: Compiled, settings: Settings, seed: int) -> tuple[list[str], bool]:
    """A minimal set of hard rule ids that admits no week, and whether that was proven.

    Each training day is first tried alone under the rules that act within a session; a day
    that cannot be filled gives a small problem whose conflict also stops the week, and is found
    fast. Otherwise the whole week is searched. The search as a whole spends at most
    ``settings.conflict_budget`` nodes.
    """
    meter = _Meter()
    local = [
        r for r in compiled.requirements
        if not isinstance(r, _WEEK_LEVEL) and not (isinstance(r, Count) and r.scope == "week")
    ]
    day_compiled = replace(compiled, requirements=local)
    for day in compiled.ctx.training_days:
        week = _build_week(day_compiled, settings, only_days=[day])
        if _find(day_compiled, week, seed, settings.budgets(settings.trial_budget), meter=meter).status == "infeasible":
            return _constructive(day_compiled, settings, seed, [day], meter)
    return _constructive(compiled, settings, seed, [], meter)


def _constructive(compiled: Compiled, settings: Settings, seed: int, days: list[str], meter: _Meter
              ) -> tuple[list[str], bool]:
    """Constructive conflict search (the linear variant of QuickXplain's idea).

    Rules are added in file order until the growing set admits no week; the rule that tipped it
    belongs to the conflict. The search then restarts from the conflict found so far plus the
    rules before the tipping one, until the conflict alone admits no week. Failing searches are
    the expensive ones (they must prove a negative) and there is about one per conflicting rule;
    the rest find a week quickly. A search that runs out of budget counts as failing, and the
    result is then reported as possibly not minimal.
    """
    order = {r: i for i, r in enumerate(compiled.rule_order)}
    pool = sorted(
        dict.fromkeys(r.origin.rule_id for r in compiled.requirements if r.origin.hard),
        key=lambda r: order.get(r, len(order)),
    )
    proven = True

    def fails(rule_ids: list[str]) -> bool:
        nonlocal proven
        if meter.nodes >= settings.conflict_budget:
            proven = False
            return True
        active = set(rule_ids)
        sub = replace(compiled, requirements=[r for r in compiled.requirements if r.origin.rule_id in active])
        result = _find(sub, _build_week(sub, settings, only_days=days), seed,
                       settings.budgets(settings.trial_budget), meter=meter)
        if result.status == "budget":
            proven = False
        return result.week is None

    core: list[str] = []
    while not (core and fails(core)):
        grown = list(core)
        tipping = None
        for rule_id in pool:
            if rule_id in core:
                continue
            grown.append(rule_id)
            if fails(grown):
                tipping = rule_id
                break
        if tipping is None:  # every rule together admits a week after all
            return sorted(core, key=lambda r: order.get(r, len(order))), False
        core.append(tipping)
        pool = [r for r in grown if r not in core]
    return sorted(core, key=lambda r: order.get(r, len(order))), proven


def _details(ids: Sequence[str], rules: Sequence[Rule]) -> str:
    """One line per rule id: its description and where it was written."""
    by_id = {r.id: r for r in rules}
    return "".join(
        f"\n  - {i}: {by_id[i].header.description} ({by_id[i].where})" if i in by_id else f"\n  - {i}" for i in ids
    )


def solve(rules: Sequence[Rule], catalog: Catalog, profile: Profile, seed: int = 0,
          settings: Settings | None = None) -> Solution:
    """Plan a week for ``profile``; raise :class:`RedFlagError` or :class:`InfeasibleError`."""
    settings = settings or Settings()
    compiled = compile_rules(rules, catalog, profile)
    stops = [r for r in compiled.requirements if isinstance(r, Stop) and r.origin.hard]
    if stops:
        raise RedFlagError(f"{stops[0].message} [{', '.join(s.origin.rule_id for s in stops)}]")
    solution, found = _search(compiled, settings, seed)
    outcome = found.status
    if solution is None:
        if outcome == "order":
            ids = _order_conflict(compiled, found.unorderable)
            raise InfeasibleError(
                "no session order satisfies these ordering rules together: " + ", ".join(ids)
                + _details(ids, rules), ids
            )
        ids, proven = _conflict(compiled, settings, seed)
        details = _details(ids, rules)
        if outcome == "budget":
            raise InfeasibleError(
                "no week found within the search limit (one may still exist); the hard rules most "
                "likely in conflict: " + ", ".join(ids) + details,
                ids,
                proven=False,
            )
        qualifier = "" if proven else " (the search limit was reached, so this set may not be minimal)"
        raise InfeasibleError(
            "these hard rules cannot all hold for this profile: " + ", ".join(ids) + qualifier + details,
            ids,
            proven=proven,
        )
    solution.advice = [(r.origin.rule_id, r.text) for r in compiled.requirements if isinstance(r, Advice)]
    return solution
