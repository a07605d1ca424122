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
      walks:                           # optional: walks of their own (a plan day's ``walks``)
        tue: [walking]
      violations:                      # exactly these, in this order ([] for a passing case)
        - rule: hamstring-stretch
          hard: true                   # an error (safety, structure) or a warning (preference)
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

The same week is then scored by the solver (:func:`planner.solver.score.soft_amounts` and
``soft_penalty`` on the solver's own week model for the rule and profile, holding the case's
doses): the amount it counts for the rule must be the sum of the violations' amounts, and the
penalty that amount times the rule's weight and its requirement type's scale. A hard rule (a
safety or structure one) is scored as its preference twin (the same rule with ``severity:
preference``): the score reads soft requirements only. Only weeks the solver could place are
scored (see :func:`unplaceable`): items on training days only, each exercise once a day with
one dose all week, a unilateral one as a left and a right item side by side. A disagreement on a rule whose requirement type the
score has no ``miss`` for is an expected failure that names the type (it turns into a plain
pass once the type is measured); any other disagreement fails.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from planner.catalog import Catalog
from planner.kinds import REGISTRY
from planner.kinds.base import Context, Entry, Violation, Week
from planner.loading.yamlio import load_yaml_file
from planner.models import Dose, Profile
from planner.requirements import Walk
from planner.profile import default_profile_path, load_profile
from planner.rules import Rule, load_rules
from planner.solver import Settings, compile_rules
from planner.solver.build import build_model
from planner.solver.requirement_types import treatment
from planner.solver.score import TENTHS, soft_amounts, soft_penalty
from planner.solver.solution import Item
from planner.solver.walks import Walks, credit

CASES = Path(__file__).parent / "cases"
DOSE_FIELDS = ("sets", "reps", "hold_s", "minutes")
ITEM_KEYS = {"exercise", "side", *DOSE_FIELDS}
CASE_KEYS = {"profile", "rule", "week", "walks", "violations"}
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
DEFAULT_DAYS = load_yaml_file(default_profile_path()).data["days"]


def unplaceable(case: Case) -> str | None:
    """Why the solver's week model could not hold the case's week (``None`` when it could).

    The solver places exercise ids on training days, each at most once a day, with one dose per
    exercise for the whole week; a unilateral exercise becomes its left and right item side by
    side. Weeks outside that shape are for the checker alone.
    """
    days = (case.body.get("profile") or {}).get("days", DEFAULT_DAYS)
    doses: dict[str, dict] = {}
    for day, raw in (case.body.get("week") or {}).items():
        items = [{"exercise": i} if isinstance(i, str) else i for i in raw or []]
        if items and day not in days:
            return f"items on {day}, not a training day"
        seen: set[str] = set()
        i = 0
        while i < len(items):
            ex, side = items[i]["exercise"], items[i].get("side", "both")
            pair = items[i : i + 2] if side != "both" else items[i : i + 1]
            if side != "both" and not (
                len(pair) == 2 and pair[1]["exercise"] == ex and {side, pair[1].get("side")} == {"left", "right"}
            ):
                return f"{ex} on {day} is not one left and one right item side by side"
            for item in pair:
                dose = {k: v for k, v in item.items() if k in DOSE_FIELDS}
                if doses.setdefault(ex, dose) != dose:
                    return f"{ex} has two doses"
            if ex in seen:
                return f"{ex} twice on {day}"
            seen.add(ex)
            i += len(pair)
    return None


SCORED = [case for case in ALL_CASES if unplaceable(case) is None]


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
    walks = {d: entries for d, entries in _days(body.get("walks") or {}, catalog).items() if entries}
    week = Week(_days(body.get("week") or {}, catalog), list(profile.days), walks)
    expected = [_violation(v) for v in body["violations"]]
    return Built(rule, profile, week, Context(catalog, profile), expected)


def _profile(fields: dict[str, Any], catalog: Catalog, tmp: Path) -> Profile:
    data = load_yaml_file(default_profile_path()).data
    data.update(fields)
    path = tmp / "profile.yaml"
    path.write_text(json.dumps(data))  # JSON is YAML: the values reach the loader unchanged
    return load_profile(path, catalog)


def _rule(entry: dict[str, Any], case: Case, catalog: Catalog, tmp: Path, name: str = "rules") -> Rule:
    entry = {"description": f"case {case.id}", "source": ["tests/kinds/cases"], **entry}
    path = tmp / f"{name}.yaml"
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


def scored(rule: Rule, built: Built) -> tuple[float, int, list[str], set[int], list[str]]:
    """The solver's view of ``rule`` (soft) on the case's week: the amount it counts for the
    rule, the week's penalty and missed rule ids, the scale of the rule's requirement types, and
    those of its types the score has no measure for."""
    catalog = built.ctx.catalog
    compiled = compile_rules([rule], catalog, built.profile)
    walks = {d: [e.exercise for e in entries] for d, entries in built.week.walks.items()}
    if walks:  # the weekly rules count the walks as the solver credits them (the walk rules read them)
        planned = Walks({d: [Item(e.exercise, e.side, e.dose(), ("case",)) for e in es] for d, es in built.week.walks.items()})
        credited = credit(compiled, planned)
        kept = [r for r in compiled.requirements if isinstance(r, Walk)]
        compiled = replace(credited, requirements=[*credited.requirements, *kept])
    model = build_model(compiled, Settings())
    doses = {e.exercise: e.dose() for entries in built.week.days.values() for e in entries}
    seconds = {x: d.seconds(catalog.exercises[x].side == "unilateral") for x, d in doses.items()}
    model = replace(model, doses={**model.doses, **doses}, seconds={**model.seconds, **seconds})
    per_day = {d: built.week.exercises(d) for d in model.days}
    penalty, misses = soft_penalty(model, per_day, walks)
    scales = {treatment(r).scale for r in model.soft}
    unmeasured = sorted({type(r).__name__ for r in model.soft if treatment(r).miss is None})
    return soft_amounts(model, per_day, walks).get(rule.id, 0.0), penalty, misses, scales, unmeasured


def _plain(v: Violation) -> tuple:
    return (v.rule_id, v.hard, v.day, v.exercise, v.message)


# --------------------------------------------------------------------------------------------
# the tests


def test_every_kind_has_cases():
    assert {p.stem for p in case_files()} == set(REGISTRY)


@pytest.mark.parametrize("kind", sorted(REGISTRY))
def test_cases_pass_and_fail(kind):
    """Each file shows the kind passing and failing, and has a preference (soft) rule among its cases."""
    cases = [c for c in ALL_CASES if c.kind == kind]
    assert any(not c.body["violations"] for c in cases), "no passing case"
    assert any(c.body["violations"] for c in cases) or kind == "advice", "no failing case"
    assert any(c.body["rule"].get("severity") == "preference" for c in cases), "no preference case"


@pytest.mark.parametrize("case", ALL_CASES, ids=lambda c: c.id)
def test_check(case: Case, catalog: Catalog, tmp_path: Path):
    built = build(case, catalog, tmp_path)
    found = checked(built)
    assert [_plain(v) for v in found] == [_plain(v) for v in built.expected]
    assert [v.amount for v in found] == pytest.approx([v.amount for v in built.expected], rel=1e-9, abs=1e-9)


@pytest.mark.parametrize("case", SCORED, ids=lambda c: c.id)
def test_the_solver_scores_the_week_as_the_kind_checks_it(case: Case, catalog: Catalog, tmp_path: Path):
    built = build(case, catalog, tmp_path)
    amount = sum(v.amount for v in checked(built))
    rule = built.rule
    if rule.hard:
        rule = _rule({**case.body["rule"], "severity": "preference"}, case, catalog, tmp_path, "preference")
    solver_amount, penalty, misses, scales, unmeasured = scored(rule, built)
    try:
        assert solver_amount == pytest.approx(amount, rel=1e-9, abs=1e-9)
        assert misses == ([rule.id] if amount > 0 else [])
        assert len(scales) <= 1, "one rule, one requirement type"
        assert penalty == round(amount * max(scales, default=1) * rule.header.weight * TENTHS)
    except AssertionError:
        if unmeasured:  # a known gap, named; the test holds by itself once the type has a miss
            pytest.xfail(f"the solver's score has no miss for {', '.join(unmeasured)}: "
                         f"the kind counts {amount:g}, the solver {solver_amount:g}")
        raise


def test_every_kind_is_scored():
    """Each kind has weeks the solver scores, failing ones too where the solver can place them
    (it never splits a unilateral exercise's sides, the only way to break sides_adjacent)."""
    assert {c.kind for c in SCORED} == set(REGISTRY)
    failing = {c.kind for c in SCORED if c.body["violations"]}
    assert failing == set(REGISTRY) - {"advice", "sides_adjacent"}
