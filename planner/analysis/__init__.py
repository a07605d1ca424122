"""Reading a plan's balance: tables (pandas) and figures (matplotlib), for notebooks and ``backplan plot``.

Needs the optional extra: ``pip install "backplan[notebooks]"`` (pandas and matplotlib).

- :mod:`planner.analysis.data`: the ONE place loads are read (:func:`~planner.analysis.data.loads`),
  with the balance rule's share limit and the antagonist bands the rules define;
- :mod:`planner.analysis.tables`: day x group, week x region, left/right, per block, shares, ratios;
- :mod:`planner.analysis.figures`: heat map, shares, ratios, muscle graph, the overview picture;
- :mod:`planner.analysis.bodymap`: front and back outlines shaded per muscle;
- :mod:`planner.analysis.compare`: two plans side by side, differences highlighted.

Figures return a :class:`matplotlib.figure.Figure` and never call ``show()``; a notebook displays
the returned figure, a script saves it.
"""

from __future__ import annotations

__all__ = ["MISSING_EXTRA"]

MISSING_EXTRA = 'plots need pandas and matplotlib: pip install "backplan[notebooks]"'
