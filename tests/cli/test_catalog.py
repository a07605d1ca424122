"""``backplan catalog list`` and ``catalog show``: what a person reads, and every error in its exact words."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planner.catalog import default_catalog
from planner.cli import app

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def _ids(stdout: str) -> list[str]:
    """The id column of a listed table (a long name folds onto a line with no id)."""
    ids = [line.split("│")[1].strip() for line in stdout.splitlines() if line.startswith("│")]
    return [i for i in ids if i]


def test_list_stretches_for_the_hip_flexors_finds_the_half_kneeling_stretch():
    result = run("catalog", "list", "--kind", "stretch", "--muscle", "hip_flexors")
    assert result.exit_code == 0, result.output
    assert _ids(result.stdout) == ["half_kneeling_hip_flexor_stretch"]
    row = next(line for line in result.stdout.splitlines() if line.startswith("│"))
    assert [cell.strip() for cell in row.split("│")[1:-1]] == [
        "half_kneeling_hip_flexor_stretch", "Half-kneeling hip-flexor stretch", "stretch", "hips", "kneeling",
        "none", "beginner", "adult", ""]
    assert result.stdout.splitlines()[1].split("┃")[1:-1] == [
        " id                               ", " name                             ", " kind    ", " region ",
        " position ", " equipment ", " level    ", " audience ", " banned "]
    assert result.stdout.endswith("\n1 of 71 exercises\n")


def test_list_marks_banned_moves():
    result = run("catalog", "list", "--text", "straight-leg sit")
    assert result.exit_code == 0, result.output
    row = next(line for line in result.stdout.splitlines() if line.startswith("│"))
    assert [cell.strip() for cell in row.split("│")[1:-1]] == [
        "straight_leg_situp", "Straight-leg sit-up", "strength", "core", "supine", "mat", "beginner", "adult", "BANNED"]


def test_a_muscle_filter_takes_a_muscle_a_group_or_a_region():
    by_muscle = _ids(run("catalog", "list", "-m", "iliopsoas").stdout)
    by_group = _ids(run("catalog", "list", "-m", "hip_flexors").stdout)
    by_region = _ids(run("catalog", "list", "-m", "hips").stdout)
    assert "half_kneeling_hip_flexor_stretch" in by_muscle
    assert by_muscle == by_group
    assert set(by_group) < set(by_region)


def test_equipment_none_lists_what_needs_nothing_and_a_word_lists_what_needs_it():
    nothing = run("catalog", "list", "--equipment", "none")
    dumbbells = run("catalog", "list", "--equipment", "dumbbells")
    assert nothing.exit_code == dumbbells.exit_code == 0
    assert "half_kneeling_hip_flexor_stretch" in _ids(nothing.stdout)
    assert not set(_ids(nothing.stdout)) & set(_ids(dumbbells.stdout))
    exercises = default_catalog().exercises
    assert _ids(dumbbells.stdout) and all("dumbbells" in exercises[i].equipment for i in _ids(dumbbells.stdout))
    assert all(not exercises[i].equipment for i in _ids(nothing.stdout))


@pytest.mark.parametrize(("args", "message"), [
    (["--kind", "strech"], 'backplan: error: --kind: unknown kind "strech" (did you mean "stretch"?)\n'),
    (["-m", "hip_flexor"], 'backplan: error: --muscle: unknown muscle, group or region "hip_flexor" (did you mean "hip_flexors"?)\n'),
    (["-m", "xyzzy"], (
        'backplan: error: --muscle: unknown muscle, group or region "xyzzy" (groups: neck_flexors, neck_extensors, '
        "trapezius, shoulders, chest, arms, rhomboids, lats, erectors, abdominals, obliques, glutes, hip_flexors, "
        "adductors, quadriceps, hamstrings, calves; regions: neck, upper_back, chest_arms, mid_back, low_back, core, "
        "hips, legs, full_body)\n")),
    (["-e", "nne"], 'backplan: error: --equipment: unknown equipment "nne" (did you mean "none"?)\n'),
    (["--position", "kneel"], 'backplan: error: --position: unknown position "kneel" (did you mean "kneeling"?)\n'),
    (["--level", "expert"], 'backplan: error: --level: unknown level "expert" (known: beginner, intermediate, advanced)\n'),
    (["-t", "gentel"], (
        'backplan: error: --tag: no exercise has the tag "gentel" (did you mean "gentle"?); tags in use: band, '
        "banned_alternative, breathing, bridge, children_set, core, core_endurance, crunch, dumbbell_set, game, gentle, "
        "hamstring_stretch, head_below_heart, isometric, low_impact, neck, needs_instruction, plank, preliminary_set, "
        "relaxation_sequence, standing_set, weighted, yoga\n")),
    (["-k", "stretch", "-e", "dumbbells"],
     "backplan: error: no exercise matches --kind stretch --equipment dumbbells (71 exercises in the catalog)\n"),
])
def test_list_errors_name_the_option_and_exit_2(args, message):
    result = run("catalog", "list", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)


def test_list_reads_another_catalog_folder(tmp_path: Path):
    folder = tmp_path / "mine"
    folder.mkdir()
    # two shipped files that name only each other's exercises (close variants across the two)
    for name in ("vocab.yaml", "muscles.yaml", "ex_home_exercises.yaml", "ex_relaxation_and_dumbbells.yaml"):
        shutil.copy(ROOT / "catalog" / name, folder / name)
    result = run("catalog", "list", "--catalog", str(folder))
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith(f"\n{len(_ids(result.stdout))} of {len(_ids(result.stdout))} exercises\n")
    assert "half_kneeling_hip_flexor_stretch" not in result.stdout
    missing = run("catalog", "list", "--catalog", str(tmp_path / "nope"))
    assert (missing.exit_code, missing.stderr) == (2, f"backplan: error: {tmp_path / 'nope'}: catalog folder not found\n")


def test_show_prints_the_whole_exercise():
    result = run("catalog", "show", "half_kneeling_hip_flexor_stretch")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("half_kneeling_hip_flexor_stretch: Half-kneeling hip-flexor stretch  (")
    assert lines[0].endswith("catalog/ex_backplan_additions.yaml:407:5)")
    assert lines[2:17] == [
        "kind:              stretch (plays in the stretch block)",
        "region:            hips",
        "position:          kneeling",
        "side:              unilateral",
        "level:             beginner",
        "audience:          adult",
        "primary muscles:   iliopsoas (hip_flexors, hips)",
        "secondary muscles: rectus_femoris (quadriceps, legs)",
        "dose:              2 x hold 20 s, each side",
        "equipment:         none needed",
        "recommended:       mat",
        "tags:              breathing",
        "contraindications: pregnancy (never planned for a profile with one of these)",
        "",
        "Steps:",
    ]
    assert lines[17].startswith("  1. Kneel on one knee on a padded surface")
    assert "Cues:" in lines and "Source:" in lines
    assert lines[lines.index("Source:") + 1] == "  - 004_eea2656cb83e4a01.txt"


def test_show_a_banned_move_says_so_first():
    result = run("catalog", "show", "straight_leg_situp")
    assert result.stdout.splitlines()[2] == (
        "BANNED: never planned. The old-style sit-up with straight legs loads the low back far too much; curl up "
        "with the knees bent and the back flat instead. Do bent_knee_crunch instead.")


def test_show_an_unknown_id_suggests_the_closest():
    result = run("catalog", "show", "hip_flexor_stretch")
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", (
        'backplan: error: unknown exercise "hip_flexor_stretch" (did you mean "half_kneeling_hip_flexor_stretch"?); '
        "see backplan catalog list\n"))


@pytest.mark.parametrize("command", ["list", "show"])
def test_help_has_examples(command):
    result = run("catalog", command, "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.stdout and f"backplan catalog {command}" in result.stdout


def test_show_gives_the_variant_ladder():
    result = run("catalog", "show", "bird_dog")
    assert result.exit_code == 0, result.output
    assert "\nVariants: easier prone_opposite_arm_leg_raise, harder -\n" in result.stdout


@pytest.mark.parametrize(("exercise", "variants", "cites"), [
    ("clamshell", "easier -, harder side_lying_leg_raise", True),
    ("side_lying_leg_raise", "easier clamshell, harder -", False),
    ("chair_sit_to_stand", "easier -, harder squat_to_chair", True),
    ("squat_to_chair", "easier chair_sit_to_stand, harder -", False),
    ("abdominal_bracing", "easier -, harder forearm_plank", True),
    ("forearm_plank", "easier abdominal_bracing, harder -", False),
])
def test_show_gives_the_new_ladders_both_ways_and_the_easier_one_says_whose_reading(exercise, variants, cites):
    result = run("catalog", "show", exercise)
    assert result.exit_code == 0, result.output
    assert f"\nVariants: {variants}\n" in result.stdout
    source = result.stdout.split("\nSource:\n")[1]
    assert ("backplan's reading for the variant ladder" in source) is cites
