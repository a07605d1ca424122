"""``backplan explain``: why and why not, for a planned week (:mod:`.build`), judged by the
rules and the load model (:mod:`.judge`), in the shape of :mod:`.contract`, as text by :mod:`.text`."""

from planner.explain.build import explain_plan
from planner.explain.contract import Explanation

__all__ = ["Explanation", "explain_plan"]
