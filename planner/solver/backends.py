"""The search backends by name, for :class:`planner.solver.Settings` and ``plan --backend``.

``csp`` (python-constraint2, :mod:`planner.solver.csp`) is the default; ``exact`` (OR-Tools
CP-SAT, :mod:`planner.solver.exact`) needs the ``backplan[exact]`` extra and is imported only
when chosen.
"""

from __future__ import annotations

from planner.errors import BackplanError
from planner.solver.backend import Backend

__all__ = ["BACKENDS", "backend_named"]

BACKENDS = ("csp", "exact")

MISSING_ORTOOLS = ("the exact backend needs OR-Tools, which is not installed: "
                   "pip install 'backplan[exact]' (or choose --backend csp)")


def backend_named(name: str) -> Backend:
    """The backend called ``name`` (one of :data:`BACKENDS`)."""
    if name == "csp":
        from planner.solver.csp import CspBackend

        return CspBackend()
    if name == "exact":
        try:
            from planner.solver.exact import ExactBackend
        except ImportError as exc:
            if exc.name is not None and exc.name.split(".")[0] == "ortools":
                raise BackplanError(MISSING_ORTOOLS) from None
            raise
        return ExactBackend()
    raise BackplanError(f'unknown backend "{name}"; choose one of {", ".join(BACKENDS)}')
