"""Doses along the schedule, and a week's plan rebuilt with other doses and exercises.

:func:`stepped` takes a dose ``n`` steps up by the schedule (every ``sets_every``-th step a set,
the others reps, hold time or minutes); :func:`clamp` brings it inside the dose rules that apply
to the person, as the week planner does with catalog doses; :func:`rebuild` makes the week's
:class:`planner.contract.Plan` with each exercise's new version and dose, times recomputed by the
plan's time model, instructions for every exercise in it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from planner.catalog import Catalog
from planner.contract import Instructions, Plan, PlanDay, PlanItem
from planner.doses import FIELDS as _FIELDS
from planner.doses import MODEL_BOUNDS, clamp
from planner.models import Dose, Profile
from planner.programme.ceiling import Ceiling
from planner.programme.schedule import Schedule
from planner.render import dose_words
from planner.timing import session_seconds, whole_minutes

__all__ = ["Choice", "clamp", "dose_of", "last_step", "rebuild", "stepped", "words"]



@dataclass(frozen=True)
class Choice:
    """What stands in a slot of the week (a slot: an exercise of week 1): an exercise and its dose."""

    exercise: str
    dose: Dose


def dose_of(item: PlanItem) -> Dose:
    return item.dose()


def words(dose: Dose) -> str:
    return dose_words(dose)


def _planned(n: int, values: dict, schedule: Schedule, dense: Collection[int]) -> str | None:
    """The part step ``n`` adds to: every ``sets_every``-th a set (unless taken denser), else reps,
    else the hold, else the minutes (a hold with reps grows its reps)."""
    if n % schedule.sets_every == 0 and values["sets"] is not None and n not in dense:
        return "sets"
    return next((f for f in ("reps", "hold_s", "minutes") if values[f] is not None and getattr(schedule.step, f)), None)


def _grow(values: dict, part: str | None, schedule: Schedule, ceiling: Ceiling | None) -> bool:
    """Add one step to ``part`` of ``values``, never past its ceiling; False when it has no room."""
    if part is None or values[part] is None:
        return False
    by = 1 if part == "sets" else getattr(schedule.step, part)
    top = ceiling.top(part, values["reps"] is not None) if ceiling else None
    if not by or (top is not None and values[part] >= top):
        return False
    values[part] = values[part] + by if top is None else min(values[part] + by, top)
    return True


def _step(values: dict, n: int, schedule: Schedule, dense: Collection[int],
          ceiling: Ceiling | None) -> tuple[str | None, str | None]:
    """Take step ``n`` on ``values``: (the part it meant to grow, the part it grew or None). A
    part at its ceiling passes the step to the ceiling's ``then`` parts, then to any other."""
    planned = _planned(n, values, schedule, dense)
    if planned is None:  # a dose with nothing the schedule steps
        return None, None
    order = [planned, *(ceiling.then if ceiling else ()), "reps", "hold_s", "minutes"] if ceiling else [planned]
    for part in dict.fromkeys(order):
        if part == "sets" and n in dense:
            continue
        if _grow(values, part, schedule, ceiling):
            return planned, part
    return planned, None


def stepped(dose: Dose, steps: int, schedule: Schedule, dense: Collection[int] = (),
            ceiling: Ceiling | None = None) -> Dose:
    """``dose`` after ``steps`` steps of the schedule (0: unchanged), inside the contract's bounds
    and under ``ceiling`` (a part at its ceiling passes the step on, see :func:`last_step`); the
    step numbers in ``dense`` were taken as reps, hold or minutes where the schedule adds a set
    (a denser step, when another set did not fit the session). Steps below 0 (a step back from the
    first dose) take reps, hold time or minutes away, never below 1; the dose rules then raise
    what is below their minimum (:func:`clamp`)."""
    return _walk(dose, steps, schedule, dense, ceiling)[0]


def last_step(dose: Dose, steps: int, schedule: Schedule, dense: Collection[int] = (),
              ceiling: Ceiling | None = None) -> tuple[str | None, str | None, Dose]:
    """How step ``steps`` (the last) went: the part it meant to grow, the part it grew (None:
    every part at its ceiling), and the dose before it."""
    before, _ = _walk(dose, steps - 1, schedule, dense, ceiling)
    _, (planned, taken) = _walk(dose, steps, schedule, dense, ceiling)
    return planned, taken, before


def _walk(dose: Dose, steps: int, schedule: Schedule, dense: Collection[int],
          ceiling: Ceiling | None) -> tuple[Dose, tuple[str | None, str | None]]:
    values = {f: getattr(dose, f) for f in _FIELDS}
    last: tuple[str | None, str | None] = (None, None)
    for _ in range(-steps):
        for f in ("reps", "hold_s", "minutes"):
            if values[f] is not None and getattr(schedule.step, f):
                values[f] = max(1, values[f] - getattr(schedule.step, f))
                break
    for n in range(1, steps + 1):
        last = _step(values, n, schedule, dense, ceiling)
    bounded = Dose(**{f: None if v is None else min(v, MODEL_BOUNDS[f][1]) for f, v in values.items()})
    return bounded, last


def _item(base: PlanItem, choice: Choice, side: str, catalog: Catalog) -> PlanItem:
    d = choice.dose
    if choice.exercise == base.exercise:
        return base.model_copy(update={"side": side, "sets": d.sets, "reps": d.reps, "hold_s": d.hold_s,
                                       "minutes": d.minutes})
    ex = catalog.exercises[choice.exercise]
    return PlanItem(exercise=ex.id, name=ex.name, kind=ex.kind, block=catalog.block(ex), region=ex.region,
                    position=ex.position, side=side, equipment=list(ex.equipment), recommended=list(ex.recommended),
                    muscles=catalog.muscles(ex.id), groups=list(catalog.groups(ex.id)), sets=d.sets, reps=d.reps,
                    hold_s=d.hold_s, minutes=d.minutes, why=[])


def _items(items: Sequence[PlanItem], choices: Mapping[str, Choice], catalog: Catalog,
           trimmed: Mapping[str, Dose] = {}) -> list[PlanItem]:
    """The items with each slot's choice (``trimmed``: the day's doses made smaller to make room,
    by slot); a unilateral exercise gets a left and a right item."""
    out: list[PlanItem] = []
    done: set[str] = set()
    for item in items:
        if item.exercise in done:
            continue
        done.add(item.exercise)
        choice = choices.get(item.exercise, Choice(item.exercise, item.dose()))
        if item.exercise in trimmed:
            choice = Choice(choice.exercise, trimmed[item.exercise])
        sides = ("left", "right") if catalog.exercises[choice.exercise].side == "unilateral" else ("both",)
        out.extend(_item(item, choice, side, catalog) for side in sides)
    return out


def rebuild(base: Plan, choices: Mapping[str, Choice], catalog: Catalog, profile: Profile,
            cues: Mapping[str, Sequence[str]], trimmed: Mapping[tuple[str, str], Dose] = {}) -> Plan:
    """Week 1's ``base`` plan with each slot's ``choices`` (slots not named keep their item), for
    ``profile``; ``cues``: the advice rules' extra cues per exercise (as a week plan has them);
    ``trimmed``: doses made smaller on one day to make room, by (day, slot)."""
    days = []
    for day in base.days:
        items = _items(day.items, choices, catalog, {k: d for (on, k), d in trimmed.items() if on == day.day})
        walks = _items(day.walks, choices, catalog)
        seconds = session_seconds((i.dose().seconds(), catalog.exercises[i.exercise].position) for i in items)
        days.append(PlanDay(day=day.day, items=items, minutes=whole_minutes(seconds) if items else 0, walks=walks))
    used = dict.fromkeys(i.exercise for d in days for i in [*d.items, *d.walks])
    guides = {}
    for ex_id in used:
        ex = catalog.exercises[ex_id]
        guides[ex_id] = Instructions(name=ex.name, steps=list(ex.steps), cues=[*ex.cues, *cues.get(ex_id, [])])
    return base.model_copy(update={"days": days, "profile": profile, "instructions": guides})
