"""The one exception family of backplan and the exit codes it maps to.

Every error a user can cause is a :class:`BackplanError` carrying a message and, where it comes
from a file, the file, line and column. The CLI turns it into one line on stderr and an exit code;
nothing else in the package prints errors or chooses exit codes.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "EXIT_INFEASIBLE",
    "EXIT_INPUT",
    "EXIT_OK",
    "EXIT_RED_FLAG",
    "EXIT_VIOLATION",
    "BackplanError",
    "InfeasibleError",
    "InputError",
    "RedFlagError",
    "Where",
    "did_you_mean",
]

EXIT_OK = 0
EXIT_VIOLATION = 1  # `backplan check` found a hard-rule violation
EXIT_INPUT = 2  # bad input: malformed YAML, unknown names, wrong types, contradictory rules
EXIT_RED_FLAG = 3  # the profile needs a doctor's clearance before any plan
EXIT_INFEASIBLE = 4  # the hard rules cannot all hold for this profile
EXIT_INTERNAL = 70  # a bug: an unexpected exception (--debug shows the traceback)
EXIT_INTERRUPTED = 130  # Ctrl-C
EXIT_BROKEN_PIPE = 141  # the reader of standard output went away (as if killed by SIGPIPE)


@dataclass(frozen=True)
class Where:
    """A position in a user's file (1-based line and column)."""

    file: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


MAX_QUOTED = 60  # longest quoted user text repeated whole in a message


def _quoted(match: re.Match[str]) -> str:
    text = match.group(1)
    if len(text) > MAX_QUOTED:
        return f'"{_escaped(text[: MAX_QUOTED - 1])}…" ({len(text):,} characters)'
    return f'"{_escaped(text)}"'


def _escaped(text: str, keep: str = "") -> str:
    return "".join(_visible(ch) if ch not in keep else ch for ch in text)


def safe_message(message: str) -> str:
    """A message fit for one terminal line: long quoted values cut, control characters escaped.

    Values quoted from a user's file can be megabytes long or hold escape sequences, newlines or
    bidirectional overrides; a message repeats at most ``MAX_QUOTED`` characters of each and shows
    every control or format character (a newline too, inside quotes) as a visible ``\\x..``/``\\u....`` escape.
    """
    parts = re.split(r'("[^"]*")', message)
    return "".join(
        _quoted(re.match(r'"(.*)"', part, re.DOTALL)) if part.startswith('"') and len(part) > 1 and part.endswith('"')  # type: ignore[arg-type]
        else _escaped(part, keep="\n")
        for part in parts
    )


def _visible(ch: str) -> str:
    if ch.isprintable() or ch == " ":
        return ch
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


class BackplanError(Exception):
    """Base of every error backplan reports to a user."""

    exit_code = EXIT_INPUT

    def __init__(self, message: str, where: Where | None = None) -> None:
        message = safe_message(message)
        super().__init__(message)
        self.message = message
        self.where = where

    def __str__(self) -> str:
        if self.where is None:
            return self.message
        return f"{self.where}: {self.message}"


class InputError(BackplanError):
    """A file or argument the user gave is malformed, unknown or contradictory."""

    exit_code = EXIT_INPUT


class RedFlagError(BackplanError):
    """The profile reports something that needs a doctor before any exercise plan.

    Its message is advice for the person, in plain words; ``rule_ids`` names the rules that
    referred (for programs and logs, not for the person)."""

    exit_code = EXIT_RED_FLAG

    def __init__(self, message: str, rule_ids: Iterable[str] = ()) -> None:
        super().__init__(message)
        self.rule_ids = tuple(rule_ids)


class InfeasibleError(BackplanError):
    """The hard rules cannot all be met; ``rule_ids`` names the conflicting ones. ``no_week``:
    no week holds them (not a session order, not a search that gave up), so changes to the
    profile are worth trying (:mod:`planner.solver.suggest`)."""

    exit_code = EXIT_INFEASIBLE

    def __init__(self, message: str, rule_ids: Iterable[str] = (), proven: bool = True, no_week: bool = False) -> None:
        super().__init__(message)
        self.rule_ids = tuple(rule_ids)
        self.proven = proven
        self.no_week = no_week


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """Return ``' (did you mean "x"?)'`` for the closest known word, or ``''``: close in
    spelling, else the one known word that is a part of it or has it as a part (``yoga_mat``:
    ``mat``; parts are separated by ``_`` or ``-``)."""
    words = sorted(set(known))
    close = difflib.get_close_matches(str(word), words, n=1, cutoff=0.6)
    if not close:
        parts = set(re.split(r"[_\-]", str(word)))
        close = [k for k in words if k in parts or str(word) in re.split(r"[_\-]", k)]
        close = close if len(close) == 1 else []
    return f' (did you mean "{close[0]}"?)' if close else ""
