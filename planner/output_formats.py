"""The formats a week is shown in, and which one an output file's name asks for.

A module of its own, importing nothing, so that a command can check ``--format`` before it loads
the plan contract or the renderer (:mod:`planner.render`), e.g. when the week is reused.

>>> format_for(None), format_for(Path("week.json")), format_for(Path("week.MD"))
('table', 'json', 'markdown')
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

__all__ = ["FORMATS", "Format", "format_for"]

Format = Literal["table", "markdown", "json"]
FORMATS: tuple[str, ...] = ("table", "markdown", "json")
_FORMAT_OF_SUFFIX = {".json": "json", ".md": "markdown", ".markdown": "markdown"}


def format_for(out: Path | None) -> str:
    """The format an output file's name asks for (``week.json`` is JSON), else the table."""
    return _FORMAT_OF_SUFFIX.get(out.suffix.lower(), "table") if out is not None else "table"
