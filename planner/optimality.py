"""Whether a plan is proven optimal: its soft penalty against the least CP-SAT can prove.

``backplan plan --prove`` (:func:`planner.api.plan_week` with ``prove``) takes the week the
planner made and the requirements it was made under (``Solution.made_under``: the hard rules it
holds, after any structure rule gave way, and the soft rules its penalty counts), and asks
OR-Tools CP-SAT (:mod:`planner.solver.exact.optimum`) for the least soft score any week meeting
the same hard rules can have, over the soft rules whose amount it can put exactly
(:mod:`planner.solver.exact.objective`). Every soft amount is at least zero, so the rules left
out only make that least lower: it is a **lower bound** on the penalty of every such week.

* ``proven_optimal``: the bound equals the plan's penalty: no week under those rules is better;
* ``bound``: no week has a penalty below ``lower_bound``; the plan may be up to ``gap`` worse
  than the best (from rules left out, or a week the search did not find);
* ``not_proven``: CP-SAT's time ran out before it proved any bound;
* ``not_checked``: the plan was made without ``--prove``.

When the plan's doses are not the ones the week was solved with (the tuning stage,
:mod:`planner.tuning`, changed them), the rules whose amount depends on doses (loads, dose
limits) are left out, and the bound is over weeks at the doses the rules give: other doses
change session times, so such a plan is never called proven optimal (status ``bound``, with a
``note``). Needs the ``backplan[exact]`` extra.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from planner.contract import Optimality, Plan
from planner.errors import BackplanError

if TYPE_CHECKING:
    from planner.solver import Settings, Solution

__all__ = ["PROVE_SECONDS", "NOT_CHECKED", "MISSING_ORTOOLS", "require_exact", "optimality", "prove", "summary"]

PROVE_SECONDS = 10.0  # CP-SAT's time for --prove
NOT_CHECKED = "not proven optimal: run with --prove (needs backplan[exact])"
TUNED = ("the bound is over weeks at the doses the rules give; this plan's doses were then tuned toward "
         "the load bands, so the dose-dependent rules are left out and it is not called proven optimal")
MISSING_ORTOOLS = "--prove needs OR-Tools, which is not installed: pip install 'backplan[exact]'"


def require_exact() -> None:
    """Raise :class:`BackplanError` with :data:`MISSING_ORTOOLS` unless OR-Tools imports."""
    from importlib.util import find_spec  # only the exact backend imports OR-Tools itself

    if find_spec("ortools") is None:
        raise BackplanError(MISSING_ORTOOLS)


def optimality(plan: Plan, solution: Solution, settings: Settings | None, prove_for: bool | float) -> Optimality:
    """``not_checked`` unless ``prove_for`` (``True``: :data:`PROVE_SECONDS` of CP-SAT, or the seconds)."""
    if not prove_for:
        return Optimality(status="not_checked")
    return prove(plan, solution, settings, PROVE_SECONDS if prove_for is True else float(prove_for))


def _doses_kept(plan: Plan, model) -> bool:
    for day in plan.days:
        for item in day.items:
            dose = model.doses.get(item.exercise)
            if dose is None or (dose.sets, dose.reps, dose.hold_s, dose.minutes) != (
                    item.sets, item.reps, item.hold_s, item.minutes):
                return False
    return True


def prove(plan: Plan, solution: Solution, settings: Settings | None = None, seconds: float = PROVE_SECONDS
          ) -> Optimality:
    """How ``plan`` (made from ``solution``) compares with the least soft score CP-SAT proves
    within ``seconds`` under the requirements ``solution`` was made under."""
    require_exact()
    if solution.made_under is None:  # not made by planner.solver.plan: nothing to compare with
        return Optimality(status="not_proven", penalty=plan.soft_penalty)
    from planner.solver import Settings
    from planner.solver.build import build_model
    from planner.solver.exact.optimum import least_soft
    from planner.solver.search import slot_groups

    model = build_model(solution.made_under, settings or Settings())
    week = {d.day: list(dict.fromkeys(i.exercise for i in d.items)) for d in plan.days if d.day in model.days}
    kept = _doses_kept(plan, model)
    best, objective = least_soft(model, slot_groups(model, random.Random("0:0")), seconds, hint=week,
                                 doses_fixed=kept)
    penalty = plan.soft_penalty or 0
    common = {"penalty": penalty, "covers": objective.covers, "left_out": objective.left_out,
              "seconds": round(best.seconds, 3), "note": None if kept else TUNED}
    if best.bound is None or best.bound > penalty:  # no bound (or one the plan's own week denies)
        return Optimality(status="not_proven", **common)
    status = "proven_optimal" if best.bound == penalty and kept else "bound"
    return Optimality(status=status, lower_bound=best.bound, gap=penalty - best.bound, **common)


def summary(found: Optimality) -> str:
    """One line for the formats people read."""
    if found.status == "not_checked":
        return NOT_CHECKED
    took = f"CP-SAT, {found.seconds:g} s" if found.seconds is not None else "CP-SAT"
    if found.status == "proven_optimal":
        return f"Proven optimal: no week under the same rules has a lower soft penalty ({took})."
    if found.status == "bound":
        line = (f"Not proven optimal: soft penalty {found.penalty}, and no week under the same rules scores "
                f"below {found.lower_bound} (gap {found.gap}; {took}).")
        return line if found.note is None else f"{line[:-1]}: {found.note}."
    return f"Not proven optimal: CP-SAT proved no bound in its time ({took})."
