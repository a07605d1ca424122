"""The order of each session: solver-neutral preparation, solved by a backend.

A session's exercises are listed by block, then region (neck first), then id; the ordering
requirements (``order`` in :mod:`planner.solver.requirement_types`) become order constraints,
and the backend finds the order closest to that listing which meets them.
"""

from __future__ import annotations

from collections.abc import Sequence

from planner.solver.backend import Backend, OrderConstraint
from planner.solver.compiled import Compiled
from planner.solver.requirement_types import treatment

__all__ = ["order_session", "order_constraints"]


def order_constraints(compiled: Compiled, units: Sequence[str], soft_too: bool) -> list[OrderConstraint]:
    """The order constraints of the hard requirements (and of the soft ones when ``soft_too``)."""
    return [
        c
        for req in compiled.requirements
        if req.origin.hard or soft_too
        for c in treatment(req).order(req, units)
    ]


def order_session(backend: Backend, compiled: Compiled, exercises: Sequence[str], soft_too: bool) -> list[str] | None:
    """The session in order, or ``None`` when the ordering rules admit none."""
    catalog = compiled.ctx.catalog
    blocks = catalog.vocab.blocks
    regions = catalog.graph.regions
    units = sorted(
        exercises,
        key=lambda e: (blocks.index(catalog.block(e)), regions.index(catalog.exercises[e].region), e),
    )
    constraints = order_constraints(compiled, units, soft_too)
    if len(units) <= 1:
        return units if all(c.holds(units) for c in constraints) else None
    return backend.order_session(units, constraints)
