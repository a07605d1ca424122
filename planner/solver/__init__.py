"""Building a week from rules: a package, one concept per module.

The week is found in two steps, each a constraint problem solved by a backend
(:mod:`planner.solver.backend`; python-constraint2 in :mod:`planner.solver.csp`, the only
modules that import the constraint library, or OR-Tools CP-SAT in :mod:`planner.solver.exact`
with ``Settings(backend="exact")``):

1. **Which exercises go on which day.** The week model (:mod:`.model`, built by :mod:`.build`)
   gives each training day slots per block, filled from the exercises the hard rules leave;
   counting, spacing, time and load requirements become day constraints.
2. **The order of each session** (:mod:`.sessions`), with the ordering requirements.

Plain counting (:mod:`.bounds`) refutes some weeks before any search. Searches are seeded
tries with restarts under node budgets (:mod:`.search`). Soft requirements are scored
(:mod:`.score`); those that still leave a week are promoted to constraints, and the best of
several seeded weeks wins (:mod:`.optimise`). Each item carries the rules that put it there
(:mod:`.reasons`). When no week exists, :mod:`.conflict` finds a minimal set of conflicting
hard rules; :mod:`planner.messages` words it. How each requirement type is treated is one
table, :data:`planner.solver.requirement_types.TREATMENTS`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from planner.solver.compiled import Compiled, compile_rules
    from planner.solver.conflict import Cause, Conflict
    from planner.solver.planning import Referral, plan, solve
    from planner.solver.settings import Settings
    from planner.solver.solution import Item, Solution

# Each name is imported from its module when first used, so that ``planner.solver.settings`` or
# ``planner.solver.backends`` (names checked before any search) do not load the search itself.
_HOME = {
    "Settings": "settings",
    "Item": "solution",
    "Solution": "solution",
    "solve": "planning",
    "plan": "planning",
    "Referral": "planning",
    "compile_rules": "compiled",
    "Compiled": "compiled",
    "Conflict": "conflict",
    "Cause": "conflict",
}

__all__ = list(_HOME)


def __getattr__(name: str) -> object:
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"planner.solver.{_HOME[name]}"), name)
    globals()[name] = value
    return value
