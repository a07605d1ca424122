"""CSV export and import: a round trip keeps every field, and a bad file is one message with the
file and line, with nothing of it imported."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.diary.csvio import COLUMNS, read_csv, to_csv
from planner.diary.entries import new_entry
from planner.diary.model import default_pain_model
from planner.diary.store import Diary
from planner.errors import InputError

FLAGS = list(default_pain_model().red_flags)
HEADER = ",".join(COLUMNS)


def _entries():
    return [
        new_entry(person="me", date=dt.date(2026, 11, 23), day=None, done=True, plan="week1.plan.json", pain_during=3,
                  pain_next_morning=1, exercises=[("forearm_plank", 4), ("bird_dog", 0)], note='said "ouch", then fine',
                  known_flags=FLAGS),
        new_entry(person="ben", date=dt.date(2026, 11, 25), day="tue", done=False, red_flags=["fall", "fever"],
                  note="fell off a bike\nsecond line", known_flags=FLAGS),
    ]


def test_export_then_import_gives_the_same_diary(tmp_path):
    with Diary(tmp_path / "a.sqlite3") as first:
        first.add_all(_entries())
        text = to_csv(first.entries())
        before = [e.__dict__ | {"entry_id": None} for e in first.entries()]
    assert text.splitlines()[:2] == [HEADER, "me,2026-11-23,mon,week1.plan.json,done,3,1,forearm_plank=4;bird_dog=0,,"
                                             '"said ""ouch"", then fine"']
    path = tmp_path / "diary.csv"
    path.write_text(text)
    entries, places = read_csv(path, person="me", known_flags=FLAGS)
    assert [str(p) for p in places] == [f"{path}:2", f"{path}:3"]
    with Diary(tmp_path / "b.sqlite3") as second:
        second.add_all(entries, places)
        assert [e.__dict__ | {"entry_id": None} for e in second.entries()] == before
        assert to_csv(second.entries()) == text


def test_only_date_and_status_are_needed(tmp_path):
    path = tmp_path / "short.csv"
    path.write_text("\ufeffDate,Status,pain_during\n2026-11-23,done,2\n\n2026-11-24,SKIPPED,\n")
    entries, _ = read_csv(path, person="ana", known_flags=FLAGS)
    assert [(e.person, e.day, e.done, e.pain_during) for e in entries] == [("ana", "mon", True, 2), ("ana", "tue", False, None)]


@pytest.mark.parametrize(("text", "message"), [
    ("", "1: the file is empty; a diary CSV starts with a header (" + HEADER + ")"),
    ("date,status,mood\n", '1: unknown column "mood"; the columns are ' + HEADER),
    ("date,stat\n", '1: unknown column "stat" (did you mean "status"?); the columns are ' + HEADER),
    ("date,pain_during\n", '1: the header has no "status" column'),
    ("date,status\n2026-11-23,done\n2026-11-24,done,4\n", "3: this row has 3 values but the header has 2 columns"),
    ("date,status\n2026-11-23,done\n23/11/2026,done\n", '3: date must be a date like 2026-11-23, not "23/11/2026"'),
    ("date,status\n2026-11-23,maybe\n", '2: status must be "done" or "skipped", not "maybe"'),
    ("date,status,pain_during\n2026-11-23,done,11\n", '2: pain_during must be a whole number from 0 (no pain) to 10 (worst imaginable), not "11"'),
    ("date,status,exercise_pain\n2026-11-23,done,forearm_plank\n", '2: exercise_pain lists exercise=pain pairs separated by ";" (plank=4), not "forearm_plank"'),
    ("date,status,exercise_pain\n2026-11-23,done,forearm_plank=\n", '2: exercise_pain gives no pain for "forearm_plank" (plank=4)'),
    ("date,status,red_flags\n2026-11-23,done,fevr\n", '2: unknown red flag "fevr" (did you mean "fever"?); the questions are: ' + ", ".join(FLAGS)),
    ("date,status,pain_during\n2026-11-23,skipped,3\n", "2: a skipped session has no pain_during or exercise pain; record it as done"),
    ('date,status,note\n2026-11-23,done,"open\n', "2: not valid CSV: unexpected end of data"),
])
def test_a_bad_file_is_one_message_with_the_file_and_line(tmp_path, text, message):
    path = tmp_path / "bad.csv"
    path.write_text(text)
    with pytest.raises(InputError) as info:
        read_csv(path, person="me", known_flags=FLAGS)
    assert str(info.value) == f"{path}:{message}"


def test_a_row_that_contradicts_the_diary_imports_nothing(tmp_path):
    path = tmp_path / "more.csv"
    path.write_text("date,status,pain_during\n2026-11-24,done,1\n2026-11-23,done,5\n")
    with Diary(tmp_path / "d.sqlite3") as diary:
        diary.add(new_entry(person="me", date=dt.date(2026, 11, 23), day=None, done=True, pain_during=3, known_flags=FLAGS))
        entries, places = read_csv(path, person="me", known_flags=FLAGS)
        with pytest.raises(InputError) as info:
            diary.add_all(entries, places)
        assert str(info.value) == (f"{path}:3: me's mon 2026-11-23 session (entry 1) already has pain during 3, not 5; "
                                   "nothing was changed; nothing was imported")
        assert [(e.date.day, e.pain_during) for e in diary.entries()] == [(23, 3)]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(note=st.text(max_size=40), plan=st.text(max_size=12).filter(str.isprintable),
       pain=st.one_of(st.none(), st.integers(0, 10)))
def test_any_note_and_plan_survive_the_round_trip(tmp_path, note, plan, pain):
    entry = new_entry(person="me", date=dt.date(2026, 11, 23), day=None, done=True, plan=plan, pain_during=pain,
                      note=note, known_flags=FLAGS)
    path = tmp_path / "rt.csv"
    path.write_text(to_csv([entry]), newline="")
    (back,), _ = read_csv(path, person="me", known_flags=FLAGS)
    assert back == entry
