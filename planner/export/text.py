"""Plain-text pieces the exporters share: a session's exercises with their doses in words, and
each exercise's steps and cues (the calendar's descriptions, FHIR's instructions)."""

from __future__ import annotations

from collections.abc import Iterable

from planner.contract import Instructions
from planner.export.weeks import Activity
from planner.render import session_rows

__all__ = ["exercise_lines", "how_to_lines"]


def exercise_lines(activity: Activity) -> list[str]:
    """One line per exercise of a session or walk, e.g. ``3. Bird-dog: left and right in turn ... - 2 x 8``."""
    return [f"{n}. {name} - {dose}" for n, (_, name, dose, _) in enumerate(session_rows(list(activity.items)), 1)]


def how_to_lines(guides: Iterable[Instructions]) -> list[str]:
    """Each exercise's name, numbered steps and cues ("Watch: ..."), a blank line between them."""
    lines: list[str] = []
    for guide in guides:
        lines.append(guide.name)
        lines += [f"  {n}. {step}" for n, step in enumerate(guide.steps, 1)]
        lines += [f"  Watch: {cue}" for cue in guide.cues]
        lines.append("")
    return lines
