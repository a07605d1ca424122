"""Turning a plan into table, Markdown or JSON text.

Every format puts the safety notice at the top, right under the title. JSON follows
:class:`planner.contract.Plan` (its schema is ``schemas/plan.schema.json``); table and Markdown
are for people. Text that comes from a user's files (names, advice) is data: it is escaped in
every format, so it can neither drive the terminal nor add Markdown structure.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

from planner.balance_text import summary_lines
from planner.contract import Plan, PlanDay, PlanItem
from planner.models import Dose
from planner.optimality import summary as optimality_summary
from planner.output_formats import FORMATS, Format

if TYPE_CHECKING:  # rich is imported where a table is drawn: JSON and Markdown output never load it
    from rich.console import Console

__all__ = ["render", "FORMATS", "Format", "session_rows"]

DAY_NAMES = {"mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday",
             "fri": "Friday", "sat": "Saturday", "sun": "Sunday"}


def visible(text: str) -> str:
    """Text from a user's file made inert for a terminal: every control or format character
    (escape sequences, newlines, bidirectional overrides such as U+202E) shown as an escape."""
    return "".join(ch if ch.isprintable() else (f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")
                   for ch in text)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*\[\]<>#|~])")


def md(text: str) -> str:
    """User text for Markdown: inert for the terminal and for Markdown (no headings, links,
    HTML or table breaks can be injected)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", visible(text))


def _json_text(text: str) -> str:
    """JSON with every non-printable character escaped (``json`` leaves U+202E and the like raw)."""
    return "".join(ch if ch.isprintable() or ch == "\n" else f"\\u{ord(ch):04x}" for ch in text)


def dose_words(dose: Dose) -> str:
    """A dose in words, e.g. ``2 x 10, hold 3 s each`` or ``2 x hold 20 s`` (plans and the catalog)."""
    parts = []
    if dose.reps is not None:
        parts.append(f"{dose.sets or 1} x {dose.reps}")
        if dose.hold_s:
            parts.append(f"hold {dose.hold_s} s each")
    elif dose.hold_s is not None:
        parts.append(f"{dose.sets or 1} x hold {dose.hold_s} s")
    if dose.minutes is not None:
        parts.append(f"{dose.minutes} min")
    return ", ".join(parts)


def dose_text(item: PlanItem) -> str:
    return dose_words(item.dose())


SIDE_LETTER = {"left": "L", "right": "R"}


def recommended_text(item: PlanItem) -> str:
    """What helps but is not needed, e.g. "mat recommended" (a carpet or folded towel will do)."""
    return f"{' and '.join(item.recommended)} recommended" if item.recommended else ""


def _with_kit(name: str, item: PlanItem) -> str:
    kit = recommended_text(item)
    return f"{name} ({kit})" if kit else name


def _rows(items: list[PlanItem]) -> list[tuple[str, str, str, str]]:
    """(block, exercise, dose, why) per row: a one-sided exercise's left and right items make one
    row that says the sides take turns set by set (seed 001: mix it up, never one side first)."""
    rows = []
    i = 0
    while i < len(items):
        item = items[i]
        pair = items[i + 1] if i + 1 < len(items) else None
        if item.side != "both" and pair is not None and pair.exercise == item.exercise and pair.side != item.side:
            turns = ", ".join([SIDE_LETTER[item.side], SIDE_LETTER[pair.side]] * (item.sets or 1))
            name = f"{_with_kit(item.name, item)}: {item.side} and {pair.side} in turn, set by set ({turns})"
            why = ", ".join(dict.fromkeys([*item.why, *pair.why]))
            rows.append((item.block, name, f"{dose_text(item)} per side", why))
            i += 2
            continue
        name = _with_kit(item.name, item) if item.side == "both" else f"{_with_kit(item.name, item)} ({item.side})"
        rows.append((item.block, name, dose_text(item), ", ".join(item.why)))
        i += 1
    return rows


session_rows = _rows  # the exporters' name for it (planner/export/)


def _day_title(day: PlanDay) -> str:
    name = DAY_NAMES.get(day.day, day.day)
    return f"{name} (about {day.minutes} min)" if day.items and day.minutes else name


WALK_TITLE = "On its own (not part of a session)"


def _walk_lines(day: PlanDay) -> list[str]:
    """The day's walks (activities of their own, outside the session), one line each."""
    return [
        f"{item.name}, {dose_text(item)}" + (f" (why: {', '.join(item.why)})" if item.why else "")
        for item in day.walks
    ]


def _rest_title(day: PlanDay) -> str:
    name = DAY_NAMES.get(day.day, day.day)
    return f"{name}: no session, a walk of its own" if day.walks else f"{name}: rest day"


def _soft_text(plan: Plan) -> str:
    return (
        f"Preferences not fully met: {', '.join(plan.soft_misses)}. Every safety rule holds; "
        "`backplan rules show ID` says what a rule asks for."
    )


def _gave_way_lines(plan: Plan) -> list[str]:
    """One line per structure rule that gave way, in plain words."""
    lines = []
    for g in plan.gave_way:
        what = f"{g.description.rstrip('.')} ({g.rule})" if g.description else g.rule
        lines.append(f"{what}: gave way this week. {g.reason}".rstrip())
    return lines


RECOMMENDED_NOTE = ('"Recommended" equipment helps but is not needed: without a mat, use a carpet or a folded '
                    "blanket or towel under the body and knees.")


def _any_recommended(plan: Plan) -> bool:
    return any(item.recommended for day in plan.days for item in day.items)


def _override_lines(plan: Plan) -> list[str]:
    """One line per rule a rule file changed, with its reason."""
    lines = []
    for o in plan.overrides:
        reason = f" Reason: {o.reason}" if o.reason else ""
        if o.rule == "*":
            lines.append(f"The shipped rules: {o.change}.{reason}")
        else:
            lines.append(f"{o.rule}: {o.change} ({o.file}).{reason}")
    return lines


OVERRIDES_TITLE = "Rules changed by your rule files"
GAVE_WAY_TITLE = "Adjusted to fit your week (no safety rule gave way)"
INSTRUCTIONS_TITLE = "How to do each exercise"


def _markdown(plan: Plan, instructions: bool = True, header: bool = True) -> str:
    lines = [f"# Weekly back plan: {md(plan.profile.name) if plan.profile else 'default'}", "", f"> {md(plan.notice)}", ""]
    if not header:  # a week inside a programme: the programme has the title and the notice
        lines = []
    if plan.overrides:
        lines += [f"**{OVERRIDES_TITLE}:**", ""] + [f"- {md(line)}" for line in _override_lines(plan)] + [""]
    if plan.gave_way:
        lines += [f"**{GAVE_WAY_TITLE}:**", ""] + [f"- {md(line)}" for line in _gave_way_lines(plan)] + [""]
    for day in plan.days:
        lines.append(f"## {_day_title(day)}")
        if not day.items:
            lines += ["", "Rest day." if not day.walks else "No session.", ""]
        else:
            lines += ["", "| # | block | exercise | dose | why |", "|---|---|---|---|---|"]
            for n, (block, name, dose, why) in enumerate(_rows(day.items), 1):
                lines.append(f"| {n} | {md(block)} | {md(name)} | {dose} | {md(why)} |")
            lines.append("")
        if day.walks:
            lines += [f"**{WALK_TITLE}:**", ""] + [f"- {md(line)}" for line in _walk_lines(day)] + [""]
    if _any_recommended(plan):
        lines += [RECOMMENDED_NOTE, ""]
    if instructions and plan.instructions:
        lines += [f"## {INSTRUCTIONS_TITLE}", ""]
        for guide in plan.instructions.values():
            lines += [f"### {md(guide.name)}", ""]
            lines += [f"{n}. {md(step)}" for n, step in enumerate(guide.steps, 1)]
            lines += [f"- Watch: {md(cue)}" for cue in guide.cues]
            lines.append("")
    if plan.advice:
        lines += ["## Advice", ""] + [f"- {md(a)}" for a in plan.advice] + [""]
    if plan.notes:
        lines += ["## Notes", ""] + [f"- {md(n)}" for n in plan.notes] + [""]
    if plan.balance is not None:
        lines += ["## Balance", ""] + [f"- {md(line)}" for line in summary_lines(plan.balance)] + [""]
    if plan.soft_misses:
        lines += [_soft_text(plan), ""]  # rule ids only: they cannot hold Markdown
    if plan.optimality is not None:
        lines += [md(optimality_summary(plan.optimality)), ""]
    return "\n".join(lines)


def plain_console(buffer: io.StringIO, width: int) -> Console:
    """A rich console that writes plain text (no colour, no terminal codes) into ``buffer``, so
    tables are rendered first and written to the terminal or a file in one piece."""
    from rich.console import Console

    return Console(file=buffer, width=width, force_terminal=False, color_system=None, highlight=False)


def table_text(columns: Sequence[str], rows: Sequence[Sequence[str]], no_wrap: Collection[str] = (),
               width: int = 160) -> str:
    """A plain-text table (``rules list``, ``catalog list``), rendered whole before it is written,
    so a closed pipe is a plain BrokenPipeError. Columns in ``no_wrap`` are never split."""
    from rich.table import Table

    table = Table(show_lines=False)
    for column in columns:
        table.add_column(column, no_wrap=column in no_wrap, overflow="fold")
    for row in rows:
        table.add_row(*row)
    buffer = io.StringIO()
    plain_console(buffer, width).print(table)
    return buffer.getvalue()


def _table(plan: Plan, width: int = 110, instructions: bool = True, header: bool = True) -> str:
    from rich.table import Table
    from rich.text import Text

    buffer = io.StringIO()
    console = plain_console(buffer, width)

    def say(text: str) -> None:  # no rich markup: "[bold]" in a name is printed, not obeyed
        console.print(Text(visible(text)))

    name = plan.profile.name if plan.profile else "default"
    if header:
        say(f"Weekly back plan: {name}")
        say(f"NOTICE: {plan.notice}")
    if plan.overrides:
        console.print()
        say(f"{OVERRIDES_TITLE}:")
        for line in _override_lines(plan):
            say(f"  - {line}")
    if plan.gave_way:
        console.print()
        say(f"{GAVE_WAY_TITLE}:")
        for line in _gave_way_lines(plan):
            say(f"  - {line}")
    for day in plan.days:
        if not day.items:
            console.print()
            say(_rest_title(day))
        else:
            table = Table(title=_day_title(day), title_justify="left", show_lines=False)
            for column in ("#", "block", "exercise", "dose", "why"):
                table.add_column(column, overflow="fold")
            for n, row in enumerate(_rows(day.items), 1):
                table.add_row(*(Text(visible(cell)) for cell in (str(n), *row)))
            console.print()
            console.print(table)
        if day.walks:
            say(f"{WALK_TITLE}:")
            for line in _walk_lines(day):
                say(f"  - {line}")
    if _any_recommended(plan):
        console.print()
        say(RECOMMENDED_NOTE)
    if instructions and plan.instructions:
        console.print()
        say(f"{INSTRUCTIONS_TITLE}:")
        for guide in plan.instructions.values():
            console.print()
            say(guide.name)
            for n, step in enumerate(guide.steps, 1):
                say(f"  {n}. {step}")
            for cue in guide.cues:
                say(f"  - Watch: {cue}")
    for title, lines in (("Advice:", plan.advice), ("Notes:", plan.notes)):
        if lines:
            console.print()
            say(title)
            for line in lines:
                say(f"  - {line}")
    if plan.balance is not None:
        console.print()
        say("Balance:")
        for line in summary_lines(plan.balance):
            say(f"  - {line}")
    if plan.soft_misses:
        console.print()
        say(_soft_text(plan))
    if plan.optimality is not None:
        console.print()
        say(optimality_summary(plan.optimality))
    return buffer.getvalue()


def render(plan: Plan, fmt: str, width: int = 110, instructions: bool = True, header: bool = True) -> str:
    """The plan as ``fmt`` text; ``width`` (columns, at least 60) applies to the table only;
    ``instructions`` adds each exercise's steps and cues, once, to the formats for people;
    ``header`` (title and safety notice) is left out for a week inside a programme, which has its own."""
    if fmt == "json":
        absent = {key for key, empty in (("overrides", not plan.overrides), ("made_with", plan.made_with is None),
                                                 ("balance", plan.balance is None),
                                                 ("optimality", plan.optimality is None)) if empty}
        body = plan.model_dump(mode="json", exclude=absent or None)
        return _json_text(json.dumps(body, indent=2, ensure_ascii=False)) + "\n"
    if fmt == "markdown":
        return _markdown(plan, instructions, header)
    return _table(plan, max(60, width), instructions, header)
