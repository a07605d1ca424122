"""Exports people use: a plan's weeks as a calendar, a printable handout (HTML or PDF) and FHIR.

One module per format (:mod:`~planner.export.ics`, :mod:`~planner.export.handout`,
:mod:`~planner.export.pdf`, :mod:`~planner.export.fhir`), each taking a sequence of dated weeks
(:mod:`~planner.export.weeks`): a week today, a programme's weeks later. The libraries they need
(the ``export`` extra: icalendar, weasyprint, fhir.resources) are imported only when a format is
asked for, so the rest of backplan neither needs nor loads them.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from planner.errors import BackplanError

if TYPE_CHECKING:
    from planner.export.weeks import DatedWeek

__all__ = ["EXPORT_FORMATS", "format_of", "export"]

# format -> (module, the library it needs, what the file holds)
EXPORT_FORMATS: dict[str, tuple[str, str, str]] = {
    "ics": ("planner.export.ics", "icalendar", "iCalendar events"),
    "html": ("planner.export.handout", "", "a printable HTML handout"),
    "pdf": ("planner.export.pdf", "weasyprint", "the handout as PDF"),
    "fhir": ("planner.export.fhir", "fhir.resources", "a FHIR R5 Bundle (JSON)"),
}
_SUFFIXES = {".ics": "ics", ".ical": "ics", ".html": "html", ".htm": "html", ".pdf": "pdf", ".json": "fhir"}
MISSING = 'the {fmt} export needs {library}, from the export extra: pip install "backplan[export]"'


def format_of(out: Path) -> str:
    """The format an output file's extension asks for (``week.ics`` is iCalendar)."""
    fmt = _SUFFIXES.get(out.suffix.lower())
    if fmt is None:
        raise BackplanError(f'cannot tell the format from "{out.name}"; give --to '
                            f'{"|".join(EXPORT_FORMATS)} or an --out ending in {", ".join(_SUFFIXES)}')
    return fmt


def export(weeks: Sequence[DatedWeek], fmt: str, session_time: dt.time | None = None,
           walk_time: dt.time | None = None) -> str | bytes:
    """The weeks in ``fmt`` (one of :data:`EXPORT_FORMATS`): text, or bytes for PDF and iCalendar."""
    if fmt not in EXPORT_FORMATS:
        raise BackplanError(f'unknown export format "{fmt}"; choose one of {", ".join(EXPORT_FORMATS)}')
    module_name, library, _ = EXPORT_FORMATS[fmt]
    try:
        module = importlib.import_module(module_name)
        if fmt == "pdf":
            importlib.import_module("weasyprint")
    except ModuleNotFoundError as exc:
        if library and exc.name is not None and exc.name.split(".")[0] == library.split(".")[0]:
            raise BackplanError(MISSING.format(fmt=fmt, library=library)) from None
        raise
    except OSError as exc:  # WeasyPrint is there, the system's Pango is not
        from planner.export.pdf import PANGO_MISSING

        raise BackplanError(PANGO_MISSING.format(error=exc)) from None
    if fmt == "ics":
        times = {k: v for k, v in (("session_time", session_time), ("walk_time", walk_time)) if v is not None}
        return module.to_ics(weeks, **times)
    if fmt == "html":
        return module.to_html(weeks)
    if fmt == "pdf":
        return module.to_pdf(weeks)
    return module.to_fhir(weeks).model_dump_json(indent=2) + "\n"
