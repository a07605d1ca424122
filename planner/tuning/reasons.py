"""Why a balance figure stays out of band: plain words computed from the week.

For a pair out of band, the *over* side is the part loaded too much (the numerator above the
band, the denominator below it) and the *under* side the other. The reason says, in this order:

* the figure at the lowest doses the tuning may give the exercises that push it out (every
  such strength exercise of the week at the bottom of its span, :func:`planner.tuning.search.span`);
  when even that is in band, what refused the lowering (a hard rule, or a higher soft score);
* else, when no exercise the person may do (the safety filters, :class:`planner.judging.WeekJudge`)
  works the under side as a main (primary) muscle, that;
* else what happens when each such exercise not in the week is swapped in for an over-side item
  on a day that allows it: the hard rules the swaps break, or a swap that breaks none and what
  it would miss instead.

The dominance index is explained the same way, its under side being the exercises that do not
work the dominant group at all.
"""

from __future__ import annotations

from planner.balance import balance_of
from planner.contract import Balance
from planner.judging import WeekJudge
from planner.kinds.base import Entry, Week
from planner.load import COUNTED_BLOCKS, item_load

__all__ = ["MAX_SWAPS", "explain_out_of_band"]

# Swaps tried per figure (each is one run of the rules over the week), so a large catalog stays quick.
MAX_SWAPS = 12


def explain_out_of_band(balance: Balance | None, judge: WeekJudge, search) -> None:
    """Set ``why`` on every pair and on the dominance of ``balance`` that is out of band."""
    if balance is None:
        return
    for pair in balance.pairs:
        if not pair.in_band:
            num, den = pair.pair.split(":")
            high = pair.ratio is None or (pair.high is not None and pair.ratio > pair.high)
            over, under = (num, den) if high else (den, num)
            pair.why = _reason(judge, search, pair.pair, over, under, lambda b, p=pair.pair: _pair_text(b, p))
    dom = balance.dominance
    if not dom.in_band and dom.group is not None:
        dom.why = _reason(judge, search, dom.group, dom.group, None, lambda b, g=dom.group: _share_text(b, g))


def _pair_text(balance: Balance, pair: str) -> tuple[bool, str]:
    band = next(p for p in balance.pairs if p.pair == pair)
    return band.in_band, f"{pair} is still {'unbounded' if band.ratio is None else f'{band.ratio:.2f}'}"


def _share_text(balance: Balance, group: str) -> tuple[bool, str]:
    d = balance.dominance
    if d.group == group:
        return d.in_band, f"{group} still takes {d.share:.0%} of the load"
    return d.in_band, f"{d.group} would take {d.share:.0%} of the load in place of {group}"


def _load(judge: WeekJudge, entry: Entry) -> dict[str, float]:
    return item_load(judge.catalog, entry.exercise, entry.side, entry)


def _pushes(judge: WeekJudge, entry: Entry, over: str, under: str | None) -> bool:
    load = _load(judge, entry)
    return load.get(over, 0.0) > (load.get(under, 0.0) if under else 0.0)


def _reason(judge: WeekJudge, search, figure: str, over: str, under: str | None, text) -> str:
    week = judge.week
    floor = _floor(judge, search, week, over, under)
    held, figure_text = text(balance_of(floor, judge.catalog, judge.all_rules, judge.profile))
    pushing = sorted({e.exercise for _, es in week.sessions() for e in es
                      if e.exercise in search.spans and _pushes(judge, e, over, under)})
    if held:
        refusals = [r for x in pushing for r in search.rejected.get(x, [])]
        why = refusals[0] if refusals else "no step down fits within the dose rules"
        return f"lowering the {over} work ({', '.join(pushing)}) enough is refused: {why}"
    start = f"at the lowest doses backplan allows, {figure_text}"
    allowed = _allowed(judge)
    if under is not None:
        helpers = [x for x in allowed if judge.catalog.graph.works(judge.catalog.exercises[x].muscles.primary, under)]
        what = f"{under} exercises"
        if not helpers:
            return f"{start}: no exercise allowed for you works {under} as a main muscle"
    else:
        helpers = [x for x in allowed if over not in judge.catalog.groups(x)]
        what = f"exercises that do not work {over}"
        if not helpers:
            return f"{start}: every strength exercise allowed for you works {over}"
    days = [(x, day) for x in helpers for day, entries in week.sessions()
            if x in judge.eligible(day) and x not in {e.exercise for e in entries}]
    named = f"the {what} you may do ({', '.join(helpers)})"
    if not days:
        return f"{start}: {named} are in the week on every day that allows them, at the most the dose steps allow"
    return f"{start}: {named} " + _swaps(judge, search, days, over, under)


def _allowed(judge: WeekJudge) -> list[str]:
    days = judge.week.training_days
    ids = dict.fromkeys(x for d in days for x in judge.eligible(d) if judge.catalog.block(x) in COUNTED_BLOCKS)
    return sorted(ids)


def _floor(judge: WeekJudge, search, week: Week, over: str, under: str | None) -> Week:
    """``week`` with every strength exercise that pushes the figure out at its lowest dose."""
    days = {}
    for day, entries in week.days.items():
        out = []
        for e in entries:
            spans = search.spans.get(e.exercise)
            if spans and _pushes(judge, e, over, under):
                values = {f: getattr(e, f) for f in ("sets", "reps", "hold_s", "minutes")}
                values.update({f: low for f, (low, _) in spans.items()})
                e = Entry(e.exercise, e.side, **values)
            out.append(e)
        days[day] = out
    return Week(days, list(week.training_days), dict(week.walks))


def _swaps(judge: WeekJudge, search, days: list[tuple[str, str]], over: str, under: str | None) -> str:
    """What putting each exercise in on each of its ``days`` (in place of an item that pushes the
    figure out, else added) does, in words."""
    week = judge.week
    broken: dict[str, str] = {}
    trials = [(x, day, y) for x, day in days
              for y in (list(dict.fromkeys(e.exercise for e in week.days.get(day, []) if e.exercise in search.spans
                                           and _pushes(judge, e, over, under))) or [None])]
    for x, day, y in trials[:MAX_SWAPS]:
        found = judge.violations(judge.week_with(day, x, y))
        breaks = judge.breaks(judge.judged(found))
        if not breaks:
            missed = _missed(judge, found)
            how = f"{x} in place of {y}" if y else f"{x} added"
            tail = f"but misses {', '.join(missed)}" if missed else "and misses no preference the week meets"
            return (f"could help: {how} on {day} breaks no rule {tail}; the search scores load bands but "
                    "does not enforce them")
        rule, _, message = breaks[0].partition(": ")
        broken.setdefault(rule, message)
    first, message = next(iter(broken.items()))
    tried = "each swap" if len(trials) <= MAX_SWAPS else f"each of the first {MAX_SWAPS} swaps tried"
    return f"do not fit: {tried} breaks {', '.join(broken)} ({first}: {message})"


def _missed(judge: WeekJudge, found) -> list[str]:
    """Soft rules the changed week misses by more than the plan does."""
    before: dict[str, float] = {}
    for v in judge.found:
        if not v.hard:
            before[v.rule_id] = before.get(v.rule_id, 0.0) + v.amount
    after: dict[str, float] = {}
    for v in found:
        if not v.hard:
            after[v.rule_id] = after.get(v.rule_id, 0.0) + v.amount
    return sorted(r for r, a in after.items() if a > before.get(r, 0.0) + 1e-9)
