"""A reference week: re-plan changing as little as possible from a week planned before.

``backplan rules diff`` and ``backplan plan --like`` hand the solver the week they compare with.
The reference never overrides a rule or the score: weeks are compared first by everything the
solver compares without it (the enforced rules, the structure rules kept, the soft penalty:
:func:`planner.solver.score.week_key`), and only among weeks equal on those by their
:meth:`ReferenceWeek.distance` from the reference, which counts, in this order of importance:

1. exercises added or removed, summed over the days;
2. exercises kept on a day whose dose changed;
3. order changes: pairs of kept exercises of a day that now stand the other way round.

The search is only *guided* towards the reference (:meth:`ReferenceWeek.prefer` and
:meth:`ReferenceWeek.listing`: the reference's exercises are tried first and listed in its order
before a session is ordered); the weeks found that way join the candidates of the usual search,
so a reference can never make the plan worse by the usual score.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from planner.models import Dose

__all__ = ["ReferenceWeek", "Distance", "dose_key"]

Distance = tuple[int, int, int]  # (added + removed, dose changes, order changes)


def dose_key(dose: Dose) -> tuple:
    """What a dose change compares: sets, reps, hold and minutes."""
    return (dose.sets, dose.reps, dose.hold_s, dose.minutes)


@dataclass(frozen=True)
class ReferenceWeek:
    """The week to stay close to: per day, its exercises in session order (each once, a
    unilateral exercise's two sides being one exercise) with their doses (:func:`dose_key`)."""

    days: Mapping[str, Sequence[tuple[str, tuple]]]

    def exercises(self, day: str) -> list[str]:
        return [ex for ex, _ in self.days.get(day, ())]

    def distance(self, per_day: Mapping[str, Sequence[str]], doses: Mapping[str, Dose]) -> Distance:
        """How far a placed week (exercises per day in session order, each exercise's dose) is
        from the reference; days of either week count, a day missing from one being empty."""
        changed = redosed = reordered = 0
        for day in dict.fromkeys([*self.days, *per_day]):
            was = dict(self.days.get(day, ()))
            now = list(dict.fromkeys(per_day.get(day, ())))
            changed += sum(1 for ex in now if ex not in was) + sum(1 for ex in was if ex not in now)
            kept = [ex for ex in now if ex in was]
            redosed += sum(1 for ex in kept if dose_key(doses[ex]) != was[ex])
            position = {ex: i for i, ex in enumerate(was)}
            reordered += sum(1 for i, a in enumerate(kept) for b in kept[i + 1:] if position[a] > position[b])
        return changed, redosed, reordered

    def prefer(self, day: str, members: Sequence[str]) -> tuple[str, ...]:
        """``members`` (one block's candidates on ``day``, in the search's order) with the
        reference day's exercises first, in the reference's order; the rest keep theirs."""
        ours = [ex for ex in self.exercises(day) if ex in members]
        return (*ours, *(ex for ex in members if ex not in ours))

    def listing(self, day: str, units: Sequence[str]) -> list[str]:
        """A session's listing (the order the order stage stays near) with the exercises the
        reference day also holds put in the reference's order, in the places they take; new
        exercises keep their places."""
        ref = [ex for ex in self.exercises(day) if ex in units]
        kept = iter(ref)
        return [next(kept) if u in ref else u for u in units]
