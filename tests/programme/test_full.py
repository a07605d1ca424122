"""Programmes when sessions are full (planner/programme/full.py): for every example profile, 8 weeks
from its golden seed-0 week (tests/solver/golden/, which fills the session time, so every
programme meets full sessions): the strength exercises (their version and dose, week by week) and
what each week traded to make room, against tests/programme/trajectories.yaml; every week passes
the checker, fits the session time and keeps every strength dose under its ceiling. Starting from the golden week keeps the week planner out
of this test (it has its own golden tests). When a change of behaviour is intended, regenerate with::

    python -m tests.programme.test_full

and review the diff of ``trajectories.yaml`` like any other change.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from planner import api
from planner.checker import check_plan, load_plan
from planner.loading.yamlio import load_yaml_file
from planner.models import Dose
from planner.programme.build import build_programme
from planner.programme.ceiling import ceiling_for
from planner.programme.doses import words
from planner.programme.feedback import Feedback
from planner.programme.schedule import default_schedule

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).with_name("trajectories.yaml")
PROFILES = sorted(p.stem for p in (ROOT / "examples" / "profiles").glob("*.yaml"))
START = dt.date(2026, 11, 30)
ROOM = "; to make room: "


def _programme(name: str, weeks: int = 8, schedule=None):
    given = api.load_inputs(ROOT / "examples" / "profiles" / f"{name}.yaml")
    base, _ = load_plan(ROOT / "tests" / "solver" / "golden" / f"{name}-seed0.json", given.catalog)
    made = build_programme(base, weeks, START, catalog=given.catalog, rules=given.rules, profile=given.profile,
                           schedule=schedule or default_schedule(), feedback=Feedback())
    return given, made


def trajectory(made) -> dict:
    """Each strength slot's exercise and dose week by week (a slot follows its changes of
    version), and each week's trades, as the programme says them."""
    first = made.weeks[0].plan
    now = {x: x for x in dict.fromkeys(i.exercise for d in first.days for i in d.items if i.kind == "strength")}
    doses: dict[str, list[str]] = {x: [] for x in now}
    traded = []
    for week in made.weeks:
        for change in week.changes:
            slot = next((k for k, v in now.items() if v == change.exercise), None)
            if slot is not None and change.to:
                now[slot] = change.to
            if ROOM in change.text:
                traded.append(f"week {week.number}: {change.text.split(':')[0]} <- {change.text.split(ROOM)[1].split('; ')[0]}")
        for slot, ex in now.items():
            item = next(i for d in week.plan.days for i in d.items if i.exercise == ex)
            doses[slot].append(f"{ex}: {words(item.dose())}")
    return {"strength": doses, "traded": traded}


@pytest.fixture(scope="module", params=PROFILES)
def made(request):
    return request.param, *_programme(request.param)


def test_every_week_of_every_example_programme_is_as_the_data_says_and_passes_the_checker(made):
    name, given, programme = made
    expected = load_yaml_file(GOLDEN).data[name]
    assert trajectory(programme) == expected
    schedule = default_schedule()
    for week in programme.weeks:
        assert not [v for v in check_plan(week.plan, given.rules, given.catalog, given.profile) if v.hard]
        assert max(d.minutes for d in week.plan.days) <= given.profile.session_minutes
        for item in (i for d in week.plan.days for i in d.items if i.kind == "strength"):
            cap = ceiling_for(schedule, item.exercise, item.kind, given.profile.age_group)
            first = given.catalog.exercises[item.exercise].dose
            for part in ("reps", "hold_s", "sets"):  # never past a ceiling, unless the first dose already was
                top = cap.top(part, item.reps is not None)
                if getattr(item, part) is not None and top is not None:
                    assert getattr(item, part) <= max(top, getattr(first, part) or 0), (week.number, item.exercise)


def test_a_full_session_makes_room_by_trimming_a_mobility_set_on_the_full_day_only():
    """In week 3 the child's Monday is full: the bird dog's step does not fit, so one mobility set
    (the child has no stretches; stretches would go first) gives way on Monday alone, one unit
    only, and the week says so."""
    _, made = _programme("child", 3)
    week3 = made.weeks[2]
    bird = next(c for c in week3.changes if c.exercise == "bird_dog")
    assert bird.text == ("Bird dog (opposite arm and leg on hands and knees) up from 1 x 14, hold 3 s each to 1 x 15, "
                         "hold 3 s each (15 reps, the most advised): the week before assumed done as planned (no diary "
                         "given); to make room: "
                         "Monday: Cat-cow 2 x 8 -> 1 x 8; progress refused (do-not-overdo: takes about 31 min, more "
                         "than 30)")
    monday = next(d for d in week3.plan.days if d.day == "mon")
    assert next(i for i in monday.items if i.exercise == "cat_cow").dose() == Dose(sets=1, reps=8)
    assert next(i for i in monday.items if i.exercise == "gingerbread_man_rock").dose() == Dose(sets=2, reps=8)


def test_a_set_step_that_does_not_fit_becomes_a_denser_step():
    """The third step adds a set; when the set does not fit and reps do, the week takes reps and says why."""
    schedule = default_schedule().model_copy(update={"sets_every": 1})  # every step a set
    given, made = _programme("child", 2, schedule)
    bird = next(c for c in made.weeks[1].changes if c.exercise == "bird_dog")
    assert bird.text.startswith("Bird dog (opposite arm and leg on hands and knees) up from 1 x 12, hold 3 s each to "
                                "1 x 14, hold 3 s each (reps instead of a set, which would not fit): ")
    assert not [v for v in check_plan(made.weeks[1].plan, given.rules, given.catalog, given.profile) if v.hard]


def regenerate() -> None:
    out = {name: trajectory(_programme(name)[1]) for name in PROFILES}
    text = yaml.safe_dump(out, sort_keys=False, allow_unicode=True, width=200)
    GOLDEN.write_text("# Generated by python -m tests.programme.test_full: every example profile's 8-week programme\n"
                      "# (from its golden seed-0 week, 2026-11-30, no diary): each strength slot's version and dose week by week, and\n"
                      "# what each week traded to make room.\n" + text, encoding="utf-8")
    print(GOLDEN.relative_to(ROOT))


if __name__ == "__main__":
    regenerate()
