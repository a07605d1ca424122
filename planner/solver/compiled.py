"""Rules compiled for one profile: the requirements the solver works from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from planner.catalog import Catalog
from planner.kinds.base import Context
from planner.models import Profile
from planner.requirements import Requirement
from planner.rules import Rule
from planner.solver.grouping import ordering
from planner.solver.requirement_types import treatment

__all__ = ["Compiled", "compile_rules"]


@dataclass
class Compiled:
    """Every applicable rule compiled for one profile, with the origin of each requirement."""

    ctx: Context
    requirements: list[Requirement]
    rule_order: list[str]

    def soft(self) -> list[Requirement]:
        return [r for r in self.requirements if not r.origin.hard]

    @cached_property
    def ordering(self) -> list[Requirement]:
        """The requirements that can put order constraints on a session
        (:func:`planner.solver.grouping.ordering`), worked out once: the order stage asks about
        many sessions. (A changed set of requirements is a new ``Compiled``: ``replace``.)"""
        return ordering(self.requirements)

    def positions(self) -> dict[str, int]:
        """Each rule id's place in the rule files (to list rule ids as the files do)."""
        return {r: i for i, r in enumerate(self.rule_order)}


def compile_rules(rules: Sequence[Rule], catalog: Catalog, profile: Profile) -> Compiled:
    ctx = Context(catalog, profile)
    reqs: list[Requirement] = []
    for rule in rules:
        if rule.applies(profile):
            reqs.extend(rule.kind.compile_rule(rule, ctx))
    for req in list(reqs):
        reqs.extend(treatment(req).implies(req))
    return Compiled(ctx, reqs, [r.id for r in rules])
