"""Where a programme stops adding to a dose: each exercise's ceiling, and the words for it.

The ceilings are data (``ceiling`` in ``rules/programme/progression.yaml``): defaults per kind and
age group, and an exercise's own line; the lowest that applies wins, so a child's ceiling is the
stricter of the child default and the exercise's own. :func:`ceiling_for` finds an exercise's
ceiling for a person; :mod:`planner.programme.doses` steps doses under it; :func:`reached_words`
and :func:`instead_words` say in plain words where a step stopped and where it went instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.programme.schedule import Schedule

__all__ = ["Ceiling", "ceiling_for", "instead_words", "part_words", "reached_words"]

_PARTS = ("reps", "hold_s", "rep_hold_s", "sets")


@dataclass(frozen=True)
class Ceiling:
    """The most of each part of one exercise's dose (None: no ceiling), and where a step goes when
    its part is at its ceiling (``then``)."""

    reps: int | None = None
    hold_s: int | None = None  # a hold on its own (a plank)
    rep_hold_s: int | None = None  # the hold of each repetition (a bird dog's)
    sets: int | None = None
    then: tuple[str, ...] = ()

    def top(self, part: str, has_reps: bool) -> int | None:
        """The ceiling of ``part`` of a dose (``has_reps``: its hold is a hold per repetition)."""
        if part == "hold_s":
            return self.rep_hold_s if has_reps else self.hold_s
        return getattr(self, part, None)


def _lowest(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else min(a, b)


def ceiling_for(schedule: Schedule, exercise: str, kind: str, age_group: str) -> Ceiling:
    """The ceiling of ``exercise`` (of ``kind``) for a person of ``age_group``: the lowest of the
    schedule's defaults for that kind and age group and of the exercise's own line."""
    caps = schedule.ceiling
    if caps is None:
        return Ceiling()
    found = {p: None for p in _PARTS}
    mine = [c for c in caps.defaults if c.kind == kind and c.age_group in (None, age_group)]
    mine += [c for c in caps.exercises if c.exercise == exercise]
    for cap in mine:
        for p in _PARTS:
            found[p] = _lowest(found[p], getattr(cap, p))
    return Ceiling(**found, then=tuple(caps.then))


def part_words(part: str, value: int) -> str:
    """``15 reps``, ``holds of 5 s``, ``3 sets``."""
    if part == "reps":
        return f"{value} reps"
    if part == "hold_s":
        return f"holds of {value} s"
    if part == "sets":
        return f"{value} set" if value == 1 else f"{value} sets"
    return f"{value} min"


def reached_words(part: str, value: int) -> str:
    """``at 15 reps, the most advised``."""
    return f"at {part_words(part, value)}, the most advised"


def instead_words(part: str | None) -> str:
    """Where a step went when its own part was at its ceiling."""
    return {"hold_s": "a longer hold instead", "sets": "adding a set instead", "reps": "more reps instead",
            "minutes": "more minutes instead"}.get(part or "", "")
