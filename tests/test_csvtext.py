"""The one CSV writer (planner/csvtext.py): its exact bytes, which the diary export and the batch
summary both are."""

from __future__ import annotations

import csv
import io

from planner.csvtext import csv_text


def test_a_header_then_rows_with_newline_line_ends_and_quoting_only_where_needed():
    text = csv_text(("name", "note", "pain"), [("ana", "a, b", 3), ("ben", 'said "ok"\nthen left', "")])
    assert text == 'name,note,pain\nana,"a, b",3\nben,"said ""ok""\nthen left",\n'
    assert list(csv.reader(io.StringIO(text, newline=""))) == [
        ["name", "note", "pain"], ["ana", "a, b", "3"], ["ben", 'said "ok"\nthen left', ""]]


def test_no_rows_is_the_header_alone():
    assert csv_text(("a", "b"), []) == "a,b\n"
