"""Two plans side by side (two seeds, two rule sets or two profiles), differences highlighted."""

from __future__ import annotations

import math

import pandas as pd

from planner.analysis import tables
from planner.analysis.figures import RATIO_TICKS
from planner.analysis.tables import STRENGTH

__all__ = ["HIGHLIGHT_POINTS", "compare", "share_difference"]

HIGHLIGHT_POINTS = 5.0  # a group whose share differs by at least this many percentage points is highlighted


def share_difference(first: pd.DataFrame, second: pd.DataFrame, block: str | None = STRENGTH) -> pd.DataFrame:
    """Each group's share (%) in both plans and the difference (second - first, percentage points)."""
    a, b = tables.group_shares(first, block), tables.group_shares(second, block)
    return pd.DataFrame({"first (%)": a, "second (%)": b, "difference (points)": b - a})


def compare(first: pd.DataFrame, second: pd.DataFrame, labels: tuple[str, str] = ("first", "second"),
            limit: float | None = None, block: str | None = STRENGTH):
    """Left: both plans' group shares as paired bars (the first plan's on top), the threshold dashed;
    groups that differ by :data:`HIGHLIGHT_POINTS` or more are named in bold red. Right: both plans'
    antagonist ratios."""
    from matplotlib.figure import Figure

    table = share_difference(first, second, block)
    fig = Figure(figsize=(13, 6), layout="constrained")
    left, right = fig.subplots(1, 2, width_ratios=[1.2, 1])
    y = range(len(table))
    left.barh([i - 0.2 for i in y], table["first (%)"], height=0.4, color="#4a7fb5", label=labels[0])
    left.barh([i + 0.2 for i in y], table["second (%)"], height=0.4, color="#e39b3c", label=labels[1])
    left.set_yticks(list(y), [g.replace("_", " ") for g in table.index])
    for tick, diff in zip(left.get_yticklabels(), table["difference (points)"]):
        if abs(diff) >= HIGHLIGHT_POINTS:
            tick.set_color("#c0392b")
            tick.set_fontweight("bold")
    if limit is not None:
        left.axvline(limit * 100, color="#c0392b", linestyle="--", linewidth=1.2, label=f"over-dominant above {limit:.0%}")
    left.invert_yaxis()
    left.set_xlabel(f"share of the week's load (%, {block or 'every'} block)")
    left.set_title(f"Group shares (red names: {HIGHLIGHT_POINTS:g}+ points apart)", fontsize=10)
    left.legend(loc="lower right", fontsize=8)

    ra, rb = tables.antagonist_ratios(first, block)["ratio"], tables.antagonist_ratios(second, block)["ratio"]
    names = list(ra.index)
    right.set_xscale("log")
    right.set_xlim(1 / 16, 16)
    right.axvline(1.0, color="grey", linewidth=1)
    for values, offset, colour, label in ((ra, -0.15, "#4a7fb5", labels[0]), (rb, 0.15, "#e39b3c", labels[1])):
        xs = [min(max(values[n], 1 / 16), 16) if not math.isnan(values[n]) else math.nan for n in names]
        right.plot(xs, [i + offset for i in range(len(names))], "o", color=colour, label=label)
    right.set_yticks(range(len(names)), names)
    right.set_xticks(*RATIO_TICKS)
    right.minorticks_off()
    right.invert_yaxis()
    right.set_xlabel("load ratio, first : second (log scale; 1 = even)")
    right.set_title("Antagonist pairs (a pair trained on one side only: at the edge)", fontsize=10)
    right.legend(loc="lower right", fontsize=8)
    fig.suptitle(f"{labels[0]}  vs  {labels[1]}", fontsize=12)
    return fig
