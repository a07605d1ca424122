"""`backplan rules ...`: list, show, validate, new, kinds, diff."""

from __future__ import annotations

import os
from pathlib import Path

from typer.testing import CliRunner

from planner.api import plan_week
from planner.cli import app
from tests.conftest import ROOT

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def test_list_filters(rules):
    shipped = len(rules)  # the shipped rules (other issues add some)
    result = run("rules", "list", "--kind", "refer")
    assert result.exit_code == 0
    assert "red-flag-pain-or-injury" in result.stdout
    assert result.stdout.strip().endswith(f"2 of {shipped} rules")
    by_tag = run("rules", "list", "--tag", "dose")
    assert "at-least-5-reps" in by_tag.stdout and f"2 of {shipped} rules" in by_tag.stdout
    by_text = run("rules", "list", "--text", "ACSM")
    assert "strength-rest-48h" in by_text.stdout


def test_show_lists_matching_exercises():
    result = run("rules", "show", "banned-moves")
    assert result.exit_code == 0
    assert "select matches 4 exercise(s) in the catalog:" in result.stdout
    assert "  - scissors_leg_swings: " in result.stdout
    assert "  - straight_leg_situp: " in result.stdout
    assert "Kind forbid:" in result.stdout


def test_show_unknown_rule():
    result = run("rules", "show", "banned-move")
    assert result.exit_code == 2
    assert result.stderr == 'backplan: error: unknown rule "banned-move" (did you mean "banned-moves"?)\n'


def test_validate_shipped_rules_is_clean():
    result = run("rules", "validate", *map(str, sorted((ROOT / "rules").glob("*.yaml"))))
    assert result.exit_code == 0
    assert result.stdout == "0 error(s), 0 warning(s) in 6 file(s)\n"


def test_validate_reports_positions_and_warnings(tmp_path: Path):
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        "rules:\n"
        "  - id: no-lying\n"
        "    kind: forbid\n"
        "    description: d\n"
        "    select: {position: [prone, supin]}\n"
        "    source: [me]\n"
    )
    odd = tmp_path / "odd.yaml"
    odd.write_text(
        "rules:\n"
        "  - id: never\n"
        "    kind: weekly_count\n"
        "    description: d\n"
        "    when: {conditions: []}\n"
        "    select: {any: [{tags: plank}, {tags: plank, position: standing}]}\n"
        "    min: 1\n"
        "    source: [me]\n"
    )
    result = run("rules", "validate", str(broken), str(odd))
    assert result.exit_code == 2
    assert result.stderr == f'{broken}:5:32: error: unknown position "supin" (did you mean "supine"?)\n'
    assert result.stdout == (
        f"{odd}:2:5: warning: rule never: can never apply: when.conditions is an empty list\n"
        f"{odd}:2:5: warning: rule never: select.any[1] matches no exercise in the catalog\n"
        "1 error(s), 2 warning(s) in 2 file(s)\n"
    )


def test_validate_a_shipped_file_with_a_user_file_reports_no_false_clash(tmp_path: Path):
    mine = tmp_path / "mine.yaml"
    mine.write_text("rules:\n  - id: my-advice\n    kind: advice\n    description: d\n    text: t\n    source: [me]\n")
    shipped = os.path.relpath(ROOT / "rules" / "dose.yaml")  # relative, as people type it
    result = run("rules", "validate", shipped, str(mine))
    assert result.exit_code == 0, result.output
    assert result.stdout == "0 error(s), 0 warning(s) in 2 file(s)\n"


def test_validate_catches_a_clash_with_a_shipped_rule_id(tmp_path: Path):
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        "rules:\n  - id: banned-moves\n    kind: advice\n    description: d\n    text: t\n    source: [me]\n"
    )
    result = run("rules", "validate", str(mine))
    assert result.exit_code == 2
    assert result.stderr.startswith(f'{mine}:2:5: error: rule id "banned-moves" is already used at ')


def test_new_prints_a_template_and_rejects_unknown_kinds():
    result = run("rules", "new", "not_consecutive")
    assert result.exit_code == 0
    assert result.stdout.startswith("# yaml-language-server: $schema=")
    assert "kind: not_consecutive" in result.stdout
    bad = run("rules", "new", "not_consecutiv")
    assert bad.exit_code == 2
    assert bad.stderr == (
        'backplan: error: unknown rule kind "not_consecutiv" (did you mean "not_consecutive"?); '
        "see backplan rules kinds\n"
    )


def test_kinds_lists_every_kind():
    result = run("rules", "kinds")
    assert result.exit_code == 0
    assert "## `load_ratio`" in result.stdout and "## `top_down`" in result.stdout


def test_diff_shows_the_change(tmp_path: Path):
    rules = tmp_path / "r.yaml"
    rules.write_text(
        "rules:\n"
        "  - id: no-lying\n"
        "    kind: forbid\n"
        "    description: No prone or supine exercises.\n"
        "    select: {position: [prone, supine]}\n"
        "    source: [me]\n"
    )
    result = run("rules", "diff", str(rules))
    assert result.exit_code == 0, result.output
    assert "\n  - " in result.stdout and "\n  + " in result.stdout
    assert "Share of the week's muscle-group load (strength work, seconds under tension):" in result.stdout
    assert "Soft penalty: " in result.stdout


def test_validate_finds_an_order_cycle_across_files(tmp_path: Path):
    """plan refuses order rules that form a cycle; validate must say so too, not pass the file."""
    first = tmp_path / "first.yaml"
    first.write_text(
        "rules:\n  - id: plank-before-bridge\n    kind: order\n    description: d\n"
        "    before: {tags: plank}\n    after: {id: glute_bridge}\n    source: [me]\n"
    )
    second = tmp_path / "second.yaml"
    second.write_text(
        "rules:\n  - id: bridge-before-plank\n    kind: order\n    description: d\n"
        "    before: {id: glute_bridge}\n    after: {tags: plank}\n    source: [me]\n"
    )
    result = run("rules", "validate", str(first), str(second))
    assert result.exit_code == 2
    assert result.stderr == f"{second}:2:5: error: order rules form a cycle: plank-before-bridge, bridge-before-plank\n"
    assert result.stdout == "1 error(s), 0 warning(s) in 2 file(s)\n"


def test_validate_warns_about_rules_that_cannot_matter_or_stop_every_plan(tmp_path: Path):
    odd = tmp_path / "odd.yaml"
    odd.write_text(
        "rules:\n"
        "  - id: everyone-to-doctor\n    kind: refer\n    description: d\n    message: see a doctor\n    source: [me]\n"
        "  - id: no-situps\n    kind: forbid\n    description: d\n    select: {id: straight_leg_situp}\n    source: [me]\n"
        "  - id: acute-no-planks\n    kind: forbid\n    description: d\n"
        "    when: {conditions: [acute_pain], cleared_by_doctor: false}\n    select: {tags: plank}\n    source: [me]\n"
        "  - id: adults-games\n    kind: session_count\n    description: d\n    when: {age_group: adult}\n"
        "    select: {id: [airplane_game, woodcutter_game]}\n    max: 1\n    source: [me]\n"
    )
    result = run("rules", "validate", str(odd))
    assert result.exit_code == 0
    assert result.stdout == (
        f"{odd}:2:5: warning: rule everyone-to-doctor: applies to every profile (no condition in when:), so nobody would ever get a plan\n"
        f'{odd}:7:5: warning: rule no-situps: "select" matches only banned moves, which no plan ever contains\n'
        f"{odd}:12:5: warning: rule acute-no-planks: can never matter: every profile it applies to gets no plan "
        "(rule red-flag-pain-or-injury sends it to a doctor)\n"
        f'{odd}:18:5: warning: rule adults-games: "select" matches only exercises for child, '
        "but the rule applies only to age group adult\n"
        "0 error(s), 4 warning(s) in 1 file(s)\n"
    )


def test_diff_shows_dose_changes_and_loads_rules_like_plan(tmp_path: Path):
    # A held exercise of the default week (which one follows the catalog), held 3 s less; one held
    # 13 s or more, so the shorter hold still meets the stretch rule's 10 s and the exercise stays.
    held = next(i for d in plan_week().days for i in d.items
                if i.hold_s and i.hold_s >= 13 and i.reps is None and i.side == "both")
    short = tmp_path / "short.yaml"
    short.write_text(
        "rules:\n  - id: short-plank-holds\n    kind: dose\n    description: d\n"
        f"    select: {{id: {held.exercise}}}\n    hold_s: {{max: {held.hold_s - 3}}}\n    source: [me]\n"
    )
    result = run("rules", "diff", str(short))
    assert result.exit_code == 0, result.output
    assert any(line.startswith(f"  ~ {held.exercise}: ") and line.endswith(f" -> {held.sets} x hold {held.hold_s - 3} s")
               for line in result.stdout.splitlines()), result.stdout
    clash = tmp_path / "clash.yaml"
    clash.write_text(short.read_text().replace("short-plank-holds", "banned-moves"))
    result = run("rules", "diff", str(clash))
    assert result.exit_code == 2
    assert result.stderr.startswith(f'backplan: error: {clash}:2:5: rule id "banned-moves" is already used at ')


def test_the_same_rule_file_twice_counts_once(tmp_path: Path):
    mine = tmp_path / "mine.yaml"
    mine.write_text("rules:\n  - id: my-advice\n    kind: advice\n    description: d\n    text: t\n    source: [me]\n")
    result = run("plan", "-r", str(mine), "-r", str(mine), "-f", "json")
    assert result.exit_code == 0, result.output


def test_list_with_an_unknown_kind_is_an_error():
    result = run("rules", "list", "--kind", "forbd")
    assert result.exit_code == 2
    assert result.stderr == 'backplan: error: unknown rule kind "forbd" (did you mean "forbid"?); see backplan rules kinds\n'


def test_validate_reads_a_soft_refer_as_advice_and_an_empty_when_as_everyone(tmp_path: Path):
    odd = tmp_path / "odd.yaml"
    odd.write_text(
        "rules:\n"
        "  - id: pregnancy-ask\n    kind: refer\n    description: d\n    severity: soft\n"
        "    when: {conditions: [pregnancy]}\n    message: ask your midwife\n    source: [me]\n"
        "  - id: pregnancy-no-lying\n    kind: forbid\n    description: d\n"
        "    when: {conditions: [pregnancy]}\n    select: {position: [prone, supine]}\n    source: [me]\n"
        "  - id: all-to-doctor\n    kind: refer\n    description: d\n    when: {}\n"
        "    message: see a doctor\n    source: [me]\n"
    )
    result = run("rules", "validate", str(odd), str(odd))  # named twice: one file
    assert result.exit_code == 0
    assert result.stdout == (
        f"{odd}:15:5: warning: rule all-to-doctor: applies to every profile (no condition in when:), "
        "so nobody would ever get a plan\n"
        "0 error(s), 1 warning(s) in 1 file(s)\n"
    )


def test_validate_warns_of_a_count_another_rule_caps_lower(tmp_path: Path, rules):
    cap = next(r for r in rules if r.id == "stretch-whole-body")
    assert cap.params.max == 4
    mine = tmp_path / "five.yaml"
    mine.write_text(
        "rules:\n  - id: five-stretches\n    kind: session_count\n    description: d\n"
        "    select: {kind: stretch}\n    min: 5\n    source: [me]\n"
    )
    result = run("rules", "validate", str(mine))
    assert result.exit_code == 0
    assert result.stdout == (
        f"{mine}:2:5: warning: rule five-stretches: asks for at least 5 in a session, but rule stretch-whole-body "
        f"({cap.level}, {cap.where}) allows at most 4 of a selection that includes all of "
        "these: both can never hold for a profile they both apply to\n0 error(s), 1 warning(s) in 1 file(s)\n"
    )


def test_validate_reports_an_error_in_every_rule(tmp_path: Path):
    mine = tmp_path / "two.yaml"
    mine.write_text(
        "rules:\n"
        "  - {id: a, kind: forbid, description: d, select: {position: supin}, source: [me]}\n"
        "  - {id: b, kind: never_adjacent, description: d, select: {tags: plank}, source: [me]}\n"
        "  - {id: c, kind: forbid, description: d, select: {position: supine}, source: [me]}\n"
    )
    result = run("rules", "validate", str(mine))
    assert result.exit_code == 2
    assert result.stderr == (
        f'{mine}:2:62: error: unknown position "supin" (did you mean "supine"?)\n'
        f'{mine}:3:19: error: unknown rule kind "never_adjacent" (did you mean "not_adjacent"?)\n'
    )
    assert result.stdout == "2 error(s), 0 warning(s) in 1 file(s)\n"
