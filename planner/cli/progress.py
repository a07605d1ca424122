"""A spinner on the terminal while ``plan`` searches: the phase and the time so far.

It appears only when both standard output and standard error are terminals, so pipes, files and
tests see exactly what they saw without it; it is gone (transient) before the plan is printed.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator

from planner.progress import listening, phase

__all__ = ["spinner"]


@contextlib.contextmanager
def spinner(first: str) -> Iterator[None]:
    """Show ``first`` and then every :func:`planner.progress.phase`, with the elapsed time."""
    if not (sys.stdout.isatty() and sys.stderr.isatty()):
        yield
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                  console=Console(stderr=True), transient=True) as shown:
        # no bar is drawn, so the total only has to stay unmet (rich 10.11, our lowest, has no total=None)
        task = shown.add_task(first, total=1)

        def show(words: str) -> None:  # drawn at once: a quick phase is seen, not lost between refreshes
            shown.update(task, description=words)
            shown.refresh()

        with listening(show):
            phase(first)
            yield
