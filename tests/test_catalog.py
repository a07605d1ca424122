"""The shipped catalog: complete, cited, and checked word by word."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from planner.catalog import load_catalog
from planner.errors import InputError
from tests.conftest import ROOT, SEEDS

SEED_NAMES = {p.name for p in SEEDS} or {
    "000_ad4594d711c38d0b.txt", "001_abe4b56d6627de42.txt", "002_e9533eb769b99413.txt",
    "003_7929659146c9c624.txt", "004_eea2656cb83e4a01.txt",
}


def test_every_exercise_cites_a_seed(catalog):
    for ex in catalog.exercises.values():
        assert set(ex.source) & SEED_NAMES, ex.id


def test_every_seed_is_used_by_the_catalog_and_the_rules(catalog, rules):
    cited = {s for ex in catalog.exercises.values() for s in ex.source}
    cited |= {s for r in rules for s in r.header.source}
    assert SEED_NAMES <= cited


def test_issue_exercises_are_present(catalog):
    ids = set(catalog.exercises)
    for expected in (
        "neutral_back_stretch_90_90", "standing_chair_thoracic_stretch", "seated_chair_thoracic_stretch",
        "forearm_plank", "glute_bridge", "downward_facing_dog", "superman", "push_up", "cat_cow",
        "dumbbell_reverse_fly", "single_arm_seated_cable_row", "barbell_bent_over_row", "knees_to_chest",
        "supine_knee_drops", "banded_hamstring_stretch", "bent_knee_crunch", "prone_opposite_arm_leg_raise", "bird_dog",
        "relaxation_sequence", "walking", "cycling", "swimming", "low_impact_aerobics_class", "gentle_yoga_flow",
    ):
        assert expected in ids, expected
    assert len(ids) >= 40


def test_banned_moves_have_safe_alternatives(catalog):
    banned = {ex.id: ex for ex in catalog.exercises.values() if ex.banned}
    assert set(banned) == {
        "straight_leg_situp", "straight_double_leg_lift", "standing_straight_leg_toe_touch",
        "scissors_leg_swings",  # seed 002's straight-leg scissors: a straight double-leg lift
    }
    for ex in banned.values():
        alternative = catalog.exercises[ex.banned.alternative]
        assert alternative.banned is None


SEED_002_DUMBBELL_CONDITIONS = {
    "hypertension", "heart_disease", "menstruation", "asthma", "pregnancy",
    "thyroid_disease", "viral_infection", "poor_condition", "chronic_disease",
}


def test_dumbbell_exercises_carry_the_seed_contraindications(catalog):
    """Seed 002's list sits on each dumbbell exercise too, so the exercise-contraindications rule
    excludes them even for a rule set without the external-load-contraindications rule."""
    with_dumbbells = [ex for ex in catalog.exercises.values() if "dumbbells" in ex.equipment]
    assert len(with_dumbbells) >= 9
    for ex in with_dumbbells:
        assert set(ex.contraindications) == SEED_002_DUMBBELL_CONDITIONS, ex.id


def test_every_stretch_is_held(catalog):
    """Seed 001 holds stretches 10-20 s; rhythmic movements are `mobility`, so no stretch can slip
    past the hold rule for want of a hold."""
    unheld = [ex.id for ex in catalog.exercises.values() if ex.kind == "stretch" and ex.dose.hold_s is None]
    assert unheld == []


def test_sets_cover_the_seed_groups(catalog):
    tags = {t for ex in catalog.exercises.values() for t in ex.tags}
    assert {"preliminary_set", "dumbbell_set", "children_set", "relaxation_sequence", "low_impact"} <= tags


def test_doses_follow_the_seed_minimums(catalog):
    for ex in catalog.exercises.values():
        if ex.dose.reps is not None:
            assert ex.dose.reps >= 5, ex.id


@pytest.fixture
def broken_catalog(tmp_path: Path):
    folder = tmp_path / "catalog"
    shutil.copytree(ROOT / "catalog", folder)
    return folder


def load_error(folder: Path) -> str:
    with pytest.raises(InputError) as info:
        load_catalog(folder)
    return str(info.value)


def edit(path: Path, change):
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False))


def test_group_instead_of_muscle(broken_catalog):
    path = broken_catalog / "ex_home_exercises.yaml"
    edit(path, lambda d: d["exercises"][0]["muscles"].update(primary=["glutes"]))
    assert load_error(broken_catalog).endswith('unknown muscle "glutes" ("glutes" is a group; list its muscles)')


def test_unknown_position_did_you_mean(broken_catalog):
    path = broken_catalog / "ex_home_exercises.yaml"
    edit(path, lambda d: d["exercises"][0].update(position="supin"))
    assert load_error(broken_catalog).endswith('unknown position "supin" (did you mean "supine"?)')


def test_duplicate_id(broken_catalog):
    path = broken_catalog / "ex_home_exercises.yaml"
    edit(path, lambda d: d["exercises"].append(dict(d["exercises"][0])))
    assert 'exercise id "knees_to_chest" is already used at ' in load_error(broken_catalog)


def test_empty_catalog(tmp_path: Path):
    folder = tmp_path / "c"
    folder.mkdir()
    shutil.copy(ROOT / "catalog" / "vocab.yaml", folder)
    shutil.copy(ROOT / "catalog" / "muscles.yaml", folder)
    assert load_error(folder) == f"{folder}: the catalog has no exercises (no *.yaml file with an 'exercises:' list)"


def _line_of(path: Path, text: str) -> int:
    return path.read_text().splitlines().index(text) + 1


def _edited(folder: Path, name: str, old: str, new: str) -> tuple[Path, int, str]:
    """Replace ``old`` with ``new`` in the catalog file ``name``: the file, the line of the last
    line of ``new``, and the error loading the catalog then gives."""
    path = folder / name
    path.write_text(path.read_text().replace(old, new))
    return path, _line_of(path, new.rstrip("\n").splitlines()[-1]), load_error(folder)


def test_variant_ladders_name_catalog_ids(broken_catalog):
    path, line, message = _edited(broken_catalog, "ex_home_exercises.yaml",
                                  "    harder: bird_dog\n", "    harder: bird_dgo\n")
    assert message == f'{path}:{line}:13: unknown exercise "bird_dgo" (did you mean "bird_dog"?)'


def test_variant_ladders_never_go_round_in_a_circle(broken_catalog):
    path = broken_catalog / "ex_home_exercises.yaml"
    text = path.read_text()
    path.write_text(text.replace("    tags: [gentle, isometric, core_endurance]\n",
                                 "    tags: [gentle, isometric, core_endurance]\n    harder: prone_opposite_arm_leg_raise\n"))
    message = load_error(broken_catalog)
    assert message.endswith("the variant ladder goes round in a circle: "
                            "prone_opposite_arm_leg_raise -> bird_dog -> prone_opposite_arm_leg_raise")
    assert message.startswith(f"{path}:{_line_of(path, '    harder: bird_dog')}:13: ")


def test_variant_ladders_agree_with_each_other(broken_catalog):
    path, line, message = _edited(broken_catalog, "ex_strengthen_your_back.yaml", "    name: Superman\n",
                                  "    name: Superman\n    easier: prone_opposite_arm_leg_raise\n")
    assert message == (f'{path}:{line}:13: "prone_opposite_arm_leg_raise" already has "bird_dog" '
                       'as its harder version, not "superman"')


def test_the_shipped_ladders(catalog):
    assert {x: catalog.harder(x) for x in ("wall_push_up", "prone_opposite_arm_leg_raise", "bird_dog")} == {
        "wall_push_up": "push_up", "prone_opposite_arm_leg_raise": "bird_dog", "bird_dog": None}
    assert catalog.easier("push_up") == "wall_push_up" and catalog.easier("wall_push_up") is None


VARIANTS = "    variants: [single_knee_to_chest, child_knee_tucks]\n"  # on the double knees-to-chest


def test_close_variants_name_catalog_ids(broken_catalog):
    path, line, message = _edited(broken_catalog, "ex_home_exercises.yaml", VARIANTS,
                                  "    variants: [single_knee_to_chest, child_knee_tuck]\n")
    assert message == f'{path}:{line}:38: unknown exercise "child_knee_tuck" (did you mean "child_knee_tucks"?)'


def test_an_exercise_is_not_its_own_close_variant(broken_catalog):
    path, line, message = _edited(broken_catalog, "ex_home_exercises.yaml", VARIANTS,
                                  "    variants: [knees_to_chest]\n")
    assert message == f'{path}:{line}:16: "knees_to_chest" cannot be its own close variant'


def test_close_variants_pair_both_ways(catalog):
    # named on the double knees-to-chest only; each end finds the other, one step and no further
    assert catalog.variants("knees_to_chest") == ("single_knee_to_chest", "child_knee_tucks")
    assert catalog.variants("single_knee_to_chest") == ("knees_to_chest",)
    assert catalog.variants("child_knee_tucks") == ("knees_to_chest",)
    assert catalog.variants("glute_bridge") == ()
    assert catalog.subset(["knees_to_chest", "child_knee_tucks"]).variants("knees_to_chest") == ("child_knee_tucks",)
