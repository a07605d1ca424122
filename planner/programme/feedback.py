"""How a week went, per exercise: from the pain diary when it has the week, else as planned.

:func:`outcomes` gives, for one programme week, a :class:`Outcome` per exercise: the decision of
:mod:`planner.diary.adapt` (progress, hold, step back, and whether to swap) with its reason. A
week the diary has entries for is judged by the pain-monitoring model (a red-flag answer raises
the see-a-doctor refusal); a week with no entries before the last one logged holds (nothing says
the work was done); the weeks after the last one logged, and every week without a diary, are
assumed done as planned, and the reason says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from planner.diary.adapt import SESSION, weekly_advice
from planner.diary.entries import Entry, week_of
from planner.diary.model import PainModel

__all__ = ["ASSUMED", "Feedback", "Outcome"]

ASSUMED = "assumed done as planned"


@dataclass(frozen=True)
class Outcome:
    decision: str  # "progress", "hold" or "step back"
    reason: str
    swap: bool = False
    logged: bool = False  # from the diary


@dataclass(frozen=True)
class Feedback:
    """The diary's entries for one person (none: no diary), and the pain model to read them by."""

    entries: Sequence[Entry] = ()
    person: str | None = None
    model: PainModel | None = None

    @property
    def last_logged(self) -> dt.date | None:
        return max((e.date for e in self.entries), default=None)

    def outcomes(self, start: dt.date, exercises: Sequence[str]) -> dict[str, Outcome]:
        """Each exercise's outcome for the week that starts on ``start``."""
        week = week_of(start)
        if self.person is None or self.model is None:
            return {x: Outcome("progress", f"the week before {ASSUMED} (no diary given)") for x in exercises}
        logged = [e for e in self.entries if e.week == week]
        if not logged:
            last = self.last_logged
            if last is not None and last > start:
                return {x: Outcome("hold", f"nothing logged in the diary for the week of {start.isoformat()}: "
                                           "only work done counts") for x in exercises}
            return {x: Outcome("progress", f"the week of {start.isoformat()} {ASSUMED} (not in the diary yet)")
                    for x in exercises}
        advice = weekly_advice(self.entries, self.person, week, self.model)  # raises on a red flag
        verdicts = {v.exercise: v for v in advice.verdicts}
        out = {}
        for x in exercises:
            v = verdicts.get(x) or verdicts.get(SESSION)
            if v is None:
                out[x] = Outcome("hold", "the diary has nothing on it that week", logged=True)
            else:
                out[x] = Outcome(v.decision, v.reason, v.swap, logged=True)
        return out
