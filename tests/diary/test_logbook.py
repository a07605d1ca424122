"""What log and history do with the diary (planner/diary/logbook.py), through the one way in
(planner.api): values as typed or already parsed, default messages, red flags and advice."""

from __future__ import annotations

import datetime as dt

import pytest

from planner import api
from planner.errors import InputError, RedFlagError
from planner.messages import REFUSAL_HEADLINE


@pytest.fixture
def db(tmp_path):
    return tmp_path / "diary.sqlite3"


def test_a_session_as_parsed_values_then_completed_as_text(db):
    first = api.log_session(done=True, date=dt.date(2026, 11, 23), pain_during=2, exercises=[("bird_dog", 1)], db=db)
    assert (first.entry_id, first.completed, first.diary, first.refusal) == (1, False, str(db), None)
    assert (first.entry.day, dict(first.entry.exercises)) == ("mon", {"bird_dog": 1})
    later = api.log_session(done=None, date="2026-11-23", pain_next_morning="1", exercises=["forearm_plank=3"], db=db)
    assert (later.entry_id, later.completed) == (1, True)
    entries, name = api.read_diary(db=db, since="2026-11-01")
    assert name == str(db) and len(entries) == 1
    assert (entries[0].pain_during, entries[0].pain_next_morning, dict(entries[0].exercises)) == (
        2, 1, {"bird_dog": 1, "forearm_plank": 3})


@pytest.mark.parametrize(("given", "message"), [
    ({"done": None}, "say whether the session was done or skipped (nothing is recorded for it yet)"),
    ({"done": True, "date": "23.11.2026"}, 'date must be a date like 2026-11-23, not "23.11.2026"'),
    ({"done": True, "exercises": ["bird_dog"]}, 'exercise takes an exercise id and its pain, like forearm_plank=4, not "bird_dog"'),
    ({"done": True, "exercises": [("bird_dog", 11)]},
     'exercise bird_dog must be a whole number from 0 (no pain) to 10 (worst imaginable), not "11"'),
    ({"done": True, "exercises": [("birddog", 1)]}, 'unknown exercise "birddog" (did you mean "bird_dog"?); see backplan catalog list'),
])
def test_bad_values_are_refused_in_the_fields_own_names_and_nothing_is_recorded(db, given, message):
    with pytest.raises(InputError) as refused:
        api.log_session(**{"date": "2026-11-23", **given}, db=db)
    assert str(refused.value) == message
    assert not db.exists() or api.read_diary(db=db)[0] == []


def test_a_red_flag_is_recorded_and_its_refusal_returned_or_raised_with_the_input_error(db):
    logged = api.log_session(done=True, date="2026-11-23", red_flags=["fever"], db=db)
    assert logged.entry.red_flags == ("fever",) and isinstance(logged.refusal, RedFlagError)
    assert logged.refusal.message.startswith(f"{REFUSAL_HEADLINE}\n\nIn your diary you answered yes to:\n"
                                             "  - Monday's session (2026-11-23): ")
    with pytest.raises(RedFlagError, match="  - now, not recorded: ") as raised:
        api.log_session(done=False, date="2026-11-23", red_flags=["fall"], db=db)  # it was done
    assert str(raised.value.__cause__) == (
        "me's mon 2026-11-23 session (entry 1) is already recorded as done; nothing was changed")
    with pytest.raises(RedFlagError):
        api.diary_advice(api.read_diary(db=db)[0])  # the week's red flag stops the advice


def test_advice_defaults_to_the_latest_sessions_week_and_needs_a_session(db):
    with pytest.raises(InputError, match='^no sessions recorded for "ana" yet, so there is nothing to advise on$'):
        api.diary_advice([], "ana")
    for day in (23, 25):
        api.log_session(done=True, date=f"2026-11-{day}", pain_during=1, pain_next_morning=0, db=db)
    advice = api.diary_advice(api.read_diary(db=db)[0])
    assert advice.week == "2026-W48" and [v.decision for v in advice.verdicts] == ["progress"]


def test_an_import_is_all_or_nothing_through_the_api(db, tmp_path):
    path = tmp_path / "in.csv"
    path.write_text("date,status,exercise_pain\n2026-11-23,done,bird_dog=1\n2026-11-24,skipped,\n")
    assert api.import_diary(path, person="ana", db=db) == (2, str(db))
    assert [e.person for e in api.read_diary(person=None, db=db)[0]] == ["ana", "ana"]
