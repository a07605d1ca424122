"""What ``backplan log`` and ``backplan history`` do with the diary, for every caller (through
:mod:`planner.api`): record a session, import a CSV file of sessions, read the sessions, advise on
a week.

Values come as the user wrote them (a date or pain score as text, an exercise's pain as
``id=N``) or already parsed; ``labels`` names each field as the caller's user knows it
(``--pain-during`` on the command line) for the messages, as :func:`planner.diary.entries.new_entry`
does. Nothing here prints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from planner.diary.entries import DAYS, DEFAULT_PERSON, Entry, new_entry, parse_date, parse_pain
from planner.errors import InputError, RedFlagError, Where

if TYPE_CHECKING:
    from planner.catalog import Catalog
    from planner.diary.adapt import Advice
    from planner.diary.store import Diary

__all__ = ["Logged", "advise", "import_sessions", "log_session", "open_diary", "read_sessions"]

PathLike = str | Path
LABELS = {"date": "date", "since": "since", "until": "until", "exercise": "exercise", "done": "done or skipped",
          "pain_during": "pain during", "pain_next_morning": "pain next morning"}


@dataclass(frozen=True)
class Logged:
    """A session recorded: the entry as stored, its number in the diary, whether it completed an
    entry already there (the next morning's pain, say), the diary's name, and, when the entry
    answered a red flag, the see-a-doctor ``refusal`` for the caller to raise once it has said
    what was recorded."""

    entry: Entry
    entry_id: int
    completed: bool
    diary: str
    refusal: RedFlagError | None = None


def open_diary(db: PathLike | None, *, create: bool) -> Diary:
    """The diary at ``db``, or at its default place (:func:`planner.diary.store.default_db_path`)."""
    from planner.diary.store import Diary, default_db_path

    return Diary(db if db is not None else default_db_path(), create=create)


def log_session(
    *, done: bool | None, date: dt.date | str | None = None, day: str | None = None,
    pain_during: int | str | None = None, pain_next_morning: int | str | None = None,
    exercises: Iterable[str | tuple[str, int | str]] = (), red_flags: Sequence[str] = (), note: str = "",
    plan: str = "", person: str = DEFAULT_PERSON, db: PathLike | None = None,
    catalog: Catalog | PathLike | None = None, labels: Mapping[str, str] | None = None,
) -> Logged:
    """Record one session (see :func:`planner.api.log_session`)."""
    from planner.diary.adapt import red_flag_refusal
    from planner.diary.model import default_pain_model

    model = default_pain_model()
    name = {**LABELS, **(labels or {})}
    try:
        when = _date(date, name["date"]) if date is not None else dt.date.today()
        pairs = [_pair(item, name["exercise"]) for item in exercises]
        during = parse_pain(pain_during, name["pain_during"])
        morning = parse_pain(pain_next_morning, name["pain_next_morning"])
        _known_exercises([ex for ex, _ in pairs], catalog, None)
        with open_diary(db, create=True) as diary:
            status = done if done is not None else _recorded_status(diary, person, when, day, name["done"])
            entry = new_entry(person=person, date=when, day=day, done=status, plan=plan, pain_during=during,
                              pain_next_morning=morning, exercises=pairs, red_flags=red_flags, note=note,
                              known_flags=model.red_flags, labels=name)
            entry_id, completed = diary.add(entry)
    except InputError as exc:  # a red-flag answer is never lost in an error about something else
        flags = [f for f in red_flags if f in model.red_flags]
        if not flags:
            raise
        answered = Entry(person=person, date=dt.date.today(), day="mon", done=False, red_flags=tuple(flags))
        raise red_flag_refusal([answered], model, when="now, not recorded") from exc
    refusal = red_flag_refusal([entry], model) if entry.red_flags else None
    return Logged(entry, entry_id, completed, diary.name, refusal)


def _date(value: dt.date | str, label: str) -> dt.date:
    return value if isinstance(value, dt.date) else parse_date(value, label)


def _pair(item: str | tuple[str, int | str], label: str) -> tuple[str, int]:
    """An exercise's pain: ``id=N`` text, or an ``(id, pain)`` pair."""
    if isinstance(item, str):
        exercise, sep, pain = item.partition("=")
    else:
        (exercise, pain), sep = item, "="
    score = parse_pain(pain, f"{label} {exercise.strip()}") if sep else None
    if score is None:
        raise InputError(f'{label} takes an exercise id and its pain, like forearm_plank=4, not "{item}"')
    return exercise.strip(), score


def _known_exercises(ids: list[str], catalog: Catalog | PathLike | None, where: Where | None) -> None:
    """Every exercise id is one of the catalog's (loaded only when there are ids to look up)."""
    if not ids:
        return
    from planner.catalog import Catalog, default_catalog, load_catalog
    from planner.errors import did_you_mean

    if isinstance(catalog, Catalog):
        known = catalog.exercises
    else:
        known = (load_catalog(catalog) if catalog is not None else default_catalog()).exercises
    for exercise in ids:
        if exercise not in known:
            raise InputError(f'unknown exercise "{exercise}"{did_you_mean(exercise, known)}; '
                             "see backplan catalog list", where)


def _recorded_status(diary: Diary, person: str, when: dt.date, day: str | None, label: str) -> bool:
    weekday = (day or DAYS[when.weekday()]).strip().lower()
    same = [e for e in diary.entries(person=person, since=when, until=when) if e.day == weekday]
    if not same:
        raise InputError(f"say whether the session was {label} (nothing is recorded for it yet)")
    return same[0].done


def import_sessions(path: PathLike, *, person: str = DEFAULT_PERSON, db: PathLike | None = None,
                    catalog: Catalog | PathLike | None = None) -> tuple[int, str]:
    """Record every row of a diary CSV file, or none (see :func:`planner.api.import_diary`)."""
    from planner.diary.csvio import read_csv
    from planner.diary.model import default_pain_model

    entries, places = read_csv(path, person=person, known_flags=list(default_pain_model().red_flags))
    for entry, where in zip(entries, places):
        _known_exercises(list(entry.exercises), catalog, where)
    with open_diary(db, create=True) as diary:
        return diary.add_all(entries, places), diary.name


def read_sessions(*, person: str | None = DEFAULT_PERSON, since: dt.date | str | None = None,
                  until: dt.date | str | None = None, db: PathLike | None = None,
                  labels: Mapping[str, str] | None = None) -> tuple[list[Entry], str]:
    """The sessions recorded, and the diary's name (see :func:`planner.api.read_diary`)."""
    name = {**LABELS, **(labels or {})}
    start = _date(since, name["since"]) if since is not None else None
    end = _date(until, name["until"]) if until is not None else None
    with open_diary(db, create=False) as diary:
        return diary.entries(person=person, since=start, until=end), diary.name


def advise(entries: Sequence[Entry], person: str = DEFAULT_PERSON, week: str | None = None) -> Advice:
    """The pain-monitoring model's verdicts for a week (see :func:`planner.api.diary_advice`)."""
    from planner.diary.adapt import weekly_advice
    from planner.diary.model import default_pain_model

    if week is None:
        if not entries:
            raise InputError(f'no sessions recorded for "{person}" yet, so there is nothing to advise on')
        week = entries[-1].week
    return weekly_advice(entries, person, week, default_pain_model())
