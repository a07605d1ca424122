"""Planning a week from rules: the solver's entry point.

:func:`plan` returns structured results (a :class:`Solution`, a :class:`Referral` or a
:class:`Conflict`); :func:`solve` raises them as the errors the CLI reports, worded by
:mod:`planner.messages`.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from planner.catalog import Catalog
from planner.messages import no_session_order, no_week, red_flag
from planner.models import Profile
from planner.progress import phase
from planner.rules import Rule
from planner.solver.backend import DEADLINE, Backend
from planner.solver.compiled import Compiled, compile_rules
from planner.solver.conflict import Cause, Conflict, order_conflict, week_conflict
from planner.solver.backends import backend_named
from planner.solver.giveway import plan_giving_way, relax_structure
from planner.solver.optimise import best_week
from planner.solver.reference_week import ReferenceWeek
from planner.solver.requirement_types import treatment
from planner.solver.score import TENTHS
from planner.solver.search import Outcome
from planner.solver.settings import Settings
from planner.solver.solution import Solution
from planner.solver.walks import credit, plan_walks, refused, walk_results

__all__ = ["Referral", "plan", "solve"]


@dataclass(frozen=True)
class Referral:
    """No plan at all: hard ``refer`` rules apply (their distinct messages, in rule order, one
    paragraph each; all their ids)."""

    message: str
    rule_ids: tuple[str, ...]


def plan(compiled: Compiled, settings: Settings | None = None, seed: int = 0, backend: Backend | None = None,
         like: ReferenceWeek | None = None) -> Solution | Referral | Conflict:
    """The best week found for the compiled rules, or why there is none; with a reference week
    ``like``, the best one closest to it (:mod:`planner.solver.reference_week`)."""
    settings = settings or Settings()
    if settings.time_limit is not None and DEADLINE.get() is None:
        token = DEADLINE.set(time.monotonic() + settings.time_limit)
        try:
            return plan(compiled, settings, seed, backend, like)
        finally:
            DEADLINE.reset(token)
    backend = backend or backend_named(settings.backend)
    stops = _texts(compiled, "referral", hard_only=True)
    if stops:
        texts = dict.fromkeys(text.strip() for _, text in stops)
        return Referral("\n\n".join(texts), tuple(rule_id for rule_id, _ in stops))
    walks = plan_walks(compiled)
    if refused(walks):
        return Conflict(Cause.WEEK, refused(walks), True)
    walked, compiled = compiled, credit(compiled, walks)
    solution, found = best_week(backend, compiled, settings, seed, like)
    relaxed = False  # whether structure rules were let give way (each week then says which itself)
    if solution is not None:
        solution.made_under = compiled
    if solution is None and any(r.origin.gives_way for r in compiled.requirements):
        phase("no week holds every rule: relaxing structure rules as little as possible")
        solution, found = plan_giving_way(backend, compiled, settings, seed, like)
        relaxed = True
        compiled = relax_structure(compiled)  # what remains to conflict: the safety rules
    if solution is None:
        if found.outcome is Outcome.UNORDERABLE:
            ids = order_conflict(backend, compiled, found.unorderable)
            return Conflict(Cause.SESSION_ORDER, tuple(ids), True)
        ids, proven = week_conflict(backend, compiled, settings, seed)
        if found.outcome is Outcome.GAVE_UP:
            return Conflict(Cause.WEEK_NOT_FOUND, tuple(ids), False)
        return Conflict(Cause.WEEK, tuple(ids), proven)
    solution.advice = _texts(compiled, "advice")
    walk_results(walked, walks, solution, TENTHS)
    if solution.start is not None:  # the same rules and walks for the week it improved on
        start = solution.start
        start.advice = solution.advice
        if not relaxed:  # else plan_giving_way set the start week's own: it may miss other rules
            start.made_under, start.gave_way = solution.made_under, []
        walk_results(walked, walks, start, TENTHS)
    return solution


def _texts(compiled: Compiled, kind: str, hard_only: bool = False) -> list[tuple[str, str]]:
    """(rule id, text) of each requirement whose type has a text of ``kind`` (referral, advice)."""
    out = []
    for req in compiled.requirements:
        get = getattr(treatment(req), kind)
        if get is not None and (req.origin.hard or not hard_only):
            out.append((req.origin.rule_id, get(req)))
    return out


def solve(rules: Sequence[Rule], catalog: Catalog, profile: Profile, seed: int = 0,
          settings: Settings | None = None, backend: Backend | None = None, like: ReferenceWeek | None = None
          ) -> Solution:
    """Plan a week for ``profile`` (close to the reference week ``like``, when given); raise
    :class:`planner.errors.RedFlagError` or :class:`planner.errors.InfeasibleError` (without
    suggestions: :func:`planner.api.plan_week` adds them when asked)."""
    result = plan(compile_rules(rules, catalog, profile), settings, seed, backend, like)
    if isinstance(result, Referral):
        raise red_flag(result.message, result.rule_ids)
    if isinstance(result, Conflict):
        if result.cause is Cause.SESSION_ORDER:
            raise no_session_order(result.rule_ids, rules)
        raise no_week(result.rule_ids, proven=result.proven, search_gave_up=result.cause is Cause.WEEK_NOT_FOUND,
                      rules=rules)
    return result
