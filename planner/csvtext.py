"""CSV as backplan writes it: one writer for every table it exports (the pain diary's sessions,
a batch's summary).

A header row, then one row per record; ``\\n`` line ends on every platform; a cell with a comma,
a quote or a line break is quoted as Python's :mod:`csv` does by default. What goes into a cell
(a diary's note kept as written so that an import reads it back, a batch cell kept on one line)
is the caller's choice.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

__all__ = ["csv_text"]


def csv_text(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """The CSV text of ``rows`` (each in the order of ``columns``) under a header of ``columns``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue()
