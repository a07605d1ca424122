"""Rendering: every format carries the notice; the table fits the width it is given."""

from __future__ import annotations

import json

import pytest

from planner.api import plan_week
from planner.notice import SAFETY_NOTICE
from planner.render import FORMATS, render
from planner.rules import load_rule_file
from tests.conftest import CONTRADICTING_PLANK_HOLDS, make_profile


@pytest.fixture(scope="module")
def plan(rules, catalog):
    profile = make_profile(catalog)
    return plan_week(profile, rules=rules, catalog=catalog, seed=0)


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_notice_is_at_the_top(plan, fmt):
    text = render(plan, fmt)
    head = json.loads(text)["notice"] if fmt == "json" else "\n".join(text.splitlines()[:3])
    assert SAFETY_NOTICE.split(".")[0] in head


@pytest.mark.parametrize("width", [60, 80, 110])
def test_the_table_fits_the_terminal(plan, width):
    assert max(len(line) for line in render(plan, "table", width).splitlines()) <= width


def test_a_missed_soft_rule_is_named_with_where_to_read_about_it(plan):
    # the default week walks for its aerobic work, so it has one aerobic activity, not two
    assert "cross-train" in plan.soft_misses
    assert (f"Preferences not fully met: {', '.join(plan.soft_misses)}. Every safety rule holds; "
            "`backplan rules show ID` says what a rule asks for.") in render(plan, "markdown")


def test_contradicting_dose_rules_are_named_in_the_plan(rules, catalog, tmp_path):
    """An exercise no dose can satisfy is left out, and the plan says which rules did it."""
    path = tmp_path / "r.yaml"
    path.write_text(
        CONTRADICTING_PLANK_HOLDS
        + "  - id: some-hold\n    kind: dose\n    description: not part of the contradiction\n"
        "    select: {id: forearm_plank}\n    hold_s: {min: 10}\n    source: [me]\n"
    )
    profile = make_profile(catalog)
    plan = plan_week(profile, rules=[*rules, *load_rule_file(path, catalog)], catalog=catalog, seed=0)
    note = ("the dose rules long-planks, short-planks leave no dose that meets them all, "
            "so these are never planned: forearm_plank")
    assert plan.notes[0] == note  # the dose tuning's notes (planner/tuning) come after it
    assert f"- {note}" in render(plan, "markdown")
    assert json.loads(render(plan, "json"))["notes"][0] == note


HOSTILE_NAME = "[/x] hi [bold]B\x1b[31mred\u202eevil\n## Monday\n- Toe touches |x|"


@pytest.fixture(scope="module")
def hostile_plan(rules, catalog):
    profile = make_profile(catalog, name=HOSTILE_NAME)
    return plan_week(profile, rules=rules, catalog=catalog, seed=0)


def test_text_from_a_file_is_data_in_the_table(hostile_plan):
    first = render(hostile_plan, "table").splitlines()[0]
    assert first == "Weekly back plan: [/x] hi [bold]B\\x1b[31mred\\u202eevil\\x0a## Monday\\x0a- Toe touches |x|"


def test_text_from_a_file_is_data_in_markdown(hostile_plan):
    text = render(hostile_plan, "markdown")
    assert text.splitlines()[0] == (
        "# Weekly back plan: \\[/x\\] hi \\[bold\\]B\\\\x1b\\[31mred\\\\u202eevil\\\\x0a\\#\\# Monday\\\\x0a- Toe touches \\|x\\|"
    )
    monday = next(d for d in hostile_plan.days if d.day == "mon")  # its length follows the catalog
    assert [line for line in text.splitlines() if line.startswith("## Monday")] == [f"## Monday (about {monday.minutes} min)"]
    assert "\x1b" not in text and "\u202e" not in text


def test_text_from_a_file_is_escaped_in_json(hostile_plan):
    text = render(hostile_plan, "json")
    assert "\x1b" not in text and "\u202e" not in text and "\\u202e" in text
    assert json.loads(text)["profile"]["name"] == HOSTILE_NAME
