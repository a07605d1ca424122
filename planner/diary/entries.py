"""One diary entry (a session done or skipped, with its pain scores) and the checks on it.

Every way in (``backplan log``'s flags, a CSV row) builds entries through :func:`new_entry`, so
they accept and refuse the same values with the same words; the caller says where the value came
from (a flag name or a CSV column) and the error carries the file and line when there is one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from planner.errors import InputError, Where, did_you_mean
from planner.models import IDENT_PATTERN

__all__ = ["DAYS", "DEFAULT_PERSON", "Entry", "new_entry", "parse_date", "parse_pain", "week_of"]

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DEFAULT_PERSON = "me"
MAX_NOTE = 2000


@dataclass(frozen=True)
class Entry:
    """One session: ``done`` or skipped, pain 0-10 during it (``pain_during``) and the next
    morning, pain during each exercise (``exercises``, catalog id to pain), the red-flag
    questions answered yes, a note; ``person`` keys a shared diary, ``plan`` names the plan or
    week the session belongs to. ``entry_id`` is the diary's number for a stored entry."""

    person: str
    date: dt.date
    day: str
    done: bool
    plan: str = ""
    pain_during: int | None = None
    pain_next_morning: int | None = None
    exercises: Mapping[str, int] = field(default_factory=dict)
    red_flags: tuple[str, ...] = ()
    note: str = ""
    entry_id: int | None = None

    @property
    def week(self) -> str:
        """The ISO week of the session's date, e.g. ``2026-W48``."""
        return week_of(self.date)


def week_of(date: dt.date) -> str:
    """The ISO week of ``date``, e.g. ``2026-W48`` (weeks start on Monday)."""
    year, week, _ = date.isocalendar()
    return f"{year}-W{week:02d}"


def parse_date(text: str, label: str, where: Where | None = None) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f'{label} must be a date like 2026-11-23, not "{text}"', where) from None


def parse_pain(text: str | int | None, label: str, where: Where | None = None) -> int | None:
    """A pain score: a whole number from 0 to 10 (``None`` or empty text: not recorded)."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    value = text.strip() if isinstance(text, str) else text
    if isinstance(value, int) or re.fullmatch(r"[0-9]+", value):
        number = int(value)
        if 0 <= number <= 10:
            return number
    raise InputError(f'{label} must be a whole number from 0 (no pain) to 10 (worst imaginable), not "{text}"', where)


def new_entry(*, person: str, date: dt.date, day: str | None, done: bool, plan: str = "",
              pain_during: int | None = None, pain_next_morning: int | None = None,
              exercises: Iterable[tuple[str, int]] = (), red_flags: Iterable[str] = (), note: str = "",
              known_flags: Iterable[str], labels: Mapping[str, str] | None = None,
              where: Where | None = None) -> Entry:
    """A checked entry. ``day`` defaults to the date's weekday; ``labels`` names each field as
    the user wrote it (``--pain-during`` or ``pain_during``) for the messages."""
    name = {"person": "person", "day": "day", "exercise": "exercise", "red_flag": "red flag", "note": "note", "plan": "plan",
            "pain_during": "pain during", "pain_next_morning": "pain next morning", **(labels or {})}
    if not re.fullmatch(IDENT_PATTERN, person):
        raise InputError(f'{name["person"]} "{person}" is not a valid key (use lower-case letters, digits, "-" and "_")', where)
    day = (day or DAYS[date.weekday()]).strip().lower()
    if day not in DAYS:
        raise InputError(f'{name["day"]} must be one of {", ".join(DAYS)}, not "{day}"{did_you_mean(day, DAYS)}', where)
    pains: dict[str, int] = {}
    for exercise, pain in exercises:
        if not re.fullmatch(IDENT_PATTERN, exercise):
            raise InputError(f'{name["exercise"]} "{exercise}" is not a catalog id (lower-case letters, digits, "-" and "_")', where)
        if exercise in pains:
            raise InputError(f'{name["exercise"]} "{exercise}" is given twice', where)
        pains[exercise] = pain
    known = tuple(known_flags)
    flags: list[str] = []
    for flag in red_flags:
        if flag not in known:
            raise InputError(f'unknown {name["red_flag"]} "{flag}"{did_you_mean(flag, known)}; the questions are: {", ".join(known)}', where)
        if flag not in flags:
            flags.append(flag)
    if not done and (pain_during is not None or pains):
        raise InputError(f"a skipped session has no {name['pain_during']} or exercise pain; record it as done", where)
    plan = plan.strip()
    if any(not ch.isprintable() for ch in plan):
        raise InputError(f"{name['plan']} must be one line of printable text", where)
    note = note.replace("\r\n", "\n").replace("\r", "\n")  # one kind of line break, so CSV keeps it
    if len(note) > MAX_NOTE:
        raise InputError(f"{name['note']} is longer than {MAX_NOTE} characters", where)
    return Entry(person=person, date=date, day=day, done=done, plan=plan, pain_during=pain_during,
                 pain_next_morning=pain_next_morning, exercises=pains, red_flags=tuple(sorted(flags, key=known.index)),
                 note=note)
