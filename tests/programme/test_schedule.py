"""The progression schedule is data (rules/programme/progression.yaml): it loads, says where its
numbers come from, and a bad value is one message with its file, line and column."""

from __future__ import annotations

import pytest

from planner.catalog import default_catalog
from planner.errors import InputError
from planner.programme.schedule import default_schedule, load_schedule, schedule_file


def test_the_shipped_schedule_cites_the_seeds_acsm_and_says_what_is_backplans_choice():
    schedule = default_schedule()
    text = " ".join(schedule.source)
    for cited in ("001_abe4b56d6627de42.txt", "003_7929659146c9c624.txt", "Ratamess et al. 2009", "backplan's choice"):
        assert cited in text
    assert [w for w in range(1, 9) if schedule.is_deload(w)] == [4, 8]


def _bad(tmp_path, old: str, new: str) -> str:
    path = tmp_path / "progression.yaml"
    text = schedule_file().read_text()
    assert old in text
    path.write_text(text.replace(old, new))
    with pytest.raises(InputError) as info:
        load_schedule(path)
    return str(info.value).replace(str(path), "FILE")


def _line(old: str) -> int:
    return next(n for n, line in enumerate(schedule_file().read_text().splitlines(), 1) if line.startswith(old))


def test_a_bad_number_is_named_with_its_line_and_column(tmp_path):
    assert _bad(tmp_path, "deload_every: 4", "deload_every: 1") == (
        f"FILE:{_line('deload_every:')}:15: deload_every: Input should be greater than or equal to 2")


def test_a_word_where_a_number_goes(tmp_path):
    assert _bad(tmp_path, "  reps: 2", "  reps: two") == f"FILE:{_line('  reps: 2')}:9: step.reps: \"two\" is not a whole number"


def test_a_misspelt_key_is_a_missing_one(tmp_path):
    assert _bad(tmp_path, "sets_every: 3", "sets_evry: 3") == 'FILE:3:1: missing required key "sets_every"'


def test_a_step_that_adds_nothing(tmp_path):
    message = _bad(tmp_path, "  reps: 2\n  hold_s: 5\n  minutes: 1", "  reps: 0\n  hold_s: 0\n  minutes: 0")
    assert message.endswith("a step must add something: give reps, hold_s or minutes above 0")


def test_progress_kinds_are_the_catalogs_kinds(tmp_path):
    path = tmp_path / "progression.yaml"
    path.write_text(schedule_file().read_text().replace("progress_kinds: [strength, aerobic]",
                                                         "progress_kinds: [strength, aerobik]"))
    with pytest.raises(InputError) as info:
        load_schedule(path, default_catalog().vocab.kinds)
    assert str(info.value) == f'{path}:{_line("progress_kinds:")}:28: unknown kind "aerobik" (did you mean "aerobic"?)'


def test_when_full_names_its_ways_once_and_only_the_catalogs_kinds(tmp_path):
    assert default_schedule().when_full.order == ["harder_variant", "denser", "make_room"]
    message = _bad(tmp_path, "order: [harder_variant, denser, make_room]", "order: [denser, denser]")
    assert message == f"FILE:{_line('when_full:') + 1}:3: when_full: order names each way once"
    path = tmp_path / "progression.yaml"
    path.write_text(schedule_file().read_text().replace("{kind: mobility, part: sets", "{kind: mobilty, part: sets"))
    with pytest.raises(InputError) as info:
        load_schedule(path, default_catalog().vocab.kinds)
    line = _line("    - {kind: mobility")
    assert str(info.value) == f'{path}:{line}:14: unknown kind "mobilty" (did you mean "mobility"?)'


def test_a_trim_may_take_sets_or_minutes_only(tmp_path):
    message = _bad(tmp_path, "{kind: stretch, part: sets, by: 1, floor: 1}", "{kind: stretch, part: hold_s, by: 1, floor: 1}")
    assert message == f"FILE:{_line('    - {kind: stretch')}:29: when_full.trim[0].part: \"hold_s\" is not one of sets, minutes"
