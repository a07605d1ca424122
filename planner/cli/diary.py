"""``backplan log`` and ``backplan history``: the pain diary (:mod:`planner.diary`).

``log`` records a session (or imports a CSV file of them), ``history`` shows the diary (table,
JSON or CSV), exports it, and with ``--advice`` gives the pain-monitoring model's verdicts for a
week (:mod:`planner.diary.adapt`).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from planner.cli.common import CatalogOpt, DebugOpt, guard
from planner.errors import EXIT_OK, InputError

__all__ = ["history", "log"]

DbOpt = Annotated[
    Optional[Path],
    typer.Option("--db", metavar="FILE", envvar="BACKPLAN_DIARY",
                 help="The diary's SQLite file. Default: diary.sqlite3 in your data folder "
                      "(~/.local/share/backplan, or $XDG_DATA_HOME/backplan; see README, \"Pain diary\")."),
]
PersonOpt = Annotated[str, typer.Option("--person", metavar="KEY", help="Whose diary entries (one diary can hold many people).")]


def _open(db: Path | None, create: bool):
    from planner.diary.store import Diary, default_db_path

    return Diary(db if db is not None else default_db_path(), create=create)


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
        from planner.diary.model import default_pain_model
        from planner.notice import SAFETY_NOTICE

        model = default_pain_model()
        if import_csv is not None:
            given = [flag for flag, value in (("--done/--skipped", done), ("--date", date), ("--day", day),
                     ("--pain-during", pain_during), ("--pain-next-morning", pain_next_morning), ("--exercise", exercise),
                     ("--red-flag", red_flag), ("--note", note), ("--plan", plan)) if value]
            if given:
                raise InputError(f"--import records the file's sessions only; leave out {given[0]}")
            return _import(import_csv, person, db, catalog, model)

        try:
            entry, entry_id, completed, name = _record()
        except InputError as exc:  # a red-flag answer is never lost in an error about something else
            flags = [f for f in red_flag or [] if f in model.red_flags]
            if not flags:
                raise
            from planner.diary.adapt import red_flag_refusal
            from planner.diary.entries import Entry

            typer.echo(f"backplan: error: {exc} (nothing was recorded)", err=True)
            answered = Entry(person=person, date=dt.date.today(), day="mon", done=False, red_flags=tuple(flags))
            raise red_flag_refusal([answered], model, when="now, not recorded") from None
        what = "completed" if completed else "recorded"
        typer.echo(f"{what} {entry.person}'s {entry.day} {entry.date.isoformat()} session "
                   f"({'done' if entry.done else 'skipped'}) as entry {entry_id} in {name}\nNOTICE: {SAFETY_NOTICE}")
        if entry.red_flags:
            from planner.diary.adapt import red_flag_refusal

            raise red_flag_refusal([entry], model)
        return EXIT_OK

    def _record():
        from planner.diary.entries import new_entry, parse_date, parse_pain
        from planner.diary.model import default_pain_model

        when = parse_date(date, "--date") if date is not None else dt.date.today()
        pairs = [_pair(text) for text in exercise or []]
        during = parse_pain(pain_during, "--pain-during")
        morning = parse_pain(pain_next_morning, "--pain-next-morning")
        _known_exercises([ex for ex, _ in pairs], catalog, None)
        with _open(db, create=True) as diary:
            status = done if done is not None else _recorded_status(diary, person, when, day)
            entry = new_entry(person=person, date=when, day=day, done=status, plan=plan, pain_during=during,
                              pain_next_morning=morning, exercises=pairs, red_flags=red_flag or [], note=note,
                              known_flags=default_pain_model().red_flags,
                              labels={"person": "--person", "day": "--day", "exercise": "--exercise",
                                      "red_flag": "--red-flag", "note": "--note", "plan": "--plan",
                                      "pain_during": "--pain-during"})
            entry_id, completed = diary.add(entry)
            return entry, entry_id, completed, diary.name

    guard(debug, action)


def _pair(text: str) -> tuple[str, int]:
    from planner.diary.entries import parse_pain

    exercise, sep, pain = text.partition("=")
    score = parse_pain(pain, f"--exercise {exercise.strip()}") if sep else None
    if score is None:
        raise InputError(f'--exercise takes an exercise id and its pain, like forearm_plank=4, not "{text}"')
    return exercise.strip(), score


def _known_exercises(ids: list[str], catalog: Path | None, where) -> None:
    """Every exercise id is one of the catalog's (the shipped one, or --catalog)."""
    if not ids:
        return
    from planner.catalog import default_catalog, load_catalog
    from planner.errors import did_you_mean

    known = (load_catalog(catalog) if catalog is not None else default_catalog()).exercises
    for exercise in ids:
        if exercise not in known:
            raise InputError(f'unknown exercise "{exercise}"{did_you_mean(exercise, known)}; '
                             "see backplan catalog list", where)


def _recorded_status(diary, person: str, when: dt.date, day: str | None) -> bool:
    from planner.diary.entries import DAYS

    weekday = (day or DAYS[when.weekday()]).strip().lower()
    same = [e for e in diary.entries(person=person, since=when, until=when) if e.day == weekday]
    if not same:
        raise InputError("say whether the session was --done or --skipped (nothing is recorded for it yet)")
    return same[0].done


def _import(path: Path, person: str, db: Path | None, catalog: Path | None, model) -> int:
    from planner.diary.csvio import read_csv
    from planner.notice import SAFETY_NOTICE

    entries, places = read_csv(path, person=person, known_flags=list(model.red_flags))
    for entry, where in zip(entries, places):
        _known_exercises(list(entry.exercises), catalog, where)
    with _open(db, create=True) as diary:
        count = diary.add_all(entries, places)
    typer.echo(f"imported {count} session(s) from {path} into {diary.name}\nNOTICE: {SAFETY_NOTICE}")
    return EXIT_OK


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
        from planner.diary.entries import parse_date

        if week is not None and not advice:
            raise InputError("--week goes with --advice")
        if advice and (export is not None or everyone):
            raise InputError(f"--advice is for one --person and is not exported; leave out {'--export' if export else '--everyone'}")
        if fmt not in ("table", "json", "csv"):
            raise InputError(f'--format is table, json or csv, not "{fmt}"')
        start = parse_date(since, "--since") if since is not None else None
        end = parse_date(until, "--until") if until is not None else None
        with _open(db, create=False) as diary:
            entries = diary.entries(person=None if everyone else person, since=start, until=end)
            name = diary.name
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
    from planner.diary import views
    from planner.diary.adapt import weekly_advice
    from planner.diary.model import default_pain_model

    if fmt == "csv":
        raise InputError("--advice is shown as a table or json, not csv")
    if week is not None and not _iso_week(week):
        raise InputError(f'--week must be an ISO week like 2026-W48, not "{week}"')
    if week is None:
        if not entries:
            raise InputError(f'no sessions recorded for "{person}" yet, so there is nothing to advise on')
        week = entries[-1].week
    result = weekly_advice(entries, person, week, default_pain_model())
    sys.stdout.write(views.advice_json(result) if fmt == "json" else views.advice_text(result))
    return EXIT_OK
