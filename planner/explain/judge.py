"""Trying an exercise into a week and saying what it costs, by the rules and the load model.

:class:`Judge` is the neutral :class:`planner.judging.WeekJudge` (a planned week, the rules that
apply and what they allow) with :meth:`Judge.cost`: an exercise put into a day (in place of
another, or added), and the week's rule checks (each kind's own ``check``, as the independent
checker runs them) and its balance section (:mod:`planner.balance`, the load model) compared
with the plan's. Ordering rules are not judged: the planner would re-order the session.
"""

from __future__ import annotations

from collections.abc import Sequence

from planner.balance import balance_of
from planner.balance_text import ratio_text
from planner.catalog import Catalog
from planner.contract import Balance, Plan
from planner.explain.contract import Cost
from planner.judging import DOSE_KINDS, FILTER_KINDS, ORDER_KINDS, WeekJudge
from planner.models import Profile
from planner.rules import Rule

__all__ = ["DOSE_KINDS", "FILTER_KINDS", "ORDER_KINDS", "Judge"]

_EPSILON = 1e-9


class Judge(WeekJudge):
    """One planned week, the rules that apply to its person, what they allow, and its balance."""

    def __init__(self, plan: Plan, rules: Sequence[Rule], catalog: Catalog, profile: Profile) -> None:
        super().__init__(plan, rules, catalog, profile)
        self.balance = balance_of(self.week, catalog, rules, profile)

    def cost(self, day: str, exercise: str, instead_of: str | None) -> Cost:
        week = self.week_with(day, exercise, instead_of)
        after = self.judged(self.violations(week))
        breaks, misses, eases = self.breaks(after), [], []
        for rule in self.rules:
            now, was = after.get(rule.id, []), self.base.get(rule.id, [])
            if rule.hard:
                continue
            amount_now, amount_was = sum(v.amount for v in now), sum(v.amount for v in was)
            if amount_now > amount_was + _EPSILON:
                fresh = [v for v in now if v not in was] or now
                misses.append(f"{rule.id}: {fresh[0].message}")
            elif amount_now < amount_was - _EPSILON:
                eases.append(f"{rule.id}: " + ("met" if not now else f"{now[0].message}"))
        balance = balance_changes(self.balance, balance_of(week, self.catalog, self.all_rules, self.profile))
        ex = self.catalog.exercises[exercise]
        return Cost(exercise=exercise, name=ex.name, day=day, instead_of=instead_of, breaks=breaks, misses=misses,
                    eases=eases, balance=balance, summary=_summary(exercise, instead_of, breaks, misses, eases, balance))


def cost_key(cost: Cost) -> tuple:
    """Least costly first: fewer hard rules broken, fewer soft rules missed, more eased, fewer
    balance figures put out of band."""
    worse = sum(1 for b in cost.balance if b.startswith("puts"))
    better = sum(1 for b in cost.balance if b.startswith("brings"))
    return (len(cost.breaks), len(cost.misses) - len(cost.eases), worse - better)


def balance_changes(before: Balance, after: Balance) -> list[str]:
    """Each pair ratio and the dominance that a change moves, in words (two decimals, as the
    plan's balance summary writes them)."""
    out = []
    was = {p.pair: p for p in before.pairs}
    for pair in after.pairs:
        old = was.get(pair.pair)
        if old is None or old.ratio == pair.ratio:
            continue
        figures = f"({ratio_text(pair.ratio)} instead of {ratio_text(old.ratio)})"
        if old.in_band and not pair.in_band:
            out.append(f"puts {pair.pair} out of its band {figures}")
        elif pair.in_band and not old.in_band:
            out.append(f"brings {pair.pair} inside its band {figures}")
        elif pair.in_band:
            out.append(f"keeps {pair.pair} inside its band {figures}")
        else:
            out.append(f"leaves {pair.pair} out of its band {figures}")
    d0, d1 = before.dominance, after.dominance
    if (d0.group, d0.share) != (d1.group, d1.share) and d1.max_share is not None:
        figures = f"({d1.group} {d1.share:.0%} instead of {d0.group} {d0.share:.0%})"
        if d0.in_band and not d1.in_band:
            out.append(f"puts the largest group's share over {d1.max_share:.0%} {figures}")
        elif d1.in_band and not d0.in_band:
            out.append(f"brings the largest group's share inside {d1.max_share:.0%} {figures}")
    return out


_VERB = {"puts": "put", "leaves": "leave", "brings": "bring", "keeps": "keep"}


def _summary(exercise: str, instead_of: str | None, breaks: list[str], misses: list[str], eases: list[str],
             balance: list[str]) -> str:
    where = f"in place of {instead_of}" if instead_of else "added"
    balance = [_VERB.get(b.split(" ", 1)[0], b.split(" ", 1)[0]) + " " + b.split(" ", 1)[1] for b in balance]
    if breaks:
        return f"{exercise} {where} would break {breaks[0].split(':')[0]}"
    parts = [f"miss {m.split(':')[0]}" for m in misses]
    parts += [b for b in balance if b.startswith(("put", "leave"))]
    gains = [f"meet {e.split(':')[0]}" if e.endswith(": met") else f"miss {e.split(':')[0]} by less" for e in eases]
    gains += [b for b in balance if b.startswith("bring")]
    if parts:
        text = f"{exercise} {where} would " + "; ".join(parts)
        return text + (f" (though it would {'; '.join(gains)})" if gains else "")
    if gains:
        return f"{exercise} {where} would {'; '.join(gains)}, and break no rule (the session order aside)"
    return f"{exercise} {where} would do as well by every rule (a tie)"
