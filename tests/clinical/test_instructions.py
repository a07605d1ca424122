"""Issue 9, points 6 and 12: the instructions reach the person, and the sides take turns set by set.

Point 6: every human format (table, Markdown) and the JSON carry each planned exercise's steps
and cues once. Point 12: a one-sided exercise reads as left and right in turn, set by set
(L, R, L, R), never all sets of one side first (seed 001: mix it up).
"""

from __future__ import annotations

import json
import re
from itertools import pairwise

import pytest

from planner.render import render
from tests.conftest import make_profile, plan_and_check

PROFILES = {
    "default": {},
    "pregnant, cleared": {"conditions": ["pregnancy"], "cleared_by_doctor": True},
    "high blood pressure, cleared": {"conditions": ["hypertension"], "cleared_by_doctor": True,
                                     "equipment": ["mat", "chair", "dumbbells"]},
    "no equipment, 20 min": {"equipment": [], "session_minutes": 20},
}


@pytest.fixture(scope="module", params=sorted(PROFILES))
def plan(request, rules, catalog):
    return plan_and_check(rules, catalog, make_profile(catalog, **PROFILES[request.param]), seed=1)


def _planned(plan) -> list[str]:
    return sorted({item.exercise for day in plan.days for item in [*day.items, *day.walks]})


def _squash(text: str) -> str:
    """Words only: the table wraps lines and pads cells, Markdown escapes some characters."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_every_step_and_cue_is_printed_once(plan, catalog, fmt):
    text = render(plan, fmt, width=200)
    squashed = _squash(text)
    heading = "how to do each exercise"
    assert squashed.count(heading) == 1
    after = squashed.split(heading, 1)[1]
    for ex in _planned(plan):
        entry = catalog.exercises[ex]
        assert entry.steps and entry.cues, f"{ex} has no steps or no cues in the catalog"
        for line in [*entry.steps, *entry.cues]:
            assert _squash(line) in after, f"{fmt}: {ex} is missing {line!r}"
        assert after.count(_squash(entry.steps[0])) >= 1


def test_the_json_carries_the_instructions_of_every_planned_exercise(plan, catalog):
    doc = json.loads(render(plan, "json"))
    assert sorted(doc["instructions"]) == _planned(plan)
    for ex, how in doc["instructions"].items():
        entry = catalog.exercises[ex]
        assert how["steps"] == entry.steps
        assert set(entry.cues) <= set(how["cues"])  # an advice rule may add a cue (breathing)


def test_brief_leaves_the_instructions_out(plan):
    assert "How to do each exercise" not in render(plan, "markdown", instructions=False)


def test_one_sided_work_alternates_set_by_set(plan, catalog):
    text = render(plan, "markdown")
    rows = [line for line in text.splitlines() if " in turn, set by set (" in line]
    one_sided = [i for day in plan.days for i in day.items if catalog.exercises[i.exercise].side == "unilateral"]
    assert len(rows) * 2 == len(one_sided), "each one-sided exercise is one row naming both sides"
    for row in rows:
        turns = re.search(r"set by set \(([LR, ]+)\)", row).group(1).split(", ")
        assert all(a != b for a, b in pairwise(turns)), f"sides must alternate: {row}"
        sets = int(re.search(r"\| (\d+) x ", row).group(1))
        assert len(turns) == 2 * sets


def test_the_breathing_cue_reaches_each_hold_with_high_blood_pressure(rules, catalog):
    person = make_profile(catalog, conditions=["hypertension"], cleared_by_doctor=True)
    plan = plan_and_check(rules, catalog, person, seed=0)
    holds = [ex for ex in _planned(plan) if "isometric" in catalog.exercises[ex].tags]
    assert holds, "the week should hold at least one isometric exercise to test"
    for ex in holds:
        assert any("never hold your breath" in cue for cue in plan.instructions[ex].cues), ex


# ---- Children get children's advice (a blind physiotherapist's read: omega-3s and yoga classes
# are not advice for a child) ----

CHILD_ADVICE = ("A parent or another adult shows each exercise first and watches while the child does it; "
                "play it as a game, and stop if anything hurts.")
CHILD_DOCTOR = "Before you start, ask your child's doctor (or a physiotherapist) whether these exercises suit your child."


def test_a_child_gets_no_adult_advice_and_an_adult_watching(rules, catalog):
    child = plan_and_check(rules, catalog, make_profile(catalog, age_group="child", equipment=[]), seed=0)
    assert CHILD_ADVICE in child.advice
    assert not [a for a in child.advice if "omega" in a or "yoga" in a.lower() or "weights" in a]
    adult = plan_and_check(rules, catalog, make_profile(catalog), seed=0)
    assert CHILD_ADVICE not in adult.advice
    assert any("omega-3s" in a for a in adult.advice)
    assert "Learn yoga poses from a teacher before practising them on your own." in adult.advice
    # a child's plan is read by a parent: the doctor is the child's, and back pain in a child is
    # a reason to see one first (a blind read: the child's advice was written for an adult)
    assert CHILD_DOCTOR in child.advice and CHILD_DOCTOR not in adult.advice
    assert any(a.startswith("Back pain is uncommon in children") for a in child.advice)
    assert not [a for a in child.advice if "medication" in a or "mirror" in a or "Ask your doctor" in a]
    assert any(a.startswith("Ask your doctor") for a in adult.advice)
