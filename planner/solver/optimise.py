"""The best week: enforce what soft rules a week allows, then compare seeded weeks.

1. Find any week that meets the hard rules (or learn there is none).
2. Promote soft rules to constraints one at a time, heaviest first, keeping each that still
   leaves a week (:func:`promote_soft_rules`; a rule the last week found already meets needs
   no search; the others are tried from scratch and by repairing that week).
3. Collect ``settings.restarts`` more weeks under the promoted set (within
   ``settings.candidates_budget`` nodes in all); keep, of them and the last week the promotion
   found, the one with the lowest soft penalty (:mod:`planner.solver.score`).
4. With a reference week (:mod:`planner.solver.reference_week`), collect as many again, each
   search trying the reference's exercises and order first, and keep, among the weeks of the
   lowest penalty, the one closest to the reference (:func:`planner.solver.score.week_key`).
5. With ``Settings.thorough`` (the default with the csp backend, ``plan --search thorough``), improve the week kept
   a day or two at a time (:mod:`planner.solver.neighbourhood`).
"""

from __future__ import annotations

import time
from collections import defaultdict

from planner.requirements import Requirement
from planner.solver.backend import Backend, Meter
from planner.solver.build import build_model
from planner.solver.compiled import Compiled
from planner.solver.model import WeekModel
from planner.solver.neighbourhood import improve_week, repair_week
from planner.solver.reasons import expand
from planner.solver.reference_week import ReferenceWeek
from planner.solver.requirement_types import treatment
from planner.solver.score import misses, soft_penalty, week_key
from planner.solver.search import Found, Outcome, find_week
from planner.solver.settings import Settings
from planner.solver.solution import Item, Solution

__all__ = ["best_week", "promotable_rules", "promote_soft_rules"]


def promotable_rules(compiled: Compiled) -> list[str]:
    """Soft rules the search can enforce as constraints (every requirement of the rule is of a
    promotable type), heaviest first, then in rule-file order."""
    weight: dict[str, int] = {}
    blocked: set[str] = set()
    for req in compiled.soft():
        rid = req.origin.rule_id
        weight[rid] = req.origin.weight
        if not treatment(req).promotable:
            blocked.add(rid)
    order = compiled.positions()
    return sorted((r for r in weight if r not in blocked), key=lambda r: (-weight[r], order.get(r, 0)))


def promote_soft_rules(backend: Backend, compiled: Compiled, settings: Settings, seed: int,
                       witness: dict[str, list[str]]) -> tuple[frozenset[str], WeekModel, dict[str, list[str]]]:
    """The soft rules that could be enforced together, the week model enforcing them, and a week
    that meets them all (the last witness).

    ``witness`` is a week that meets every enforced rule. A rule that the witness also meets is
    promoted at once: the witness shows it can hold with the rules enforced so far (for the
    promotable types, missing nothing is exactly meeting the constraint). Any other rule costs
    a search under everything promoted so far plus itself (:func:`_week_meeting`), whose week
    becomes the new witness; best effort: a rule not shown feasible within
    ``settings.promote_budget`` stays soft, and
    once the searches have spent ``settings.promotion_budget`` nodes in all, the remaining rules
    are only checked against the witness; so are they once ``settings.promote_give_ups`` tests
    have run out of their budget without a week (neither found nor refuted: the costliest
    outcome, and a sign the rules left are hard to add; with many user rules each such test
    costs a large share of a plan). Each rule is scored once against one week and the searches
    are bounded, so the work grows linearly with the number of soft rules.
    """
    base = build_model(compiled, settings)  # days, doses and durations do not depend on promotion
    by_rule: dict[str, list[Requirement]] = defaultdict(list)
    for req in compiled.soft():
        by_rule[req.origin.rule_id].append(req)
    promoted: frozenset[str] = frozenset()
    meter = Meter()
    gave_up = 0
    for rule_id in promotable_rules(compiled):
        if not misses(base, witness, by_rule[rule_id]):
            promoted |= {rule_id}
            continue
        if meter.nodes >= settings.promotion_budget or gave_up >= settings.promote_give_ups:
            continue
        trial = build_model(compiled, settings, promote=promoted | {rule_id})
        week, outcome = _week_meeting(backend, compiled, trial, witness, settings, seed, meter)
        if week is not None:
            promoted |= {rule_id}
            witness = week
        elif outcome is Outcome.GAVE_UP:
            gave_up += 1
    return promoted, build_model(compiled, settings, promote=promoted), witness


def _week_meeting(backend: Backend, compiled: Compiled, trial: WeekModel, witness: dict[str, list[str]],
                  settings: Settings, seed: int, meter: Meter) -> tuple[dict[str, list[str]] | None, Outcome]:
    """A week meeting every rule ``trial`` enforces (one rule more than ``witness`` meets), or
    how the search ended, within ``settings.promote_budget`` nodes:

    1. a search from scratch of ``settings.repair_budget`` nodes (most weeks are found in a few
       dozen);
    2. a repair of the witness, one or two of its days searched again, within as many nodes
       (:func:`planner.solver.neighbourhood.repair_week`): a rule over the whole week (cover the
       lats this week) is usually met by changing one session, where a search from scratch can
       spend thousands of nodes without finding a week (on the default profile it did, though
       CP-SAT finds one);
    3. the rest of the budget from scratch, with other seeds.

    ``repair_budget`` 0 leaves out the first two: one search from scratch.
    """
    quick = settings.repair_budget
    if quick > 0:
        found = find_week(backend, compiled, trial, seed, [quick], meter=meter)
        if found.week is not None or found.outcome is not Outcome.GAVE_UP:
            return found.week, found.outcome
        repaired = repair_week(backend, compiled, trial, witness, settings, seed, quick, meter)
        if repaired is not None:
            return repaired, Outcome.FOUND
    rest = settings.budgets(max(settings.promote_budget - 2 * quick, quick))
    found = find_week(backend, compiled, trial, seed, rest, first=int(quick > 0), meter=meter)
    return found.week, found.outcome


def best_week(backend: Backend, compiled: Compiled, settings: Settings, seed: int,
              like: ReferenceWeek | None = None, improve: bool = True) -> tuple[Solution | None, Found]:
    """Best week found, or ``(None, found)`` with why none was (see :class:`Found`); with a
    reference week ``like``, the best one closest to it. With ``improve`` and
    ``settings.thorough``, the best candidate week is then improved a day or two at
    a time (:mod:`planner.solver.neighbourhood`)."""
    started = time.perf_counter()
    base = build_model(compiled, settings)
    can_give_way = any(r.origin.hard and r.origin.gives_way for r in compiled.requirements)
    first = find_week(backend, compiled, base, seed,
                      settings.budgets(min(settings.strict_budget, settings.total_budget) if can_give_way else None))
    if first.week is None:
        return None, first

    promoted, model, witness = promote_soft_rules(backend, compiled, settings, seed, first.week)
    best: tuple[dict[str, list[str]], WeekModel, int] | None = None  # the week, its model, its try
    best_key: tuple[int, ...] = ()
    best_misses: list[str] = []
    candidates = 0
    gave_up = 0  # candidate searches that spent their budget without a week
    spent = Meter()  # nodes the candidate searches spent (Settings.candidates_budget)
    tries = settings.restarts + 1
    for restart in range(tries * (2 if like is not None else 1)):
        guide = like if restart >= tries else None  # the usual tries first, then the guided ones
        if restart == tries:
            # the guided tries enforce every soft rule the best week so far meets, so the weeks
            # they find near the reference are as good as it by those rules
            # (when none is found that way, the rest search under the promoted rules alone)
            met = promoted | (set(promotable_rules(compiled)) - set(best_misses))
            loose, model = model, build_model(compiled, settings, promote=frozenset(met))
            gave_up, spent = 0, Meter()  # the guided tries get their own allowance
        if restart == 0:
            ordered: dict[str, list[str]] | None = witness  # meets every promoted rule
        elif gave_up >= settings.candidate_give_ups or spent.nodes >= settings.candidates_budget:
            ordered = None  # the weeks left are too hard to find in the budget: keep the best so far
        else:
            budgets = settings.budgets(min(settings.candidate_budget, settings.candidates_budget - spent.nodes))
            found = find_week(backend, compiled, model, seed, budgets, first=100 * restart, like=guide, meter=spent)
            gave_up += found.outcome is Outcome.GAVE_UP
            ordered = found.week
        if ordered is None:
            if restart == tries:
                model = loose
            continue
        candidates += 1
        penalty, misses = soft_penalty(model, ordered)
        key = week_key(model, ordered, penalty, like)
        if best is None or key < best_key:
            best, best_key, best_misses = (ordered, model, restart), key, misses
        if not any(best_key) or (restart >= tries and not any(best_key[1:])):
            break  # nothing to gain: no penalty and no change, or, after the usual tries, the reference itself
    assert best is not None
    week, model, restart = best
    stats: dict[str, object] = {"candidate": restart}
    start = None  # another week to tune and compare: doses tuned later may rank the two otherwise
    if like is not None and improve:
        # the reference week itself, as it stands, when it still meets every enforced rule
        same = improve_week(backend, compiled, base, week, settings, seed, like, reference=like)
        if same.improvements:
            start = _solution(compiled, model, same.week, dict(stats, distance=list(same.key[1:])))
    if improve and settings.thorough and any(best_key) and (like is None or settings.search == "thorough"):
        # around the best week, under the enforced rules alone (the score weighs the rest); with
        # a reference week, "auto" keeps to the candidates: the point is to change little
        improved = improve_week(backend, compiled, base, week, settings, seed, like)
        if improved.improvements and start is None:
            start = _solution(compiled, model, week, dict(stats, distance=list(best_key[1:])))
        week, best_key = improved.week, improved.key
        stats["neighbourhood"] = {"tries": improved.tries, "improvements": improved.improvements,
                                  "nodes": improved.nodes}
    solution = _solution(compiled, model, week, stats)
    solution.start = start
    solution.stats.update(
        seconds=round(time.perf_counter() - started, 4),
        candidates=candidates,
        promoted=sorted(promoted),
    )
    if like is not None:
        solution.stats["distance"] = list(best_key[1:])
    return solution, first


def _solution(compiled: Compiled, model: WeekModel, ordered: dict[str, list[str]], stats: dict) -> Solution:
    """The week as plan items, with its soft score."""
    days: dict[str, list[Item]] = {d: [] for d in compiled.ctx.catalog.vocab.days}
    for d in ordered:
        days[d] = expand(compiled, model, ordered, d)
    penalty, misses = soft_penalty(model, ordered)
    return Solution(days, penalty, misses, [], model.excluded, stats, model.undosable)
