"""The diary's schema, version by version, and the machinery that brings a database up to date.

A diary records its schema version in ``schema_version`` (one row per migration applied, with
when). Opening a diary applies every newer migration, each in its own transaction, so a diary
is always at one whole version: a migration that fails (or a process killed during one) leaves
the previous version and every entry as they were. A diary written by a newer backplan (a
version this one does not know) is refused rather than guessed at.

To change the schema, append a :class:`Migration` with the next version number; never edit one
that has shipped (diaries out there are already at it).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from planner.errors import InputError, Where

__all__ = ["MIGRATIONS", "Migration", "current_version", "migrate"]


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]


PAIN = "INTEGER CHECK ({0} IS NULL OR {0} BETWEEN 0 AND 10)"

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "entries, pain per exercise and red-flag answers", (
        "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)",
        ("CREATE TABLE entries ("
        " id INTEGER PRIMARY KEY,"
        " person TEXT NOT NULL,"
        " date TEXT NOT NULL,"
        " day TEXT NOT NULL,"
        " plan TEXT NOT NULL DEFAULT '',"
        " done INTEGER NOT NULL CHECK (done IN (0, 1)),"
        f" pain_during {PAIN.format('pain_during')},"
        f" pain_next_morning {PAIN.format('pain_next_morning')},"
        " note TEXT NOT NULL DEFAULT '',"
        " recorded_at TEXT NOT NULL,"
        " UNIQUE (person, date, day))"),
        ("CREATE TABLE exercise_pain ("
        " entry_id INTEGER NOT NULL REFERENCES entries(id),"
        " exercise TEXT NOT NULL,"
        " pain INTEGER NOT NULL CHECK (pain BETWEEN 0 AND 10),"
        " PRIMARY KEY (entry_id, exercise))"),
        ("CREATE TABLE red_flags ("
        " entry_id INTEGER NOT NULL REFERENCES entries(id),"
        " flag TEXT NOT NULL,"
        " PRIMARY KEY (entry_id, flag))"),
        "CREATE INDEX entries_by_person_date ON entries (person, date)",
    )),
)


def current_version(conn: sqlite3.Connection) -> int:
    """The diary's schema version; 0 for an empty database."""
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "schema_version" not in tables:
        return 0
    return conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()[0]


def migrate(conn: sqlite3.Connection, name: str, migrations: Sequence[Migration] = MIGRATIONS) -> int:
    """Bring the diary at ``conn`` (in autocommit mode) up to the last of ``migrations``; return
    the version it is at. ``name`` is the database's file name, for messages."""
    latest = migrations[-1].version
    version = current_version(conn)
    if version == 0 and conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0]:
        raise InputError("is an SQLite database but not a backplan diary; give another --db", Where(name))
    if version > latest:
        raise InputError(f"this diary is at schema version {version}, written by a newer backplan "
                         f"(this one knows up to {latest}); upgrade backplan to read it", Where(name))
    for migration in migrations:
        if migration.version <= version:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in migration.statements:
                conn.execute(statement)
            conn.execute("INSERT INTO schema_version VALUES (?, ?, ?)", (
                migration.version, migration.description, dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")))
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        version = migration.version
    return version
