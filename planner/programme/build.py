"""A programme: week 1 from the week planner, the weeks after it moved along the schedule.

Week 1 is planned as any week, in the schedule's ``first_week_share`` of the session time so that
later doses have room. Each exercise of week 1 is a *slot*; a later week keeps the days and the
order and changes, per slot, the exercise (along its variant ladder, or swapped) and its dose:

* how the week before went (:mod:`planner.programme.feedback`): **progress** takes one dose step
  (after ``variant_after`` steps, the harder version at its first dose), **hold** keeps it, **step
  back** takes a step down (at the first dose, the easier version), and an exercise that keeps
  hurting is **swapped** for one of the same kind for the same muscles, no harder;
* an easier (deload) week every ``deload_every`` weeks: doses of ``deload_steps_back`` steps
  earlier, and no level advances in it;
* every dose is brought inside the dose rules (:func:`planner.programme.doses.clamp`), and every
  change is kept only when the independent checker finds the week still sound (no safety
  violation, no rule missed that week 1 met); otherwise the slot stays as it was and the change
  says which rule stopped it. So the checker passes every week.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from planner.catalog import Catalog
from planner.balance import plan_balance
from planner.checker import check_plan
from planner.contract import Plan
from planner.kinds.advice import exercise_cues
from planner.models import Dose, Profile
from planner.programme.contract import Change, Programme, ProgrammeWeek
from planner.programme.doses import Choice, clamp, rebuild, stepped, words
from planner.programme.feedback import Feedback, Outcome
from planner.programme.schedule import Schedule
from planner.rules import Rule

__all__ = ["Slot", "build_programme", "week_problems"]


@dataclass(frozen=True)
class Slot:
    exercise: str  # the exercise in the slot now
    first: Dose  # its dose at step 0
    step: int = 0  # steps earned at this exercise


class _Maker:
    def __init__(self, base: Plan, catalog: Catalog, rules: Sequence[Rule], profile: Profile, schedule: Schedule):
        self.base, self.catalog, self.rules, self.profile, self.schedule = base, catalog, rules, profile, schedule
        self.cues = exercise_cues(rules, catalog, profile)
        self.allowed = {v.rule_id for v in self.check(base) if not v.hard}

    def check(self, plan: Plan):
        return check_plan(plan, self.rules, self.catalog, self.profile)

    def problem(self, plan: Plan) -> str | None:
        """Why the week is not sound (a safety violation, or a rule week 1 met now missed), or None."""
        for v in self.check(plan):
            if v.hard or v.rule_id not in self.allowed:
                return f"{v.rule_id}: {v.message}"
        return None

    def dose(self, slot: Slot, deload: bool = False):
        steps = min(slot.step, max(0, slot.step - self.schedule.deload_steps_back)) if deload else slot.step
        return clamp(slot.exercise, stepped(slot.first, steps, self.schedule), self.rules, self.catalog, self.profile)

    def first_dose(self, exercise: str):
        return clamp(exercise, self.catalog.exercises[exercise].dose, self.rules, self.catalog, self.profile)

    def name(self, exercise: str) -> str:
        return self.catalog.exercises[exercise].name

    def plan(self, slots: dict[str, Slot], deload: bool = False) -> Plan:
        choices = {k: Choice(s.exercise, self.dose(s, deload)) for k, s in slots.items()}
        plan = rebuild(self.base, choices, self.catalog, self.profile, self.cues)
        # new doses, new loads: the week's balance section is made again from its own items
        return plan.model_copy(update={"balance": plan_balance(plan, self.catalog, self.rules, self.profile)})

    def final(self, plan: Plan) -> Plan:
        """The week as the programme gives it: its preference rules missed as the checker finds
        them (the search's weighted penalty belongs to week 1's search, so none is given)."""
        levels = {r.id: r.level for r in self.rules}
        missed = sorted({v.rule_id for v in self.check(plan) if not v.hard and levels.get(v.rule_id) == "preference"})
        return plan.model_copy(update={"soft_penalty": None, "soft_misses": missed})


def _progresses(maker: _Maker, exercise: str) -> bool:
    return maker.catalog.exercises[exercise].kind in maker.schedule.progress_kinds


def _candidates(maker: _Maker, slot: Slot, slots: dict[str, Slot], dropped: set[str]) -> list[str]:
    """Exercises that could take a painful one's place: same kind, sharing primary muscles (else
    muscle groups), no harder by the catalog's level, not banned, not in the week already."""
    cat = maker.catalog
    cur = cat.exercises[slot.exercise]
    levels = cat.vocab.levels
    here = {s.exercise for s in slots.values()} | dropped
    found = []
    for ex in cat.exercises.values():
        if ex.id in here or ex.banned or ex.kind != cur.kind or levels.index(ex.level) > levels.index(cur.level):
            continue
        if not set(ex.equipment) <= set(maker.profile.equipment):
            continue
        primary = len(set(ex.muscles.primary) & set(cur.muscles.primary))
        groups = len(set(cat.groups(ex.id)) & set(cat.groups(cur.id)))
        if primary or groups:
            found.append((-primary, -groups, "gentle" not in ex.tags, ex.id))
    return [x for *_, x in sorted(found)]


def _move(maker: _Maker, key: str, slot: Slot, outcome: Outcome, slots: dict[str, Slot],
          dropped: set[str], after_deload: bool) -> tuple[Slot, Change | None]:
    """The slot's next state for ``outcome``, tried in the week, and the change to report."""
    name, now = maker.name(slot.exercise), words(maker.dose(slot))
    taken = {s.exercise for s in slots.values()}
    why = outcome.reason
    options: list[tuple[Slot, str, str | None, str]] = []  # (slot, action, to, text)
    if outcome.swap:
        for other in _candidates(maker, slot, slots, dropped):
            text = f"{name} swapped for {maker.name(other)} (same muscles, no harder): {why}"
            options.append((Slot(other, maker.first_dose(other)), "swap", other, text))
    if outcome.decision == "step back" or outcome.swap:
        down = replace(slot, step=slot.step - 1)
        if slot.step > 0:
            options.append((down, "step back", None, f"{name} back to {words(maker.dose(down))}: {why}"))
        elif maker.catalog.easier(slot.exercise) not in (None, *taken):
            easy = maker.catalog.easier(slot.exercise)
            options.append((Slot(easy, maker.first_dose(easy)), "easier variant", easy,
                            f"{name} back to its easier version, {maker.name(easy)}: {why}"))
        elif words(maker.dose(down)) != now:  # below its first dose: less of it
            options.append((down, "step back", None, f"{name} down to {words(maker.dose(down))}: {why}"))
        elif not options:
            return slot, Change(exercise=slot.exercise, action="hold", text=f"{name} held at {now}, its first dose, "
                                f"with nothing easier in the catalog: {why}")
    elif outcome.decision == "progress" and after_deload:
        if slot.step <= 0 or not _progresses(maker, slot.exercise):
            return slot, None
        return slot, Change(exercise=slot.exercise, action="resume", text=f"{name} back to {now} after the easier week")
    elif outcome.decision == "progress" and _progresses(maker, slot.exercise):
        harder = maker.catalog.harder(slot.exercise)
        if slot.step >= maker.schedule.variant_after and harder and harder not in taken:
            text = f"{name} moves up to its harder version, {maker.name(harder)}, after {slot.step} steps: {why}"
            options.append((Slot(harder, maker.first_dose(harder)), "harder variant", harder, text))
        up = replace(slot, step=slot.step + 1)
        if words(maker.dose(up)) != now:
            options.append((up, "progress", None, f"{name} up from {now} to {words(maker.dose(up))}: {why}"))
        elif not harder or slot.step < maker.schedule.variant_after:
            return slot, Change(exercise=slot.exercise, action="hold", text=f"{name} held at {now}: the dose rules "
                                f"allow no more: {why}")
    elif outcome.decision != "progress":
        if not _progresses(maker, slot.exercise):
            return slot, None  # a hold changes nothing the schedule would have changed
        return slot, Change(exercise=slot.exercise, action="hold", text=f"{name} held at {now}: {why}")
    else:
        return slot, None  # an exercise the schedule does not progress (a stretch, a warm-up)
    refused = []
    for new, action, to, text in options:
        trial = {**slots, key: new}
        problem = maker.problem(maker.plan(trial))
        if problem is None:  # an option refused first is said, so a step that did not come is explained
            return new, Change(exercise=slot.exercise, action=action, to=to, text="; ".join([text, *refused]))
        refused.append(f"{action} refused ({problem})")
    return slot, Change(exercise=slot.exercise, action="hold", text=f"{name} held at {now}: {why}; "
                        + "; ".join(refused))


def build_programme(base: Plan, weeks: int, start: dt.date, *, catalog: Catalog, rules: Sequence[Rule],
                    profile: Profile, schedule: Schedule, feedback: Feedback, notes: Sequence[str] = ()) -> Programme:
    """``weeks`` weeks from ``start`` (a Monday), week 1 being ``base`` (planned by the week planner)."""
    maker = _Maker(base, catalog, rules, profile, schedule)
    first = maker.plan({})  # week 1 as the programme shows it: the person's own profile
    slots = {x: Slot(x, item.dose()) for d in base.days for item in [*d.items, *d.walks]
             for x in [item.exercise]}
    dropped: set[str] = set()
    out = [ProgrammeWeek(number=1, start=start, deload=schedule.is_deload(1), plan=maker.final(first))]
    for n in range(2, weeks + 1):
        before = start + dt.timedelta(weeks=n - 2)
        deload, was_deload = schedule.is_deload(n), schedule.is_deload(n - 1)
        outcomes = feedback.outcomes(before, [s.exercise for s in slots.values()])
        changes = []
        for key in list(slots):
            slot = slots[key]
            outcome = outcomes[slot.exercise]
            if deload and outcome.decision == "progress" and not outcome.swap:
                continue  # no level advances in an easier week
            new, change = _move(maker, key, slot, outcome, slots, dropped, after_deload=was_deload)
            if new.exercise != slot.exercise and change is not None and change.action == "swap":
                dropped.add(slot.exercise)
            slots[key] = new
            if change is not None:
                changes.append(change)
        plan = maker.plan(slots, deload)
        if deload:
            back = schedule.deload_steps_back
            changes.append(Change(exercise="*", action="deload", text=f"An easier week: every exercise at its dose of "
                                  f"{back} steps earlier (one week in {schedule.deload_every}); no level advances in it or after it"))
            problem = maker.problem(plan)
            if problem is not None:  # an easier dose broke something: keep the week's full doses
                plan = maker.plan(slots)
                changes[-1] = Change(exercise="*", action="deload", text=f"{changes[-1].text}; but the easier doses "
                                     f"would break {problem}, so this week keeps its doses")
        out.append(ProgrammeWeek(number=n, start=start + dt.timedelta(weeks=n - 1), deload=deload,
                                 changes=changes, plan=maker.final(plan)))
    return Programme(profile=profile, person=feedback.person, notes=list(notes), weeks=out)


def week_problems(programme: Programme, rules: Sequence[Rule], catalog: Catalog, profile: Profile) -> dict[int, list]:
    """Every week's violations by week number (the checker, week by week)."""
    return {w.number: check_plan(w.plan, rules, catalog, profile) for w in programme.weeks}
