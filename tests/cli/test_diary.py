"""``backplan log`` and ``backplan history``: what a person reads, and every error in its exact words."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from planner.cli import app
from planner.diary.adapt import CAVEAT
from planner.diary.model import default_pain_model
from planner.messages import REFUSAL_HEADLINE
from planner.notice import SAFETY_NOTICE

runner = CliRunner()
NOTICE = f"NOTICE: {SAFETY_NOTICE}\n"


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "diary.sqlite3")


def run(*args: str, env: dict[str, str] | None = None):
    return runner.invoke(app, list(args), env=env)


def log(db: str, *args: str):
    result = run("log", "--db", db, *args)
    assert result.exit_code == 0, result.output
    return result


def test_log_then_fill_in_the_morning_then_read_the_table(db):
    first = log(db, "--date", "2026-11-23", "--done", "--pain-during", "3", "-e", "forearm_plank=4", "-e", "bird_dog=1")
    assert first.stdout == f"recorded me's mon 2026-11-23 session (done) as entry 1 in {db}\n{NOTICE}"
    later = log(db, "--date", "2026-11-23", "--pain-next-morning", "1", "--note", "fine")
    assert later.stdout == f"completed me's mon 2026-11-23 session (done) as entry 1 in {db}\n{NOTICE}"
    log(db, "--date", "2026-11-25", "--skipped")
    table = run("history", "--db", db)
    assert table.exit_code == 0
    lines = table.stdout.splitlines()
    assert lines[:2] == [f"Pain diary: {db}", NOTICE.strip()]
    rows = [[c.strip() for c in line.split("│")[1:-1]] for line in lines if line.startswith("│")]
    assert rows == [["2026-11-23", "mon", "me", "", "done", "3", "1", "forearm_plank 4, bird_dog 1", "-", "fine"],
                    ["2026-11-25", "wed", "me", "", "skipped", "-", "-", "", "-", ""]]
    assert lines[-1] == "2 session(s)"


def test_history_as_json_and_csv(db):
    log(db, "--date", "2026-11-23", "--done", "--pain-during", "2", "--plan", "week1", "--person", "ana")
    data = json.loads(run("history", "--db", db, "--person", "ana", "-f", "json").stdout)
    assert data == {"notice": SAFETY_NOTICE, "entries": [{
        "person": "ana", "date": "2026-11-23", "day": "mon", "week": "2026-W48", "plan": "week1", "status": "done",
        "pain_during": 2, "pain_next_morning": None, "exercise_pain": {}, "red_flags": [], "note": ""}]}
    assert run("history", "--db", db, "--person", "ana", "-f", "csv").stdout == (
        "person,date,day,plan,status,pain_during,pain_next_morning,exercise_pain,red_flags,note\n"
        "ana,2026-11-23,mon,week1,done,2,,,,\n")
    assert "0 session(s)" in run("history", "--db", db).stdout  # "me" has none
    assert "1 session(s)" in run("history", "--db", db, "--everyone").stdout


@pytest.mark.parametrize(("args", "message"), [
    (("--done", "--pain-during", "11"), '--pain-during must be a whole number from 0 (no pain) to 10 (worst imaginable), not "11"'),
    (("--done", "--pain-next-morning", "-1"), '--pain-next-morning must be a whole number from 0 (no pain) to 10 (worst imaginable), not "-1"'),
    (("--pain-during", "2",), "say whether the session was --done or --skipped (nothing is recorded for it yet)"),
    (("--done", "-e", "forearm_plank"), '--exercise takes an exercise id and its pain, like forearm_plank=4, not "forearm_plank"'),
    (("--done", "-e", "forearm_plnk=2"), 'unknown exercise "forearm_plnk" (did you mean "forearm_plank"?); see backplan catalog list'),
    (("--done", "--red-flag", "fevr"), 'unknown --red-flag "fevr" (did you mean "fever"?); the questions are: '
                                       "saddle_numbness, bladder_bowel, both_legs, fever, fall, sharp_pain"),
    (("--done", "--day", "monday"), '--day must be one of mon, tue, wed, thu, fri, sat, sun, not "monday" (did you mean "mon"?)'),
    (("--skipped", "--pain-during", "3"), "a skipped session has no --pain-during or exercise pain; record it as done"),
    (("--done", "--date", "23.11.2026"), '--date must be a date like 2026-11-23, not "23.11.2026"'),
    (("--done", "--person", "Ana Smith"), '--person "Ana Smith" is not a valid key (use lower-case letters, digits, "-" and "_")'),
])
def test_bad_log_input_is_one_message_and_records_nothing(db, args, message):
    log(db, "--date", "2026-11-20", "--done")
    result = run("log", "--db", db, *(() if "--date" in args else ("--date", "2026-11-23")), *args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"backplan: error: {message}\n")
    assert run("history", "--db", db).stdout.endswith("\n1 session(s)\n")


def test_a_red_flag_is_recorded_then_the_person_is_sent_to_a_doctor(db):
    result = run("log", "--db", db, "--date", "2026-11-23", "--done", "--red-flag", "both_legs")
    assert result.exit_code == 3
    assert result.stdout == f"recorded me's mon 2026-11-23 session (done) as entry 1 in {db}\n{NOTICE}"
    assert result.stderr.startswith(f"{REFUSAL_HEADLINE}\n\nIn your diary you answered yes to:\n"
                                    "  - Monday's session (2026-11-23): weakness, numbness or pins and needles in both legs\n")
    assert result.stderr.endswith(f"{SAFETY_NOTICE}\n")
    advice = run("history", "--db", db, "--advice")
    assert (advice.exit_code, advice.stdout) == (3, "")
    assert advice.stderr.startswith(REFUSAL_HEADLINE)


def test_advice_for_a_week(db):
    for day, pains in (("23", ("2", "1", "forearm_plank=2")), ("25", ("1", "0", "forearm_plank=6")), ("27", ("1", "0", "forearm_plank=1"))):
        during, morning, plank = pains
        log(db, "--date", f"2026-11-{day}", "--done", "--pain-during", during, "--pain-next-morning", morning, "-e", plank)
    result = run("history", "--db", db, "--advice")
    assert result.exit_code == 0
    assert result.stdout == (
        f"Advice for me, week 2026-W48\n{NOTICE}\n"
        "  the whole session: progress: pain at most 2 in 3 sessions done (0-2 is safe), settled by the next morning\n"
        "  forearm_plank: step back: pain 6 during Wednesday's session (2026-11-25): above 5 is too much\n"
        f"\n{CAVEAT}\n")
    data = json.loads(run("history", "--db", db, "--advice", "--week", "2026-W48", "-f", "json").stdout)
    assert data["caveat"] == CAVEAT and data["notice"] == SAFETY_NOTICE
    assert [(v["exercise"], v["decision"], v["swap"]) for v in data["verdicts"]] == [
        ("the whole session", "progress", False), ("forearm_plank", "step back", False)]
    for week in ("2026-48", "2025-W53", "2026-W00"):
        bad = run("history", "--db", db, "--advice", "--week", week)
        assert (bad.exit_code, bad.stderr) == (2, f'backplan: error: --week must be an ISO week like 2026-W48, not "{week}"\n')
    assert run("history", "--db", db, "--week", "2026-W48").stderr == "backplan: error: --week goes with --advice\n"
    assert run("history", "--db", db, "--advice", "--everyone").stderr == (
        "backplan: error: --advice is for one --person and is not exported; leave out --everyone\n")


def test_export_and_import_round_trip_and_export_never_overwrites(db, tmp_path):
    log(db, "--date", "2026-11-23", "--done", "--pain-during", "2", "-e", "bird_dog=1", "--note", "a, b")
    log(db, "--date", "2026-11-24", "--skipped", "--person", "ben")
    out = tmp_path / "diary.csv"
    exported = run("history", "--db", db, "--everyone", "--export", str(out))
    assert (exported.exit_code, exported.stderr) == (0, f"exported 2 session(s) to {out}\n")
    again = run("history", "--db", db, "--export", str(out))
    assert (again.exit_code, again.stderr) == (2, f"backplan: error: {out}: file exists; use --force to replace it\n")
    other = str(tmp_path / "other.sqlite3")
    imported = run("log", "--db", other, "--import", str(out))
    assert (imported.exit_code, imported.stdout) == (0, f"imported 2 session(s) from {out} into {other}\n{NOTICE}")
    assert run("history", "--db", other, "--everyone", "-f", "csv").stdout == out.read_text()
    twice = run("log", "--db", other, "--import", str(out))
    assert (twice.exit_code, twice.stderr) == (0, "")  # the same sessions again: nothing new, nothing lost


def test_a_bad_import_names_the_line_and_imports_nothing(db, tmp_path):
    path = tmp_path / "in.csv"
    path.write_text("date,status,exercise_pain\n2026-11-23,done,bird_dog=1\n2026-11-24,done,birddog=1\n")
    result = run("log", "--db", db, "--import", str(path))
    assert (result.exit_code, result.stderr) == (
        2, f'backplan: error: {path}:3: unknown exercise "birddog" (did you mean "bird_dog"?); see backplan catalog list\n')
    assert run("history", "--db", db).exit_code == 2  # not even created


def test_history_without_a_diary_and_the_default_place(tmp_path):
    result = run("history", env={"XDG_DATA_HOME": str(tmp_path), "BACKPLAN_DIARY": ""})
    where = tmp_path / "backplan" / "diary.sqlite3"
    assert (result.exit_code, result.stderr) == (
        2, f"backplan: error: {where}: no diary here yet; record a session with backplan log first\n")
    log_env = run("log", "--done", "--date", "2026-11-23", env={"XDG_DATA_HOME": str(tmp_path), "BACKPLAN_DIARY": ""})
    assert log_env.exit_code == 0 and where.exists()
    chosen = tmp_path / "clinic.sqlite3"
    assert run("log", "--done", "--date", "2026-11-23", env={"BACKPLAN_DIARY": str(chosen)}).exit_code == 0
    assert chosen.exists()


def test_help_lists_the_diary_commands():
    result = run("--help")
    assert "log" in result.stdout and "history" in result.stdout
    assert "extrapolation" in run("history", "--help").stdout
    log_help = " ".join(run("log", "--help").stdout.split())
    assert all(flag in log_help for flag in default_pain_model().red_flags)


def test_a_red_flag_is_never_lost_in_an_error_about_something_else(db):
    log(db, "--date", "2026-11-23", "--done", "--pain-during", "3")
    result = run("log", "--db", db, "--date", "2026-11-23", "--pain-during", "5", "--red-flag", "bladder_bowel")
    assert result.exit_code == 3 and result.stdout == ""
    assert result.stderr.startswith(
        f"backplan: error: me's mon 2026-11-23 session (entry 1) already has pain during 3, not 5; nothing was changed "
        f"(nothing was recorded)\n{REFUSAL_HEADLINE}\n\nIn your diary you answered yes to:\n"
        "  - now, not recorded: new trouble passing urine, holding it, or controlling your bowels\n")


def test_import_takes_no_session_flags(db, tmp_path):
    result = run("log", "--db", db, "--import", str(tmp_path / "x.csv"), "--done")
    assert (result.exit_code, result.stderr) == (2, "backplan: error: --import records the file's sessions only; leave out --done/--skipped\n")
