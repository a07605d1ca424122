"""Tables of a plan's load (pandas), all read from :func:`planner.analysis.data.loads`.

Every function takes the frame ``loads`` returns. ``block`` chooses the session block counted
(``"strength"`` by default, as the balance rule counts; ``None`` for every block). Loads are in
seconds under tension, from the one load model (:mod:`planner.load`: a primary muscle takes an
item's seconds, a secondary one half; a left or right item is half).
"""

from __future__ import annotations

from collections.abc import Sequence

import math

import pandas as pd

__all__ = [
    "antagonist_ratios",
    "by_block",
    "day_by_group",
    "group_load",
    "group_shares",
    "left_right",
    "pair_name",
    "select",
    "week_by_region",
]

STRENGTH = "strength"


def select(frame: pd.DataFrame, level: str, block: str | None = STRENGTH) -> pd.DataFrame:
    """The rows of one graph level (muscle, group or region), of one block or of all."""
    rows = frame[frame["level"] == level]
    return rows if block is None else rows[rows["block"] == block]


def group_load(frame: pd.DataFrame, block: str | None = STRENGTH) -> pd.Series:
    """Weekly load per muscle group, every group of the graph (0 when untrained), in graph order."""
    rows = select(frame, "group", block)
    return rows.groupby("node")["load"].sum().reindex(frame.attrs["groups"], fill_value=0.0).rename("load")


def day_by_group(frame: pd.DataFrame, block: str | None = STRENGTH) -> pd.DataFrame:
    """Load per day (rows, Monday first, every day of the plan) and muscle group (columns)."""
    rows = select(frame, "group", block)
    table = rows.pivot_table(index="day", columns="node", values="load", aggfunc="sum", fill_value=0.0)
    return table.reindex(index=frame.attrs["days"], columns=frame.attrs["groups"], fill_value=0.0).astype(float)


def week_by_region(frame: pd.DataFrame, block: str | None = STRENGTH) -> pd.Series:
    """The week's load per body region (neck first, legs last)."""
    rows = select(frame, "region", block)
    return rows.groupby("node")["load"].sum().reindex(frame.attrs["regions"], fill_value=0.0).rename("load")


def by_block(frame: pd.DataFrame, level: str = "group") -> pd.DataFrame:
    """The week's load per node of ``level`` (rows) and session block (columns)."""
    rows = select(frame, level, None)
    table = rows.pivot_table(index="node", columns="block", values="load", aggfunc="sum", fill_value=0.0)
    order = frame.attrs["groups" if level == "group" else "regions" if level == "region" else "muscles"]
    return table.reindex(index=order, fill_value=0.0).astype(float)


def left_right(frame: pd.DataFrame, block: str | None = STRENGTH) -> pd.DataFrame:
    """Load on the left and right muscles of each group (paired muscles only; bilateral work counts
    half on each side), with ``right : left``. Groups with no paired load are left out."""
    rows = select(frame, "muscle", block)
    rows = rows[rows["body_side"] != "both"]
    group_of = {m: g for g in frame.attrs["groups"] for m in _muscles_of(frame, g)}
    rows = rows.assign(group=rows["node"].map(group_of))
    table = rows.pivot_table(index="group", columns="body_side", values="load", aggfunc="sum", fill_value=0.0)
    table = table.reindex(index=[g for g in frame.attrs["groups"] if g in table.index],
                          columns=["left", "right"], fill_value=0.0).astype(float)
    table["right : left"] = [r / lft if lft else math.nan for lft, r in zip(table["left"], table["right"])]
    return table


def _muscles_of(frame: pd.DataFrame, group: str) -> list[str]:
    return frame.attrs.get("members", {}).get(group, [])


def group_shares(frame: pd.DataFrame, block: str | None = STRENGTH) -> pd.Series:
    """Each group's share of the week's load, in percent (summing to 100; all 0 when none)."""
    load = group_load(frame, block)
    total = load.sum()
    return (load * 100.0 / total if total else load * 0.0).rename("share (%)")


def pair_name(numerator: str, denominator: str) -> str:
    """``"abdominals : erectors"``: the fixed direction every ratio is named and computed in."""
    return f"{numerator.replace('_', ' ')} : {denominator.replace('_', ' ')}"


def antagonist_ratios(frame: pd.DataFrame, block: str | None = STRENGTH,
                      extra: Sequence[tuple[str, str]] = ()) -> pd.DataFrame:
    """One row per antagonist pair, named in its fixed direction (first : second): the pairs of
    ``extra`` first (the rules' banded pairs, in their rules' direction), then the catalog's
    antagonist pairs not among them (as the catalog lists them): both loads and their ratio
    (``inf`` when only the first is trained, 0 when only the second, ``NaN`` when neither)."""
    rows = frame if block is None else frame[frame["block"] == block]
    totals = rows.groupby("node")["load"].sum()  # a paired muscle's two sides together
    out = []
    seen = {frozenset(p) for p in extra}
    every = list(dict.fromkeys(extra)) + [p for p in frame.attrs["pairs"] if frozenset(p) not in seen]
    for a, b in every:
        la, lb = float(totals.get(a, 0.0)), float(totals.get(b, 0.0))
        ratio = la / lb if lb else (math.inf if la else math.nan)
        out.append((pair_name(a, b), a, b, la, lb, ratio))
    table = pd.DataFrame(out, columns=["pair", "numerator", "denominator", "numerator load", "denominator load",
                                       "ratio"])
    return table.set_index("pair")
