"""Ceilings (planner/programme/ceiling.py): doses stepped under them (YAML cases in
ceiling_cases.yaml), the ceiling an exercise gets (the lowest that applies, children stricter), the
shipped data's sources and ids, and the words a week says when a ceiling sends a step elsewhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.catalog import default_catalog
from planner.errors import InputError
from planner.loading.yamlio import load_yaml_file
from planner.models import Dose
from planner.programme.ceiling import Ceiling, ceiling_for, instead_words, reached_words
from planner.programme.doses import last_step, stepped, words
from planner.programme.schedule import ExerciseCap, default_schedule, load_schedule, schedule_file
from tests.programme.test_full import _programme

CASES = load_yaml_file(Path(__file__).with_name("ceiling_cases.yaml")).data


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_doses_step_under_their_ceiling(case):
    schedule, first = default_schedule(), Dose(**case["dose"])
    cap = case["ceiling"]
    ceiling = Ceiling(**{k: v for k, v in cap.items() if k != "then"}, then=tuple(cap["then"]))
    dense = case.get("dense", [])
    got = [words(stepped(first, n, schedule, dense, ceiling)) for n in range(1, len(case["doses"]) + 1)]
    assert got == case["doses"]
    planned, taken, _ = last_step(first, len(case["doses"]), schedule, dense, ceiling)
    assert [planned, taken] == case["last"]


def test_an_exercise_gets_the_lowest_ceiling_that_applies_and_a_child_the_stricter_one():
    schedule = default_schedule()
    assert ceiling_for(schedule, "bird_dog", "strength", "adult") == Ceiling(
        reps=15, hold_s=60, rep_hold_s=5, sets=3, then=("hold_s", "sets"))
    assert ceiling_for(schedule, "bird_dog", "strength", "child") == Ceiling(
        reps=15, hold_s=30, rep_hold_s=5, sets=2, then=("hold_s", "sets"))
    assert ceiling_for(schedule, "dumbbell_bent_over_forward", "strength", "adult").sets == 2
    assert ceiling_for(schedule, "glute_bridge", "strength", "child").reps == 15
    assert ceiling_for(schedule, "glute_bridge", "strength", "adult").reps == 20
    assert ceiling_for(schedule, "walking", "aerobic", "adult") == Ceiling(then=("hold_s", "sets"))
    assert ceiling_for(schedule.model_copy(update={"ceiling": None}), "bird_dog", "strength", "child") == Ceiling()


def test_the_shipped_ceilings_cite_their_sources_and_name_shipped_strength_exercises():
    schedule = default_schedule()
    text = " ".join(schedule.source)
    for cited in ("002_e9533eb769b99413.txt", "Garber et al. 2011", "Faigenbaum et al. 2009", "backplan's reading"):
        assert cited in text
    catalog = default_catalog()
    for cap in schedule.ceiling.exercises:
        assert catalog.exercises[cap.exercise].kind == "strength"
        assert cap.source.startswith(("003_7929659146c9c624.txt: ", "002_e9533eb769b99413.txt: "))
        assert cap.reps >= catalog.exercises[cap.exercise].dose.reps  # a ceiling above the first dose


def test_the_words_for_a_ceiling():
    assert reached_words("reps", 15) == "at 15 reps, the most advised"
    assert reached_words("hold_s", 5) == "at holds of 5 s, the most advised"
    assert reached_words("sets", 3) == "at 3 sets, the most advised"
    assert [instead_words(p) for p in ("hold_s", "sets", "reps", None)] == [
        "a longer hold instead", "adding a set instead", "more reps instead", ""]


def _line(start: str) -> int:
    return next(n for n, line in enumerate(schedule_file().read_text().splitlines(), 1) if line.startswith(start))


def test_a_ceiling_for_an_unknown_age_group_or_a_part_named_twice_is_an_error_with_its_place(tmp_path):
    path = tmp_path / "progression.yaml"
    text = schedule_file().read_text()
    path.write_text(text.replace("age_group: child,", "age_group: chlid,"))
    catalog = default_catalog()
    with pytest.raises(InputError) as info:
        load_schedule(path, catalog.vocab.kinds, catalog.vocab.age_groups)
    line = _line("    - {kind: strength, age_group: child")
    assert str(info.value) == f'{path}:{line}:35: unknown age group "chlid" (did you mean "child"?)'
    path.write_text(text.replace("then: [hold_s, sets]", "then: [sets, sets]"))
    with pytest.raises(InputError) as info:
        load_schedule(path)
    assert str(info.value) == f"{path}:{_line('  then: [hold_s, sets]')}:3: ceiling: then names each part once"


def test_a_child_bird_dog_stops_at_15_reps_then_holds_longer_then_holds_when_a_set_does_not_fit():
    """Seed 003: 12-15 repetitions held 3-5 s. The child's week 6 step would add a set, which
    does not fit; the denser step finds reps at 15 and lengthens the hold; in week 7 the next
    way up (a set) does not fit the time, and the room made for it would let the erectors take too much
    of the week's load, so the dose holds and the week says why."""
    _, made = _programme("child", 7)
    bird = {w.number: next((c for c in w.changes if c.exercise == "bird_dog"), None) for w in made.weeks}
    assert bird[6].text.startswith(
        "Bird dog (opposite arm and leg on hands and knees) at 15 reps, the most advised; a longer hold instead, up "
        "from 1 x 15, hold 3 s each to 1 x 15, hold 5 s each: the week before assumed done as planned (no diary "
        "given); to make room: ")
    assert bird[7].text == (
        "Bird dog (opposite arm and leg on hands and knees) held at 1 x 15, hold 5 s each: the week before assumed "
        "done as planned (no diary given); at 15 reps, the most advised; adding a set instead: progress refused "
        "(do-not-overdo: takes about 36 min, more than 30); make room refused (no-over-dominant-group: erectors "
        "takes 34% of the load, more than 30%)")
    dose = next(i for d in made.weeks[6].plan.days for i in d.items if i.exercise == "bird_dog").dose()
    assert dose == Dose(sets=1, reps=15, hold_s=5)


def test_an_exercise_at_its_ceiling_moves_up_to_its_harder_version():
    schedule = default_schedule()
    caps = [*schedule.ceiling.exercises, ExerciseCap(exercise="abdominal_bracing", reps=8, source="a test")]
    schedule = schedule.model_copy(update={"ceiling": schedule.ceiling.model_copy(update={"exercises": caps})})
    _, made = _programme("two_days_a_week", 3, schedule)
    week2, week3 = (next(c for c in w.changes if c.exercise == "abdominal_bracing") for w in made.weeks[1:])
    assert week2.text == ("Abdominal bracing, seated up from 1 x 6, hold 8 s each to 1 x 8, hold 8 s each (8 reps, the "
                          "most advised): the week before assumed done as planned (no diary given)")
    assert (week3.action, week3.to) == ("harder variant", "forearm_plank")
    assert week3.text == ("Abdominal bracing, seated at 8 reps, the most advised; moves up to its harder version, "
                          "Forearm plank: the week before assumed done as planned (no diary given)")


def test_an_exercise_with_every_part_at_its_ceiling_and_no_harder_version_holds_and_says_so():
    schedule = default_schedule()
    caps = [ExerciseCap(exercise="bird_dog", reps=12, rep_hold_s=3, sets=1, source="a test")]
    schedule = schedule.model_copy(update={"ceiling": schedule.ceiling.model_copy(update={"exercises": caps})})
    _, made = _programme("child", 2, schedule)
    bird = next(c for c in made.weeks[1].changes if c.exercise == "bird_dog")
    assert bird.action == "hold"
    assert bird.text == ("Bird dog (opposite arm and leg on hands and knees) held at 1 x 12, hold 3 s each: 12 reps, "
                         "holds of 3 s, 1 set, the most advised, and no harder version to move up to: the week before "
                         "assumed done as planned (no diary given)")

