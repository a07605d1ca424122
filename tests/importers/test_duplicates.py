"""Imported entries that repeat a catalog exercise: small inline entries against the shipped catalog."""

from __future__ import annotations

from typing import Any

import pytest

from planner.catalog import default_catalog
from planner.importers import duplicates
from planner.importers.duplicates import find_twin, name_keys


def entry(name: str, kind: str, position: str, primary: list[str], equipment: list[str] | None = None,
          secondary: list[str] | None = None, **more: Any) -> dict[str, Any]:
    return {"id": "fedb_x", "name": name, "kind": kind, "position": position, "equipment": equipment or [],
            "muscles": {"primary": primary, **({"secondary": secondary} if secondary else {})}, **more}


@pytest.fixture(scope="module")
def catalog():
    return default_catalog()


def twin(catalog, e: dict[str, Any]) -> str | None:
    return find_twin(e, catalog, list(catalog.exercises))


@pytest.mark.parametrize(
    ("a", "b"),
    [("Pushups", "Push-up"), ("Bent Over Barbell Row", "Barbell bent-over row"), ("Side Lateral Raises", "side lateral raise"),
     ("Butt Lift (Bridge)", "Bridge"), ("Crunches", "crunch"), ("Dumbbell Presses", "dumbbell press")],
)
def test_names_agree_once_normalised(a, b):
    assert name_keys(a) & name_keys(b)


def test_the_rest_of_an_imported_name_does_not_count_without_its_brackets():
    assert not name_keys("Pushups (Close and Wide Hand Positions)", outside=False) & name_keys("Push-up")
    assert name_keys("Dumbbell shoulder raises (shrugs)") & name_keys("Dumbbell shoulder raises")


@pytest.mark.parametrize(
    ("e", "shipped"),
    [
        (entry("Butt Lift (Bridge)", "strength", "supine", ["gluteus_maximus", "gluteus_medius"], ["mat"]), "glute_bridge"),
        (entry("Pushups", "strength", "prone", ["pectoralis_major"], ["mat"]), "push_up"),
        (entry("Plank", "strength", "prone", ["rectus_abdominis"], ["mat"]), "forearm_plank"),
        # stretch and mobility are both flexibility work
        (entry("Hug Knees To Chest", "stretch", "supine", ["erector_spinae"], ["mat"]), "knees_to_chest"),
        # an identical name bridges a library's other category
        (entry("Superman", "stretch", "prone", ["erector_spinae"], ["mat"]), "superman"),
        # the main muscles of one among the muscles of the other (rectus femoris is a secondary of the shipped one)
        (entry("Kneeling Hip Flexor", "stretch", "kneeling", ["rectus_femoris"]), "half_kneeling_hip_flexor_stretch"),
        # aids (a bench for a chair) do not make another exercise
        (entry("One-Arm Dumbbell Row", "strength", "standing", ["rhomboid_major"], ["dumbbells", "bench"]),
         "dumbbell_one_arm_row"),
    ],
)
def test_the_same_exercise_is_found_with_the_id_it_repeats(catalog, e, shipped):
    assert twin(catalog, e) == shipped


@pytest.mark.parametrize(
    "e",
    [
        entry("Barbell Shrug", "strength", "standing", ["upper_trapezius"], ["barbell"]),  # no alias, other load
        entry("Dumbbell Shrug", "strength", "standing", ["upper_trapezius"], ["barbell"]),  # the alias, another load
        entry("Plank", "strength", "side", ["rectus_abdominis"]),  # another position
        entry("Plank", "strength", "prone", ["biceps_brachii"]),  # other muscles
        entry("Plank", "mobility", "prone", ["rectus_abdominis"]),  # another kind under an alias
        entry("Single Leg Glute Bridge", "strength", "supine", ["gluteus_maximus"]),  # a variant's own name
        entry("Pushups (Close and Wide Hand Positions)", "strength", "prone", ["pectoralis_major"]),
        entry("Sit-Up", "strength", "supine", ["rectus_abdominis"], banned={"reason": "No."}),  # bans are never matched
        entry("Straight-leg sit-up", "strength", "supine", ["rectus_abdominis"], ["mat"]),  # nor are shipped bans
    ],
)
def test_other_exercises_are_not_matched(catalog, e):
    assert twin(catalog, e) is None


def test_every_alias_belongs_to_a_shipped_exercise(catalog):
    assert set(duplicates.ALIASES) <= set(catalog.exercises)
