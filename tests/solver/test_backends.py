"""Backends by name: the default, the exact one, and clear messages for a wrong name or a
missing OR-Tools."""

from __future__ import annotations

import sys

import pytest

from planner.errors import BackplanError
from planner.solver.backends import MISSING_ORTOOLS, backend_named


def test_names():
    assert backend_named("csp").name == "python-constraint2"
    assert backend_named("exact").name == "exact"


def test_an_unknown_name():
    with pytest.raises(BackplanError) as info:
        backend_named("fast")
    assert str(info.value) == 'unknown backend "fast"; choose one of csp, exact'


def test_without_ortools_the_exact_backend_says_how_to_install_it(monkeypatch):
    for name in [m for m in sys.modules if m == "ortools" or m.startswith(("ortools.", "planner.solver.exact"))]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "ortools", None)
    with pytest.raises(BackplanError) as info:
        backend_named("exact")
    assert str(info.value) == MISSING_ORTOOLS
    assert MISSING_ORTOOLS == ("the exact backend needs OR-Tools, which is not installed: "
                               "pip install 'backplan[exact]' (or choose --backend csp)")
