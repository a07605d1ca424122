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
  says which rule stopped it. So the checker passes every week;
* a step refused for the session's time progresses another way (:mod:`planner.programme.full`:
  the harder version when it takes no more time, a denser step, or room made on the full day).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace

from planner.balance import plan_balance
from planner.catalog import Catalog
from planner.checker import check_plan
from planner.contract import Plan
from planner.kinds.advice import exercise_cues
from planner.models import Dose, Profile
from planner.programme.ceiling import Ceiling, ceiling_for, instead_words, part_words, reached_words
from planner.programme.contract import Change, Programme, ProgrammeWeek
from planner.programme.doses import Choice, clamp, last_step, rebuild, stepped, words
from planner.programme.feedback import Feedback, Outcome
from planner.programme.full import Trims, trimmed_doses, when_full
from planner.programme.schedule import Schedule
from planner.rules import Rule
from planner.tuning import is_dose_note

__all__ = ["DOSE_BLIND", "Slot", "build_programme", "week_problems"]

# Rule kinds whose check reads which exercises are where and never a dose: a trial that changes
# only doses skips them (each week as a whole is then checked by every rule). A kind not named
# here is always checked.
DOSE_BLIND = frozenset({"advice", "contraindications", "covers", "equipment_owned", "first_in_session", "forbid",
                        "last_in_session", "not_adjacent", "not_consecutive", "order", "profile_exclude", "refer",
                        "repeat_limit", "session_count", "sides_adjacent", "top_down"})


@dataclass(frozen=True)
class Slot:
    exercise: str  # the exercise in the slot now
    first: Dose  # its dose at step 0
    step: int = 0  # steps earned at this exercise
    dense: frozenset[int] = frozenset()  # steps taken as reps (or hold, minutes) where a set did not fit
    held: int = 0  # weeks held because the step did not fit the session time


class _Maker:
    def __init__(self, base: Plan, catalog: Catalog, rules: Sequence[Rule], profile: Profile, schedule: Schedule):
        self.base, self.catalog, self.rules, self.profile, self.schedule = base, catalog, rules, profile, schedule
        self.cues = exercise_cues(rules, catalog, profile)
        self.allowed = {v.rule_id for v in self.check(base) if not v.hard}
        self.full = False  # True: every trial goes through every rule (see problem)
        self.time_rules = tuple(f"{r.id}:" for r in rules if r.header.kind == "session_time")
        self._clamped: dict[tuple[str, Dose], Dose] = {}
        self._ceilings: dict[str, Ceiling] = {}

    def clamp(self, exercise: str, dose: Dose) -> Dose:
        """:func:`planner.programme.doses.clamp` for the person, remembered (a programme asks often)."""
        key = (exercise, dose)
        if key not in self._clamped:
            self._clamped[key] = clamp(exercise, dose, self.rules, self.catalog, self.profile)
        return self._clamped[key]

    def check(self, plan: Plan, kinds: Collection[str] | None = None, skip: Collection[str] = ()):
        """The checker on ``plan`` with the rules of ``kinds`` (None: all) but those of ``skip``."""
        rules = [r for r in self.rules if (kinds is None or r.header.kind in kinds) and r.header.kind not in skip]
        return check_plan(plan, rules, self.catalog, self.profile)

    def problem(self, plan: Plan, doses_only: bool = False, hard_only: bool = False,
                before: Callable[[], Mapping[str, float]] | None = None) -> str | None:
        """Why the week is not sound (a safety violation, or a rule week 1 met now missed), or None.
        ``doses_only``: the trial changed only doses, so the rules that read no dose (which
        exercises are where) are not run again; every week as a whole then goes through them all.
        ``hard_only``: only a hard rule stands in the way (a step back for pain is never refused
        for a preference; the week then lists the preference it misses).
        ``before``: what the week as it stood already missed (:meth:`missed`, asked only when the
        trial misses a rule week 1 met): a rule it missed stands in the way only when the trial
        misses it by more (after a painful exercise steps back, a balance band it kept may be
        missed; a step elsewhere that leaves the band as it is, or brings it back, is not refused
        for it)."""
        skip = DOSE_BLIND if doses_only and not self.full else ()
        found = self.check(plan, skip=skip)
        now: dict[str, float] | None = None
        for v in found:
            if v.hard:
                return f"{v.rule_id}: {v.message}"
            if hard_only or v.rule_id in self.allowed:
                continue
            if before is None:
                return f"{v.rule_id}: {v.message}"
            now = self._amounts(found) if now is None else now
            if now[v.rule_id] > before().get(v.rule_id, 0.0) + 1e-9:
                return f"{v.rule_id}: {v.message}"
        return None

    def missed(self, plan: Plan) -> dict[str, float]:
        """How much the week misses each rule week 1 met (summed amounts), for :meth:`problem`."""
        return self._amounts(self.check(plan))

    def _amounts(self, violations) -> dict[str, float]:
        out: dict[str, float] = defaultdict(float)
        for v in violations:
            if not v.hard and v.rule_id not in self.allowed:
                out[v.rule_id] += v.amount
        return out

    def dose(self, slot: Slot, deload: bool = False):
        steps = min(slot.step, max(0, slot.step - self.schedule.deload_steps_back)) if deload else slot.step
        dose = stepped(slot.first, steps, self.schedule, slot.dense, self.ceiling(slot.exercise))
        return self.clamp(slot.exercise, dose)

    def ceiling(self, exercise: str) -> Ceiling:
        if exercise not in self._ceilings:
            kind = self.catalog.exercises[exercise].kind
            self._ceilings[exercise] = ceiling_for(self.schedule, exercise, kind, self.profile.age_group)
        return self._ceilings[exercise]

    def seconds(self, exercise: str, dose: Dose) -> int:
        return dose.seconds(self.catalog.exercises[exercise].side == "unilateral")

    def first_dose(self, exercise: str):
        return self.clamp(exercise, self.catalog.exercises[exercise].dose)

    def name(self, exercise: str) -> str:
        return self.catalog.exercises[exercise].name

    def plan(self, slots: dict[str, Slot], deload: bool = False, trims: Trims = {}, balance: bool = False) -> Plan:
        """The week with the slots' doses (``trims``: what full days gave up). Its balance section
        is left out (the checker then does not compare it) unless ``balance``: a trial needs none,
        a week the programme gives has one made again from its own items (new doses, new loads)."""
        choices = {k: Choice(s.exercise, self.dose(s, deload)) for k, s in slots.items()}
        trimmed = trimmed_doses(self, slots, trims, deload)
        plan = rebuild(self.base, choices, self.catalog, self.profile, self.cues, trimmed)
        made = plan_balance(plan, self.catalog, self.rules, self.profile) if balance else None
        return plan.model_copy(update={"balance": made})

    def final(self, plan: Plan, later: bool = False) -> Plan:
        """The week as the programme gives it: its preference rules missed as the checker finds
        them (the search's weighted penalty belongs to week 1's search, so none is given). A
        ``later`` week leaves out week 1's notes on its tuned doses: its own doses differ."""
        levels = {r.id: r.level for r in self.rules}
        missed = sorted({v.rule_id for v in self.check(plan) if not v.hard and levels.get(v.rule_id) == "preference"})
        notes = [n for n in plan.notes if not is_dose_note(n)] if later else plan.notes
        return plan.model_copy(update={"soft_penalty": None, "soft_misses": missed, "notes": notes})

    def at_ceiling(self, up: Slot) -> str | None:
        """How the step that made ``up`` met a ceiling, in plain words ("at 15 reps, the most
        advised"), or None when it grew the part it was meant to."""
        planned, taken, before = last_step(up.first, up.step, self.schedule, up.dense, self.ceiling(up.exercise))
        if planned is None or planned == taken:
            return None
        top = self.ceiling(up.exercise).top(planned, before.reps is not None)
        return reached_words(planned, top if top is not None else getattr(before, planned))

    def ceiling_clause(self, up: Slot) -> str | None:
        """``at 15 reps, the most advised; a longer hold instead`` for the step that made ``up``,
        or None when no ceiling stopped it."""
        reached = self.at_ceiling(up)
        if reached is None:
            return None
        taken = last_step(up.first, up.step, self.schedule, up.dense, self.ceiling(up.exercise))[1]
        return f"{reached}; {instead_words(taken)}" if taken else reached

    def up_text(self, slot: Slot, up: Slot, why: str, extra: str = "") -> str:
        """The words for a step from ``slot`` to ``up``: where it went instead when a ceiling stopped it."""
        now, new, name = words(self.dose(slot)), words(self.dose(up)), self.name(slot.exercise)
        clause = self.ceiling_clause(up)
        lead = f"{name} {clause}, up" if clause else f"{name} up"
        taken = last_step(up.first, up.step, self.schedule, up.dense, self.ceiling(up.exercise))[1]
        dose = self.dose(up)
        top = self.ceiling(up.exercise).top(taken, dose.reps is not None) if taken else None
        if not clause and top is not None and getattr(dose, taken) == top:  # this step reaches a ceiling
            note = f"{part_words(taken, top)}, the most advised"
            extra = f"{extra[:-1]}; {note})" if extra.endswith(")") else f"{extra} ({note})"
        return f"{lead} from {now} to {new}{extra}: {why}"

    def full_words(self, slot: Slot) -> str:
        """Each part of the slot's dose at its ceiling ("15 reps, holds of 5 s, 3 sets")."""
        dose, cap = self.dose(slot), self.ceiling(slot.exercise)
        parts = [(p, cap.top(p, dose.reps is not None)) for p in ("reps", "hold_s", "sets") if getattr(dose, p)]
        return ", ".join(part_words(p, top) for p, top in parts if top is not None and getattr(dose, p) >= top)


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


_EASING = ("step back", "easier variant", "swap")  # what pain asks for


def _move(maker: _Maker, key: str, slot: Slot, outcome: Outcome, slots: dict[str, Slot], dropped: set[str],
          after_deload: bool, trims: Trims) -> tuple[Slot, Trims, Change | None]:
    """The slot's next state for ``outcome``, tried in the week (``trims``: what full days gave
    up so far), the trims after it, and the change to report."""
    name, now = maker.name(slot.exercise), words(maker.dose(slot))
    taken = {s.exercise for s in slots.values()}
    why = outcome.reason
    options: list[tuple[Slot, str, str | None, str]] = []  # (slot, action, to, text)
    if outcome.swap:
        for other in _candidates(maker, slot, slots, dropped):
            text = f"{name} swapped for {maker.name(other)} (same muscles, no harder): {why}"
            options.append((Slot(other, maker.first_dose(other)), "swap", other, text, False))
    if outcome.decision == "step back" or outcome.swap:
        down = replace(slot, step=slot.step - 1)
        if slot.step > 0:
            options.append((down, "step back", None, f"{name} back to {words(maker.dose(down))}: {why}", True))
        elif maker.catalog.easier(slot.exercise) not in (None, *taken):
            easy = maker.catalog.easier(slot.exercise)
            options.append((Slot(easy, maker.first_dose(easy)), "easier variant", easy,
                            f"{name} back to its easier version, {maker.name(easy)}: {why}", False))
        elif words(maker.dose(down)) != now:  # below its first dose: less of it
            options.append((down, "step back", None, f"{name} down to {words(maker.dose(down))}: {why}", True))
        elif not options:
            return slot, trims, Change(exercise=slot.exercise, action="hold", text=f"{name} held at {now}, its first dose, "
                                f"with nothing easier in the catalog: {why}")
    elif outcome.decision == "progress" and after_deload:
        if slot.step <= 0 or not _progresses(maker, slot.exercise):
            return slot, trims, None
        return slot, trims, Change(exercise=slot.exercise, action="resume", text=f"{name} back to {now} after the easier week")
    elif outcome.decision == "progress" and _progresses(maker, slot.exercise):
        up = replace(slot, step=slot.step + 1)
        harder, reached = maker.catalog.harder(slot.exercise), maker.at_ceiling(up)
        if (slot.step >= maker.schedule.variant_after or reached) and harder and harder not in taken:
            after = reached or f"after {slot.step} step{'' if slot.step == 1 else 's'}"
            text = f"{name} {after}; moves up to its harder version, {maker.name(harder)}: {why}" if reached else \
                f"{name} moves up to its harder version, {maker.name(harder)}, {after}: {why}"
            options.append((Slot(harder, maker.first_dose(harder)), "harder variant", harder, text, False))
        if words(maker.dose(up)) != now:
            options.append((up, "progress", None, maker.up_text(slot, up, why), True))
        elif reached and not options and (tops := maker.full_words(slot)):
            return slot, trims, Change(exercise=slot.exercise, action="hold", text=f"{name} held at {now}: "
                                f"{tops}, the most advised, and no harder version to move up to: {why}")
        elif not options:
            return slot, trims, Change(exercise=slot.exercise, action="hold", text=f"{name} held at {now}: the dose rules "
                                f"allow no more: {why}")
    elif outcome.decision != "progress":
        if not _progresses(maker, slot.exercise):
            return slot, trims, None  # a hold changes nothing the schedule would have changed
        return slot, trims, Change(exercise=slot.exercise, action="hold", text=f"{name} held at {now}: {why}")
    else:
        return slot, trims, None  # an exercise the schedule does not progress (a stretch, a warm-up)
    refused, full = [], False
    # what the week as it stands misses (a pain-driven change earlier in the week may miss a band),
    # checked once, and only when a trial misses a preference
    before = functools.cache(lambda: maker.missed(maker.plan(slots, trims=trims)))
    for new, action, to, text, doses_only in options:
        easing = action in _EASING  # for pain: only a hard rule may refuse it
        problem = maker.problem(maker.plan({**slots, key: new}, trims=trims), doses_only, hard_only=easing,
                                before=before)
        if problem is None:  # an option refused first is said, so a step that did not come is explained
            return new, trims, Change(exercise=slot.exercise, action=action, to=to, text="; ".join([text, *refused]))
        refused.append(f"{action} refused ({problem})")
        full = full or (action == "progress" and problem.startswith(maker.time_rules))
    if full:  # the step did not fit the session time: progress another way (the schedule's when_full)
        found, more = when_full(maker, key, slot, slots, trims, why)
        if found is not None:
            new, new_trims, action, to, text = found
            return new, new_trims, Change(exercise=slot.exercise, action=action, to=to,
                                          text="; ".join([text, *refused, *more]))
        refused += more
        slot = replace(slot, held=slot.held + 1)
    clause = maker.ceiling_clause(replace(slot, step=slot.step + 1)) if outcome.decision == "progress" else None
    if clause and refused:  # the step refused was the other way up a ceiling sent it
        refused[0] = f"{clause}: {refused[0]}"
    return slot, trims, Change(exercise=slot.exercise, action="hold", text=f"{name} held at {now}: {why}; "
                               + "; ".join(refused))


def _week(maker: _Maker, n: int, start: dt.date, outcomes, slots: dict[str, Slot], dropped: set[str],
          trims: Trims) -> tuple[ProgrammeWeek, dict[str, Slot], set[str], Trims]:
    """Week ``n`` from the state after week ``n - 1``, and the state after it (the state given is
    left as it was, so that the week can be made again)."""
    schedule = maker.schedule
    slots, dropped = dict(slots), set(dropped)
    deload, was_deload = schedule.is_deload(n), schedule.is_deload(n - 1)
    changes = []
    for key in list(slots):
        slot = slots[key]
        outcome = outcomes[slot.exercise]
        if deload and outcome.decision == "progress" and not outcome.swap:
            continue  # no level advances in an easier week
        new, trims, change = _move(maker, key, slot, outcome, slots, dropped, was_deload, trims)
        if new.exercise != slot.exercise and change is not None and change.action == "swap":
            dropped.add(slot.exercise)
        slots[key] = new
        if change is not None:
            changes.append(change)
    plan = maker.plan(slots, deload, trims, balance=True)
    if deload:
        back = schedule.deload_steps_back
        changes.append(Change(exercise="*", action="deload", text=f"An easier week: every exercise at its dose of "
                              f"{back} steps earlier (one week in {schedule.deload_every}); no level advances in it or after it"))
        problem = maker.problem(plan)
        if problem is not None:  # an easier dose broke something: keep the week's full doses
            plan = maker.plan(slots, trims=trims, balance=True)
            changes[-1] = Change(exercise="*", action="deload", text=f"{changes[-1].text}; but the easier doses "
                                 f"would break {problem}, so this week keeps its doses")
    week = ProgrammeWeek(number=n, start=start + dt.timedelta(weeks=n - 1), deload=deload, changes=changes, plan=plan)
    return week, slots, dropped, trims


def build_programme(base: Plan, weeks: int, start: dt.date, *, catalog: Catalog, rules: Sequence[Rule],
                    profile: Profile, schedule: Schedule, feedback: Feedback, notes: Sequence[str] = ()) -> Programme:
    """``weeks`` weeks from ``start`` (a Monday), week 1 being ``base`` (planned by the week planner).
    Trials that change only doses skip the rules that read none; every week as a whole then goes
    through the whole checker, and a week it finds unsound is made again with every rule on every
    trial."""
    maker = _Maker(base, catalog, rules, profile, schedule)
    first = maker.plan({}, balance=True)  # week 1 as the programme shows it: the person's own profile
    slots = {x: Slot(x, item.dose()) for d in base.days for item in [*d.items, *d.walks]
             for x in [item.exercise]}
    dropped: set[str] = set()
    trims: Trims = {}
    out = [ProgrammeWeek(number=1, start=start, deload=schedule.is_deload(1), plan=maker.final(first))]
    for n in range(2, weeks + 1):
        outcomes = feedback.outcomes(start + dt.timedelta(weeks=n - 2), [s.exercise for s in slots.values()])
        made = _week(maker, n, start, outcomes, slots, dropped, trims)
        if maker.problem(made[0].plan) is not None:  # a rule a trial skipped: the week again, every rule on
            maker.full = True
            made = _week(maker, n, start, outcomes, slots, dropped, trims)
            maker.full = False
        week, slots, dropped, trims = made
        out.append(week.model_copy(update={"plan": maker.final(week.plan, later=True)}))
    return Programme(profile=profile, person=feedback.person, notes=list(notes), weeks=out)


def week_problems(programme: Programme, rules: Sequence[Rule], catalog: Catalog, profile: Profile) -> dict[int, list]:
    """Every week's violations by week number (the checker, week by week)."""
    return {w.number: check_plan(w.plan, rules, catalog, profile) for w in programme.weeks}
