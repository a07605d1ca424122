"""The order of each session: solver-neutral preparation, solved by a backend, then regrouped
by position.

A session's exercises are listed by block, then region (neck first), then id; the ordering
requirements become order constraints (:func:`planner.solver.grouping.order_constraints`),
and the backend finds the order closest to that listing which meets them. The order that
spends the fewest seconds changing position (:func:`planner.solver.grouping.fewest_moves`:
floor work together, not floor -> standing -> floor) replaces it when it is quicker.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from planner.solver.backend import Backend, OrderConstraint
from planner.solver.compiled import Compiled
from planner.solver.grouping import fewest_moves, listing_key, order_constraints
from planner.timing import least_moves_seconds, moves_seconds

__all__ = ["order_session", "session_listing"]


def order_session(backend: Backend, compiled: Compiled, exercises: Sequence[str], soft_too: bool, day: str = "",
                  listing: Callable[[str, Sequence[str]], list[str]] | None = None) -> list[str] | None:
    """The session in order, or ``None`` when the ordering rules admit none. ``listing``
    rearranges the session's listing for ``day`` first (a reference week's order, see
    :meth:`planner.solver.reference_week.ReferenceWeek.listing`)."""
    catalog = compiled.ctx.catalog
    units, constraints = session_listing(compiled, exercises, soft_too, day, listing)
    if len(units) <= 1:
        return units if all(c.holds(units) for c in constraints) else None
    found = backend.order_session(units, constraints)
    if found is None:
        return None
    where = [catalog.exercises[u].position for u in found]
    moves = moves_seconds(where)
    if moves <= least_moves_seconds(where):  # no order spends fewer: nothing to search for
        return found
    positions = {u: catalog.exercises[u].position for u in units}
    quicker = fewest_moves(units, constraints, positions)
    if quicker is not None and moves_seconds([positions[u] for u in quicker]) < moves:
        return quicker
    return found


def session_listing(compiled: Compiled, exercises: Sequence[str], soft_too: bool, day: str = "",
                    listing: Callable[[str, Sequence[str]], list[str]] | None = None
                    ) -> tuple[list[str], list[OrderConstraint]]:
    """The session's listing (see :func:`order_session`) and the order constraints on it."""
    units = sorted(exercises, key=listing_key(compiled.ctx.catalog))
    if listing is not None:
        units = listing(day, units)
    enforced = [r for r in compiled.ordering if r.origin.hard or soft_too]
    return units, order_constraints(enforced, units)
