"""The treatments of the load requirement types, for the one dispatch table.

:data:`planner.solver.requirement_types.TREATMENTS` lists every requirement type; the functions
of two of them live here to keep that module small: :class:`LoadShare` (no group takes more than
a share of the week's load, the ``balance`` kind) and :class:`LoadRatio` (one part's load at most
a multiple of another's, the ``load_ratio`` kind). Both are measured by :mod:`planner.solver.load`;
nothing here dispatches on a requirement's class.
"""

from __future__ import annotations

from collections.abc import Iterable

from planner.requirements import LoadRatio, LoadShare
from planner.solver.backend import DayConstraint, LinearAtMost, WeekHolds
from planner.solver.load import ratio_excess, ratio_forms, share_excess, share_forms
from planner.solver.model import PlacedWeek, WeekModel

__all__ = ["LOAD_SCALE", "ratio_miss", "ratio_post", "share_miss", "share_post"]

# A soft load rule's amount is a fraction of the week's load (balance: how far a group's share
# goes over the limit, e.g. 0.05; load_ratio: the excess over the pair's load, planner/load.py's
# ratio_amount), while other amounts are whole
# items, sessions or days. Ten times the load amount puts a group 10 points of share over its
# limit on a par with one missing item.
LOAD_SCALE = 10


# --------------------------------------------------------------------------------------------
# LoadShare: no group over its share of the week's load


def share_post(req: LoadShare, model: WeekModel) -> Iterable[DayConstraint]:
    return [
        *(LinearAtMost(w) for w in share_forms(req, model)),
        WeekHolds(lambda per_day: share_excess(req, model, per_day) == 0),
    ]


def share_miss(req: LoadShare, week: PlacedWeek) -> float:
    return share_excess(req, week.model, week.per_day, week.load(req.ids))


# --------------------------------------------------------------------------------------------
# LoadRatio: one part's load at most a multiple of another's


def ratio_post(req: LoadRatio, model: WeekModel) -> Iterable[DayConstraint]:
    return [
        *(LinearAtMost(w) for w in ratio_forms(req, model)),
        WeekHolds(lambda per_day: ratio_excess(req, model, per_day) == 0),
    ]


def ratio_miss(req: LoadRatio, week: PlacedWeek) -> float:
    return ratio_excess(req, week.model, week.per_day, week.load(req.ids))
