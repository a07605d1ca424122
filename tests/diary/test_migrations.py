"""The schema version table and migrations: a fresh diary is at the latest version, an older one
is brought up to date with its entries kept, a failed migration changes nothing, and a diary from
a newer backplan is refused."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from planner.diary.entries import new_entry
from planner.diary.migrations import MIGRATIONS, Migration, current_version
from planner.diary.store import Diary
from planner.errors import InputError

V2 = Migration(2, "a mood score", ("ALTER TABLE entries ADD COLUMN mood INTEGER",))
BROKEN = Migration(2, "broken", ("ALTER TABLE entries ADD COLUMN mood INTEGER", "CREATE TABLE entries (x)"))


def _one_entry(path) -> None:
    with Diary(path, migrations=MIGRATIONS[:1]) as diary:
        assert diary.version == 1
        diary.add(new_entry(person="me", date=dt.date(2026, 11, 23), day=None, done=True, pain_during=2, known_flags=[]))


def test_a_new_diary_is_at_the_latest_version(tmp_path):
    with Diary(tmp_path / "d.sqlite3") as diary:
        assert diary.version == MIGRATIONS[-1].version == current_version(diary.conn)
        assert [r[0] for r in diary.conn.execute("SELECT version FROM schema_version")] == [m.version for m in MIGRATIONS]


def test_version_1_is_migrated_to_2_and_keeps_its_entries(tmp_path):
    path = tmp_path / "d.sqlite3"
    _one_entry(path)
    with Diary(path, migrations=(*MIGRATIONS[:1], V2)) as diary:
        assert diary.version == 2
        assert [(e.date.day, e.pain_during) for e in diary.entries()] == [(23, 2)]
        assert diary.conn.execute("SELECT mood FROM entries").fetchall() == [(None,)]
        assert diary.conn.execute("SELECT description FROM schema_version WHERE version = 2").fetchone() == ("a mood score",)


def test_a_failed_migration_leaves_version_1_and_the_entries(tmp_path):
    path = tmp_path / "d.sqlite3"
    _one_entry(path)
    with pytest.raises(InputError) as info:
        Diary(path, migrations=(*MIGRATIONS[:1], BROKEN))
    assert str(info.value) == f"{path}: cannot open the diary: table entries already exists"
    with sqlite3.connect(path) as conn:
        assert current_version(conn) == 1
        assert [c[1] for c in conn.execute("PRAGMA table_info(entries)")].count("mood") == 0
    with Diary(path, migrations=MIGRATIONS[:1]) as diary:
        assert len(diary.entries()) == 1


def test_a_diary_from_a_newer_backplan_is_refused_untouched(tmp_path):
    path = tmp_path / "d.sqlite3"
    with Diary(path, migrations=(*MIGRATIONS[:1], V2)):
        pass
    with pytest.raises(InputError) as info:
        Diary(path, migrations=MIGRATIONS[:1])
    assert str(info.value) == (f"{path}: this diary is at schema version 2, written by a newer backplan "
                               "(this one knows up to 1); upgrade backplan to read it")
