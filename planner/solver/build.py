"""Building the week model from compiled requirements (see :mod:`planner.solver.model`).

Domains are filtered by the enforced exclusions (profile, equipment, contraindications, bans)
and by dose limits no dose can meet; slot counts come from the session counts and the time
budget; ordering rules that force two exercises both ways round keep them out of one session.
Each enforced requirement then becomes backend day constraints (``post`` in
:mod:`planner.solver.requirement_types`), once per model.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace

from planner.doses import FIELDS as DOSE_FIELDS
from planner.doses import bound
from planner.models import BANNED_RULE_ID, Dose
from planner.requirements import DoseLimit
from planner.solver.backend import Among, DayConstraint, DaysAmong, DistinctAmong, NotTogether, PerValueDays
from planner.solver.bounds import bounds_hold
from planner.solver.compiled import Compiled
from planner.solver.model import ModelFacts, WeekModel, merge_counts
from planner.solver.requirement_types import treatment
from planner.solver.settings import Settings

__all__ = ["build_model", "DOSE_FIELDS"]


def build_model(
    compiled: Compiled, settings: Settings, promote: frozenset[str] = frozenset(), only_days: Sequence[str] = ()
) -> WeekModel:
    """Derive domains and slot counts from the hard requirements (and the soft ones whose rule
    ids are in ``promote``, which the search then enforces as if they were hard)."""
    ctx = compiled.ctx
    catalog = ctx.catalog
    reqs = compiled.requirements
    hard = [r for r in reqs if r.origin.hard or r.origin.rule_id in promote]
    soft = [r for r in reqs if not r.origin.hard]
    facts = ModelFacts()
    for req in hard:
        treatment(req).shape(req, facts)
    session_counts, week_counts = merge_counts(facts.session_counts), merge_counts(facts.week_counts)
    days = [d for d in ctx.training_days if not only_days or d in only_days]
    excluded: dict[str, list[str]] = defaultdict(list)
    for ex in catalog.exercises.values():
        if ex.banned is not None:
            excluded[ex.id].append(BANNED_RULE_ID)
    day_excluded: dict[str, set[str]] = {d: set() for d in days}
    for ids, on_days, rule_id in facts.exclusions:
        for ex_id in ids:
            if on_days is None:
                excluded[ex_id].append(rule_id)
            for d in days:
                if on_days is None or d in on_days:
                    day_excluded[d].add(ex_id)
    candidates = [i for i in catalog.exercises if i not in excluded]
    doses, dose_why, impossible = _clamp_doses(compiled, facts.dose_limits, candidates)
    for ex_id, rule_ids in impossible.items():
        excluded[ex_id].extend(rule_ids)
    eligible = {d: [i for i in candidates if i in doses and i not in day_excluded[d]] for d in days}
    seconds = {i: doses[i].seconds(catalog.exercises[i].side == "unilateral") for i in doses}
    cap = min(facts.time_caps) if facts.time_caps else None

    slots: dict[tuple[str, str], tuple[int, int]] = {}
    for d in days:
        by_block: dict[str, list[str]] = defaultdict(list)
        for ex_id in eligible[d]:
            by_block[catalog.block(ex_id)].append(ex_id)
        for block in catalog.vocab.blocks:
            members = set(by_block.get(block, []))
            total = min(len(members), settings.max_slots_per_block)
            required = 0
            for req in session_counts:
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
    partners = _order_clashes(facts.ranks, set(doses))
    model = WeekModel(catalog, days, eligible, dict(excluded), doses, dose_why, seconds, slots, hard, soft, facts,
                      partners, session_counts=session_counts, week_counts=week_counts)
    model.undosable = impossible
    model.refuted = not bounds_hold(model)
    if not model.refuted:
        model.constraints = day_constraints(model)
    return model


def day_constraints(model: WeekModel) -> list[DayConstraint]:
    """The enforced rules as backend day constraints: the model's own (ordering clashes, repeat
    limits) first, then each enforced requirement's in turn, counts of the same set over the
    same days merged into one (at the place of the first)."""
    out: list[DayConstraint] = []
    if model.partners:
        out.extend(NotTogether(d, model.partners) for d in model.days)
    if model.repeat_limits:
        out.append(PerValueDays(model.repeat_limits))
    counts: dict[tuple, int] = {}  # (type, days, ids) -> index in out
    for req in model.hard:
        for c in treatment(req).post(req, model):
            if isinstance(c, (Among, DaysAmong, DistinctAmong)):
                key = (type(c), c.days, c.ids)
                if key in counts:
                    seen = out[counts[key]]
                    assert isinstance(seen, (Among, DaysAmong, DistinctAmong))
                    highs = [h for h in (seen.high, c.high) if h is not None]
                    out[counts[key]] = replace(seen, low=max(seen.low, c.low), high=min(highs) if highs else None)
                    continue
                counts[key] = len(out)
            out.append(c)
    return out


def _clamp_doses(compiled: Compiled, limits: list[DoseLimit], ids: Iterable[str]) -> tuple[dict, dict, dict]:
    """Apply dose limits (:func:`planner.doses.bound`); an exercise no dose can satisfy is
    excluded by the limits' rules."""
    catalog = compiled.ctx.catalog
    doses: dict[str, Dose] = {}
    why: dict[str, list[str]] = {}
    impossible: dict[str, list[str]] = {}
    for ex_id in ids:
        dose, changed, clash = bound(ex_id, catalog.exercises[ex_id].dose, limits)
        if dose is None:
            impossible[ex_id] = clash
            continue
        doses[ex_id] = dose
        if changed:
            why[ex_id] = changed
    return doses, why, impossible


def _order_clashes(ranks: list[dict[str, int]], ids: set[str]) -> dict[str, frozenset[str]]:
    """Exercises that hard ordering rules force both ways round (one rule puts a before b,
    another b before a): such a pair can never share a session, so the day assignment keeps
    them apart instead of leaving the session order to fail later."""
    forced: set[tuple[str, str]] = set()
    for rank in ranks:
        ranked = sorted((r, x) for x, r in rank.items() if x in ids)
        for i, (ra, a) in enumerate(ranked):
            for rb, b in ranked[i + 1:]:
                if ra < rb:
                    forced.add((a, b))
    partners: dict[str, set[str]] = defaultdict(set)
    for a, b in forced:
        if (b, a) in forced:
            partners[a].add(b)
    return {a: frozenset(bs) for a, bs in partners.items()}
