"""The diary and the model's advice as text: a table for people (with the safety notice) and
JSON for programs. CSV is :mod:`planner.diary.csvio`."""

from __future__ import annotations

import json
from collections.abc import Sequence

from planner.diary.adapt import CAVEAT, Advice
from planner.diary.entries import Entry
from planner.notice import SAFETY_NOTICE

__all__ = ["advice_json", "advice_text", "entries_json", "entries_table"]

COLUMNS = ("date", "day", "person", "plan", "status", "pain during", "next morning", "exercises", "red flags", "note")


def _pain(value: int | None) -> str:
    return "-" if value is None else str(value)


def entries_table(entries: Sequence[Entry], db: str) -> str:
    from planner.render import table_text, visible

    rows = [[e.date.isoformat(), e.day, visible(e.person), visible(e.plan), "done" if e.done else "skipped",
             _pain(e.pain_during), _pain(e.pain_next_morning),
             ", ".join(f"{ex} {pain}" for ex, pain in e.exercises.items()), ", ".join(e.red_flags) or "-",
             visible(e.note)] for e in entries]
    table = table_text(COLUMNS, rows, no_wrap=("date",)) if rows else "No sessions recorded yet.\n"
    flagged = sorted({(e.date.isoformat(), e.week) for e in entries if e.red_flags})
    warning = (f"RED FLAG answered on {', '.join(d for d, _ in flagged)}: if you have not seen a doctor about it yet, "
               f"do so at once (backplan history --advice --week {flagged[-1][1]} says why).\n") if flagged else ""
    return f"Pain diary: {db}\nNOTICE: {SAFETY_NOTICE}\n\n{table}{len(rows)} session(s)\n{warning}"


def _entry_data(e: Entry) -> dict[str, object]:
    return {"person": e.person, "date": e.date.isoformat(), "day": e.day, "week": e.week, "plan": e.plan,
            "status": "done" if e.done else "skipped", "pain_during": e.pain_during,
            "pain_next_morning": e.pain_next_morning, "exercise_pain": dict(e.exercises),
            "red_flags": list(e.red_flags), "note": e.note}


def entries_json(entries: Sequence[Entry]) -> str:
    return json.dumps({"notice": SAFETY_NOTICE, "entries": [_entry_data(e) for e in entries]}, indent=2) + "\n"


def advice_text(advice: Advice) -> str:
    lines = [f"Advice for {advice.person}, week {advice.week}", f"NOTICE: {SAFETY_NOTICE}", ""]
    lines += [f"  {v}" for v in advice.verdicts]
    lines += ["", CAVEAT]
    return "\n".join(lines) + "\n"


def advice_json(advice: Advice) -> str:
    return json.dumps({
        "notice": SAFETY_NOTICE, "caveat": CAVEAT, "person": advice.person, "week": advice.week,
        "verdicts": [{"exercise": v.exercise, "decision": v.decision, "reason": v.reason, "swap": v.swap}
                     for v in advice.verdicts],
    }, indent=2) + "\n"
