"""The order of each session: solver-neutral preparation, solved by a backend, then regrouped
by position.

A session's exercises are listed by block, then region (neck first), then id; the ordering
requirements (``order`` in :mod:`planner.solver.requirement_types`) become order constraints,
and the backend finds the order closest to that listing which meets them. The order that
spends the fewest seconds changing position (:func:`planner.solver.grouping.fewest_moves`:
floor work together, not floor -> standing -> floor) replaces it when it is quicker.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from planner.solver.backend import Backend, OrderConstraint
from planner.solver.compiled import Compiled
from planner.solver.grouping import fewest_moves, listing_key
from planner.solver.requirement_types import treatment
from planner.timing import moves_seconds

__all__ = ["order_session", "order_constraints"]


def order_constraints(compiled: Compiled, units: Sequence[str], soft_too: bool) -> list[OrderConstraint]:
    """The order constraints of the hard requirements (and of the soft ones when ``soft_too``)."""
    return [
        c
        for req in compiled.requirements
        if req.origin.hard or soft_too
        for c in treatment(req).order(req, units)
    ]


def order_session(backend: Backend, compiled: Compiled, exercises: Sequence[str], soft_too: bool, day: str = "",
                  listing: Callable[[str, Sequence[str]], list[str]] | None = None) -> list[str] | None:
    """The session in order, or ``None`` when the ordering rules admit none. ``listing``
    rearranges the session's listing for ``day`` first (a reference week's order, see
    :meth:`planner.solver.reference_week.ReferenceWeek.listing`)."""
    catalog = compiled.ctx.catalog
    units = sorted(exercises, key=listing_key(catalog))
    if listing is not None:
        units = listing(day, units)
    constraints = order_constraints(compiled, units, soft_too)
    if len(units) <= 1:
        return units if all(c.holds(units) for c in constraints) else None
    found = backend.order_session(units, constraints)
    if found is None:
        return None
    positions = {u: catalog.exercises[u].position for u in units}
    quicker = fewest_moves(units, constraints, positions)
    if quicker is not None and moves_seconds([positions[u] for u in quicker]) < moves_seconds([positions[u] for u in found]):
        return quicker
    return found
