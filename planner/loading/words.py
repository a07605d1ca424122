"""Checking a user's words against a vocabulary, with a positioned "did you mean"."""

from __future__ import annotations

from collections.abc import Iterable

from planner.errors import InputError, did_you_mean
from planner.loading.yamlio import Document

__all__ = ["check_word", "check_words", "unknown_word"]

LIST_UP_TO = 40  # a vocabulary this small is listed when a word is not close to any of its words
DECLARABLE = {"condition": "conditions", "equipment": "equipment"}  # see planner.vocabulary


def unknown_word(word: str, known: list[str], what: str, declarable: bool = False) -> str:
    """``unknown <what> "<word>"`` with a "did you mean", else the words there are (and, when
    ``declarable``, how a rule file declares a new one)."""
    hint = did_you_mean(word, known)
    if not hint and len(known) <= LIST_UP_TO:
        hint = f" (known: {', '.join(known)})"
        if declarable and what in DECLARABLE:
            hint += f'; a rule file can declare a new one under "vocabulary: {{{DECLARABLE[what]}: ...}}"'
    return f'unknown {what} "{word}"{hint}'


def check_word(word: str, known: Iterable[str], what: str, doc: Document, path: tuple, declarable: bool = False) -> None:
    """Raise a positioned "unknown <what>" error unless ``word`` is in ``known``."""
    known = list(known)
    if word not in known:
        raise InputError(unknown_word(word, known, what, declarable), doc.where(path))


def check_words(words: Iterable[str], known: Iterable[str], what: str, doc: Document, path: tuple,
                declarable: bool = False) -> None:
    known = list(known)
    for i, word in enumerate(words):
        check_word(word, known, what, doc, (*path, i), declarable)
