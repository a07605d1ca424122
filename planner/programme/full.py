"""When a dose step does not fit the session time: the other ways to progress.

The schedule's ``when_full`` (``rules/programme/progression.yaml``) names them and their order:

* ``harder_variant``: the harder version on the catalog's ladder at its first dose, when it takes
  no more time than the dose it replaces and the exercise has done ``variant_after`` weeks of work
  (steps taken plus weeks held for lack of room);
* ``denser``: a step that would add a set takes reps, hold time or minutes instead;
* ``make_room``: the step is kept, and on each day it makes too long, what the ``trim`` list allows
  to shrink (a stretch or mobility set above one, aerobic minutes above five) shrinks one unit at a
  time until the day fits; never below a trim's floor or the dose rules' minimum.

Every way is tried in the week and kept only when the checker finds no safety violation and no
rule missed that week 1 met, as any change of a programme.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from planner.models import Dose
from planner.programme.doses import words
from planner.render import DAY_NAMES

__all__ = ["Trims", "trimmed_doses", "when_full"]

Trims = Mapping[tuple[str, str], int]  # (day, slot) -> how much of its trim's part is taken away


def _trim_of(maker, exercise: str):
    """The first trim of the schedule for the exercise's kind whose part its dose has, or None."""
    ex = maker.catalog.exercises[exercise]
    for trim in maker.schedule.when_full.trim:
        if trim.kind == ex.kind and getattr(ex.dose, trim.part) is not None:
            return trim
    return None


def _less(maker, exercise: str, dose: Dose, amount: int) -> Dose | None:
    """``dose`` with ``amount`` taken from its trim's part, or None when that goes below the
    trim's floor or the dose rules' minimum (the rules would raise it back)."""
    trim = _trim_of(maker, exercise)
    value = getattr(dose, trim.part) if trim else None
    if value is None or value - amount < trim.floor:
        return None
    less = dose.model_copy(update={trim.part: value - amount})
    if maker.clamp(exercise, less) != less:
        return None
    return less


def trimmed_doses(maker, slots, trims: Trims, deload: bool = False) -> dict[tuple[str, str], Dose]:
    """The doses of trimmed items, by (day, slot), for the slots as they stand."""
    out = {}
    for (day, key), amount in trims.items():
        slot = slots[key]
        dose = maker.dose(slot, deload)
        for n in range(amount, 0, -1):  # an easier week may leave less to take: take what is there
            less = _less(maker, slot.exercise, dose, n)
            if less is not None:
                out[(day, key)] = less
                break
    return out


def _over_days(maker, plan) -> list[str]:
    return [v.day for v in maker.check(plan, kinds={"session_time"}) if v.day]


def _make_room(maker, key: str, new, slots, trims: Trims):
    """Trims that make every day ``new`` makes too long fit again, with what each day gave, or None."""
    trims = dict(trims)
    trial = {**slots, key: new}
    while True:
        over = _over_days(maker, maker.plan(trial, trims=trims))
        if not over:
            break
        day = over[0]
        base = next(d for d in maker.base.days if d.day == day)
        found = None
        for trim in maker.schedule.when_full.trim:
            for item in base.items:
                k = item.exercise
                if k == key or maker.catalog.exercises[trial[k].exercise].kind != trim.kind:
                    continue
                if _less(maker, trial[k].exercise, maker.dose(trial[k]), trims.get((day, k), 0) + trim.by):
                    found = (k, trim.by)
                    break
            if found:
                break
        if found is None:
            return None
        k, by = found
        trims[(day, k)] = trims.get((day, k), 0) + by
    return trims


def _traded(maker, before: Trims, after: Trims, slots) -> str:
    parts = []
    for (day, k), amount in after.items():
        if amount == before.get((day, k), 0):
            continue
        slot = slots[k]
        old = _less(maker, slot.exercise, maker.dose(slot), before.get((day, k), 0)) or maker.dose(slot)
        new = _less(maker, slot.exercise, maker.dose(slot), amount)
        parts.append(f"{DAY_NAMES.get(day, day)}: {maker.name(slot.exercise)} {words(old)} -> {words(new)}")
    return "; ".join(parts)


def _count(n: int, what: str) -> str:
    return f"{n} {what}" if n == 1 else f"{n} {what}s"


def when_full(maker, key: str, slot, slots, trims: Trims, why: str):
    """The first way of the schedule's ``when_full`` order that the week takes, as
    (slot, trims, action, to, text), and the refusals on the way; (None, refusals) when none does."""
    name, now = maker.name(slot.exercise), words(maker.dose(slot))
    schedule = maker.schedule
    refused: list[str] = []
    planned = replace(slot, step=slot.step + 1)
    dense = replace(planned, dense=slot.dense | {slot.step + 1})
    # the denser step, when it differs from the planned one and is a step at all (under a ceiling
    # it may have nothing left to grow)
    smallest = dense if words(maker.dose(dense)) not in (words(maker.dose(planned)), now) else planned
    for way in schedule.when_full.order:
        options = []
        if way == "harder_variant":
            harder = maker.catalog.harder(slot.exercise)
            taken = {s.exercise for s in slots.values()}
            # tried already, as any progress, once the steps alone reach variant_after
            early = slot.step < schedule.variant_after <= slot.step + slot.held
            if harder and harder not in taken and early:
                first = maker.first_dose(harder)
                if maker.seconds(harder, first) <= maker.seconds(slot.exercise, maker.dose(slot)):
                    text = (f"{name} moves up to its harder version, {maker.name(harder)}, which takes no more time "
                            f"(the session is full; {_count(slot.step, 'step')} and {_count(slot.held, 'week')} held "
                            f"at a dose that did not fit): {why}")
                    options.append((type(slot)(harder, first), trims, "harder variant", harder, text, False))
        elif way == "denser" and smallest is dense:
            d, was = maker.dose(dense), maker.dose(slot)
            grown = "reps" if d.reps != was.reps else "a longer hold" if d.hold_s != was.hold_s else "more minutes"
            text = maker.up_text(slot, dense, why, f" ({grown} instead of a set, which would not fit)")
            options.append((dense, trims, "progress", None, text, True))
        elif way == "make_room" and maker.catalog.exercises[slot.exercise].kind in schedule.when_full.make_room_for:
            room = _make_room(maker, key, smallest, slots, trims)
            if room is not None:
                text = f"{maker.up_text(slot, smallest, why)}; to make room: {_traded(maker, trims, room, slots)}"
                options.append((smallest, room, "progress", None, text, True))
            else:
                refused.append("no room to make: nothing left that the rules allow to shrink on the full day")
        for new, new_trims, action, to, text, doses_only in options:
            problem = maker.problem(maker.plan({**slots, key: new}, trims=new_trims), doses_only=doses_only)
            if problem is None:
                return (new, new_trims, action, to, text), refused
            refused.append(f"{way.replace('_', ' ')} refused ({problem})")
    return None, refused
