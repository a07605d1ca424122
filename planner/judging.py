"""A planned week tried with changes, judged by each rule kind's own ``check``.

:class:`WeekJudge` holds one planned week, the rules that apply to its person and what the rules
allow (the safety filters the week model is built from, :mod:`planner.solver.build`, and each
allowed exercise's dose after the dose rules). A changed week (an exercise in another's place,
other doses) is run through the kinds' ``check`` functions, as the independent checker runs them,
and compared with the plan: the hard rules it would newly break. ``backplan explain``
(:mod:`planner.explain.judge`) and the dose tuning after the search (:mod:`planner.tuning`) both
judge through it. Ordering rules are left out when asked: the planner would re-order a session.
"""

from __future__ import annotations

from collections.abc import Sequence

from planner.catalog import Catalog
from planner.contract import Plan
from planner.kinds.base import Context, Entry, Violation, Week
from planner.models import Profile
from planner.rules import Rule

__all__ = ["DOSE_KINDS", "FILTER_KINDS", "ORDER_KINDS", "WeekJudge", "where"]

ORDER_KINDS = frozenset({"order", "first_in_session", "last_in_session", "top_down", "sides_adjacent", "not_adjacent"})
FILTER_KINDS = frozenset({"contraindications", "equipment_owned", "profile_exclude", "forbid"})
# the kinds whose rules set an item's dose: the dose rules, and the load rules the tuning serves
DOSE_KINDS = frozenset({"dose", "load_ratio", "balance"})


class WeekJudge:
    """One planned week, the rules that apply to its person, and what they allow."""

    def __init__(self, plan: Plan, rules: Sequence[Rule], catalog: Catalog, profile: Profile) -> None:
        from planner.solver import Settings, compile_rules
        from planner.solver.build import build_model

        self.plan, self.catalog, self.profile = plan, catalog, profile
        self.rules = [r for r in rules if r.applies(profile)]
        self.all_rules = list(rules)
        self.ctx = Context(catalog, profile)
        self.model = build_model(compile_rules(rules, catalog, profile), Settings())
        self.rebase(plan)

    def rebase(self, plan: Plan) -> None:
        """Judge changes against ``plan`` (a week of the same person and rules) from now on."""
        self.plan = plan
        self.week = Week.from_plan(plan, self.profile.days)
        self.found = self.violations(self.week, judged_only=False)
        self.base = self.judged(self.found)

    # -- the rules on a week -------------------------------------------------------------------
    def violations(self, week: Week, judged_only: bool = True) -> list[Violation]:
        out = []
        for rule in self.rules:
            if judged_only and rule.header.kind in ORDER_KINDS:
                continue
            out.extend(rule.kind.check(rule, week, self.ctx))
        return out

    def judged(self, found: list[Violation]) -> dict[str, list[Violation]]:
        """``found`` by rule id, the ordering rules' left out."""
        by_rule: dict[str, list[Violation]] = {}
        kinds = {r.id: r.header.kind for r in self.rules}
        for v in found:
            if kinds.get(v.rule_id) not in ORDER_KINDS:
                by_rule.setdefault(v.rule_id, []).append(v)
        return by_rule

    def breaks(self, after: dict[str, list[Violation]]) -> list[str]:
        """Each hard rule a judged week (:meth:`judged`) breaks that the plan did not, with where
        and the checker's message ("do-not-overdo: mon: takes about 31 min, more than 30")."""
        out = []
        for rule in self.rules:
            if rule.hard:
                was = self.base.get(rule.id, [])
                fresh = [v for v in after.get(rule.id, []) if v not in was]  # the plan's own are not the change's
                if fresh:
                    out.append(f"{rule.id}: {where(fresh[0])}{fresh[0].message}")
        return out

    # -- what the filters allow ----------------------------------------------------------------
    def eligible(self, day: str) -> list[str]:
        return list(self.model.eligible.get(day, []))

    def excluded_by(self, exercise: str) -> list[str]:
        """Ids of the rules that keep ``exercise`` out of every session (``builtin:banned-moves`` first)."""
        return list(dict.fromkeys(self.model.excluded.get(exercise, [])))

    def entries(self, exercise: str) -> list[Entry]:
        """``exercise`` as plan entries, with the dose the dose rules leave it."""
        dose = self.model.doses.get(exercise) or self.catalog.exercises[exercise].dose
        sides = ("left", "right") if self.catalog.exercises[exercise].side == "unilateral" else ("both",)
        return [Entry(exercise, side, dose.sets, dose.reps, dose.hold_s, dose.minutes) for side in sides]

    # -- trying an exercise in -----------------------------------------------------------------
    def week_with(self, day: str, exercise: str, instead_of: str | None, week: Week | None = None) -> Week:
        """``week`` (default: the plan's) with ``exercise`` on ``day`` in place of ``instead_of``
        (or added)."""
        week = week or self.week
        days = {d: list(entries) for d, entries in week.days.items()}
        current = days.get(day, [])
        new = self.entries(exercise)
        if instead_of is None:
            current = [*current, *new]
        else:
            at = next(i for i, e in enumerate(current) if e.exercise == instead_of)
            kept = [e for e in current if e.exercise != instead_of]
            current = [*kept[:at], *new, *kept[at:]]
        days[day] = current
        return Week(days, list(week.training_days), dict(week.walks))


def where(v: Violation) -> str:
    return f"{v.day} {v.exercise}: " if v.day and v.exercise else (f"{v.day}: " if v.day else "")
