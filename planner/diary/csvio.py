"""The diary as CSV: one row per session, for spreadsheets, clinics and moving diaries around.

Columns: ``person, date, day, plan, status, pain_during, pain_next_morning, exercise_pain,
red_flags, note``. ``status`` is ``done`` or ``skipped``; ``exercise_pain`` lists
``exercise=pain`` pairs separated by ``;`` (``plank=4;bird-dog=2``); ``red_flags`` lists the
red-flag questions answered yes, separated by ``;``. Only ``date`` and ``status`` are required
on import; an empty ``person`` is the importing person, an empty ``day`` the date's weekday.

An import checks every row before it records any: a bad row is one message with the file and
line, and nothing of the file is imported.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path

from planner.csvtext import csv_text
from planner.diary.entries import Entry, new_entry, parse_date, parse_pain
from planner.errors import InputError, Where, did_you_mean

__all__ = ["COLUMNS", "read_csv", "to_csv"]

COLUMNS = ("person", "date", "day", "plan", "status", "pain_during", "pain_next_morning", "exercise_pain",
           "red_flags", "note")
REQUIRED = ("date", "status")
MAX_BYTES = 20 * 1024 * 1024


def to_csv(entries: Iterable[Entry]) -> str:
    return csv_text(COLUMNS, ([
        e.person, e.date.isoformat(), e.day, e.plan, "done" if e.done else "skipped",
        "" if e.pain_during is None else e.pain_during,
        "" if e.pain_next_morning is None else e.pain_next_morning,
        ";".join(f"{ex}={pain}" for ex, pain in e.exercises.items()), ";".join(e.red_flags), e.note,
    ] for e in entries))


def read_csv(path: Path | str, *, person: str, known_flags: Sequence[str]) -> tuple[list[Entry], list[Where]]:
    """Every row of the CSV file at ``path`` as a checked entry, with where each row starts."""
    name = str(path)
    text = _read_text(Path(path), name)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    entries: list[Entry] = []
    places: list[Where] = []
    header: list[str] | None = None
    line = 1
    try:
        for row in reader:
            where = Where(name, line)
            line = reader.line_num + 1
            if header is None:
                header = _header(row, where)
                continue
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise InputError(f"this row has {len(row)} values but the header has {len(header)} columns", where)
            entries.append(_entry(dict(zip(header, row)), where, person, known_flags))
            places.append(where)
    except csv.Error as exc:
        raise InputError(f"not valid CSV: {exc}", Where(name, line)) from None
    if header is None:
        raise InputError(f"the file is empty; a diary CSV starts with a header ({','.join(COLUMNS)})", Where(name, 1))
    return entries, places


def _read_text(path: Path, name: str) -> str:
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise InputError("file not found", Where(name)) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a CSV file", Where(name)) from None
    except OSError as exc:
        raise InputError(f"cannot read file: {(exc.strerror or str(exc)).lower()}", Where(name)) from None
    if len(raw) > MAX_BYTES:
        raise InputError(f"file is larger than {MAX_BYTES // (1024 * 1024)} MiB", Where(name, 1))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte 0x{raw[exc.start]:02x})", Where(name, raw[: exc.start].count(b"\n") + 1)) from None
    return text.removeprefix("\ufeff")


def _header(row: list[str], where: Where) -> list[str]:
    header = [cell.strip().lower() for cell in row]
    for column in header:
        if column not in COLUMNS:
            raise InputError(f'unknown column "{column}"{did_you_mean(column, COLUMNS)}; the columns are {",".join(COLUMNS)}', where)
    for column in set(header):
        if header.count(column) > 1:
            raise InputError(f'column "{column}" appears twice', where)
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise InputError(f'the header has no "{missing[0]}" column', where)
    return header


def _entry(row: dict[str, str], where: Where, person: str, known_flags: Sequence[str]) -> Entry:
    status = row["status"].strip().lower()
    if status not in ("done", "skipped"):
        raise InputError(f'status must be "done" or "skipped", not "{row["status"]}"', where)
    pairs = []
    for part in filter(None, (p.strip() for p in row.get("exercise_pain", "").split(";"))):
        exercise, sep, pain = part.partition("=")
        if not sep:
            raise InputError(f'exercise_pain lists exercise=pain pairs separated by ";" (plank=4), not "{part}"', where)
        score = parse_pain(pain, f"the pain for {exercise.strip()}", where)
        if score is None:
            raise InputError(f'exercise_pain gives no pain for "{exercise.strip()}" (plank=4)', where)
        pairs.append((exercise.strip(), score))
    flags = [f.strip() for f in row.get("red_flags", "").split(";") if f.strip()]
    labels = {"day": "day", "red_flag": "red flag", "pain_during": "pain_during", "note": "note"}
    return new_entry(
        person=row.get("person", "").strip() or person, date=parse_date(row["date"], "date", where),
        day=row.get("day", "").strip() or None, done=status == "done", plan=row.get("plan", "").strip(),
        pain_during=parse_pain(row.get("pain_during"), "pain_during", where),
        pain_next_morning=parse_pain(row.get("pain_next_morning"), "pain_next_morning", where),
        exercises=pairs, red_flags=flags, note=row.get("note", ""), known_flags=known_flags, labels=labels,
        where=where)
