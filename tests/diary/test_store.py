"""The diary's SQLite store: where it lives, adding and completing entries, refusing to overwrite,
and that an interrupted write (an exception, or a process killed inside the transaction) leaves
the diary readable with every earlier entry intact."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from planner.diary.entries import new_entry
from planner.diary.model import default_pain_model
from planner.diary.store import Diary, default_db_path
from planner.errors import InputError

ROOT = Path(__file__).resolve().parents[2]
FLAGS = list(default_pain_model().red_flags)


def entry(day: int, **given):
    values = {"person": "me", "date": dt.date(2026, 11, day), "day": None, "done": True, **given}
    return new_entry(**values, known_flags=FLAGS)


def test_the_default_diary_follows_xdg_data_home(monkeypatch, tmp_path):
    if sys.platform in ("win32", "darwin"):
        pytest.skip("the XDG convention is for Linux and other Unix systems")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_db_path() == tmp_path / "data" / "backplan" / "diary.sqlite3"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/ignored")  # the spec says: ignore a relative path
    monkeypatch.setenv("HOME", str(tmp_path))
    assert default_db_path() == tmp_path / ".local" / "share" / "backplan" / "diary.sqlite3"


def test_the_default_diary_on_windows_and_macos(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "Local"))
    assert default_db_path() == tmp_path / "Local" / "backplan" / "diary.sqlite3"
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert default_db_path() == tmp_path / "Library" / "Application Support" / "backplan" / "diary.sqlite3"


def test_a_diary_another_program_is_writing_is_one_message_and_nothing_changes(tmp_path):
    path = tmp_path / "d.sqlite3"
    with Diary(path) as diary:
        diary.add(entry(23))
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        with Diary(path, wait_s=0.1) as diary, pytest.raises(InputError) as info:
            diary.add(entry(24))
        assert str(info.value) == f"{path}: cannot write to the diary: database is locked"
    finally:
        other.execute("ROLLBACK")
        other.close()
    with Diary(path) as diary:
        assert [e.date.day for e in diary.entries()] == [23]


def test_a_new_diary_is_private_and_its_folder_too(tmp_path):
    path = tmp_path / "new" / "diary.sqlite3"
    with Diary(path) as diary:
        diary.add(entry(23, pain_during=2))
    assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0
    assert stat.S_IMODE(path.parent.stat().st_mode) & 0o077 == 0
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_later_log_fills_in_the_morning_and_never_overwrites(tmp_path):
    with Diary(tmp_path / "d.sqlite3") as diary:
        assert diary.add(entry(23, pain_during=3, exercises=[("forearm_plank", 4)], note="ok")) == (1, False)
        assert diary.add(entry(23, pain_next_morning=1, exercises=[("bird_dog", 0)], note="slept well")) == (1, True)
        with pytest.raises(InputError) as info:
            diary.add(entry(23, pain_during=5))
        assert str(info.value) == "me's mon 2026-11-23 session (entry 1) already has pain during 3, not 5; nothing was changed"
        with pytest.raises(InputError) as info:
            diary.add(entry(23, done=False))
        assert str(info.value) == "me's mon 2026-11-23 session (entry 1) is already recorded as done; nothing was changed"
        (got,) = diary.entries()
    assert (got.pain_during, got.pain_next_morning, dict(got.exercises), got.note) == (
        3, 1, {"forearm_plank": 4, "bird_dog": 0}, "ok\nslept well")


def test_entries_are_read_in_date_order_per_person(tmp_path):
    with Diary(tmp_path / "d.sqlite3") as diary:
        diary.add(entry(25, person="ben"))
        diary.add(entry(27))
        diary.add(entry(23, red_flags=["fever"]))
        assert [(e.person, e.date.day) for e in diary.entries()] == [("me", 23), ("ben", 25), ("me", 27)]
        assert [e.date.day for e in diary.entries(person="me", since=dt.date(2026, 11, 24))] == [27]
        assert diary.entries(person="me")[0].red_flags == ("fever",)
        assert diary.people() == ["ben", "me"]


def test_an_exception_inside_the_transaction_leaves_the_earlier_entries(tmp_path):
    path = tmp_path / "d.sqlite3"
    with Diary(path) as diary:
        diary.add(entry(23, pain_during=1))
        with pytest.raises(InputError):  # the third entry contradicts the first: none of the three is kept
            diary.add_all([entry(24), entry(25), entry(23, pain_during=9)])
    with Diary(path) as diary:
        assert [(e.date.day, e.pain_during) for e in diary.entries()] == [(23, 1)]


def test_a_process_killed_inside_the_transaction_leaves_the_diary_readable(tmp_path):
    path = tmp_path / "d.sqlite3"
    with Diary(path) as diary:
        diary.add(entry(23, pain_during=1))
    killer = textwrap.dedent(f"""
        import datetime as dt, os, signal
        from planner.diary.entries import new_entry
        from planner.diary.store import Diary
        diary = Diary({str(path)!r})
        with diary.transaction() as conn:
            diary._add(conn, new_entry(person="me", date=dt.date(2026, 11, 25), day=None, done=True, known_flags=[]))
            conn.execute("UPDATE entries SET pain_during = 10")
            os.kill(os.getpid(), signal.SIGKILL)
    """)
    run = subprocess.run([sys.executable, "-c", killer], env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60)
    assert run.returncode == -9
    with Diary(path) as diary:
        assert [(e.date.day, e.pain_during) for e in diary.entries()] == [(23, 1)]
        diary.add(entry(25))  # and it still takes new entries
        assert len(diary.entries()) == 2


def test_history_never_creates_a_diary_and_other_files_are_refused(tmp_path):
    with pytest.raises(InputError) as info:
        Diary(tmp_path / "none.sqlite3", create=False)
    assert str(info.value) == f"{tmp_path / 'none.sqlite3'}: no diary here yet; record a session with backplan log first"
    assert not (tmp_path / "none.sqlite3").exists()
    text = tmp_path / "notes.txt"
    text.write_text("my notes, not a database\n" * 100)
    with pytest.raises(InputError) as info:
        Diary(text)
    assert str(info.value) == f"{text}: cannot open the diary: file is not a database"
    assert text.read_text() == "my notes, not a database\n" * 100
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE mine (x)")
    with pytest.raises(InputError) as info:
        Diary(other)
    assert str(info.value) == f"{other}: is an SQLite database but not a backplan diary; give another --db"
    with pytest.raises(InputError) as info:
        Diary(tmp_path)
    assert str(info.value) == f"{tmp_path}: is a folder; --db names the diary file"
