"""Search limits: how many nodes each kind of search may spend."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Settings", "SEARCHES"]

SEARCHES = ("auto", "fast", "thorough")  # how hard to look for a better week: Settings.search, plan --search


@dataclass(frozen=True)
class Settings:
    """Search limits.

    Backtracking times are heavy-tailed: most seeded orders find a week in a few hundred
    nodes, a few wander for minutes. So every search is a series of short restarts whose node
    budget doubles every two tries (``first_budget`` up to ``max_budget``), and gives up after
    ``total_budget`` nodes; the first search under every rule gives up after ``strict_budget``
    when structure rules may give way (:mod:`planner.solver.giveway`, which also looks for a
    week keeping them all): of 135 generated profiles whose first search found a week, all but
    one did in at most 209 nodes (that one: 69,549 nodes, and giving way earlier kept every
    rule all the same), while one that found none spent the whole ``total_budget`` first.
    ``restarts`` is how many more weeks are sought (each within
    ``candidate_budget`` nodes) to compare soft scores, none more once ``candidate_give_ups``
    of those searches have spent their budget without a week (the rest would likely cost as
    much) or once they have spent ``candidates_budget`` nodes in all (a node costs from a tenth
    of a millisecond to a millisecond, more in long sessions); ``promote_budget`` bounds each test of
    whether a soft rule can be promoted (best effort: a rule not shown feasible in time stays
    soft; each test first searches from scratch, then repairs the last week found, each within
    ``repair_budget`` nodes, then spends the rest from scratch) and ``promotion_budget`` all of them together (once it is spent, a soft rule is
    promoted only when the last week found already meets it), as it is once
    ``promote_give_ups`` of those tests have spent their budget without an answer; ``trade_budget`` bounds the
    searches that try to keep two structure rules in place of one when rules give way
    (:mod:`planner.solver.giveway`); ``trial_budget`` bounds each
    step of a conflict search; ``conflict_budget`` bounds a whole conflict search.

    ``search`` is ``"fast"`` (the best of the candidate weeks) or ``"thorough"``: the best
    candidate is then improved by freeing one training day, then two, at a time and re-solving
    them under a tightened bound (:mod:`planner.solver.neighbourhood`), at most
    ``neighbourhood_tries`` re-solves of at most ``neighbourhood_budget`` nodes and
    ``neighbourhood_weeks`` complete weeks judged (ordered and scored) each. The default,
    ``"auto"``, is thorough with the csp backend and fast with the exact one (CP-SAT's re-solves
    of whole weeks cost tens of seconds there): :attr:`thorough`.

    ``backend`` names the search backend (:mod:`planner.solver.backends`): ``"csp"``
    (python-constraint2, the default) or ``"exact"`` (OR-Tools CP-SAT, the ``backplan[exact]``
    extra). The exact backend reads each node budget as deterministic time (2,000 nodes a
    second of it, :data:`planner.solver.exact.days.NODES_PER_SECOND`).
    """

    restarts: int = 6
    first_budget: int = 1_500
    max_budget: int = 200_000
    total_budget: int = 150_000
    strict_budget: int = 12_000
    trial_budget: int = 30_000
    promote_budget: int = 3_000
    promotion_budget: int = 30_000
    promote_give_ups: int = 2
    repair_budget: int = 1_000
    trade_budget: int = 6_000
    candidate_budget: int = 6_000
    candidate_give_ups: int = 1
    candidates_budget: int = 6_000
    search: str = "auto"  # "auto", "fast" or "thorough" (SEARCHES)
    neighbourhood_tries: int = 12
    neighbourhood_budget: int = 1_500
    neighbourhood_weeks: int = 60
    conflict_budget: int = 150_000
    max_slots_per_block: int = 6
    time_limit: float | None = None  # seconds for one plan: every search after it gives up
    backend: str = "csp"  # the search backend: "csp" or "exact"

    @property
    def thorough(self) -> bool:
        """Whether the best week is improved a day or two at a time (``search``)."""
        return self.search == "thorough" or (self.search == "auto" and self.backend == "csp")

    def budgets(self, total: int | None = None) -> list[int]:
        """The node budget of each try, doubling every two tries, within ``total``."""
        total = self.total_budget if total is None else total
        out: list[int] = []
        budget = self.first_budget
        while sum(out) + min(budget, self.max_budget) <= total:
            out.append(min(budget, self.max_budget))
            if len(out) % 2 == 0:
                budget *= 2
        return out or [total]
