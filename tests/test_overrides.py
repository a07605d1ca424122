"""Rule files that change the shipped rules (``override:``), replace them (``shipped: false``) and
declare words (``vocabulary:``), through the CLI; the examples of docs/rules.md are run here.
Bad overrides and declarations are in ``tests/invalid/cases.yaml``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planner import api
from planner.authoring import rule_rows
from planner.catalog import default_catalog
from planner.cli import app
from planner.render import render
from planner.rules import default_rule_files, load_rule_set
from tests.conftest import ROOT

runner = CliRunner()
EXAMPLES = ROOT / "examples" / "rules"
CLINIC = EXAMPLES / "clinic_overrides.yaml"
OWN = EXAMPLES / "own_rule_set.yaml"
NO_FLOOR = "name: no-floor\ndays: [mon, wed, fri]\nsession_minutes: 40\nequipment: [chair]\nconditions: [cannot_get_to_floor]\n"
FLOOR_POSITIONS = {"supine", "prone", "side", "quadruped", "kneeling"}


def run(*args: str):
    return runner.invoke(app, list(args))


@pytest.fixture
def no_floor(tmp_path: Path) -> Path:
    path = tmp_path / "no_floor.yaml"
    path.write_text(NO_FLOOR)
    return path


def test_overrides_change_the_rules_and_are_listed(catalog):
    loaded = load_rule_set([*default_rule_files(), CLINIC], catalog)
    by_id = {r.id: r for r in loaded.rules}
    assert by_id["regular-practice"].params.min == 3
    assert by_id["regular-practice"].override.change == "min: 5 -> 3"
    assert by_id["one-aerobic"].level == "preference" and by_id["one-aerobic"].header.weight == 3
    assert by_id["one-aerobic"].override.change == "severity: structure -> preference; weight: 1 -> 3"
    assert by_id["strength-rest-48h"].off and by_id["strength-rest-48h"].level == "safety"
    assert "cannot_get_to_floor" in loaded.catalog.vocab.conditions
    assert "cannot_get_to_floor" not in catalog.vocab.conditions  # the shipped catalog is untouched
    assert len(loaded.rules) == len(load_rule_set(default_rule_files(), catalog).rules) + 1


def test_rules_list_and_show_mark_overrides():
    listed = run("rules", "list", "-r", str(CLINIC), "--text", "48")
    assert listed.exit_code == 0, listed.output
    assert "off (override)" in listed.stdout
    loaded = load_rule_set([*default_rule_files(), CLINIC], default_catalog())
    rows = {row[0]: row for row in rule_rows(loaded.rules)}
    assert rows["strength-rest-48h"][2:] == ("off (override)", rows["strength-rest-48h"][3], f"{CLINIC}:18:5")
    assert rows["one-aerobic"][2] == "preference (3) (override)"
    relaxed = run("rules", "list", "-r", str(CLINIC), "--text", "most days")
    assert "preference (2) (override)" in relaxed.stdout
    shown = run("rules", "show", "strength-rest-48h", "-r", str(CLINIC))
    assert shown.exit_code == 0, shown.output
    assert f"Overridden at {CLINIC}:18:5 (the rule is written at " in shown.stdout
    assert "Reason: Supervised in clinic; the physiotherapist watches the load on consecutive days." in shown.stdout
    assert "It is switched off: no plan uses it." in shown.stdout


def test_every_plan_prints_the_overrides_and_their_reasons(no_floor: Path, tmp_path: Path):
    reason = "Supervised in clinic; the physiotherapist watches the load on consecutive days."
    for fmt in ("table", "markdown"):
        result = run("plan", "-p", str(no_floor), "-r", str(CLINIC), "-f", fmt, "--brief")
        assert result.exit_code == 0, result.output
        assert "Rules changed by your rule files" in result.stdout
        text = render(api.plan_week(no_floor, extra_rules=[CLINIC]), fmt, width=400).replace("\\", "")
        assert f"strength-rest-48h: switched off ({CLINIC}:18:5). Reason: {reason}" in text
    out = tmp_path / "week.json"
    made = run("plan", "-p", str(no_floor), "-r", str(CLINIC), "-f", "json", "-o", str(out))
    assert made.exit_code == 0, made.output
    plan = json.loads(out.read_text())
    assert plan["overrides"] == [
        {"rule": "one-aerobic", "change": "severity: structure -> preference; weight: 1 -> 3", "reason": "",
         "file": f"{CLINIC}:13:5"},
        {"rule": "regular-practice", "change": "min: 5 -> 3",
         "reason": "Three sessions a week is what this client can keep up.", "file": f"{CLINIC}:8:5"},
        {"rule": "strength-rest-48h", "change": "switched off", "reason": reason, "file": f"{CLINIC}:18:5"},
    ]
    # the declared condition is used: nothing lying on the floor
    assert not any(i["position"] in FLOOR_POSITIONS for d in plan["days"] for i in d["items"])
    checked = run("check", str(out), "-r", str(CLINIC))
    assert checked.exit_code == 0, checked.output


def test_a_plan_without_overrides_has_no_overrides_field():
    result = run("plan", "-f", "json")
    assert result.exit_code == 0
    assert "overrides" not in json.loads(result.stdout)


def test_switched_off_rule_is_neither_planned_nor_checked(tmp_path: Path):
    mine = tmp_path / "mine.yaml"
    # the default week walks (walk-on-days-off), one aerobic activity against cross-train's two
    mine.write_text("rules:\n  - override: cross-train\n    severity: off\n")
    plan = api.plan_week(extra_rules=[mine])
    assert "cross-train" not in plan.soft_misses
    assert [o.change for o in plan.overrides] == ["switched off"]
    violations = api.check_week(plan, extra_rules=[mine])
    assert not [v for v in violations if v.rule_id == "cross-train"]
    assert not [v for v in api.check_week(plan) if v.rule_id == "cross-train"]  # the plan's own file, re-read
    shipped = api.load_inputs().rules
    assert [v for v in api.check_week(plan, rules=shipped) if v.rule_id == "cross-train"]  # the shipped rule still asks


def test_own_rule_set_replaces_the_shipped_rules():
    listed = run("rules", "list", "-r", str(OWN))
    assert listed.exit_code == 0, listed.output
    assert listed.stdout.strip().endswith("5 of 5 rules")
    plan = api.plan_week(extra_rules=[OWN])
    assert [(o.rule, o.change) for o in plan.overrides] == [
        ("*", f"left out (shipped: false); the plan uses only the rules of {OWN}")
    ]
    for day in plan.days:
        if day.items:
            assert day.items[0].block == "warmup"
            assert sum(i.block == "strength" for i in day.items if i.side != "right") == 2
    assert not api.check_week(plan, extra_rules=[OWN])


def test_validate_an_edited_copy_of_a_shipped_file(tmp_path: Path):
    for name in ("week.yaml", "safety.yaml"):
        copy = tmp_path / name
        shutil.copyfile(ROOT / "rules" / name, copy)
        result = run("rules", "validate", str(copy))
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith(f"{copy}:")
        assert result.stdout.split(": ", 1)[1] == (
            f"note: checked in place of the shipped {name} (it defines most of its rule ids: an edited "
            'copy); to plan with it, add "shipped: false" and give the other shipped files too, or write your changes '
            'as "override:" entries\n0 error(s), 0 warning(s) in 1 file(s)\n'
        )
    edited = tmp_path / "week.yaml"
    edited.write_text(edited.read_text().replace("    count: days\n    min: 5\n", "    count: days\n    min: 3\n"))
    assert run("rules", "validate", str(edited)).exit_code == 0
    # planned beside the shipped rules, the same copy clashes, and the message says what to do
    clash = run("plan", "-r", str(edited))
    assert clash.exit_code == 2
    assert 'write "override: ' in clash.stderr and '"shipped: false"' in clash.stderr


def test_a_full_edited_copy_plans_with_shipped_false(tmp_path: Path):
    copies = []
    for path in default_rule_files():
        copy = tmp_path / path.name
        shutil.copyfile(path, copy)
        copies.append(copy)
    week = tmp_path / "week.yaml"
    week.write_text("shipped: false\n" + week.read_text().replace("    count: days\n    min: 5\n", "    count: days\n    min: 3\n"))
    validated = run("rules", "validate", *map(str, copies))
    assert validated.exit_code == 0 and validated.stdout == "0 error(s), 0 warning(s) in 6 file(s)\n", validated.output
    plan = api.plan_week(extra_rules=copies)
    assert "regular-practice" not in plan.soft_misses  # three days are enough now
    assert plan.overrides[0].rule == "*"


def test_declared_condition_as_a_mapping(tmp_path: Path, no_floor: Path):
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        "vocabulary:\n  conditions:\n    cannot_get_to_floor: {description: cannot get down to the floor}\n"
        "  equipment:\n    yoga_block: a foam yoga block\n"
        "rules:\n  - id: no-floor\n    kind: forbid\n    description: d\n"
        "    when: {conditions: [cannot_get_to_floor], equipment: [yoga_block]}\n"
        "    select: {position: supine}\n    source: [me]\n"
    )
    result = run("plan", "-p", str(no_floor), "-r", str(mine), "--brief")
    assert result.exit_code == 0, result.output
    validated = run("rules", "validate", str(mine))
    assert validated.stdout == "0 error(s), 0 warning(s) in 1 file(s)\n", validated.output


def test_an_overridden_rule_keeps_its_file_tag():
    listed = run("rules", "list", "-r", str(CLINIC), "-t", "week", "--text", "most days")
    assert listed.exit_code == 0, listed.output
    assert "regular-practice" in listed.stdout


def test_diff_compares_with_the_shipped_rules_as_they_were():
    result = run("rules", "diff", str(CLINIC))
    assert result.exit_code == 0, result.output
    # the default profile has no cannot_get_to_floor: diff says so instead of showing nothing
    assert "These of its rules do not apply to this profile (their when: does not hold): no-floor-work" in result.stdout
    assert "Soft penalty: " in result.stdout


def test_diff_says_when_no_rule_of_the_file_applies(tmp_path: Path):
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        "rules:\n  - id: pregnancy-no-lying\n    kind: forbid\n    description: d\n"
        "    when: {conditions: [pregnancy]}\n    select: {position: [prone, supine]}\n    source: [me]\n"
    )
    result = run("rules", "diff", str(mine))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1:3] == [
        "None of its rules apply to this profile (their when: does not hold): pregnancy-no-lying",
        "The week is the same with and without these rules.",
    ]


def test_an_unknown_word_suggests_the_known_word_inside_it(tmp_path: Path):
    profile = tmp_path / "p.yaml"
    profile.write_text("days: [mon]\nequipment: [yoga_mat]\n")
    result = run("plan", "-p", str(profile))
    assert result.exit_code == 2
    assert result.stderr == f'backplan: error: {profile}:2:13: unknown equipment "yoga_mat" (did you mean "mat"?)\n'


def test_declared_words_take_the_shape_of_the_catalog_s_own():
    """catalog/vocab.yaml may describe a condition as text or as a mapping (description, clearance,
    reason, source ...): a declared condition takes the same shape, its other fields empty."""
    from pydantic import BaseModel

    from planner.vocabulary import _like

    class Condition(BaseModel):
        description: str
        clearance: bool = False
        reason: str
        source: list[str]

    sample = Condition(description="high blood pressure", clearance=True, reason="r", source=["s"])
    made = _like({"hypertension": sample}, "cannot get down to the floor")
    assert made == Condition(description="cannot get down to the floor", clearance=False, reason="", source=[])
    assert _like({"x": {"description": "d", "clearance": True}}, "new") == {"description": "new", "clearance": False}
    assert _like({"x": "d"}, "new") == "new"
