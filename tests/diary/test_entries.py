"""One diary entry and the checks every way in shares (flags and CSV name the field their own way)."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.diary.entries import MAX_NOTE, new_entry, parse_pain, week_of
from planner.errors import InputError, Where


@pytest.mark.parametrize(("text", "value"), [(None, None), ("", None), ("  ", None), ("0", 0), (" 7 ", 7), ("10", 10), (4, 4)])
def test_pain_scores_are_whole_numbers_from_0_to_10(text, value):
    assert parse_pain(text, "pain") == value


@pytest.mark.parametrize("text", ["11", "-1", "3.5", "three", "1e1"])
def test_other_pain_scores_are_refused_in_the_users_words(text):
    with pytest.raises(InputError) as info:
        parse_pain(text, "pain_during", Where("d.csv", 4))
    assert str(info.value) == f'd.csv:4: pain_during must be a whole number from 0 (no pain) to 10 (worst imaginable), not "{text}"'


def test_an_entry_takes_the_weekday_of_its_date_and_keeps_red_flags_in_question_order():
    entry = new_entry(person="me", date=dt.date(2026, 11, 26), day=None, done=True, red_flags=["fall", "fever", "fall"],
                      known_flags=["fever", "fall"])
    assert (entry.day, entry.week, entry.red_flags) == ("thu", "2026-W48", ("fever", "fall"))


def test_a_repeated_exercise_and_an_endless_note_are_refused():
    with pytest.raises(InputError, match='^exercise "bird_dog" is given twice$'):
        new_entry(person="me", date=dt.date(2026, 11, 26), day=None, done=True, exercises=[("bird_dog", 1), ("bird_dog", 2)],
                  known_flags=[])
    with pytest.raises(InputError, match=f"^note is longer than {MAX_NOTE} characters$"):
        new_entry(person="me", date=dt.date(2026, 11, 26), day=None, done=True, note="x" * (MAX_NOTE + 1), known_flags=[])


def test_iso_weeks_start_on_monday_and_cross_years():
    assert [week_of(dt.date(2026, 11, d)) for d in (22, 23, 29, 30)] == ["2026-W47", "2026-W48", "2026-W48", "2026-W49"]
    assert week_of(dt.date(2027, 1, 1)) == "2026-W53"


def test_a_plan_reference_is_one_line_and_a_notes_line_breaks_are_one_kind():
    with pytest.raises(InputError, match="^--plan must be one line of printable text$"):
        new_entry(person="me", date=dt.date(2026, 11, 26), day=None, done=True, plan="a\nb", known_flags=[],
                  labels={"plan": "--plan"})
    entry = new_entry(person="me", date=dt.date(2026, 11, 26), day=None, done=True, plan=" week 1 ", note="a\r\nb\rc",
                      known_flags=[])
    assert (entry.plan, entry.note) == ("week 1", "a\nb\nc")
