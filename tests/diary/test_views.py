"""The diary and the advice as text: the safety notice on every output, a user's note shown as data."""

from __future__ import annotations

import datetime as dt
import json

from planner.diary.adapt import CAVEAT, Advice, Verdict
from planner.diary.entries import Entry
from planner.diary.views import advice_json, advice_text, entries_json, entries_table
from planner.notice import SAFETY_NOTICE


def test_a_note_cannot_drive_the_terminal_and_every_output_has_the_notice():
    entry = Entry(person="me", date=dt.date(2026, 11, 23), day="mon", done=True, note="\x1b[31mred\u202e")
    table = entries_table([entry], "d.sqlite3")
    assert table.startswith(f"Pain diary: d.sqlite3\nNOTICE: {SAFETY_NOTICE}\n")
    assert "\x1b" not in table and "\\x1b[31mred\\u202e" in table
    assert entries_table([], "d.sqlite3").endswith("\nNo sessions recorded yet.\n0 session(s)\n")
    assert json.loads(entries_json([entry]))["notice"] == SAFETY_NOTICE


def test_the_table_repeats_any_red_flag_answer_below_it():
    flagged = Entry(person="me", date=dt.date(2026, 11, 25), day="wed", done=False, red_flags=("fall",))
    assert entries_table([flagged], "d.sqlite3").endswith(
        "1 session(s)\nRED FLAG answered on 2026-11-25: if you have not seen a doctor about it yet, do so at once "
        "(backplan history --advice --week 2026-W48 says why).\n")


def test_advice_text_ends_with_the_caveat():
    advice = Advice("me", "2026-W48", (Verdict("bird_dog", "step back", "pain 6 during Monday's session", swap=True),))
    assert advice_text(advice) == (
        f"Advice for me, week 2026-W48\nNOTICE: {SAFETY_NOTICE}\n\n"
        "  bird_dog: step back: pain 6 during Monday's session; swap it for a gentler exercise for the same muscles\n"
        f"\n{CAVEAT}\n")
    assert json.loads(advice_json(advice))["verdicts"] == [
        {"exercise": "bird_dog", "decision": "step back", "reason": "pain 6 during Monday's session", "swap": True}]
