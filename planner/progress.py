"""What a long computation is doing now, for whoever shows it (the CLI's spinner).

Code that plans calls :func:`phase` with a few plain words ("searching for a week"); it costs
nothing when nobody listens. A display listens with :func:`listening`::

    >>> seen = []
    >>> with listening(seen.append):
    ...     phase("searching for a week")
    >>> phase("nobody hears this")
    >>> seen
    ['searching for a week']
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextvars import ContextVar

__all__ = ["listening", "phase"]

_LISTENER: ContextVar[Callable[[str], None] | None] = ContextVar("backplan_progress", default=None)


def phase(words: str) -> None:
    """Say what is being done now (to the listener, if any)."""
    listener = _LISTENER.get()
    if listener is not None:
        listener(words)


@contextlib.contextmanager
def listening(listener: Callable[[str], None]) -> Iterator[None]:
    """Send every :func:`phase` in this context to ``listener``."""
    token = _LISTENER.set(listener)
    try:
        yield
    finally:
        _LISTENER.reset(token)
