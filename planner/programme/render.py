"""A programme as text for people (table or Markdown) or as its JSON contract.

The safety notice comes once, at the top; then the notes on how the programme was made; then
each week (its changes and why, then its sessions as a week plan shows them); then each
exercise's steps and cues, once, at the end.
"""

from __future__ import annotations

import json

from planner.contract import Instructions
from planner.programme.contract import Programme, ProgrammeWeek
from planner.render import INSTRUCTIONS_TITLE, md, render

__all__ = ["FORMATS", "render_programme"]

FORMATS = ("table", "markdown", "json")


def _guides(programme: Programme) -> dict[str, Instructions]:
    guides: dict[str, Instructions] = {}
    for week in programme.weeks:
        for key, guide in week.plan.instructions.items():
            guides.setdefault(key, guide)
    return guides


def _shown(programme: Programme, week: ProgrammeWeek):
    """The week's plan as shown: advice the same as week 1's is given once, in week 1."""
    if week.number > 1 and week.plan.advice == programme.weeks[0].plan.advice:
        return week.plan.model_copy(update={"advice": []})
    return week.plan


def _title(week: ProgrammeWeek) -> str:
    easier = " (an easier week)" if week.deload else ""
    return f"Week {week.number}, from Monday {week.start.isoformat()}{easier}"


def _markdown(programme: Programme) -> str:
    name = programme.profile.name if programme.profile else "default"
    lines = [f"# Back programme: {md(name)}, {len(programme.weeks)} weeks", "", f"> {md(programme.notice)}", ""]
    lines += [f"- {md(n)}" for n in programme.notes] + [""]
    for week in programme.weeks:
        lines += [f"## {_title(week)}", ""]
        if week.changes:
            lines += ["**What changed, and why:**", ""] + [f"- {md(c.text)}" for c in week.changes] + [""]
        body = render(_shown(programme, week), "markdown", instructions=False, header=False)
        lines += [f"#{line}" if line.startswith("## ") else line for line in body.splitlines()]
    lines += [f"## {INSTRUCTIONS_TITLE}", ""]
    for guide in _guides(programme).values():
        lines += [f"### {md(guide.name)}", ""]
        lines += [f"{n}. {md(step)}" for n, step in enumerate(guide.steps, 1)]
        lines += [f"- Watch: {md(cue)}" for cue in guide.cues] + [""]
    return "\n".join(lines)


def _table(programme: Programme, width: int) -> str:
    name = programme.profile.name if programme.profile else "default"
    lines = [f"Back programme: {name}, {len(programme.weeks)} weeks", f"NOTICE: {programme.notice}", ""]
    lines += [f"  - {n}" for n in programme.notes]
    for week in programme.weeks:
        lines += ["", "=" * min(width, 72), _title(week), "=" * min(width, 72)]
        if week.changes:
            lines += ["What changed, and why:"] + [f"  - {c.text}" for c in week.changes]
        lines.append(render(_shown(programme, week), "table", width, instructions=False, header=False).rstrip("\n"))
    lines += ["", f"{INSTRUCTIONS_TITLE}:"]
    for guide in _guides(programme).values():
        lines += ["", guide.name] + [f"  {n}. {step}" for n, step in enumerate(guide.steps, 1)]
        lines += [f"  - Watch: {cue}" for cue in guide.cues]
    return "\n".join(lines) + "\n"


def render_programme(programme: Programme, fmt: str, width: int = 110) -> str:
    """``programme`` as ``fmt`` (table, markdown or json) text."""
    if fmt == "json":
        return json.dumps(programme.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        return _markdown(programme)
    return _table(programme, max(60, width))
