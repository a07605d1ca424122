"""Every rule kind against small hand-made weeks, with the exact violations expected.

The cases are data, one file per kind: ``tests/kinds/cases/<kind>.yaml`` (modelled on
sqlfluff's ``std_rule_cases``). A file names its ``kind:``; every other top-level key is one
case::

    min_boundary_met:                  # the case's name (the test id is <kind>:<name>)
      profile: {days: [mon, wed]}      # optional: keys over the default profile
      rule:                            # the rule exactly as a user writes it in a rule file
        id: hamstring-stretch
        kind: session_count
        select: {tags: hamstring_stretch}
        min: 1
      week:                            # days not named are empty
        mon: [bent_knee_forward_fold]  # a bare id: side "both", the catalog's dose
        wed:
          - {exercise: banded_hamstring_stretch, side: left, hold_s: 20}   # the catalog's dose, hold_s replaced
          - {exercise: banded_hamstring_stretch, side: right, hold_s: 20}
      violations:                      # exactly these, in this order ([] for a passing case)
        - rule: hamstring-stretch
          hard: true                   # error (hard) or warning (soft)
          day: wed                     # optional, default none
          exercise: null               # optional, default none
          amount: 1                    # optional, default 1; a fraction may be written "2/3"
          message: has 0, needs at least 1

A rule without ``description`` or ``source`` gets placeholders for them (they never change
what a kind checks). The rule is loaded through the real loader (:func:`planner.rules.load_rules`
on a file of its own, so the kind's ``Params`` and ``validate`` run) and the profile through
:func:`planner.profile.load_profile`; the week is a checker :class:`planner.kinds.base.Week`.
As in :func:`planner.checker.check_plan`, a rule whose ``when`` does not hold for the profile
is not checked at all.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from planner.catalog import Catalog
from planner.kinds import REGISTRY
from planner.kinds.base import Context, Entry, Violation, Week
from planner.loading.yamlio import load_yaml_file
from planner.models import Dose, Profile
from planner.profile import default_profile_path, load_profile
from planner.rules import Rule, load_rules

CASES = Path(__file__).parent / "cases"
DOSE_FIELDS = ("sets", "reps", "hold_s", "minutes")
ITEM_KEYS = {"exercise", "side", *DOSE_FIELDS}
CASE_KEYS = {"profile", "rule", "week", "violations"}
VIOLATION_KEYS = {"rule", "hard", "day", "exercise", "amount", "message"}


@dataclass(frozen=True)
class Case:
    kind: str
    name: str
    body: dict[str, Any]

    @property
    def id(self) -> str:
        return f"{self.kind}:{self.name}"


def case_files() -> list[Path]:
    return sorted(CASES.glob("*.yaml"))


def read_cases(path: Path) -> list[Case]:
    data = load_yaml_file(path).data
    assert isinstance(data, dict) and isinstance(data.get("kind"), str), f"{path}: needs a top-level kind:"
    kind = data["kind"]
    assert path.stem == kind, f"{path}: holds cases of {kind!r}, so it is named {kind}.yaml"
    cases = [Case(kind, name, body) for name, body in data.items() if name != "kind"]
    assert cases, f"{path}: no cases"
    return cases


ALL_CASES = [case for path in case_files() for case in read_cases(path)]


# --------------------------------------------------------------------------------------------
# building a case


@dataclass
class Built:
    rule: Rule
    profile: Profile
    week: Week
    ctx: Context
    expected: list[Violation]


def build(case: Case, catalog: Catalog, tmp: Path) -> Built:
    body = case.body
    unknown = set(body) - CASE_KEYS
    assert not unknown, f"unknown case keys {sorted(unknown)}; a case has {sorted(CASE_KEYS)}"
    assert body["rule"]["kind"] == case.kind, "a case file holds rules of its own kind only"
    profile = _profile(body.get("profile") or {}, catalog, tmp)
    rule = _rule(body["rule"], case, catalog, tmp)
    week = Week(_days(body.get("week") or {}, catalog), list(profile.days))
    expected = [_violation(v) for v in body["violations"]]
    return Built(rule, profile, week, Context(catalog, profile), expected)


def _profile(fields: dict[str, Any], catalog: Catalog, tmp: Path) -> Profile:
    data = load_yaml_file(default_profile_path()).data
    data.update(fields)
    path = tmp / "profile.yaml"
    path.write_text(json.dumps(data))  # JSON is YAML: the values reach the loader unchanged
    return load_profile(path, catalog)


def _rule(entry: dict[str, Any], case: Case, catalog: Catalog, tmp: Path) -> Rule:
    entry = {"description": f"case {case.id}", "source": ["tests/kinds/cases"], **entry}
    path = tmp / "rules.yaml"
    path.write_text(json.dumps({"rules": [entry]}))
    [rule] = load_rules([path], catalog)
    return rule


def _days(week: dict[str, Any], catalog: Catalog) -> dict[str, list[Entry]]:
    days: dict[str, list[Entry]] = {d: [] for d in catalog.vocab.days}
    for day, items in week.items():
        assert day in days, f"unknown day {day!r}"
        days[day] = [_entry(item, catalog) for item in items or []]
    return days


def _entry(item: str | dict[str, Any], catalog: Catalog) -> Entry:
    if isinstance(item, str):
        item = {"exercise": item}
    unknown = set(item) - ITEM_KEYS
    assert not unknown, f"unknown item keys {sorted(unknown)}; an item has {sorted(ITEM_KEYS)}"
    ex = catalog.exercises[item["exercise"]]  # a KeyError names an id not in the catalog
    side = item.get("side", "both")
    assert side in (("left", "right") if ex.side == "unilateral" else ("both",)), f"side {side!r} for {ex.id}"
    dose = {f: item.get(f, getattr(ex.dose, f)) for f in DOSE_FIELDS}
    Dose(**dose)  # a dose a plan could hold
    return Entry(ex.id, side, **dose)


def _violation(v: dict[str, Any]) -> Violation:
    unknown = set(v) - VIOLATION_KEYS
    assert not unknown, f"unknown violation keys {sorted(unknown)}; a violation has {sorted(VIOLATION_KEYS)}"
    amount = v.get("amount", 1)
    amount = float(Fraction(amount)) if isinstance(amount, str) else float(amount)
    return Violation(v["rule"], v["hard"], v["message"], v.get("day"), v.get("exercise"), amount)


def checked(built: Built) -> list[Violation]:
    """The kind's own violations, as the checker gathers them."""
    if not built.rule.applies(built.profile):
        return []
    return built.rule.kind.check(built.rule, built.week, built.ctx)


def _plain(v: Violation) -> tuple:
    return (v.rule_id, v.hard, v.day, v.exercise, v.message)


# --------------------------------------------------------------------------------------------
# the tests


def test_every_kind_has_cases():
    assert {p.stem for p in case_files()} == set(REGISTRY)


@pytest.mark.parametrize("kind", sorted(REGISTRY))
def test_cases_pass_and_fail(kind):
    """Each file shows the kind passing and failing, and has a soft rule among its cases."""
    cases = [c for c in ALL_CASES if c.kind == kind]
    assert any(not c.body["violations"] for c in cases), "no passing case"
    assert any(c.body["violations"] for c in cases) or kind == "advice", "no failing case"
    assert any(c.body["rule"].get("severity") in ("soft", "preference") for c in cases), "no soft case"


@pytest.mark.parametrize("case", ALL_CASES, ids=lambda c: c.id)
def test_check(case: Case, catalog: Catalog, tmp_path: Path):
    built = build(case, catalog, tmp_path)
    found = checked(built)
    assert [_plain(v) for v in found] == [_plain(v) for v in built.expected]
    assert [v.amount for v in found] == pytest.approx([v.amount for v in built.expected], rel=1e-9, abs=1e-9)
