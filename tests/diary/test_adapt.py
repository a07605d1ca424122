"""The pain-monitoring model (planner/diary/adapt.py) on a scripted diary, week by week, and on the
cases the script does not reach (a missing morning score, too few sessions, the acceptable zone
read as in Silbernagel et al., a red flag in a skipped session)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from planner.diary.adapt import SESSION, previous_week, weekly_advice
from planner.diary.entries import DAYS, Entry
from planner.diary.model import PainModel, default_pain_model
from planner.errors import EXIT_RED_FLAG, RedFlagError
from planner.loading.yamlio import load_yaml_file
from planner.messages import REFUSAL_HEADLINE
from planner.notice import SAFETY_NOTICE

SCRIPT = load_yaml_file(Path(__file__).with_name("scripted_diary.yaml")).data
MODEL = default_pain_model()


def _entry(row: dict, person: str) -> Entry:
    date = dt.date.fromisoformat(str(row["date"]))
    return Entry(person=row.get("person", person), date=date, day=DAYS[date.weekday()], done=row["done"],
                 pain_during=row.get("during"), pain_next_morning=row.get("morning"),
                 exercises=row.get("exercises", {}), red_flags=tuple(row.get("red_flags", ())), note=row.get("note", ""))


ENTRIES = [_entry(row, SCRIPT["person"]) for row in SCRIPT["entries"]]


@pytest.mark.parametrize("week", sorted(w for w, v in SCRIPT["expected"].items() if v != "refused"))
def test_each_week_of_the_scripted_diary_gets_exactly_the_models_verdicts(week):
    advice = weekly_advice(ENTRIES, SCRIPT["person"], week, MODEL)
    assert [str(v) for v in advice.verdicts] == SCRIPT["expected"][week]


def test_only_the_exercise_stepped_back_two_weeks_running_is_marked_for_a_swap():
    swaps = {w: [v.exercise for v in weekly_advice(ENTRIES, "ana", w, MODEL).verdicts if v.swap]
             for w in ("2026-W45", "2026-W46", "2026-W47", "2026-W48")}
    assert swaps == {"2026-W45": [], "2026-W46": [], "2026-W47": ["side_plank_knees"], "2026-W48": []}


def test_a_red_flag_answer_stops_everything_with_the_see_a_doctor_refusal():
    assert SCRIPT["expected"]["2026-W49"] == "refused"
    with pytest.raises(RedFlagError) as info:
        weekly_advice(ENTRIES, "ana", "2026-W49", MODEL)
    text = info.value.message
    assert info.value.exit_code == EXIT_RED_FLAG and info.value.rule_ids == ("red-flag-pain-or-injury",)
    assert text.startswith(f"{REFUSAL_HEADLINE}\n\nIn your diary you answered yes to:\n"
                           "  - Monday's session (2026-11-30): sharp pain, or pain like an old injury\n\n"
                           "With new or sharp back pain, or after an injury or accident, a doctor should look")
    assert "  - numbness or tingling around your genitals, buttocks or back passage\n" in text
    assert text.endswith(SAFETY_NOTICE)


def test_a_red_flag_in_a_skipped_session_stops_everything_too():
    skipped = Entry(person="ana", date=dt.date(2026, 12, 2), day="wed", done=False, red_flags=("both_legs",))
    with pytest.raises(RedFlagError, match="  - Wednesday's session \\(2026-12-02\\): weakness, numbness or pins"):
        weekly_advice([skipped], "ana", "2026-W49", MODEL)


def test_another_persons_pain_never_counts():
    advice = weekly_advice(ENTRIES, "ben", "2026-W46", MODEL)
    assert [str(v) for v in advice.verdicts] == [
        "the whole session: step back: pain 9 during Monday's session (2026-11-09): above 5 is too much"]


def _week(*rows: tuple) -> list[Entry]:
    """Entries of 2026-W48 (day, done, during, morning, plank pain)."""
    monday = dt.date(2026, 11, 23)
    return [Entry(person="me", date=monday + dt.timedelta(days=DAYS.index(d)), day=d, done=done, pain_during=during,
                  pain_next_morning=morning, exercises={} if plank is None else {"forearm_plank": plank})
            for d, done, during, morning, plank in rows]


def _verdicts(entries: list[Entry], model: PainModel = MODEL) -> dict[str, str]:
    return {v.exercise: f"{v.decision}: {v.reason}" for v in weekly_advice(entries, "me", "2026-W48", model).verdicts}


def test_acceptable_pain_without_a_morning_score_holds():
    got = _verdicts(_week(("mon", True, 3, None, 3), ("wed", True, 1, 0, 1)))
    assert got["forearm_plank"] == ("hold: pain 3 during Monday's session (2026-11-23), and the next morning's pain "
                                    "after Monday's session (2026-11-23) was not recorded")


def test_morning_pain_above_five_steps_back_and_one_session_is_not_enough_to_progress():
    assert _verdicts(_week(("mon", True, 2, 6, 1)))["forearm_plank"] == (
        "step back: pain 6 the morning after Monday's session (2026-11-23): above 5 is too much")
    assert _verdicts(_week(("mon", True, 0, 0, 0)))["forearm_plank"] == (
        "hold: done in 1 session this week; 2 are needed to progress")
    assert _verdicts(_week(("mon", False, None, None, None)))[SESSION] == "hold: not done this week (1 session skipped)"


def test_the_acceptable_zone_decision_is_data_progress_as_silbernagel_et_al_allowed():
    model = MODEL.model_copy(update={"acceptable_decision": "progress"})
    got = _verdicts(_week(("mon", True, 4, 1, 4), ("wed", True, 3, 2, 3)), model)
    assert got["forearm_plank"] == ("progress: pain at most 4 in 2 sessions done (up to 5 is acceptable), "
                                    "settled by the next morning")
    assert _verdicts(_week(("mon", True, 4, 1, 4), ("wed", True, 3, 2, 3)))["forearm_plank"].startswith("hold: pain 4")


def test_weeks_run_across_the_new_year():
    assert previous_week("2027-W01") == "2026-W53"
    assert previous_week("2026-W48") == "2026-W47"


def test_the_whole_session_is_judged_only_when_its_own_scores_were_recorded():
    assert list(_verdicts(_week(("mon", True, None, None, 1), ("wed", True, None, None, 2)))) == ["forearm_plank"]
    assert _verdicts(_week(("mon", True, None, None, 1), ("wed", True, None, None, 2)))["forearm_plank"] == (
        "progress: pain at most 2 in 2 sessions done (0-2 is safe)")
