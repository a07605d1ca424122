"""Structure rules give way: when the safety rules and the week leave no room for every
structure rule, the fewest and least important of them give way, each as little as it can.

Levels (see :class:`planner.models.RuleHeader`): a *safety* rule never gives way; a *structure*
rule (session shape, variety) is enforced like a safety rule whenever a week exists with it;
a *preference* is weighted. When no week meets every safety and structure rule:

1. **Relax.** Every structure requirement becomes soft with :data:`STRUCTURE_WEIGHT` times its
   rule's weight, far above any preference, so the search keeps as many structure rules as it
   can, the heaviest first (:func:`planner.solver.optimise.promote_soft_rules`); then one kept
   rule is traded for two that were not, while a week holds them and they weigh more, so that
   fewer rules give way (:func:`_fewer_given_way`, within ``Settings.trade_budget`` nodes).
2. **Weaken before dropping.** A structure count the week could not hold is enforced as far as
   it can be: a weekly count at each lower minimum down to one; a session count ("two to four
   strength exercises a session", "core work every session") day by day, each day at the
   highest minimum that still leaves a week: a 15-minute session keeps one strength exercise
   rather than none, and core work the 48-hour rest keeps off one day still comes on the others.
3. **Say why.** For each structure rule the chosen week misses, the rules it cannot hold
   together with (a minimal conflicting set of safety rules, found as for refusals) are reported
   with it, so the plan can say "gave way: strength-per-session, because of do-not-overdo".

If no week exists even with every structure rule relaxed, the safety rules themselves conflict
and the plan is refused, naming them (:mod:`planner.solver.conflict`).
"""

from __future__ import annotations

from dataclasses import replace
from itertools import combinations

from planner.requirements import Count, Origin, Requirement
from planner.solver.backend import Backend, Meter
from planner.solver.build import build_model
from planner.solver.compiled import Compiled
from planner.solver.conflict import week_conflict
from planner.solver.optimise import best_week
from planner.solver.reference_week import ReferenceWeek
from planner.solver.score import soft_amounts, soft_penalty
from planner.solver.search import Found, find_week
from planner.solver.settings import Settings
from planner.solver.solution import GaveWay, Solution

__all__ = ["STRUCTURE_WEIGHT", "relax_structure", "plan_giving_way"]

# A structure rule's weight while relaxed: one missing structure item costs as much as ten
# thousand weight-1 preference misses, so no set of shipped preferences can outweigh it.
STRUCTURE_WEIGHT = 10_000


def relax_structure(compiled: Compiled) -> Compiled:
    """The same rules with every structure requirement soft, weighted above every preference."""
    relaxed = [
        replace(r, origin=replace(r.origin, hard=False, weight=STRUCTURE_WEIGHT * r.origin.weight))
        if r.origin.gives_way else r
        for r in compiled.requirements
    ]
    return replace(compiled, requirements=relaxed)


def _structure_ids(compiled: Compiled) -> list[str]:
    return list(dict.fromkeys(r.origin.rule_id for r in compiled.requirements if r.origin.gives_way))


def _enforced(req: Requirement) -> Requirement:
    return replace(req, origin=replace(req.origin, hard=True, weight=req.origin.weight))


def _weakened(backend: Backend, compiled: Compiled, settings: Settings, seed: int, kept: set[str]) -> Compiled:
    """Enforce the kept structure rules, and the rest as far as the week allows: a week count
    with a minimum above one at the highest lower minimum that still leaves a week; a session
    count day by day, each training day at the highest minimum (down to one) that still leaves
    a week, so a rule one day cannot hold still holds on the others. Heavier rules (a structure
    rule's ``weight``) are weakened first, so they take what room a short session has."""
    reqs: list[Requirement] = [
        _enforced(r) if r.origin.gives_way and r.origin.rule_id in kept else r for r in compiled.requirements
    ]
    current = replace(compiled, requirements=reqs)
    days = compiled.ctx.training_days

    def holds(trial: Compiled) -> bool:
        model = build_model(trial, settings)
        return find_week(backend, trial, model, seed, settings.budgets(settings.promote_budget)).week is not None

    heaviest_first = sorted(compiled.requirements, key=lambda r: -r.origin.weight)
    for req in heaviest_first:
        if not (req.origin.gives_way and req.origin.rule_id not in kept and isinstance(req, Count) and req.low > 0):
            continue
        origin = Origin(req.origin.rule_id, True, req.origin.weight, True)
        if req.scope == "session":
            for day in days:
                if req.days is not None and day not in req.days:
                    continue
                for low in range(req.low, 0, -1):
                    trial = replace(current, requirements=[
                        *current.requirements, replace(req, low=low, days=frozenset([day]), origin=origin)])
                    if holds(trial):
                        current = trial
                        break
            continue
        for low in range(req.low - 1, 0, -1):
            trial = replace(current, requirements=[*current.requirements, replace(req, low=low, origin=origin)])
            if holds(trial):
                current = trial
                break
    return current


def _fewer_given_way(backend: Backend, relaxed: Compiled, settings: Settings, seed: int, kept: set[str],
                     structure: list[str]) -> set[str]:
    """``kept`` after trading one kept structure rule for two that were not, while a week holds
    them all and the trade keeps more weight: keeping rules one by one, heaviest first, can keep
    one rule that two others could have taken the place of. Best effort, within
    ``settings.trade_budget`` nodes in all."""
    weight = {r.origin.rule_id: r.origin.weight for r in relaxed.requirements if r.origin.gives_way}
    meter = Meter()

    def holds(rules: set[str]) -> bool:
        trial = replace(relaxed, requirements=[
            _enforced(r) if r.origin.gives_way and r.origin.rule_id in rules else r for r in relaxed.requirements])
        model = build_model(trial, settings)
        budgets = settings.budgets(settings.promote_budget)
        return find_week(backend, trial, model, seed, budgets, meter=meter).week is not None

    traded = True
    while traded and meter.nodes < settings.trade_budget:
        traded = False
        missed = [r for r in structure if r not in kept]
        for out in sorted(kept, key=lambda r: (weight[r], structure.index(r))):
            for pair in combinations(missed, 2):
                if sum(weight[r] for r in pair) <= weight[out] or meter.nodes >= settings.trade_budget:
                    continue
                trial = (kept - {out}) | set(pair)
                if holds(trial):
                    kept, traded = trial, True
                    break
            if traded:
                break
    return kept


def _because(backend: Backend, compiled: Compiled, settings: Settings, seed: int, rule_id: str) -> GaveWay:
    """``rule_id`` gave way: the safety rules it cannot hold beside (a minimal set, best effort;
    none when the safety rules alone allow it, so the other structure rules and the time did)."""
    alone = [
        r for r in compiled.requirements
        if not r.origin.gives_way or r.origin.rule_id == rule_id
    ]
    alone = [_enforced(r) if r.origin.rule_id == rule_id else r for r in alone]
    ids, proven = week_conflict(backend, replace(compiled, requirements=alone), settings, seed)
    return GaveWay(rule_id, tuple(i for i in ids if i != rule_id), proven)


def plan_giving_way(backend: Backend, compiled: Compiled, settings: Settings, seed: int,
                    like: ReferenceWeek | None = None) -> tuple[Solution | None, Found]:
    """The best week with structure rules giving way as little as possible (what gave way, and
    why, in ``Solution.gave_way``), and the search result, for a refusal when even that fails.
    Which rules give way is decided without the reference week ``like``; the week kept then is
    the one closest to it."""
    structure = _structure_ids(compiled)
    relaxed = relax_structure(compiled)
    solution, found = best_week(backend, relaxed, settings, seed, improve=False)
    if solution is None:
        return None, found
    kept = set(solution.stats.get("promoted", [])) & set(structure)
    kept = _fewer_given_way(backend, relaxed, settings, seed, kept, structure)
    final = _weakened(backend, relaxed, settings, seed, kept)
    better, _ = best_week(backend, final, settings, seed, like)
    if better is not None:
        solution = better
    else:  # no week found under the rules kept (a week exists, the search ran out): the relaxed one
        final = relaxed
    reasons: dict[str, GaveWay] = {}
    model = build_model(relaxed, settings)  # every structure rule soft: what a week misses of each

    def gave_way(week: Solution) -> None:
        """What ``week`` itself misses of the structure rules, and its score without them."""
        per_day = {d: list(dict.fromkeys(i.exercise for i in items)) for d, items in week.days.items() if items}
        missed = soft_amounts(model, per_day)
        for r in structure:
            if r in missed and r not in reasons:
                reasons[r] = _because(backend, compiled, settings, seed, r)
        week.gave_way = [reasons[r] for r in structure if r in missed]
        _drop_structure_from_score(week, final, settings, per_day, set(structure))

    gave_way(solution)
    if solution.start is not None:  # the week it improved on, which tuning may prefer, may miss others
        gave_way(solution.start)
    return solution, found


def _drop_structure_from_score(solution: Solution, compiled: Compiled, settings: Settings,
                               per_day: dict[str, list[str]], structure: set[str]) -> None:
    """Report the preference penalty alone; structure rules that gave way are listed apart."""
    preferences = replace(compiled, requirements=[r for r in compiled.requirements if r.origin.rule_id not in structure])
    solution.penalty, solution.soft_misses = soft_penalty(build_model(preferences, settings), per_day)
    # made under the hard rules kept (structure ones too), scored by the preferences alone
    solution.made_under = replace(compiled, requirements=[
        r for r in compiled.requirements if r.origin.hard or r.origin.rule_id not in structure])
