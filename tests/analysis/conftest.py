"""One planned week (the gym-goer's, seed 0) shared by the analysis tests, and rule files to vary it."""

from __future__ import annotations

from dataclasses import dataclass

import matplotlib
import pytest

from planner import api
from planner.analysis import data
from tests.conftest import ROOT

matplotlib.use("Agg")

RATIO_RULE = (
    "rules:\n  - id: thighs\n    kind: load_ratio\n    description: d\n    severity: preference\n"
    "    numerator: quadriceps\n    denominator: hamstrings\n    max_ratio: 1.5\n    source: [me]\n"
)
STRICTER_BALANCE = "rules:\n  - override: no-over-dominant-group\n    max_share: 0.15\n    reason: a test\n"


@dataclass
class Week:
    inputs: api.Inputs
    plan: object
    loads: object


@pytest.fixture(scope="session")
def week() -> Week:
    inputs = api.load_inputs(ROOT / "examples" / "profiles" / "gym_goer.yaml")
    plan = api.plan_week(inputs.profile, rules=inputs.rules, catalog=inputs.catalog, seed=0)
    return Week(inputs, plan, data.loads(plan, inputs.catalog, inputs.profile))


@pytest.fixture(scope="session")
def rule_file(tmp_path_factory):
    def write(text: str):
        path = tmp_path_factory.mktemp("rules") / "extra.yaml"
        path.write_text(text)
        return path

    return write
