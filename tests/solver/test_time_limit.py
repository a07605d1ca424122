"""Settings.time_limit (``backplan plan --time-limit``): a long search stops in time (issue 11, point 9)."""

from __future__ import annotations

import time

import pytest

from planner.api import plan_week
from planner.errors import InfeasibleError
from planner.solver import Settings
from planner.solver.backend import DEADLINE
from tests.conftest import make_profile


def test_a_long_search_stops_soon_after_the_time_limit(rules, catalog, tmp_path):
    slow = tmp_path / "slow.yaml"
    slow.write_text(
        "rules:\n  - id: twenty-four-different\n    kind: weekly_count\n    description: d\n"
        "    select: {}\n    count: distinct\n    min: 24\n    source: [me]\n"
    )
    from planner.rules import load_rule_file

    profile = make_profile(catalog, days=["mon", "thu"], session_minutes=40, equipment=["mat", "chair"])
    started = time.monotonic()
    with pytest.raises(InfeasibleError, match="no week found within the search limit"):
        plan_week(profile, rules=[*rules, *load_rule_file(slow, catalog)], catalog=catalog,
                  settings=Settings(time_limit=1.0))
    assert time.monotonic() - started < 20  # about 35 s without a limit on a fast machine
    assert DEADLINE.get() is None  # the limit ends with the plan


def test_a_generous_time_limit_changes_nothing(rules, catalog):
    profile = make_profile(catalog)
    assert plan_week(profile, rules=rules, catalog=catalog, settings=Settings(time_limit=60)) == plan_week(
        profile, rules=rules, catalog=catalog
    )
