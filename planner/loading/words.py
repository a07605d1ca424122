"""Checking a user's words against a vocabulary, with a positioned "did you mean"."""

from __future__ import annotations

from collections.abc import Iterable

from planner.errors import InputError, did_you_mean
from planner.loading.yamlio import Document

__all__ = ["check_word", "check_words"]


def check_word(word: str, known: Iterable[str], what: str, doc: Document, path: tuple) -> None:
    """Raise a positioned "unknown <what>" error unless ``word`` is in ``known``."""
    known = list(known)
    if word not in known:
        raise InputError(f'unknown {what} "{word}"{did_you_mean(word, known)}', doc.where(path))


def check_words(words: Iterable[str], known: Iterable[str], what: str, doc: Document, path: tuple) -> None:
    known = list(known)
    for i, word in enumerate(words):
        check_word(word, known, what, doc, (*path, i))
