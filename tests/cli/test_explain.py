"""``backplan explain`` on the command line: formats, the notice, errors and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from typer.testing import CliRunner

from planner.cli import app
from planner.notice import SAFETY_NOTICE

runner = CliRunner()
WEEK = str(Path(__file__).parent.parent / "explain" / "data" / "hypertension-week.json")
SCHEMA = Path(__file__).parent.parent.parent / "schemas" / "explain.schema.json"


def run(*args: str):
    return runner.invoke(app, list(args))


def test_table_starts_with_the_notice_and_ends_with_steps_and_cues():
    result = run("explain", WEEK, "--exercise", "bird_dog")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[:3] == ["Why this week: backplan explain", "=" * 31, SAFETY_NOTICE]
    assert "Tried on wed in place of squat_to_chair:" in lines
    assert "- balance: leaves abdominals:erectors out of its band (0.48 instead of 0.44)" in lines
    assert "How to do them" in lines
    assert "  1. Kneel on the mat on hands and knees, hands under shoulders." in lines


def test_an_excluded_exercise_gets_no_steps_in_markdown():
    result = run("explain", WEEK, "-e", "straight_leg_situp", "-f", "markdown")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"# Why this week: backplan explain\n\n{SAFETY_NOTICE}\n")
    assert "- builtin:banned-moves: never programmed: it is one of the notorious moves (" in result.stdout
    assert "How to do them" not in result.stdout


def test_json_follows_its_schema():
    result = run("explain", WEEK, "-f", "json")
    assert result.exit_code == 0
    body = json.loads(result.stdout)
    jsonschema.validate(body, json.loads(SCHEMA.read_text()))
    assert body["notice"] == SAFETY_NOTICE
    assert {r["status"] for r in body["rules"]} == {"broken", "held", "missed"}  # the saved week's superman


def test_an_unknown_exercise_exits_2_with_a_suggestion():
    result = run("explain", WEEK, "-e", "bird_dgo")
    assert result.exit_code == 2
    assert result.stderr == ('backplan: error: unknown exercise "bird_dgo" (did you mean "bird_dog"?); '
                             "see backplan catalog list\n")


def test_an_unknown_format_exits_2():
    result = run("explain", WEEK, "-f", "yaml")
    assert result.exit_code == 2
    assert result.stderr == 'backplan: error: unknown format "yaml"; choose one of table, markdown, json\n'


def test_help_has_examples():
    result = run("explain", "--help")
    assert result.exit_code == 0
    assert "backplan explain week.json --exercise straight_leg_situp" in result.stdout


def test_without_a_plan_it_plans_the_profile_as_plan_does():
    planned = json.loads(run("plan", "-f", "json").stdout)
    chosen = next(i["exercise"] for d in planned["days"] for i in d["items"] if i["kind"] == "strength")
    days = [d["day"] for d in planned["days"] if any(i["exercise"] == chosen for i in d["items"])]
    result = run("explain", "-e", chosen, "-f", "json")
    assert result.exit_code == 0
    answer = json.loads(result.stdout)["exercise"]
    assert answer["summary"] == f"{chosen} is in the plan on {', '.join(days)}"
