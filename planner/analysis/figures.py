"""Figures of a plan's balance: each returns a :class:`matplotlib.figure.Figure` (never shown).

They draw the tables of :mod:`planner.analysis.tables`; a test reads the numbers back out of the
artists. Figures are made with :class:`~matplotlib.figure.Figure` directly, not pyplot, so no
window opens and no global state is touched: a notebook shows the returned figure, a script calls
``fig.savefig(...)``.
"""

from __future__ import annotations

import math

import pandas as pd

from planner.analysis import bodymap, tables
from planner.analysis.data import Band
from planner.analysis.tables import STRENGTH
from planner.notice import SAFETY_NOTICE

__all__ = ["draw_ratios", "draw_shares", "heatmap", "muscle_graph", "overview", "ratios", "shares"]

OVER = "#c0392b"
UNDER = "#4a7fb5"
RATIO_LIMITS = (1 / 16, 16)  # the log axis; a ratio beyond it (or infinite) is drawn at its edge
RATIO_TICKS = ([1 / 16, 1 / 8, 1 / 4, 1 / 2, 1, 2, 4, 8, 16], ["1/16", "1/8", "1/4", "1/2", "1", "2", "4", "8", "16"])


def _figure(size):
    from matplotlib.figure import Figure

    return Figure(figsize=size, layout="constrained")


def _wrapped(text: str, width: int = 140) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width))


def _what(block: str | None) -> str:
    return f"{block} block" if block else "every block"


def heatmap(frame: pd.DataFrame, block: str | None = STRENGTH):
    """Day (rows) by muscle group (columns), each cell the day's load in seconds under tension, written in the cell."""
    table = tables.day_by_group(frame, block)
    fig = _figure((11, 4))
    ax = fig.subplots()
    image = ax.imshow(table.to_numpy(), cmap="Reds", aspect="auto", vmin=0)
    ax.set_xticks(range(len(table.columns)), [c.replace("_", " ") for c in table.columns], rotation=45, ha="right")
    ax.set_yticks(range(len(table.index)), table.index)
    peak = table.to_numpy().max() or 1.0
    for i, row in enumerate(table.to_numpy()):
        for j, value in enumerate(row):
            if value:
                ax.text(j, i, f"{value:.0f}", ha="center", va="center", fontsize=7,
                        color="white" if value > peak * 0.6 else "black")
    fig.colorbar(image, ax=ax, label="load, seconds under tension")
    ax.set_title(f"Load per day and muscle group ({_what(block)}): {frame.attrs['profile']}")
    return fig


def draw_shares(ax, frame: pd.DataFrame, limit: float | None, block: str | None = STRENGTH) -> None:
    """Horizontal bars: each group's share of the week's load in percent, largest on top, with the
    over-dominance threshold (``limit``, 0-1, from the rules) as a dashed line."""
    share = tables.group_shares(frame, block).sort_values()
    over = [limit is not None and v > limit * 100 + 1e-9 for v in share]
    ax.barh([g.replace("_", " ") for g in share.index], share.to_numpy(), color=[OVER if o else UNDER for o in over])
    for y, value in enumerate(share):
        ax.text(value + 0.5, y, f"{value:.0f}%", va="center", fontsize=7,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5})
    top = max(share.max(), (limit or 0) * 100) * 1.15 or 10
    if limit is not None:
        ax.axvline(limit * 100, color=OVER, linestyle="--", linewidth=1.2, label=f"over-dominant above {limit:.0%}")
        ax.legend(loc="lower right", fontsize=8)
    ax.set_xlim(0, top)
    ax.set_xlabel(f"share of the week's load (%, {_what(block)})")
    ax.set_title("Each muscle group's share of the week", fontsize=10)


def shares(frame: pd.DataFrame, limit: float | None, block: str | None = STRENGTH):
    """Weekly group shares in percent against the over-dominance threshold."""
    fig = _figure((7, 5))
    draw_shares(fig.subplots(), frame, limit, block)
    return fig


def draw_ratios(ax, frame: pd.DataFrame, bands: list[Band], block: str | None = STRENGTH) -> None:
    """Each antagonist ratio (first : second) as a dot on a log axis, a line from 1 (even) to it,
    its target band shaded when a rule defines one. A one-sided pair is an arrow at the axis edge;
    a pair trained on neither side says so."""
    table = tables.antagonist_ratios(frame, block, [(b.numerator, b.denominator) for b in bands])
    low_edge, high_edge = RATIO_LIMITS
    ax.set_xscale("log")
    ax.set_xlim(low_edge, high_edge)
    ax.axvline(1.0, color="grey", linewidth=1)
    names = list(table.index)[::-1]
    band_of = {tables.pair_name(b.numerator, b.denominator): b for b in bands}
    labelled = False
    for y, name in enumerate(names):
        ratio = table.loc[name, "ratio"]
        band = band_of.get(name)
        if band is not None:
            ax.fill_betweenx([y - 0.35, y + 0.35], band.low or low_edge, band.high or high_edge, color="#2e8b57",
                             alpha=0.25, linewidth=0, label=None if labelled else "target band (rules)")
            labelled = True
        if math.isnan(ratio):
            ax.text(1.0, y, "  neither trained", va="center", fontsize=7, color="grey")
            continue
        shown = min(max(ratio, low_edge), high_edge)
        colour = OVER if band is not None and not ((band.low or 0) <= ratio <= (band.high or math.inf)) else "black"
        ax.plot([1.0, shown], [y, y], color=colour, linewidth=1.5)
        marker = ">" if ratio >= high_edge else "<" if ratio <= low_edge else "o"
        ax.plot([shown], [y], marker=marker, color=colour, markersize=6)
        first, second = (table.loc[name, k].replace("_", " ") for k in ("numerator", "denominator"))
        label = f"only {first}" if math.isinf(ratio) else f"only {second}" if ratio == 0 else f"{ratio:.2f}"
        align = "right" if shown >= high_edge else "left" if shown <= low_edge else "center"
        ax.annotate(label, (shown, y), textcoords="offset points", xytext=(0, 6), ha=align, fontsize=7)
    ax.set_yticks(range(len(names)), names)
    ax.set_ylim(-0.7, len(names) - 0.3)
    ax.set_xticks(*RATIO_TICKS)
    ax.minorticks_off()
    ax.set_xlabel(f"load ratio, first : second (log scale; 1 = even; {_what(block)})")
    title = "Antagonist pairs" + ("" if band_of else " (no target bands in these rules)")
    ax.set_title(title, fontsize=10)
    if band_of:
        ax.legend(loc="lower right", fontsize=8)


def ratios(frame: pd.DataFrame, bands: list[Band], block: str | None = STRENGTH):
    """Antagonist ratios on a log axis, against the rules' target bands."""
    fig = _figure((7, 4))
    draw_ratios(fig.subplots(), frame, bands, block)
    return fig


def muscle_graph(frame: pd.DataFrame, catalog, block: str | None = STRENGTH):
    """The muscle graph (regions, groups, muscles in three rows), each node shaded by its load;
    dotted lines join antagonists."""
    import networkx as nx
    from matplotlib import colormaps
    from matplotlib.colors import Normalize

    graph = catalog.graph
    rows = frame if block is None else frame[frame["block"] == block]
    load = rows.groupby("node")["load"].sum()
    pos = _tree_layout(graph, frame.attrs["members"])
    nodes = list(pos)
    fig = _figure((14, 6))
    ax = fig.subplots()
    values = [float(load.get(n, 0.0)) for n in nodes]
    norm = Normalize(0, max(values) or 1.0)
    cmap = colormaps["Reds"]
    nx.draw_networkx_edges(graph.hierarchy, pos, ax=ax, edge_color="#bbbbbb", arrows=False)
    nx.draw_networkx_edges(graph.antagonist_graph, pos, ax=ax, edge_color="#4a7fb5", style="dotted")
    collection = nx.draw_networkx_nodes(graph.hierarchy, pos, nodelist=nodes, node_color=values, cmap=cmap,
                                        vmin=0, vmax=norm.vmax, node_size=120, edgecolors="#555555", ax=ax)
    for n, (x, y) in pos.items():
        level = graph.level(n)
        rotation = {"muscle": 90, "group": 30, "region": 0}[level]
        ax.text(x, y + (0.12 if level == "region" else -0.12), n.replace("_", " "), rotation=rotation,
                ha="center" if level != "group" else "right", va="bottom" if level == "region" else "top",
                fontsize=6 if level == "muscle" else 7)
    fig.colorbar(collection, ax=ax, label=f"load, seconds under tension ({_what(block)})")
    ax.set_title(f"Muscle graph shaded by load (regions, groups, muscles; dotted: antagonists): {frame.attrs['profile']}")
    ax.axis("off")
    return fig


def _tree_layout(graph, members: dict[str, list[str]]) -> dict[str, tuple[float, float]]:
    """Muscles in a row (grouped, in graph order), each group above its muscles, each region above
    its groups."""
    pos: dict[str, tuple[float, float]] = {}
    x = 0.0
    for group in graph.groups:
        for muscle in members.get(group, []):
            pos[muscle] = (x, 0.0)
            x += 1.0
        x += 0.6
    for group in graph.groups:
        xs = [pos[m][0] for m in members.get(group, [])] or [0.0]
        pos[group] = (sum(xs) / len(xs), 1.0)
    for region in graph.regions:
        xs = [pos[g][0] for g in graph.groups if region in graph.ancestors_of(g)]
        if xs:
            pos[region] = (sum(xs) / len(xs), 2.0)
    return pos


def overview(frame: pd.DataFrame, limit: float | None, bands: list[Band], block: str | None = STRENGTH):
    """The main picture (``backplan plot``): group shares against the threshold, antagonist ratios,
    and the body map, with the safety notice."""
    from matplotlib import colormaps
    from matplotlib.colors import Normalize

    fig = _figure((13, 8.5))
    grid = fig.add_gridspec(2, 3, width_ratios=[1.25, 0.6, 0.6], height_ratios=[1.2, 1])
    draw_shares(fig.add_subplot(grid[0, 0]), frame, limit, block)
    draw_ratios(fig.add_subplot(grid[1, 0]), frame, bands, block)
    front, back = fig.add_subplot(grid[:, 1]), fig.add_subplot(grid[:, 2])
    areas = bodymap.area_loads(frame, block)
    norm = Normalize(0, max(areas["load"].max(), 1.0))
    cmap = colormaps["Reds"]
    bodymap.draw(front, back, areas, norm, cmap)
    bodymap._colorbar(fig, [front, back], norm, cmap, block)
    hidden = bodymap.hidden_groups(frame, block)
    if hidden:
        listed = ", ".join(f"{g.replace('_', ' ')} {v:.0f}%" for g, v in hidden.items())
        note = back.text(0, 1448 + 30, f"not drawn (deep muscles): {listed}", fontsize=8, va="top", ha="center")
        note.set_in_layout(False)
    seed = frame.attrs.get("seed")
    fig.suptitle(f"Balance of the week: {frame.attrs['profile']}" + (f" (seed {seed})" if seed is not None else ""),
                 fontsize=13)
    fig.supxlabel(_wrapped(SAFETY_NOTICE), fontsize=8, color="#444444")
    return fig
