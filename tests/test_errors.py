"""Error messages: one terminal-safe line, whatever the user's file held."""

from __future__ import annotations

from planner.errors import MAX_QUOTED, InputError, Where


def test_a_long_quoted_value_is_cut_and_its_length_said():
    error = InputError('unknown rule kind "' + "k" * 1_500_000 + '"', Where("r.yaml", 3, 11))
    assert str(error) == f'r.yaml:3:11: unknown rule kind "{"k" * (MAX_QUOTED - 1)}…" (1,500,000 characters)'


def test_control_and_format_characters_are_shown_not_obeyed():
    error = InputError('unknown exercise "a\x1b[31mb\u202ec\nd"')
    assert str(error) == 'unknown exercise "a\\x1b[31mb\\u202ec\\x0ad"'


def test_the_lines_of_a_message_we_write_stay_lines():
    assert str(InputError("first\n  - second \x1b")) == "first\n  - second \\x1b"
