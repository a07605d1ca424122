"""Rendering: every format carries the notice; the table fits the width it is given."""

from __future__ import annotations

import json

import pytest

from planner.models import SAFETY_NOTICE
from planner.render import FORMATS, render, to_plan
from planner.solver import solve
from tests.conftest import make_profile


@pytest.fixture(scope="module")
def plan(rules, catalog):
    profile = make_profile(catalog)
    return to_plan(solve(rules, catalog, profile, seed=0), catalog, profile, 0)


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_notice_is_at_the_top(plan, fmt):
    text = render(plan, fmt)
    head = json.loads(text)["notice"] if fmt == "json" else "\n".join(text.splitlines()[:3])
    assert SAFETY_NOTICE.split(".")[0] in head


@pytest.mark.parametrize("width", [60, 80, 110])
def test_the_table_fits_the_terminal(plan, width):
    assert max(len(line) for line in render(plan, "table", width).splitlines()) <= width


def test_a_missed_soft_rule_is_named_with_where_to_read_about_it(plan):
    assert plan.soft_misses == ["regular-practice"]
    assert ("Soft rules not fully met: regular-practice. Every hard (safety) rule holds; "
            "`backplan rules show ID` says what a rule asks for.") in render(plan, "markdown")
