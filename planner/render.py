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
from typing import Literal

from rich.console import Console
from rich.table import Table
from rich.text import Text

from planner.contract import Plan, PlanItem

__all__ = ["render", "FORMATS", "Format"]

Format = Literal["table", "markdown", "json"]
FORMATS: tuple[str, ...] = ("table", "markdown", "json")
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


def dose_text(item: PlanItem) -> str:
    parts = []
    if item.reps is not None:
        parts.append(f"{item.sets or 1} x {item.reps}")
        if item.hold_s:
            parts.append(f"hold {item.hold_s} s each")
    elif item.hold_s is not None:
        parts.append(f"{item.sets or 1} x hold {item.hold_s} s")
    if item.minutes is not None:
        parts.append(f"{item.minutes} min")
    return ", ".join(parts)


def _name(item: PlanItem) -> str:
    return item.name if item.side == "both" else f"{item.name} ({item.side})"


def _soft_text(plan: Plan) -> str:
    return (
        f"Soft rules not fully met: {', '.join(plan.soft_misses)}. Every hard (safety) rule holds; "
        "`backplan rules show ID` says what a rule asks for."
    )


def _markdown(plan: Plan) -> str:
    lines = [f"# Weekly back plan: {md(plan.profile.name) if plan.profile else 'default'}", "", f"> {md(plan.notice)}", ""]
    for day in plan.days:
        lines.append(f"## {DAY_NAMES.get(day.day, day.day)}")
        if not day.items:
            lines += ["", "Rest day.", ""]
            continue
        lines += ["", "| # | block | exercise | dose | why |", "|---|---|---|---|---|"]
        for n, item in enumerate(day.items, 1):
            lines.append(f"| {n} | {md(item.block)} | {md(_name(item))} | {dose_text(item)} | {md(', '.join(item.why))} |")
        lines.append("")
    if plan.advice:
        lines += ["## Advice", ""] + [f"- {md(a)}" for a in plan.advice] + [""]
    if plan.notes:
        lines += ["## Notes", ""] + [f"- {md(n)}" for n in plan.notes] + [""]
    if plan.soft_misses:
        lines += [_soft_text(plan), ""]  # rule ids only: they cannot hold Markdown
    return "\n".join(lines)


def plain_console(buffer: io.StringIO, width: int) -> Console:
    """A rich console that writes plain text (no colour, no terminal codes) into ``buffer``, so
    tables are rendered first and written to the terminal or a file in one piece."""
    return Console(file=buffer, width=width, force_terminal=False, color_system=None, highlight=False)


def _table(plan: Plan, width: int = 110) -> str:
    buffer = io.StringIO()
    console = plain_console(buffer, width)

    def say(text: str) -> None:  # no rich markup: "[bold]" in a name is printed, not obeyed
        console.print(Text(visible(text)))

    name = plan.profile.name if plan.profile else "default"
    say(f"Weekly back plan: {name}")
    say(f"NOTICE: {plan.notice}")
    for day in plan.days:
        if not day.items:
            console.print()
            say(f"{DAY_NAMES.get(day.day, day.day)}: rest day")
            continue
        table = Table(title=DAY_NAMES.get(day.day, day.day), title_justify="left", show_lines=False)
        for column in ("#", "block", "exercise", "dose", "why"):
            table.add_column(column, overflow="fold")
        for n, item in enumerate(day.items, 1):
            cells = (str(n), item.block, _name(item), dose_text(item), ", ".join(item.why))
            table.add_row(*(Text(visible(cell)) for cell in cells))
        console.print()
        console.print(table)
    for title, lines in (("Advice:", plan.advice), ("Notes:", plan.notes)):
        if lines:
            console.print()
            say(title)
            for line in lines:
                say(f"  - {line}")
    if plan.soft_misses:
        console.print()
        say(_soft_text(plan))
    return buffer.getvalue()


def render(plan: Plan, fmt: str, width: int = 110) -> str:
    """The plan as ``fmt`` text; ``width`` (columns, at least 60) applies to the table only."""
    if fmt == "json":
        return _json_text(json.dumps(plan.model_dump(mode="json"), indent=2, ensure_ascii=False)) + "\n"
    if fmt == "markdown":
        return _markdown(plan)
    return _table(plan, max(60, width))
