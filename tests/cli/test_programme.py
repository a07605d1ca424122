"""``backplan program``: an 8-week programme for the default profile that the checker passes week by
week, whose doses rise as the schedule says with its easier weeks where the schedule puts them; the
output for people; a programme JSON read by ``check`` and ``export``; errors and the red-flag stop."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from planner.cli import app
from planner.diary.entries import Entry
from planner.diary.store import Diary
from planner.notice import SAFETY_NOTICE
from planner.programme.schedule import default_schedule

runner = CliRunner()
TWO_DAYS = "examples/profiles/two_days_a_week.yaml"


def run(*args: str):
    return runner.invoke(app, list(args))


@pytest.fixture(scope="module")
def eight_weeks(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("programme") / "programme.json"
    result = run("program", "--start", "2026-11-30", "-o", str(out))
    assert result.exit_code == 0, result.output
    return out


def _doses(week: dict) -> dict[str, tuple]:
    return {i["exercise"]: (i["sets"] or 0, i["reps"] or 0, i["hold_s"] or 0, i["minutes"] or 0)
            for d in week["plan"]["days"] for i in [*d["items"], *d["walks"]]}


def _volume(dose: tuple) -> int:
    sets, reps, hold, minutes = dose
    return max(sets, 1) * (reps * max(hold, 1) if reps else hold) + minutes * 60


def test_the_programme_json_follows_its_schema(eight_weeks):
    schema = json.loads((Path(__file__).parents[2] / "schemas" / "programme.schema.json").read_text())
    data = json.loads(eight_weeks.read_text())
    jsonschema.Draft7Validator(schema).validate(data)
    assert data["programme_schema_version"] == 1 and len(data["weeks"]) == 8


def test_eight_weeks_pass_the_checker_week_by_week(eight_weeks):
    result = run("check", str(eight_weeks))
    assert result.exit_code == 0, result.output
    assert result.output.startswith(SAFETY_NOTICE)
    assert "8 weeks: 0 hard violation(s)" in result.output


def test_doses_rise_as_the_schedule_says_with_an_easier_week_where_it_puts_one(eight_weeks):
    data = json.loads(eight_weeks.read_text())
    weeks = data["weeks"]
    schedule = default_schedule()
    assert [w["start"] for w in weeks] == [(dt.date(2026, 11, 30) + dt.timedelta(weeks=n)).isoformat() for n in range(8)]
    assert [w["deload"] for w in weeks] == [schedule.is_deload(n) for n in range(1, 9)] == [False] * 3 + [True] + [False] * 3 + [True]
    doses = [_doses(w) for w in weeks]
    for ex in doses[0]:
        volume = [_volume(d[ex]) for d in doses[:5]]  # weeks 1-5 (an exercise may move up its ladder later)
        assert volume[0] <= volume[1] <= volume[2] and volume[3] <= volume[2] and volume[4] >= volume[3], ex
    stepped = [c for c in weeks[1]["changes"] if c["action"] == "progress"]
    assert stepped and all(c["text"].endswith("the week before assumed done as planned (no diary given)") for c in stepped)
    for change in stepped:  # each a step of the schedule: more reps, a longer hold or more minutes
        before, after = doses[0][change["exercise"]], doses[1][change["exercise"]]
        assert [b - a for a, b in zip(before, after) if b != a] in ([2], [5], [1]), change
    assert weeks[3]["changes"][-1]["text"] == ("An easier week: every exercise at its dose of 2 steps earlier (one "
                                               "week in 4); no level advances in it or after it")
    assert any("assumed done as planned" in n for n in data["notes"])


def test_the_programme_for_people_has_the_notice_once_and_each_guide_once(tmp_path):
    result = run("program", "-p", TWO_DAYS, "-w", "2", "--start", "2026-11-30", "-f", "markdown")
    assert result.exit_code == 0, result.output
    text = result.output
    assert text.startswith(f"# Back programme: two-days-a-week, 2 weeks\n\n> {SAFETY_NOTICE}\n")
    assert text.count(SAFETY_NOTICE) == 1 and text.count("## How to do each exercise") == 1
    assert text.index("## Week 1, from Monday 2026-11-30") < text.index("## Week 2, from Monday 2026-12-07") \
        < text.index("## How to do each exercise")
    assert "**What changed, and why:**" in text


def test_export_takes_a_programme_and_puts_every_week_on_the_calendar(eight_weeks, tmp_path):
    out = tmp_path / "programme.ics"
    result = run("export", str(eight_weeks), "--out", str(out))
    assert result.exit_code == 0, result.output
    data = json.loads(eight_weeks.read_text())
    sessions = sum(bool(d["items"]) + len(d["walks"]) for w in data["weeks"] for d in w["plan"]["days"])
    events = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert len(events) == sessions
    assert min(e.decoded("DTSTART").date() for e in events) >= dt.date(2026, 11, 30)
    assert max(e.decoded("DTSTART").date() for e in events) <= dt.date(2027, 1, 24)
    assert "(ics, 8 weeks from 2026-11-30)" in result.output


@pytest.mark.parametrize(("args", "message"), [
    (["--diary", "d.sqlite3"], "backplan: error: --diary needs --person: whose entries to read"),
    (["--start", "2026-12-01"], "backplan: error: a programme starts on a Monday; 2026-12-01 is a Tuesday"),
    (["--weeks", "0"], "backplan: error: a programme has 1 to 52 weeks, not 0"),
    (["-f", "pdf"], 'backplan: error: unknown format "pdf"; choose one of table, markdown, json'),
])
def test_bad_options_are_one_message(args, message):
    result = run("program", *args)
    assert result.exit_code == 2 and result.output.strip().endswith(message), result.output


def test_a_red_flag_in_the_diary_stops_the_programme(tmp_path):
    db = tmp_path / "diary.sqlite3"
    with Diary(db) as diary:
        diary.add(Entry(person="ana", date=dt.date(2026, 11, 24), day="tue", done=True, pain_during=2,
                        red_flags=("fever",)))
    result = run("program", "--diary", str(db), "--person", "ana", "--start", "2026-11-23")
    assert result.exit_code == 3, result.output
    assert "  - Tuesday's session (2026-11-24): a fever, chills or feeling generally very unwell" in result.output
