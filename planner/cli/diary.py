"""``backplan log`` and ``backplan history``: the pain diary (:mod:`planner.diary`).

``log`` records a session (or imports a CSV file of them), ``history`` shows the diary (table,
JSON or CSV), exports it, and with ``--advice`` gives the pain-monitoring model's verdicts for a
week (:mod:`planner.diary.adapt`). Both read and write the diary through :mod:`planner.api` and
show it with :mod:`planner.diary.views` (as ``plan`` shows a week with :mod:`planner.render`).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from planner.cli.common import CatalogOpt, DebugOpt, guard
from planner.errors import EXIT_OK, InputError, RedFlagError

__all__ = ["history", "log"]

DbOpt = Annotated[
    Optional[Path],
    typer.Option("--db", metavar="FILE", envvar="BACKPLAN_DIARY",
                 help="The diary's SQLite file. Default: diary.sqlite3 in your data folder "
                      "(~/.local/share/backplan, or $XDG_DATA_HOME/backplan; see README, \"Pain diary\")."),
]
PersonOpt = Annotated[str, typer.Option("--person", metavar="KEY", help="Whose diary entries (one diary can hold many people).")]
LABELS = {"date": "--date", "person": "--person", "day": "--day", "exercise": "--exercise", "red_flag": "--red-flag",
          "note": "--note", "plan": "--plan", "pain_during": "--pain-during", "pain_next_morning": "--pain-next-morning",
          "done": "--done or --skipped"}  # the fields of a session as the flags name them, for the messages


def log(
    done: Annotated[Optional[bool], typer.Option("--done/--skipped", help="The session was done, or skipped. Needed for a new session; a later log for the same session may leave it out.")] = None,
    date: Annotated[Optional[str], typer.Option("--date", metavar="YYYY-MM-DD", help="The session's date. Default: today.")] = None,
    day: Annotated[Optional[str], typer.Option("--day", metavar="DAY", help="The plan's day this session was (mon ... sun). Default: the date's weekday.")] = None,
    pain_during: Annotated[Optional[str], typer.Option("--pain-during", metavar="N", help="Pain during the session, 0 (none) to 10 (worst imaginable).")] = None,
    pain_next_morning: Annotated[Optional[str], typer.Option("--pain-next-morning", metavar="N", help="Pain the morning after, 0-10 (log it the next day: it fills in the same session).")] = None,
    exercise: Annotated[Optional[list[str]], typer.Option("--exercise", "-e", metavar="ID=N", help="Pain during one exercise (catalog id), e.g. -e forearm_plank=4. Repeatable.")] = None,
    red_flag: Annotated[Optional[list[str]], typer.Option("--red-flag", metavar="NAME", help="A red-flag question answered yes: saddle_numbness, bladder_bowel, both_legs, fever, fall, sharp_pain (see README). Repeatable.")] = None,
    note: Annotated[str, typer.Option("--note", metavar="TEXT", help="A note about the session.")] = "",
    plan: Annotated[str, typer.Option("--plan", metavar="REF", help="Which plan or week the session belongs to (free text, e.g. the plan's file name).")] = "",
    person: PersonOpt = "me",
    import_csv: Annotated[Optional[Path], typer.Option("--import", metavar="FILE.csv", help="Record every row of a diary CSV (as history --export writes), all or nothing.")] = None,
    db: DbOpt = None,
    catalog: CatalogOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Record a session in the pain diary: done or skipped, pain during it and the next morning.

    \b
    Nothing recorded is ever lost: logging the same person, date and day again only fills in
    what was missing (the next morning's pain); a different value is refused. A red-flag answer
    is recorded, then backplan tells you to see a doctor (exit 3).
    Examples:
      backplan log --done --pain-during 3 -e forearm_plank=4 -e bird_dog=1
      backplan log --date 2026-11-23 --pain-next-morning 1
      backplan log --skipped --note "back too stiff"
      backplan log --import old_diary.csv --db clinic.sqlite3
    Exit codes: 0 recorded; 2 bad input (nothing recorded); 3 a red-flag answer: see a doctor.
    """

    def action() -> int:
        from planner import api
        from planner.notice import SAFETY_NOTICE

        if import_csv is not None:
            given = [flag for flag, value in (("--done/--skipped", done), ("--date", date), ("--day", day),
                     ("--pain-during", pain_during), ("--pain-next-morning", pain_next_morning), ("--exercise", exercise),
                     ("--red-flag", red_flag), ("--note", note), ("--plan", plan)) if value]
            if given:
                raise InputError(f"--import records the file's sessions only; leave out {given[0]}")
            count, name = api.import_diary(import_csv, person=person, db=db, catalog=catalog)
            typer.echo(f"imported {count} session(s) from {import_csv} into {name}\nNOTICE: {SAFETY_NOTICE}")
            return EXIT_OK
        try:
            logged = api.log_session(done=done, date=date, day=day, pain_during=pain_during,
                                     pain_next_morning=pain_next_morning, exercises=exercise or [],
                                     red_flags=red_flag or [], note=note, plan=plan, person=person, db=db,
                                     catalog=catalog, labels=LABELS)
        except RedFlagError as exc:
            if exc.__cause__ is not None:  # a red-flag answer given with bad input: nothing was recorded
                typer.echo(f"backplan: error: {exc.__cause__} (nothing was recorded)", err=True)
            raise
        entry = logged.entry
        what = "completed" if logged.completed else "recorded"
        typer.echo(f"{what} {entry.person}'s {entry.day} {entry.date.isoformat()} session "
                   f"({'done' if entry.done else 'skipped'}) as entry {logged.entry_id} in {logged.diary}\nNOTICE: {SAFETY_NOTICE}")
        if logged.refusal is not None:
            raise logged.refusal
        return EXIT_OK

    guard(debug, action)


def history(
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="table (default), json or csv.")] = "table",
    person: PersonOpt = "me",
    everyone: Annotated[bool, typer.Option("--everyone", help="Every person in the diary, not only --person.")] = False,
    since: Annotated[Optional[str], typer.Option("--since", metavar="YYYY-MM-DD", help="Only sessions on or after this date.")] = None,
    until: Annotated[Optional[str], typer.Option("--until", metavar="YYYY-MM-DD", help="Only sessions on or before this date.")] = None,
    export: Annotated[Optional[Path], typer.Option("--export", metavar="FILE.csv", help="Write the sessions to this CSV file (private, 0600) instead; an existing file is replaced only with --force.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace --export if it already exists.")] = False,
    advice: Annotated[bool, typer.Option("--advice", help="Instead of the sessions: progress, hold or step back per exercise for one week, by the pain-monitoring model (see README).")] = False,
    week: Annotated[Optional[str], typer.Option("--week", metavar="YYYY-Www", help="The week --advice judges, e.g. 2026-W48. Default: the week of the latest session.")] = None,
    db: DbOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Show the pain diary, export it as CSV, or (--advice) what the pain-monitoring model says about a week.

    \b
    The advice is backplan's extrapolation of a model made for knee and Achilles tendon pain
    (Thomee 1997; Silbernagel et al. 2007): pain 0-2 safe, up to 5 acceptable if settled by the
    next morning and not rising week to week, above 5 too much. Any red-flag answer in the week
    gives the see-a-doctor refusal instead (exit 3).
    Examples:
      backplan history
      backplan history --format csv --since 2026-11-01
      backplan history --export diary.csv
      backplan history --advice --week 2026-W48
    Exit codes: 0 shown; 2 bad input (no diary there yet, a bad date, a file in the way); 3 a
    red-flag answer in the week: see a doctor.
    """

    def action() -> int:
        from planner import api

        if week is not None and not advice:
            raise InputError("--week goes with --advice")
        if advice and (export is not None or everyone):
            raise InputError(f"--advice is for one --person and is not exported; leave out {'--export' if export else '--everyone'}")
        if fmt not in ("table", "json", "csv"):
            raise InputError(f'--format is table, json or csv, not "{fmt}"')
        entries, name = api.read_diary(person=None if everyone else person, since=since, until=until, db=db,
                                       labels={"since": "--since", "until": "--until"})
        if advice:
            return _advice(entries, person, week, fmt)
        from planner.diary import csvio, views

        if export is not None:
            from planner.loading.files import write_atomic

            write_atomic(export, csvio.to_csv(entries), force=force)
            typer.echo(f"exported {len(entries)} session(s) to {export}", err=True)
            return EXIT_OK
        text = {"table": lambda: views.entries_table(entries, name), "json": lambda: views.entries_json(entries),
                "csv": lambda: csvio.to_csv(entries)}[fmt]()
        sys.stdout.write(text)
        return EXIT_OK

    guard(debug, action)


def _iso_week(text: str) -> bool:
    import re

    found = re.fullmatch(r"([0-9]{4})-W([0-9]{2})", text)
    try:
        return bool(found) and dt.date.fromisocalendar(int(found[1]), int(found[2]), 1).year > 0
    except ValueError:  # week 53 of a year with 52, week 00
        return False


def _advice(entries, person: str, week: str | None, fmt: str) -> int:
    from planner import api
    from planner.diary import views

    if fmt == "csv":
        raise InputError("--advice is shown as a table or json, not csv")
    if week is not None and not _iso_week(week):
        raise InputError(f'--week must be an ISO week like 2026-W48, not "{week}"')
    result = api.diary_advice(entries, person, week)
    sys.stdout.write(views.advice_json(result) if fmt == "json" else views.advice_text(result))
    return EXIT_OK
