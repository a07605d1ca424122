"""The repeat-limit propagator follows the search a slot at a time: at every call, what it
carries over from the call before equals what a count of every slot set gives."""

from __future__ import annotations

import doctest

import pytest

from planner.solver.csp import propagators, repeats
from planner.solver.csp.repeats import PerValueDays


def test_the_docstring_example_holds():
    assert doctest.testmod(repeats).failed == 0


class _Recounted(PerValueDays):
    """Checks each call's carried-over state against a whole count of the assignments."""

    steps = 0

    def _step(self, used, value, day):
        found = super()._step(used, value, day)
        assignments = self._checking
        assert found == self._count(assignments)
        _Recounted.steps += 1
        return found

    def __call__(self, variables, domains, assignments, forwardcheck=False):
        self._checking = assignments
        return super().__call__(variables, domains, assignments, forwardcheck)


@pytest.mark.parametrize("profile", [None, "benchmarks/gym_six_days.yaml", "examples/profiles/child.yaml"])
def test_what_is_carried_over_equals_a_whole_count(profile, monkeypatch, rules, catalog):
    from planner.profile import load_profile
    from planner.solver import Settings, solve

    monkeypatch.setattr(propagators, "PerValueDays", _Recounted)
    _Recounted.steps = 0
    solution = solve(rules, catalog, load_profile(profile, catalog), seed=0, settings=Settings(search="fast"))
    assert solution.days and _Recounted.steps > 100
