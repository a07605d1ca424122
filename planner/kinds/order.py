"""order: within a session, every ``before`` exercise comes ahead of every ``after`` exercise.

Parameters: ``before`` and ``after`` (selectors). Exercises that match both are left out of the
rule. Sessions that lack either side are unaffected.

Example::

    - id: bridge-before-plank
      kind: order
      description: Planks come after bridges within a session.
      before: {tags: bridge}
      after: {tags: plank}
      source: [physio request]
"""

from __future__ import annotations

from planner.errors import InputError
from planner.kinds.base import Context, Violation, Week, check_selectors
from planner.models import Selector, Strict
from planner.requirements import Ordered, Requirement
from planner.selectors import select

NAME = "order"


class Params(Strict):
    before: Selector
    after: Selector


def validate(params: Params, catalog, doc, path) -> None:
    check_selectors(params, catalog, doc, path, "before", "after")
    if not select(params.before, catalog) - select(params.after, catalog):
        raise InputError('every exercise "before" selects is also selected by "after"', doc.where((*path, "before")))


def validate_set(rules: list, catalog) -> None:
    """Order rules must not form a cycle (A before B, B before A), even across files."""
    import networkx as nx

    graph = nx.DiGraph()
    for rule in rules:
        first, then = select(rule.params.before, catalog), select(rule.params.after, catalog)
        both = first & then
        for a in first - both:
            for b in then - both:
                if not graph.has_edge(a, b):
                    graph.add_edge(a, b, rules=[])
                graph[a][b]["rules"].append(rule)
    try:
        cycle = nx.find_cycle(graph)
    except nx.NetworkXNoCycle:
        return
    position = {rule.id: n for n, rule in enumerate(rules)}
    involved = sorted({graph[a][b]["rules"][0].id for a, b in cycle}, key=position.__getitem__)
    last = rules[max(position[i] for i in involved)]
    raise InputError(f"order rules form a cycle: {', '.join(involved)}", last.where)


def ranks(rule, ctx: Context) -> dict[str, int]:
    first, then = ctx.select(rule.params.before), ctx.select(rule.params.after)
    both = first & then
    return {**{ex: 0 for ex in first - both}, **{ex: 1 for ex in then - both}}


def compile_rule(rule, ctx: Context) -> list[Requirement]:
    return [Ordered(rule.origin, ranks(rule, ctx))]


def check_ranks(rule, rank: dict[str, int], week: Week, label: str = "") -> list[Violation]:
    """Violations of "lower rank first" in every session; shared by order and top_down."""
    out = []
    for day, entries in week.sessions():
        highest: tuple[int, str] | None = None
        for entry in entries:
            r = rank.get(entry.exercise)
            if r is None:
                continue
            if highest is not None and r < highest[0]:
                message = f"comes after {highest[1]}{label}"
                out.append(Violation(rule.id, rule.hard, message, day, entry.exercise))
            if highest is None or r > highest[0]:
                highest = (r, entry.exercise)
    return out


def check(rule, week: Week, ctx: Context) -> list[Violation]:
    return check_ranks(rule, ranks(rule, ctx), week)
