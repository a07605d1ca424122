"""The dose search: small steps on strength doses that bring the balance figures into band.

A *move* changes one dose field of one strength exercise by one step (:data:`STEP`: a set, a
repetition, 5 s of a hold) on every day the exercise is in the week, both sides of a one-sided
exercise alike. A move stays inside the doses the dose rules and the contract allow
(:func:`planner.doses.ranges`) and inside backplan's own conservative span around the dose the
search gave (:func:`span`): never below half of it, never a set more, at most 2 repetitions or
5 s of hold more. Lowering is preferred to raising: a raise costs :data:`RAISE_COST` times its
seconds.

Each round ranks the moves by how much they lower the weighted amount missed of the load rules
(``load_ratio`` and ``balance``: each kind's own ``check``) per second of load changed, and takes
the first whose week breaks no hard rule the plan kept and lowers the whole soft score (every
soft rule, weighted as the search weighs it). The search ends when every load rule holds, no move
helps, or after :data:`MAX_ROUNDS` rounds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from planner.doses import ranges
from planner.judging import WeekJudge
from planner.kinds.base import Entry, Week
from planner.load import COUNTED_BLOCKS, SIDE_SHARE, tension_seconds
from planner.requirements import DoseLimit

__all__ = ["LOAD_KINDS", "MAX_ROUNDS", "RAISE", "RAISE_COST", "STEP", "Search", "span"]

STEP = {"sets": 1, "reps": 1, "hold_s": 5}
RAISE = {"sets": 0, "reps": 2, "hold_s": 5}  # the most a field may rise above the search's dose
RAISE_COST = 2.0
MAX_ROUNDS = 80
LOAD_KINDS = frozenset({"load_ratio", "balance"})
_EPSILON = 1e-9


def span(field_name: str, planned: int, allowed: tuple[int, int]) -> tuple[int, int]:
    """The values a field may take: the ``allowed`` range (dose rules and contract) cut to half the
    ``planned`` value (rounded up) below and :data:`RAISE` above."""
    low, high = allowed
    return max(low, -(-planned // 2)), min(high, planned + RAISE[field_name])


@dataclass(frozen=True)
class Move:
    exercise: str
    field: str
    step: int  # -1 lower, +1 raise


@dataclass
class Search:
    """The dose search over one judged week (see the module docstring)."""

    judge: WeekJudge
    limits: list[DoseLimit]
    scale: Callable[[str], float]  # a soft rule id -> its weight times its type's scale
    rejected: dict[str, list[str]] = field(default_factory=dict)  # exercise -> why a move was refused

    def __post_init__(self) -> None:
        j = self.judge
        self.load_rules = [r for r in j.rules if r.header.kind in LOAD_KINDS and not r.hard]
        counted = {x for x in j.catalog.exercises if j.catalog.block(x) in COUNTED_BLOCKS}
        self.planned: dict[str, Entry] = {}
        for _, entries in j.week.sessions():
            for e in entries:
                if e.exercise in counted:
                    self.planned.setdefault(e.exercise, e)
        self.spans = {}
        for ex_id, e in self.planned.items():
            allowed = ranges(ex_id, e.dose(), self.limits)
            self.spans[ex_id] = {f: span(f, getattr(e, f), allowed[f]) for f in allowed
                                 if f in STEP and not (f == "hold_s" and e.reps is not None)}

    # -- scores ----------------------------------------------------------------------------------
    def load_miss(self, week: Week) -> float:
        out = 0.0
        for rule in self.load_rules:
            out += self.scale(rule.id) * sum(v.amount for v in rule.kind.check(rule, week, self.judge.ctx))
        return out

    def soft_score(self, found) -> float:
        return sum(self.scale(v.rule_id) * v.amount for v in found if not v.hard)

    # -- moves -----------------------------------------------------------------------------------
    def relevant(self, week: Week) -> set[str] | None:
        """The groups of the load rules ``week`` misses (``None``: every group, when a share is
        missed, since every exercise moves the shares)."""
        groups: set[str] = set()
        for rule in self.load_rules:
            if rule.kind.check(rule, week, self.judge.ctx):
                if rule.header.kind != "load_ratio":
                    return None
                groups |= {rule.params.numerator, rule.params.denominator}
        return groups

    def moves(self, week: Week, raising: bool) -> list[Move]:
        """The moves the spans allow on the exercises that work a group of a missed load rule."""
        now = self.doses(week)
        groups = self.relevant(week)
        out = []
        for ex_id, fields in self.spans.items():
            if groups is not None and not groups & set(self.judge.catalog.groups(ex_id)):
                continue
            for name, (low, high) in fields.items():
                value = getattr(now[ex_id], name)
                if value - STEP[name] >= low:
                    out.append(Move(ex_id, name, -1))
                if raising and value + STEP[name] <= high:
                    out.append(Move(ex_id, name, +1))
        return out

    def doses(self, week: Week) -> dict[str, Entry]:
        out: dict[str, Entry] = {}
        for _, entries in week.sessions():
            for e in entries:
                if e.exercise in self.spans:
                    out.setdefault(e.exercise, e)
        return out

    def apply(self, week: Week, move: Move) -> tuple[Week, float]:
        """The week after ``move``, and the seconds under tension it changes (a raise weighed
        :data:`RAISE_COST` times)."""
        changed = 0.0
        days = {}
        for day, entries in week.days.items():
            out = []
            for e in entries:
                if e.exercise == move.exercise:
                    new = _with(e, move.field, getattr(e, move.field) + move.step * STEP[move.field])
                    changed += abs(_seconds(new) - _seconds(e))
                    e = new
                out.append(e)
            days[day] = out
        return Week(days, list(week.training_days), dict(week.walks)), changed * (RAISE_COST if move.step > 0 else 1.0)

    def missed(self, week: Week) -> int:
        """How many load rules ``week`` misses."""
        return sum(1 for r in self.load_rules if r.kind.check(r, week, self.judge.ctx))

    def tune(self) -> Week:
        """The tuned week: lowering doses only, then raising too when that meets more load rules
        (otherwise the raises are not worth their load); the plan's own week when nothing helps."""
        lowered = self.run(self.judge.week, raising=False)
        if not self.missed(lowered):
            return lowered
        raised = self.run(lowered, raising=True)
        return raised if self.missed(raised) < self.missed(lowered) else lowered

    def run(self, week: Week, raising: bool) -> Week:
        """``week`` after the rounds of moves (lowering only unless ``raising``)."""
        j = self.judge
        miss = self.load_miss(week)
        score = self.soft_score(j.violations(week, judged_only=False))
        for _ in range(MAX_ROUNDS):
            if miss <= _EPSILON:
                break
            ranked = []
            for move in self.moves(week, raising):
                trial, cost = self.apply(week, move)
                gain = miss - self.load_miss(trial)
                if gain > _EPSILON and cost > 0:
                    ranked.append((-gain / cost, move.step, cost, move.exercise, move.field, trial, move))
            ranked.sort(key=lambda r: r[:5])
            for *_, trial, move in ranked:
                found = j.violations(trial, judged_only=False)
                broken = j.breaks(j.judged(found))
                new_score = self.soft_score(found)
                if broken:
                    self.rejected.setdefault(move.exercise, []).append(broken[0])
                elif new_score >= score - _EPSILON:
                    self.rejected.setdefault(move.exercise, []).append("it would not lower the soft score")
                else:
                    week, score, miss = trial, new_score, self.load_miss(trial)
                    break
            else:
                break
        return week


def _with(entry: Entry, name: str, value: int) -> Entry:
    values = {f: getattr(entry, f) for f in ("sets", "reps", "hold_s", "minutes")}
    values[name] = value
    return Entry(entry.exercise, entry.side, **values)


def _seconds(e: Entry) -> float:
    return tension_seconds(e.sets, e.reps, e.hold_s, e.minutes) * SIDE_SHARE[e.side]
