"""The handout as a PDF, printed by WeasyPrint from :func:`planner.export.handout.to_html`.

WeasyPrint needs the Pango text libraries of the system (on Debian and Ubuntu: libpango-1.0-0
and libpangoft2-1.0-0); without them it cannot be imported, and the export says what to install.
"""

from __future__ import annotations

from collections.abc import Sequence

from planner.errors import BackplanError
from planner.export.handout import to_html
from planner.export.weeks import DatedWeek

__all__ = ["to_pdf", "PANGO_MISSING"]

PANGO_MISSING = ("PDF export needs WeasyPrint and the Pango libraries it uses (on Debian or Ubuntu: "
                 "apt-get install libpango-1.0-0 libpangoft2-1.0-0): {error}")


def to_pdf(weeks: Sequence[DatedWeek]) -> bytes:
    """The handout of the weeks as PDF bytes."""
    try:
        from weasyprint import HTML
    except OSError as exc:  # WeasyPrint is installed, but the system's Pango is missing
        raise BackplanError(PANGO_MISSING.format(error=exc)) from None
    return HTML(string=to_html(weeks)).write_pdf()
