"""Overlays: corrections keyed by imported id, checked with positions like every backplan file."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner import importers
from planner.errors import InputError
from planner.importers.base import LOAD_CONTRAINDICATIONS, LOAD_SOURCE

SAMPLE = Path(__file__).resolve().parent / "free_exercise_db_sample.json"


def run(tmp_path: Path, text: str) -> importers.Import:
    overlay = tmp_path / "fixes.yaml"
    overlay.write_text(text)
    return importers.prepare("free-exercise-db", SAMPLE, overlay=overlay)


def error(tmp_path: Path, text: str) -> str:
    with pytest.raises(InputError) as info:
        run(tmp_path, text)
    return str(info.value).replace(str(tmp_path / "fixes.yaml"), "fixes.yaml")


def test_an_overlay_fills_what_was_missing_replaces_and_drops(tmp_path: Path):
    done = run(tmp_path, (
        "fedb_isometric_neck_exercise_sides: {position: seated}\n"
        "fedb_face_pull:\n  equipment: [cable_machine]\n  source: [\"my physio: light weights only\"]\n"
        "fedb_plank: drop\n"
        "fedb_cat_stretch: {dose: {sets: 1, hold_s: 20}}\n"
    ))
    got = {e["id"]: e for e in done.outcome.entries}
    assert got["fedb_isometric_neck_exercise_sides"]["position"] == "seated"
    assert got["fedb_face_pull"]["kind"] == "strength"
    assert got["fedb_face_pull"]["equipment"] == ["cable_machine"]
    assert got["fedb_face_pull"]["source"] == ["free-exercise-db: Face_Pull (public domain, The Unlicense)",
                                               "my physio: light weights only", LOAD_SOURCE]
    assert got["fedb_cat_stretch"]["dose"] == {"sets": 1, "hold_s": 20}
    assert "fedb_plank" not in got
    assert done.outcome.dropped == ["fedb_plank"]
    assert sorted(done.outcome.corrected) == ["fedb_cat_stretch", "fedb_face_pull", "fedb_isometric_neck_exercise_sides"]
    assert "fedb_face_pull" not in done.outcome.skipped
    assert "corrected by the overlay: 3" in done.summary() and "dropped by the overlay: 1" in done.summary()


def test_keep_keeps_a_repeat_of_a_catalog_exercise_and_a_correction_is_checked_again(tmp_path: Path):
    done = run(tmp_path, "fedb_pushups: keep\nfedb_plank: {position: side}\nfedb_superman: {kind: stretch}\n")
    got = {e["id"]: e for e in done.outcome.entries}
    assert got["fedb_pushups"]["position"] == "prone" and "fedb_pushups" not in done.outcome.corrected
    assert done.outcome.kept_duplicates == {"fedb_pushups": "push_up"}
    assert got["fedb_plank"]["position"] == "side"  # no longer the shipped forearm plank
    assert done.outcome.skipped["fedb_superman"] == "same exercise as `superman` in the catalog it joins"
    assert "  kept by the overlay although the catalog has the same exercise: 1\n    fedb_pushups = push_up\n" in done.summary()


def test_an_overlay_cannot_remove_a_loads_contraindications_or_lift_a_ban(tmp_path: Path):
    done = run(tmp_path, "fedb_dumbbell_bench_press: {contraindications: [recent_injury]}\n"
                         "fedb_sit_up: {banned: {reason: Still not for backs.}}\n")
    got = {e["id"]: e for e in done.outcome.entries}
    assert got["fedb_dumbbell_bench_press"]["contraindications"] == ["recent_injury", *LOAD_CONTRAINDICATIONS]
    assert got["fedb_sit_up"]["banned"] == {"reason": "Still not for backs."}
    assert error(tmp_path, "fedb_sit_up:\n  banned: null\n") == (
        'fixes.yaml:2:11: "banned" needs a value (an overlay replaces fields; it cannot clear one)')


def test_setting_equipment_decides_for_itself_but_a_load_still_brings_its_contraindications(tmp_path: Path):
    done = run(tmp_path, "fedb_hug_knees_to_chest: {equipment: [pillow, dumbbells]}\n")
    got = {e["id"]: e for e in done.outcome.entries}["fedb_hug_knees_to_chest"]
    assert got["equipment"] == ["pillow", "dumbbells"]  # no mat added
    assert got["contraindications"] == list(LOAD_CONTRAINDICATIONS)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("fedb_isometric_neck_exercise_side: {position: seated}\n",
         ('fixes.yaml:1:1: unknown imported exercise "fedb_isometric_neck_exercise_side" '
         '(did you mean "fedb_isometric_neck_exercise_sides"?)')),
        ("fedb_plank:\n  equipment: [mat, yoga_block]\n", 'fixes.yaml:2:20: unknown equipment "yoga_block"'),
        ("fedb_plank:\n  positon: prone\n", 'fixes.yaml:2:3: unknown key "positon" (did you mean "position"?)'),
        ("fedb_plank:\n  dose: {sets: 2}\n", "fixes.yaml:2:9: dose: a dose needs reps, hold_s or minutes"),
        ("fedb_plank:\n  muscles: {primary: [core]}\n",
         'fixes.yaml:2:23: unknown muscle "core" ("core" is a region; list its muscles)'),
        ("fedb_plank:\n  level: expert\n", 'fixes.yaml:2:10: unknown level "expert"'),
        ("fedb_plank: hold\n", 'fixes.yaml:1:13: write "drop", "keep" or a mapping of the fields to replace'),
        ("fedb_plank:\n  id: other\n", 'fixes.yaml:2:3: unknown key "id"'),
        ("- fedb_plank\n", "fixes.yaml:1:1: a file of import corrections must be a mapping of imported exercise ids"),
        ("fedb_sit_up:\n  banned: {reason: r, alternative: bent_knee_crunc}\n",
         'fixes.yaml:2:36: unknown exercise "bent_knee_crunc" (did you mean "bent_knee_crunch"?)'),
        ("fedb_power_clean: {position: standing}\n",
         'fixes.yaml:1:1: "fedb_power_clean" is skipped as not suitable for back rehabilitation'),
    ],
)
def test_overlay_errors_point_at_the_overlay(tmp_path: Path, text: str, message: str):
    assert error(tmp_path, text).startswith(message)


def test_an_unsuitable_entry_can_still_be_dropped(tmp_path: Path):
    done = run(tmp_path, "fedb_power_clean: drop\n")
    assert "fedb_power_clean" in done.outcome.dropped
    assert "fedb_power_clean" not in done.outcome.skipped


def test_strict_passes_once_the_overlay_settles_every_skip(tmp_path: Path):
    skipped = importers.prepare("free-exercise-db", SAMPLE).outcome.skipped
    done = run(tmp_path, "".join(f"{ex_id}: drop\n" for ex_id in skipped))
    assert done.outcome.skipped == {}
