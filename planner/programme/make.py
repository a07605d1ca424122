"""Making a programme from loaded inputs: week 1 from the week planner, then the schedule.

:func:`planner.api.plan_programme` is the way in; this module plans week 1 with headroom (the
schedule's ``first_week_share`` of the session time, else the full time when that leaves a
structure rule giving way or no week at all), reads the diary, and hands over to
:func:`planner.programme.build.build_programme`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from planner.diary.entries import Entry
from planner.diary.model import PainModel
from planner.errors import BackplanError, InfeasibleError
from planner.programme.build import build_programme
from planner.programme.contract import Programme
from planner.programme.feedback import Feedback
from planner.programme.schedule import Schedule, load_schedule, schedule_file

__all__ = ["MAX_WEEKS", "make_programme"]

MAX_WEEKS = 52
NO_DIARY = ("No diary was given: each week is assumed done as planned, so every level advances on schedule. Record "
            "your sessions (backplan log) and plan again with --diary so that the next weeks follow how they went.")


def _first_week(given, seed: int, settings, share: float):
    from planner.api import plan_week

    profile = given.profile
    minutes = max(10, int(profile.session_minutes * share))
    if minutes < profile.session_minutes:
        roomy = profile.model_copy(update={"session_minutes": minutes})
        try:
            plan = plan_week(roomy, rules=given.rules, catalog=given.catalog, seed=seed, settings=settings)
        except InfeasibleError:
            plan = None
        if plan is not None and not plan.gave_way:
            return plan, (f"Week 1 was planned in {minutes} of your {profile.session_minutes} session minutes, so "
                          "that later weeks have room for more (backplan's choice: rules/programme/progression.yaml).")
    plan = plan_week(profile, rules=given.rules, catalog=given.catalog, seed=seed, settings=settings, suggest=True)
    return plan, (f"Week 1 fills your {profile.session_minutes} session minutes (a shorter week 1 left a rule "
                  "giving way), so later weeks can add only what still fits.")


def _feedback(diary: Path | str | Sequence[Entry] | None, person: str | None,
              model: PainModel | None) -> tuple[Feedback, list[str]]:
    from planner.diary.adapt import CAVEAT
    from planner.diary.model import default_pain_model

    if diary is None:
        return Feedback(), [NO_DIARY]
    if person is None:
        raise BackplanError("a diary needs --person: whose entries to read")
    if isinstance(diary, (str, Path)):
        from planner.diary.store import Diary

        if not Path(diary).is_file():
            raise BackplanError(f"{diary}: no diary there (backplan log creates one)")
        with Diary(diary, create=False) as store:
            entries = store.entries(person)
    else:
        entries = [e for e in diary if e.person == person]
    feedback = Feedback(tuple(entries), person, model or default_pain_model())
    flagged = [e for e in entries if e.red_flags]
    if flagged:  # a red-flag answer stops the programme: see a doctor first
        from planner.diary.adapt import red_flag_refusal

        raise red_flag_refusal(flagged, feedback.model)
    last = feedback.last_logged
    seen = (f"{len(entries)} diary entries for {person}, the last on {last.isoformat()}: weeks after it are assumed "
            "done as planned" if last else f"no diary entries for {person} yet: every week is assumed done as planned")
    return feedback, [f"Read {seen}. Skipped sessions do not count as progress.", f"Pain decisions: {CAVEAT}"]


def make_programme(given, *, weeks: int, start: dt.date, seed: int = 0, settings=None,
                   diary: Path | str | Sequence[Entry] | None = None, person: str | None = None,
                   schedule: Schedule | None = None, pain_model: PainModel | None = None) -> Programme:
    if not 1 <= weeks <= MAX_WEEKS:
        raise BackplanError(f"a programme has 1 to {MAX_WEEKS} weeks, not {weeks}")
    if start.weekday() != 0:
        raise BackplanError(f"a programme starts on a Monday; {start.isoformat()} is a {start:%A}")
    schedule = schedule or load_schedule(schedule_file(), given.catalog.vocab.kinds, given.catalog.vocab.age_groups)
    feedback, notes = _feedback(diary, person, pain_model)
    base, note = _first_week(given, seed, settings, schedule.first_week_share)
    return build_programme(base, weeks, start, catalog=given.catalog, rules=given.rules, profile=given.profile,
                           schedule=schedule, feedback=feedback, notes=[note, *notes])
