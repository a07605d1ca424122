"""How a plan's balance figures read for people: ratios, bands and the balance summary.

Text only, from the plan's own :class:`planner.contract.Balance` section, so that showing a plan
(:mod:`planner.render`) needs neither the catalog nor the load model that computed the figures
(:mod:`planner.balance`).

>>> ratio_text(1.234), ratio_text(None), band_text(0.8, 1.25), band_text(None, 1.5)
('1.23', 'unbounded', 'band 0.80-1.25', 'at most 1.50')
"""

from __future__ import annotations

from planner.contract import Balance, PairBand

__all__ = ["band_text", "pair_ratio_text", "ratio_text", "summary_lines"]


def ratio_text(ratio: float | None) -> str:
    """A ratio to two decimals; ``None`` (nothing on the other side) is "unbounded"."""
    return "unbounded" if ratio is None else f"{ratio:.2f}"


def pair_ratio_text(pair: PairBand) -> str:
    """A pair's ratio, "0:0" when neither side is worked."""
    return "0:0" if pair.seconds == [0.0, 0.0] else ratio_text(pair.ratio)


def band_text(low: float | None, high: float | None) -> str:
    if low is not None and high is not None:
        return f"band {low:.2f}-{high:.2f}"
    return f"at most {high:.2f}" if high is not None else f"at least {low:.2f}"


def summary_lines(balance: Balance) -> list[str]:
    """A short summary for people: the largest groups, the pairs and sides, what is out of band."""
    top = ", ".join(f"{g.group} {g.share:.0%}" for g in balance.groups[:4]) or "no strength work"
    lines = [f"Balance ({' and '.join(balance.blocks)} work, {balance.total_seconds:.0f} s under tension): {top}."]
    pairs = [f"{p.pair} {pair_ratio_text(p)} ({band_text(p.low, p.high)})" for p in balance.pairs]
    pairs.append(f"left:right {ratio_text(balance.sides.ratio)} ({band_text(balance.sides.low, balance.sides.high)})")
    lines.append("Pairs: " + "; ".join(pairs) + ".")
    lines.append("Out of band: " + ("; ".join(balance.out_of_band) if balance.out_of_band else "none") + ".")
    lines += [f"Why {p.pair} stays out of band: {p.why}." for p in balance.pairs if p.why and not p.in_band]
    if balance.dominance.why and not balance.dominance.in_band:
        lines.append(f"Why {balance.dominance.group} takes more than its share: {balance.dominance.why}.")
    return lines
