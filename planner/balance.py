"""The plan's balance section: muscle-group load, antagonist pairs, left and right, dominance.

Built from a plan's items through the load model (:mod:`planner.load`) and the rules that apply
to the profile, so the bands are data in ``rules/`` (the shipped ones in ``rules/balance.yaml``):

* **groups**: each group's seconds under tension in the counted blocks
  (:data:`planner.load.COUNTED_BLOCKS`), its share of all groups' load, and on how many days
  it is trained (days with counted work whose primary muscles are in the group);
* **pairs**: every antagonist pair a ``load_ratio`` rule bounds; a rule each way round makes a
  band (``a:b`` at most 1.0 and ``b:a`` at most 2.0 is the band 0.5-1.0 for ``a:b``), and the
  pair is in band when each of its rules holds (measured, as the rule is, on its own ``select``);
* **sides**: left against right over the paired muscles, in band within
  :data:`SIDE_BAND` (backplan's reading of McGill's side-bridge flag: see below);
* **dominance index**: the largest share one group takes, against the ``max_share`` of the
  ``balance`` rules that apply (measured on each rule's own ``select`` and groups).

``backplan plan`` writes the section; ``backplan check`` builds it again from the plan's items
and flags a plan whose section says something else (:func:`disagreement`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from planner.balance_text import band_text, pair_ratio_text, ratio_text, summary_lines
from planner.catalog import Catalog
from planner.contract import Balance, Dominance, GroupLoad, PairBand, Plan, Sides
from planner.kinds.base import Context, Week
from planner.load import COUNTED_BLOCKS, items_load, over_shares, ratio_excess, side_loads
from planner.models import Profile, Selector
from planner.rules import Rule

__all__ = ["SIDE_BAND", "MEASURE", "RatioBand", "balance_of", "plan_balance", "ratio_bands", "share_limit", "disagreement",
           "summary_lines"]

# McGill, Childs & Liebenson 1999 suspect an imbalance when the right and left side-bridge
# endurance times differ by more than 5%. Using that endurance-test flag as a band for the
# training load of the two sides is backplan's interpretation. backplan writes a unilateral
# exercise as a left and a right item with one dose, so its own plans always hold it; an edited
# plan may not.
SIDE_BAND = (0.95, 1.05)
MEASURE = "seconds under tension: reps x 4 s (plus any hold per rep), holds, minutes; primary muscles full, secondary half"


def _items(week: Week):
    return [(e.exercise, e.side, e) for _, entries in week.sessions() for e in entries]


def balance_of(week: Week, catalog: Catalog, rules: Sequence[Rule], profile: Profile) -> Balance:
    """The balance section of a week, with the bands of the rules that apply to ``profile``."""
    ctx = Context(catalog, profile)
    items = _items(week)
    counted = ctx.select(Selector(block=list(COUNTED_BLOCKS)))
    load = items_load(catalog, items, counted)
    names = catalog.graph.groups
    total = sum(load.get(g, 0.0) for g in names)
    groups = [
        GroupLoad(group=g, seconds=round(load[g], 1), share=round(load[g] / total, 3), days=_days(week, catalog, counted, g))
        for g in sorted(names, key=lambda g: (-load.get(g, 0.0), names.index(g))) if load.get(g, 0.0) > 0
    ]
    applying = [r for r in rules if r.applies(profile)]
    pairs = _pairs(applying, items, ctx)
    left, right = side_loads(catalog, items, counted)
    ratio = round(left / right, 2) if right else None
    low, high = SIDE_BAND
    sides = Sides(left=round(left, 1), right=round(right, 1), ratio=ratio, low=low, high=high,
                  in_band=(left == right == 0) or (bool(right) and low <= left / right <= high))
    dominance = _dominance([r for r in applying if r.header.kind == "balance"], items, ctx, load, total)
    out = [f"{p.pair} {pair_ratio_text(p)}, {band_text(p.low, p.high)}" for p in pairs if not p.in_band]
    if not sides.in_band:
        out.append(f"left:right {ratio_text(sides.ratio)}, {band_text(low, high)}")
    if not dominance.in_band:
        out.append(f"{dominance.group} takes {dominance.share:.0%} of the load, more than {dominance.max_share:.0%}")
    return Balance(measure=MEASURE, blocks=list(COUNTED_BLOCKS), total_seconds=round(total, 1), groups=groups,
                   pairs=pairs, sides=sides, dominance=dominance, out_of_band=out)


def plan_balance(plan: Plan, catalog: Catalog, rules: Sequence[Rule], profile: Profile) -> Balance:
    """The balance section of a plan's items."""
    return balance_of(Week.from_plan(plan, profile.days), catalog, rules, profile)


def _days(week: Week, catalog: Catalog, counted: frozenset[str], group: str) -> int:
    graph = catalog.graph
    return sum(1 for _, entries in week.sessions()
               if any(e.exercise in counted and graph.works(catalog.exercises[e.exercise].muscles.primary, group)
                      for e in entries))


@dataclass(frozen=True)
class RatioBand:
    """The band the ``load_ratio`` rules set for ``numerator:denominator`` (either end may be
    open), with the rules that set it, first rule first."""

    numerator: str
    denominator: str
    low: float | None
    high: float | None
    rules: tuple[Rule, ...]


def ratio_bands(rules: Sequence[Rule]) -> list[RatioBand]:
    """The antagonist bands of the ``load_ratio`` rules among ``rules`` (a rule switched off sets
    none): one band per pair of parts, oriented as its first rule. A rule the same way round
    caps it (the lowest ``max_ratio`` wins); a rule the other way round bounds it from below
    (``b:a`` at most 2.0 is ``a:b`` at least 0.5; the highest such bound wins). The one reader
    of the bands: the plan's balance section and the plots (:func:`planner.analysis.data.bands`)."""
    bands: dict[frozenset[str], RatioBand] = {}
    for rule in rules:
        if rule.header.kind != "load_ratio" or rule.off:
            continue
        p = rule.params
        key = frozenset((p.numerator, p.denominator))
        band = bands.setdefault(key, RatioBand(p.numerator, p.denominator, None, None, ()))
        low, high = band.low, band.high
        if p.numerator == band.numerator:
            high = p.max_ratio if high is None else min(high, p.max_ratio)
        else:
            low = 1 / p.max_ratio if low is None else max(low, 1 / p.max_ratio)
        bands[key] = replace(band, low=low, high=high, rules=(*band.rules, rule))
    return list(bands.values())


def _pairs(rules: list[Rule], items, ctx: Context) -> list[PairBand]:
    """Each band measured on the items: in band when each of its rules holds (on its own ``select``)."""
    out = []
    for band in ratio_bands(rules):
        held = not any(ratio_excess(items_load(ctx.catalog, items, ctx.select(r.params.select)),
                                    r.params.numerator, r.params.denominator, r.params.max_ratio)
                       for r in band.rules)
        load = items_load(ctx.catalog, items, ctx.select(band.rules[0].params.select))
        top, bottom = load.get(band.numerator, 0.0), load.get(band.denominator, 0.0)
        out.append(PairBand(pair=f"{band.numerator}:{band.denominator}", seconds=[round(top, 1), round(bottom, 1)], ratio=round(top / bottom, 2) if bottom else None,
                            low=None if band.low is None else round(band.low, 2), high=band.high,
                            in_band=held, rules=[r.id for r in band.rules]))
    return out


def _dominance(rules: list[Rule], items, ctx: Context, load: dict[str, float], total: float) -> Dominance:
    """The largest group's share of the counted load, bounded by the balance rules."""
    names = ctx.catalog.graph.groups
    top = max(names, key=lambda g: load.get(g, 0.0)) if total else None
    share = round(load[top] / total, 3) if top else 0.0
    held = all(not over_shares(items_load(ctx.catalog, items, ctx.select(r.params.select)),
                               r.params.groups or names, r.params.max_share) for r in rules)
    return Dominance(group=top, share=share, max_share=share_limit(rules), in_band=held, rules=[r.id for r in rules])


def share_limit(rules: Sequence[Rule]) -> float | None:
    """The over-dominance threshold (0-1) of ``rules``: the lowest ``max_share`` of their balance
    rules (a rule switched off sets none), or ``None`` without one. The plan's balance section
    and the plots read it here."""
    limits = [r.params.max_share for r in rules if r.header.kind == "balance" and not r.off]
    return min(limits) if limits else None


def disagreement(given: Balance, plan: Plan, catalog: Catalog, rules: Sequence[Rule], profile: Profile) -> str | None:
    """What a plan's balance section gets wrong, recomputed from its items, or ``None``.

    The figures that depend on the items alone (groups, total, sides, the dominant group and its
    share) must be equal; a pair and the dominance band are compared when the rules given are
    the ones that made them (a check against other rules does not fault the section for them).
    """
    actual = plan_balance(plan, catalog, rules, profile)
    wrong = [key for key in ("measure", "blocks", "total_seconds", "groups", "sides")
             if getattr(given, key) != getattr(actual, key)]
    if (given.dominance.group, given.dominance.share) != (actual.dominance.group, actual.dominance.share):
        wrong.append("dominance")
    elif given.dominance.rules == actual.dominance.rules and _figures(given.dominance) != _figures(actual.dominance):
        wrong.append("dominance")
    made = {p.pair: p for p in actual.pairs}
    if any(p.pair in made and p.rules == made[p.pair].rules and _figures(p) != _figures(made[p.pair]) for p in given.pairs):
        wrong.append("pairs")
    if not wrong:
        return None
    return (f"the balance section disagrees with the plan's items ({', '.join(wrong)}); "
            "rebuild the plan or drop the section")


def _figures(band: PairBand | Dominance) -> PairBand | Dominance:
    """A pair or the dominance without its reason (a reason comes from the planner, not the items)."""
    return band.model_copy(update={"why": None})
