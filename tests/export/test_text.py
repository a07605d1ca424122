"""The plain-text pieces of the calendar and FHIR: one line per exercise, sides in turn."""

from __future__ import annotations

from planner.contract import Instructions
from planner.export.text import exercise_lines, how_to_lines
from planner.export.weeks import activities


def test_a_one_sided_exercise_is_one_line_per_side_dose(one_week, week_plan):
    session = next(a for a in activities(one_week) if a.kind == "session" and any(i.side != "both" for i in a.items))
    lines = exercise_lines(session)
    paired = sum(1 for i in session.items if i.side != "both") // 2
    assert len(lines) == len(session.items) - paired
    assert lines[0].startswith(f"1. {session.items[0].name}")
    assert any(" in turn, set by set (" in line and line.endswith(" per side") for line in lines)


def test_how_to_lines():
    guide = Instructions(name="Glute bridge", steps=["Lie down.", "Lift."], cues=["Breathe."])
    assert how_to_lines([guide]) == ["Glute bridge", "  1. Lie down.", "  2. Lift.", "  Watch: Breathe.", ""]
