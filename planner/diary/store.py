"""The diary's SQLite database: where it lives, opening it safely, adding and reading entries.

* **Where.** ``--db PATH`` (or the ``BACKPLAN_DIARY`` environment variable) names it; otherwise it
  is ``diary.sqlite3`` in the user's data folder: ``$XDG_DATA_HOME/backplan`` (by default
  ``~/.local/share/backplan``) on Linux and other Unix systems, ``~/Library/Application
  Support/backplan`` on macOS and ``%LOCALAPPDATA%\\backplan`` on Windows. The folder is made
  private (0700) and a new diary file too (0600): it holds health data.
* **Nothing recorded is lost.** Every change is one transaction (``BEGIN IMMEDIATE`` ...
  ``COMMIT``), so an error or a killed process leaves the diary as it was before the change; the
  journal is write-ahead (WAL) with full syncs. A new entry for a session already recorded only
  fills in what was missing (the next morning's pain, say): a different value for something
  already recorded is refused, never overwritten, and notes are kept side by side.
* **Many people, one diary.** Every entry carries a person key (default ``me``), so a clinic can
  point everyone's ``--db`` at one file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from planner.diary.entries import DAYS, Entry
from planner.diary.migrations import MIGRATIONS, Migration, migrate
from planner.errors import InputError, Where

__all__ = ["Diary", "default_db_path"]

ENV_VAR = "BACKPLAN_DIARY"


def default_db_path() -> Path:
    """The diary's default place, following the platform's convention for user data."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        xdg = os.environ.get("XDG_DATA_HOME", "")
        base = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".local" / "share"
    return base / "backplan" / "diary.sqlite3"


class Diary:
    """An open diary. Use as a context manager, or call :meth:`close`."""

    def __init__(self, path: Path | str, *, create: bool = True, migrations: Sequence[Migration] = MIGRATIONS,
                 wait_s: float = 10.0) -> None:
        self.path = Path(path)
        self.name = str(path)
        if self.path.is_dir():
            raise InputError("is a folder; --db names the diary file", Where(self.name))
        if not self.path.exists():
            if not create:
                raise InputError("no diary here yet; record a session with backplan log first", Where(self.name))
            self._create_file()
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=wait_s)  # for another writer
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = FULL")
            self.version = migrate(self.conn, self.name, migrations)
        except sqlite3.DatabaseError as exc:
            with contextlib.suppress(Exception):
                self.conn.close()
            raise InputError(f"cannot open the diary: {exc}", Where(self.name)) from None

    def _create_file(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            pass  # made by another process meanwhile: open theirs
        except OSError as exc:
            raise InputError(f"cannot create the diary: {(exc.strerror or str(exc)).lower()}", Where(self.name)) from None

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Diary:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One all-or-nothing change: committed when the block ends, rolled back on any exception.
        A diary the system will not write (locked by another program, read-only, a full disk) is
        one message naming the file; nothing of the change is kept."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise InputError(f"cannot write to the diary: {exc}", Where(self.name)) from None
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            self._rollback()
            raise InputError(f"cannot write to the diary: {exc}; nothing was changed", Where(self.name)) from None
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    # -- writing ---------------------------------------------------------------------------

    def add(self, entry: Entry) -> tuple[int, bool]:
        """Record ``entry`` in its own transaction; return its id and whether it completed an
        entry already there for the same person, date and day."""
        with self.transaction() as conn:
            return self._add(conn, entry)

    def add_all(self, entries: Sequence[Entry], where: Sequence[Where | None] = ()) -> int:
        """Record every entry or, when one is refused, none; ``where`` says where each came from."""
        with self.transaction() as conn:
            for i, entry in enumerate(entries):
                try:
                    self._add(conn, entry)
                except InputError as exc:
                    at = where[i] if i < len(where) else None
                    raise InputError(exc.message + "; nothing was imported", at or exc.where) from None
        return len(entries)

    def _add(self, conn: sqlite3.Connection, entry: Entry) -> tuple[int, bool]:
        row = conn.execute("SELECT id FROM entries WHERE person = ? AND date = ? AND day = ?",
                           (entry.person, entry.date.isoformat(), entry.day)).fetchone()
        if row is None:
            cursor = conn.execute(
                "INSERT INTO entries (person, date, day, plan, done, pain_during, pain_next_morning, note, recorded_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (entry.person, entry.date.isoformat(), entry.day, entry.plan, int(entry.done), entry.pain_during,
                 entry.pain_next_morning, entry.note, dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")))
            entry_id = int(cursor.lastrowid)
            conn.executemany("INSERT INTO exercise_pain VALUES (?, ?, ?)",
                             [(entry_id, ex, pain) for ex, pain in entry.exercises.items()])
            conn.executemany("INSERT INTO red_flags VALUES (?, ?)", [(entry_id, flag) for flag in entry.red_flags])
            return entry_id, False
        entry_id = row[0]
        old = self._entry(conn, entry_id)
        self._merge(conn, old, entry)
        return entry_id, True

    def _merge(self, conn: sqlite3.Connection, old: Entry, new: Entry) -> None:
        session = f"{new.person}'s {new.day} {new.date.isoformat()} session (entry {old.entry_id})"
        kept = "; nothing was changed"
        if old.done != new.done:
            was = "done" if old.done else "skipped"
            raise InputError(f"{session} is already recorded as {was}{kept}")
        for column, words in (("plan", "plan"), ("pain_during", "pain during"), ("pain_next_morning", "pain next morning")):
            before, after = getattr(old, column), getattr(new, column)
            if before not in (None, "") and after not in (None, "") and before != after:
                raise InputError(f"{session} already has {words} {before}, not {after}{kept}")
        for exercise, pain in new.exercises.items():
            if exercise in old.exercises and old.exercises[exercise] != pain:
                raise InputError(f"{session} already has pain {old.exercises[exercise]} for {exercise}, not {pain}{kept}")
        note = old.note if not new.note or new.note in old.note else (f"{old.note}\n{new.note}" if old.note else new.note)
        conn.execute(
            "UPDATE entries SET plan = ?, pain_during = ?, pain_next_morning = ?, note = ? WHERE id = ?",
            (old.plan or new.plan, _first(old.pain_during, new.pain_during),
             _first(old.pain_next_morning, new.pain_next_morning), note, old.entry_id))
        conn.executemany("INSERT INTO exercise_pain VALUES (?, ?, ?)",
                         [(old.entry_id, ex, p) for ex, p in new.exercises.items() if ex not in old.exercises])
        conn.executemany("INSERT INTO red_flags VALUES (?, ?)",
                         [(old.entry_id, f) for f in new.red_flags if f not in old.red_flags])

    # -- reading ---------------------------------------------------------------------------

    def entries(self, person: str | None = None, since: dt.date | None = None,
                until: dt.date | None = None) -> list[Entry]:
        """Entries in date order (then weekday, then as recorded); filtered when asked."""
        query, args = "SELECT id FROM entries WHERE 1 = 1", []
        for clause, value in (("person = ?", person), ("date >= ?", since and since.isoformat()),
                              ("date <= ?", until and until.isoformat())):
            if value is not None:
                query += f" AND {clause}"
                args.append(value)
        found = [self._entry(self.conn, row[0]) for row in self.conn.execute(query, args)]
        return sorted(found, key=lambda e: (e.date, DAYS.index(e.day) if e.day in DAYS else 7, e.entry_id))

    def people(self) -> list[str]:
        return [row[0] for row in self.conn.execute("SELECT DISTINCT person FROM entries ORDER BY person")]

    @staticmethod
    def _entry(conn: sqlite3.Connection, entry_id: int) -> Entry:
        (person, date, day, plan, done, during, morning, note) = conn.execute(
            "SELECT person, date, day, plan, done, pain_during, pain_next_morning, note FROM entries WHERE id = ?",
            (entry_id,)).fetchone()
        exercises = dict(conn.execute(
            "SELECT exercise, pain FROM exercise_pain WHERE entry_id = ? ORDER BY rowid", (entry_id,)).fetchall())
        flags = tuple(row[0] for row in conn.execute(
            "SELECT flag FROM red_flags WHERE entry_id = ? ORDER BY rowid", (entry_id,)))
        return Entry(person=person, date=dt.date.fromisoformat(date), day=day, done=bool(done), plan=plan,
                     pain_during=during, pain_next_morning=morning, exercises=exercises, red_flags=flags,
                     note=note, entry_id=entry_id)


def _first(before: int | None, after: int | None) -> int | None:
    return before if before is not None else after
