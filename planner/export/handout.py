"""A printable handout of the weeks: one self-contained HTML page (print CSS, no outside files).

The safety notice comes first, with the advice that says to get help at once (the warning signs),
then each week as a compact table (one row per day, each session's exercises with their doses in
words, the walks, a box to tick) with how to read a dose, then all the plan's advice, then how to
do each exercise (steps and cues, once each) and the notes. A programme's weeks each start on a
new page. Every text that comes from a plan is escaped: a name cannot add markup.
:mod:`planner.export.pdf` prints this page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape

from planner.export.weeks import DatedWeek, activities, instructions
from planner.notice import SAFETY_NOTICE
from planner.render import DAY_NAMES, RECOMMENDED_NOTE, session_rows

__all__ = ["to_html", "CSS"]

CSS = """
@page { size: A4; margin: 14mm 14mm 16mm;
        @bottom-center { content: "backplan handout - page " counter(page) " of " counter(pages);
                         font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif;
                         font-size: 8pt; color: #555; } }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10pt; line-height: 1.35;
       color: #111; max-width: 190mm; margin: 0 auto; }
h1 { font-size: 17pt; margin: 0 0 2mm; }
h2 { font-size: 13pt; margin: 5mm 0 2mm; border-bottom: 1px solid #999; }
h3 { font-size: 10.5pt; margin: 0 0 1mm; }
.notice { border: 2px solid #b00; background: #fff3f3; padding: 2.5mm 3mm; margin: 3mm 0; font-weight: bold; }
.urgent { border: 2px solid #b00; padding: 2mm 3mm; margin: 0 0 3mm; }
.urgent ul { margin: 0; padding-left: 5mm; }
.dates { color: #333; margin: 0; }
table.week { width: 100%; border-collapse: collapse; margin-top: 2mm; }
table.week th, table.week td { border: 1px solid #999; padding: 1.5mm 2mm; vertical-align: top; text-align: left; }
table.week th { background: #eee; }
table.week tr { break-inside: avoid; }
td.day { width: 24mm; font-weight: bold; }
td.day span { display: block; font-weight: normal; color: #333; }
td.done { width: 12mm; text-align: center; }
.box { display: inline-block; width: 4mm; height: 4mm; border: 1px solid #111; }
ol.items { margin: 0; padding-left: 5mm; }
.dose { white-space: nowrap; font-weight: bold; }
.rest { color: #555; font-style: italic; }
.walk { margin-top: 1mm; }
.guide { break-inside: avoid; border: 1px solid #ccc; padding: 2mm 3mm; margin: 0 0 2.5mm; }
.guide ol { margin: 0 0 1mm; padding-left: 5mm; }
.guide ul { margin: 0; padding-left: 5mm; list-style: none; }
.guide ul li:before { content: "Watch: "; font-weight: bold; }
.week-section + .week-section { break-before: page; }
.advice li { margin-bottom: 0.8mm; }
.small { font-size: 8.5pt; color: #333; }
@media screen { body { margin: 8mm auto; } }
"""


DOSE_KEY = ("How to read a dose: 2 x 8 means 2 sets of 8 repetitions, with a rest of about 30 seconds between "
            "sets; hold 10 s means hold the position for 10 seconds; per side means each side does that dose, "
            "the sides taking turns set by set.")


def _long(date: dt.date) -> str:
    return f"{date:%A} {date.day} {date:%B %Y}"


def _day_cells(week: DatedWeek) -> list[str]:
    by_day: dict[str, list] = {}
    for activity in activities([week]):
        by_day.setdefault(activity.day, []).append(activity)
    rows = []
    for day in week.plan.days:
        date = week.date_of(day.day)
        done = ""
        parts = []
        for activity in by_day.get(day.day, []):
            if activity.kind == "session":
                items = "".join(f'<li>{escape(name)} <span class="dose">{escape(dose)}</span></li>'
                                for _, name, dose, _ in session_rows(list(activity.items)))
                parts.append(f"<div>Session, about {activity.minutes} min:</div><ol class=\"items\">{items}</ol>")
            else:
                walk = activity.items[0]
                dose = session_rows([walk])[0][2]
                parts.append(f'<div class="walk">On its own (not part of a session): {escape(walk.name)} '
                             f'<span class="dose">{escape(dose)}</span></div>')
            done = '<span class="box"></span>'
        if not parts:
            parts.append('<span class="rest">Rest day</span>')
        rows.append(f'<tr><td class="day">{escape(DAY_NAMES.get(day.day, day.day))}<span>{date.day} {date:%b}</span></td>'
                    f'<td>{"".join(parts)}</td><td class="done">{done}</td></tr>')
    return rows


def _week_section(week: DatedWeek, numbered: bool) -> str:
    title = f"Week {week.number}: " if numbered else "Your week: "
    span = f"{_long(week.start)} to {_long(week.end)}"
    parts = [f'<section class="week-section"><h2>{title}{escape(span)}</h2>',
             '<table class="week"><thead><tr><th>Day</th><th>What to do</th><th>Done</th></tr></thead><tbody>',
             *_day_cells(week), "</tbody></table>"]
    parts.append(f'<p class="small">{escape(DOSE_KEY)}</p>')
    if any(item.recommended for day in week.plan.days for item in day.items):
        parts.append(f'<p class="small">{escape(RECOMMENDED_NOTE)}</p>')
    if week.plan.gave_way:
        lines = "".join(f"<li>{escape(g.description or g.rule)}: {escape(g.reason)}</li>" for g in week.plan.gave_way)
        parts.append(f'<p class="small">Adjusted to fit your week (no safety rule gave way):</p><ul class="small">{lines}</ul>')
    parts.append("</section>")
    return "".join(parts)


def _guides(weeks: Sequence[DatedWeek]) -> str:
    cards = []
    for guide in instructions(weeks).values():
        steps = "".join(f"<li>{escape(step)}</li>" for step in guide.steps)
        cues = "".join(f"<li>{escape(cue)}</li>" for cue in guide.cues)
        cards.append(f'<div class="guide"><h3>{escape(guide.name)}</h3><ol>{steps}</ol><ul>{cues}</ul></div>')
    return f'<section><h2>How to do each exercise</h2>{"".join(cards)}</section>' if cards else ""


def _lines(title: str, lines: Sequence[str], css: str) -> str:
    if not lines:
        return ""
    items = "".join(f"<li>{escape(line)}</li>" for line in dict.fromkeys(lines))
    return f'<section class="{css}"><h2>{escape(title)}</h2><ul>{items}</ul></section>'


def urgent(line: str) -> bool:
    """Advice that says when to stop and get help (the warning signs, sharp pain): it tells the
    person to stop, and to call someone or get help at once (the words the advice rules use)."""
    lowered = line.lower()
    return "stop" in lowered and ("call your" in lowered or "help at once" in lowered)


def _urgent(advice: Sequence[str]) -> str:
    """The advice that says when to stop and get help, in a box under the notice."""
    lines = [line for line in dict.fromkeys(advice) if urgent(line)]
    if not lines:
        return ""
    items = "".join(f"<li>{escape(line)}</li>" for line in lines)
    return f'<div class="urgent"><h3>When to stop and get help</h3><ul>{items}</ul></div>'


def to_html(weeks: Sequence[DatedWeek]) -> str:
    """The handout as one HTML document (UTF-8, its CSS inside)."""
    first = weeks[0].plan
    name = first.profile.name if first.profile is not None else "default"
    span = f"{_long(weeks[0].start)} to {_long(weeks[-1].end)}"
    advice = [line for week in weeks for line in week.plan.advice]
    notes = [line for week in weeks for line in week.plan.notes]
    body = [
        f"<h1>Back exercises: {escape(name)}</h1>",
        f'<p class="dates">{escape(span)}</p>',
        f'<div class="notice">{escape(SAFETY_NOTICE)}</div>',
        _urgent(advice),
        *(_week_section(week, len(weeks) > 1) for week in weeks),
        _lines("Advice, and when to get help at once", advice, "advice"),
        _guides(weeks),
        _lines("Notes", notes, "notes"),
    ]
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>Back exercises: {escape(name)}</title><style>{CSS}</style></head>\n<body>\n"
            + "\n".join(part for part in body if part) + "\n</body></html>\n")
