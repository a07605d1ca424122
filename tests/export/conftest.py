"""One planned week (the default profile), shared by the export tests, and dated weeks of it."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.api import plan_week
from planner.catalog import Catalog
from planner.contract import Plan
from planner.export.weeks import DatedWeek, dated_weeks
from planner.profile import load_profile
from planner.rules import Rule

MONDAY = dt.date(2026, 3, 2)


@pytest.fixture(scope="session")
def week_plan(catalog: Catalog, rules: list[Rule]) -> Plan:
    return plan_week(load_profile(None, catalog), rules=rules, catalog=catalog, seed=0)


@pytest.fixture(scope="session")
def one_week(week_plan: Plan) -> list[DatedWeek]:
    return dated_weeks(week_plan, MONDAY)


@pytest.fixture(scope="session")
def two_weeks(week_plan: Plan) -> list[DatedWeek]:
    """A programme as the exporters will see it: more dated weeks (here the same week twice)."""
    return dated_weeks([week_plan, week_plan], MONDAY)
