"""Shared fixtures: the shipped catalog and rules, and helpers that plan and check."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from planner.api import plan_week
from planner.catalog import Catalog, default_catalog
from planner.checker import check_plan
from planner.contract import Plan
from planner.models import Profile
from planner.profile import load_profile
from planner.rules import Rule, default_rule_files, load_rules

# The load cache (planner.loading.cache) of this test session: never the user's ~/.cache
os.environ["XDG_CACHE_HOME"] = _CACHE = tempfile.mkdtemp(prefix="backplan-tests-cache-")
atexit.register(shutil.rmtree, _CACHE, True)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples" / "profiles").glob("*.yaml"))
SEEDS = sorted((ROOT.parent / "shared" / "seeds").glob("0*.txt"))

# Two dose rules no plank hold can meet together (at least 60 s, at most 30 s).
CONTRADICTING_PLANK_HOLDS = (
    "rules:\n  - id: long-planks\n    kind: dose\n    description: d\n"
    "    select: {id: forearm_plank}\n    hold_s: {min: 60}\n    source: [me]\n"
    "  - id: short-planks\n    kind: dose\n    description: d\n"
    "    select: {id: forearm_plank}\n    hold_s: {max: 30}\n    source: [me]\n"
)


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return default_catalog()


@pytest.fixture(scope="session")
def rules(catalog: Catalog) -> list[Rule]:
    return load_rules(default_rule_files(), catalog)


def make_profile(catalog: Catalog, **fields) -> Profile:
    base = load_profile(None, catalog).model_dump()
    base.update(fields)
    return Profile.model_validate(base)


def small_week(catalog: Catalog, tmp_path: Path, rules_text: str, monday: list) -> tuple[dict, list[Rule], Profile]:
    """The rules of ``rules_text`` (written to a file), the default profile, and seven days with
    ``monday``'s items on Monday and nothing on the others."""
    path = tmp_path / "bands.yaml"
    path.write_text(rules_text)
    days = {d: [] for d in catalog.vocab.days}
    days["mon"] = monday
    return days, load_rules([path], catalog), load_profile(None, catalog)


def plan_and_check(rules: list[Rule], catalog: Catalog, profile: Profile, seed: int = 0) -> Plan:
    """Plan a week and assert the independent checker finds no hard violation in it."""
    plan = plan_week(profile, rules=rules, catalog=catalog, seed=seed)
    hard = [str(v) for v in check_plan(plan, rules, catalog, profile) if v.hard]
    assert hard == [], hard
    return plan


def read_terminal(leader: int) -> bytes:
    """Everything written to a pty until its other side is closed (then close ``leader`` too)."""
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the other side is gone (EIO on Linux)
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    return seen


def random_weeks(days, pool: list[str], seed: int, count: int):
    """``count`` weeks of up to eight exercises of ``pool`` a day, drawn with ``seed``."""
    import random

    rng = random.Random(seed)
    return [{d: rng.sample(pool, rng.randint(0, 8)) for d in days} for _ in range(count)]
