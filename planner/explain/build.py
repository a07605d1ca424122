"""``backplan explain``: why each item is in a week, how each rule fared, and why (not) one exercise.

Per item: the rules in its ``why`` sorted by what they did (required it, placed it, dosed it),
the safety filters it passes, and the alternatives those filters allowed in its slot with what
each would cost (:mod:`planner.explain.judge`). Per rule: held, gave way (with the plan's
reason), missed (with its amount) or broken. For ``exercise``: where it is, or the rules that
exclude it for this person, or the least costly place to put it and what that costs.
Every load figure comes from the load model (:mod:`planner.load`, :mod:`planner.balance`).
"""

from __future__ import annotations

from collections.abc import Sequence

from planner.catalog import Catalog
from planner.contract import Instructions, Plan
from planner.errors import InputError, did_you_mean
from planner.explain.contract import Cost, Exclusion, ExerciseAnswer, Explanation, ItemWhy, RuleStatus
from planner.explain.judge import DOSE_KINDS, FILTER_KINDS, ORDER_KINDS, Judge, cost_key
from planner.kinds.base import Context, Week
from planner.load import SIDE_SHARE, tension_seconds
from planner.models import BANNED_RULE_ID, Profile
from planner.render import dose_text
from planner.rules import Rule

__all__ = ["BANNED_TEXT", "MAX_ALTERNATIVES", "explain_plan"]

# Alternatives tried per item: the most alike first (sharing muscle groups), so the answer stays
# short and quick (each try is one run of the rules over the week).
MAX_ALTERNATIVES = 3
BANNED_TEXT = "never programmed: it is one of the notorious moves"


def explain_plan(plan: Plan, rules: Sequence[Rule], catalog: Catalog, profile: Profile,
                 exercise: str | None = None) -> Explanation:
    """The explanation of ``plan`` (for ``exercise`` only, when given)."""
    if exercise is not None and exercise not in catalog.exercises:
        raise InputError(f'unknown exercise "{exercise}"{did_you_mean(exercise, catalog.exercises)}; '
                         "see backplan catalog list")
    _refuse_if_referred(rules, catalog, profile)
    judge = Judge(plan, rules, catalog, profile)
    out = Explanation(soft_penalty=plan.soft_penalty, out_of_band=list(judge.balance.out_of_band))
    if exercise is not None:
        out.exercise = _answer(judge, exercise)
        shown = [] if out.exercise.status == "excluded" else [exercise]
    else:
        out.items = [_item(judge, day, ex) for day, ex in _slots(plan)]
        out.items += [_item(judge, d.day, ex, alternatives=False) for d in plan.days
                      for ex in dict.fromkeys(i.exercise for i in d.walks)]
        out.items.sort(key=lambda i: catalog.vocab.days.index(i.day))  # stable: a day's walks after its session
        out.rules = _rules(judge)
        shown = [item.exercise for item in out.items]
    out.instructions = {ex_id: _instructions(plan, catalog, ex_id) for ex_id in dict.fromkeys(shown)}
    return out


def _instructions(plan: Plan, catalog: Catalog, exercise: str) -> Instructions:
    """The plan's own steps and cues (with the advice rules' cues), else the catalog's."""
    if exercise in plan.instructions:
        return plan.instructions[exercise]
    ex = catalog.exercises[exercise]
    return Instructions(name=ex.name, steps=list(ex.steps), cues=list(ex.cues))


def _refuse_if_referred(rules: Sequence[Rule], catalog: Catalog, profile: Profile) -> None:
    """A person a hard ``refer`` rule sends to a doctor first gets no explanation of a week
    either, only the referral, as ``backplan plan`` gives it (exit 3)."""
    from planner.kinds.refer import message
    from planner.messages import red_flag

    referring = [r for r in rules if r.refers and r.applies(profile)]
    if referring:
        ctx = Context(catalog, profile)
        texts = dict.fromkeys(message(r, ctx) for r in referring)
        raise red_flag("\n\n".join(texts), tuple(r.id for r in referring))


def _slots(plan: Plan) -> list[tuple[str, str]]:
    return [(day.day, ex) for day in plan.days for ex in dict.fromkeys(i.exercise for i in day.items)]


def _item(judge: Judge, day: str, exercise: str, alternatives: bool = True) -> ItemWhy:
    plan_day = next(d for d in judge.plan.days if d.day == day)
    items = [i for i in plan_day.items if i.exercise == exercise]
    walk = not items
    items = items or [i for i in plan_day.walks if i.exercise == exercise]
    first = items[0]
    kinds = {r.id: r.header.kind for r in judge.all_rules}
    why = list(dict.fromkeys(rule_id for i in items for rule_id in i.why))
    seconds = 0.0 if walk else sum(tension_seconds(i.sets, i.reps, i.hold_s, i.minutes) * SIDE_SHARE[i.side] for i in items)
    filters = [BANNED_RULE_ID] + [r.id for r in judge.rules if r.header.kind in FILTER_KINDS]
    passes = [r for r in filters if r not in judge.excluded_by(exercise)]  # a hand-edited plan may break one
    out = ItemWhy(
        day=day, exercise=exercise, name=first.name, block=first.block, walk=walk, sides=[i.side for i in items],
        dose=dose_text(first), seconds=round(seconds, 1),
        required_by=[r for r in why if kinds.get(r) not in ORDER_KINDS | DOSE_KINDS],
        allowed_by=passes,
        placed_by=[r for r in why if kinds.get(r) in ORDER_KINDS],
        dosed_by=[r for r in why if kinds.get(r) in DOSE_KINDS],
    )
    if alternatives:
        out.chosen_over = [judge.cost(day, alt, exercise) for alt in _alternatives(judge, day, exercise)]
    return out


def _alternatives(judge: Judge, day: str, exercise: str) -> list[str]:
    """Up to :data:`MAX_ALTERNATIVES` exercises the filters allow in ``exercise``'s slot on ``day``
    (same block, not already that day), those sharing the most muscle groups with it first."""
    catalog = judge.catalog
    block = catalog.block(exercise)
    there = set(judge.week.exercises(day))
    groups = set(catalog.groups(exercise))
    allowed = [x for x in judge.eligible(day) if catalog.block(x) == block and x not in there]
    order = {x: i for i, x in enumerate(allowed)}
    allowed.sort(key=lambda x: (-len(groups & set(catalog.groups(x))), order[x]))
    return allowed[:MAX_ALTERNATIVES]


def _rules(judge: Judge) -> list[RuleStatus]:
    gave = {g.rule: g for g in judge.plan.gave_way}
    by_rule: dict[str, list] = {}
    for v in judge.found:
        by_rule.setdefault(v.rule_id, []).append(v)
    out = []
    for rule in judge.rules:
        found = by_rule.get(rule.id, [])
        status, detail, amount = "held", "", 0.0
        if rule.id in gave and rule.gives_way:  # a safety rule never gives way, whatever a plan says
            status, detail = "gave way", gave[rule.id].reason
        elif found:
            status = "broken" if rule.hard else "missed"
            detail = "; ".join(dict.fromkeys(v.message for v in found))
            amount = round(sum(v.amount for v in found), 3)
        level = "structure" if rule.gives_way else "safety" if rule.hard else "preference"
        out.append(RuleStatus(rule=rule.id, description=rule.header.description, hard=rule.hard, level=level,
                              status=status, detail=detail, amount=amount))
    return out


def _answer(judge: Judge, exercise: str) -> ExerciseAnswer:
    ex = judge.catalog.exercises[exercise]
    placed = [(day, x) for day, x in _slots(judge.plan) if x == exercise]
    walked = [d.day for d in judge.plan.days if any(i.exercise == exercise for i in d.walks)]
    if placed or walked:
        items = [_item(judge, day, x) for day, x in placed]
        items += [_item(judge, day, exercise, alternatives=False) for day in walked]
        where = [", ".join(day for day, _ in placed)] if placed else []
        where += [f"{', '.join(walked)} (as an activity of its own, apart from the session)"] if walked else []
        return ExerciseAnswer(exercise=exercise, name=ex.name, status="in the plan", items=items,
                              summary=f"{exercise} is in the plan on {' and '.join(where)}")
    excluded = [Exclusion(rule=rule_id, reason=_exclusion_reason(judge, exercise, rule_id))
                for rule_id in judge.excluded_by(exercise)]
    if not excluded and not any(exercise in judge.eligible(d) for d in judge.model.days):
        excluded = [Exclusion(rule=rule_id, reason="excluded on every training day")
                    for rule_id in _day_exclusions(judge, exercise)]
    if excluded:
        rules = ", ".join(e.rule for e in excluded)
        return ExerciseAnswer(exercise=exercise, name=ex.name, status="excluded", excluded_by=excluded,
                              summary=f"{exercise} is excluded for this person by {rules}")
    best = _best_fit(judge, exercise)
    summary = f"{exercise} is allowed but not chosen; " + (
        f"its best fit: {best.summary}" if best else "no training day has room for it")
    return ExerciseAnswer(exercise=exercise, name=ex.name, status="allowed, not chosen", best_fit=best,
                          summary=summary)


def _exclusion_reason(judge: Judge, exercise: str, rule_id: str) -> str:
    """Why one rule keeps ``exercise`` out: the banned-move text, or the rule's own check on a
    week holding the exercise (naming the condition or the equipment), else its description."""
    ex = judge.catalog.exercises[exercise]
    if rule_id == BANNED_RULE_ID:
        return f"{BANNED_TEXT} ({ex.banned.reason})" if ex.banned is not None else BANNED_TEXT
    rule = next((r for r in judge.rules if r.id == rule_id), None)
    if rule is None:
        return ""
    if rule.header.kind in DOSE_KINDS:
        return f"no dose meets every dose rule ({rule.header.description})"
    if rule.header.kind in ("contraindications", "equipment_owned", "profile_exclude"):
        day = (judge.model.days or judge.profile.days or ["mon"])[0]
        week = Week({day: judge.entries(exercise)}, [day])
        found = rule.kind.check(rule, week, judge.ctx)
        if found:
            return found[0].message
    when = rule.header.when
    conditions = sorted(set(getattr(when, "conditions", None) or ()) & set(judge.profile.conditions))
    return (f"with {', '.join(conditions)}: " if conditions else "") + rule.header.description


def _day_exclusions(judge: Judge, exercise: str) -> list[str]:
    """The rules whose check fails with ``exercise`` alone on each training day."""
    out: list[str] = []
    for day in judge.model.days:
        week = Week({day: judge.entries(exercise)}, [day])
        for rule in judge.rules:
            if rule.hard and rule.header.kind in FILTER_KINDS and rule.kind.check(rule, week, judge.ctx):
                out.append(rule.id)
    return list(dict.fromkeys(out))


def _best_fit(judge: Judge, exercise: str) -> Cost | None:
    """The least costly way to put ``exercise`` in: in place of an item of its block on a day
    that allows it, or added to such a day (ties: the earlier day, a swap before an addition)."""
    block = judge.catalog.block(exercise)
    tries: list[Cost] = []
    for day in judge.model.days:
        if exercise not in judge.eligible(day):
            continue
        for other in judge.week.exercises(day):
            if judge.catalog.block(other) == block:
                tries.append(judge.cost(day, exercise, other))
        tries.append(judge.cost(day, exercise, None))
    return min(tries, key=cost_key) if tries else None
