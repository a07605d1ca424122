"""Importing free-exercise-db: the mapping, the folder it writes, and weeks planned from it.

The committed sample (38 verbatim entries) is always tested; the whole library (873 entries) is
imported too when CI's copy of shared/ sits beside the repository.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planner import api, importers
from planner.catalog import default_catalog, load_catalog
from planner.cli import app
from planner.importers import free_exercise_db, keywords
from planner.importers.base import LOAD_CONTRAINDICATIONS, LOAD_SOURCE, LOADS
from planner.importers.duplicates import find_twin
from planner.models import Exercise, Profile
from planner.profile import load_profile
from planner.rules import default_rule_files, load_rules

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SAMPLE = HERE / "free_exercise_db_sample.json"
SHARED = ROOT.parent / "shared" / "data"
LIBRARY = SHARED / "free-exercise-db.json"
needs_library = pytest.mark.skipif(
    not LIBRARY.is_file(), reason=f"the full free-exercise-db is not at {LIBRARY} (CI keeps a copy of shared/ there)"
)
HYPERTENSION = ROOT / "examples" / "profiles" / "hypertension_home_dumbbells.yaml"
GYM = ROOT / "examples" / "profiles" / "gym_goer.yaml"
# Weeks on the whole library: loads (gym), loads ruled out (hypertension), pregnancy, a child (no
# imported entry is for children). Planning on 565 exercises takes seconds each, so the two
# slowest example profiles (every day after an injury, two days a week) are left to the README's
# command that checks every example profile.
WEEK_PROFILES = [ROOT / "examples" / "profiles" / f"{name}.yaml"
                 for name in ("hypertension_home_dumbbells", "gym_goer", "pregnancy_asthma", "child")]
UNSUITABLE_CATEGORIES = {"plyometrics", "powerlifting", "olympic weightlifting", "strongman"}

runner = CliRunner()


@pytest.fixture(scope="module")
def sample() -> importers.Import:
    return importers.prepare("free-exercise-db", SAMPLE)


# The sample entries that repeat a shipped exercise (planner/importers/duplicates.py), with the id each repeats.
SAMPLE_TWINS = {
    "fedb_band_pull_apart": "band_pull_apart", "fedb_bicycling": "cycling", "fedb_butt_lift_bridge": "glute_bridge",
    "fedb_dumbbell_shrug": "dumbbell_shrugs", "fedb_hug_knees_to_chest": "knees_to_chest",
    "fedb_kneeling_hip_flexor": "half_kneeling_hip_flexor_stretch", "fedb_one_arm_dumbbell_row": "dumbbell_one_arm_row",
    "fedb_plank": "forearm_plank", "fedb_pushups": "push_up", "fedb_superman": "superman",
}


@pytest.fixture(scope="module")
def kept(tmp_path_factory) -> importers.Import:
    """The sample with every repeat of a shipped exercise kept by the overlay, to test how each is mapped."""
    overlay = tmp_path_factory.mktemp("keep") / "keep.yaml"
    overlay.write_text("".join(f"{ex_id}: keep\n" for ex_id in SAMPLE_TWINS))
    return importers.prepare("free-exercise-db", SAMPLE, overlay=overlay)


@pytest.fixture(scope="module")
def sample_dir(tmp_path_factory, sample) -> Path:
    out = tmp_path_factory.mktemp("sample") / "catalog"
    importers.write(sample, out)
    return out


def entries(done: importers.Import) -> dict[str, dict]:
    return {e["id"]: e for e in done.outcome.entries}


# -- the mapping ---------------------------------------------------------------------------------
def test_the_sample_is_mapped_banned_and_skipped_as_documented(sample):
    out = sample.outcome
    assert len(sample.drafts) == 38
    assert len(out.entries) + len(out.skipped) == 38
    assert set(out.banned) == {
        "fedb_3_4_sit_up", "fedb_sit_up", "fedb_russian_twist", "fedb_flat_bench_lying_leg_raise",
        "fedb_scissor_kick", "fedb_standing_toe_touches", "fedb_inchworm",
    }
    assert set(out.banned_in_doubt) == {"fedb_3_4_sit_up", "fedb_sit_up", "fedb_russian_twist", "fedb_scissor_kick",
                                        "fedb_inchworm"}
    unsuitable = "not suitable for back rehabilitation (backplan's conservative choice): "
    assert out.duplicates == SAMPLE_TWINS
    assert out.skipped == {
        **{ex_id: f"same exercise as `{twin}` in the catalog it joins" for ex_id, twin in SAMPLE_TWINS.items()},
        "fedb_barbell_deadlift": unsuitable + "loaded spinal hinge (deadlift, good morning)",
        "fedb_freehand_jump_squat": unsuitable + "jumping or sprinting",
        "fedb_front_leg_raises": unsuitable + "swinging or bouncing stretch (never bounce)",
        "fedb_hyperextensions_back_extensions": unsuitable + "loaded or unsupported spinal extension",
        "fedb_kettlebell_windmill": unsuitable + "Olympic-style or ballistic lift",  # cleaned to the shoulder first
        "fedb_lower_back_smr": unsuitable + "rolling on the low back",
        "fedb_power_clean": unsuitable + "Olympic-style or ballistic lift",
    }


def test_every_entry_is_a_valid_exercise_with_its_source_and_licence(sample):
    source_ids = {d.id: d.source_id for d in sample.drafts}
    for entry in sample.outcome.entries:
        ex = Exercise.model_validate(entry)
        assert re.fullmatch(r"fedb_[a-z0-9_]+", ex.id)
        assert ex.source[0] == f"free-exercise-db: {source_ids[ex.id]} (public domain, The Unlicense)"
        assert ex.audience == ["adult"]
        assert "free_exercise_db" in ex.tags


def test_the_licence_named_is_the_one_in_licenses_md():
    licences = SHARED / "LICENSES.md"
    if not licences.is_file():
        pytest.skip(f"{licences} is not there")
    assert "The Unlicense" in licences.read_text() and "The Unlicense" in free_exercise_db.LICENCE


def test_fields_follow_from_name_instructions_and_equipment(kept):
    got = entries(kept)
    assert (got["fedb_plank"]["position"], got["fedb_plank"]["equipment"], got["fedb_plank"]["dose"]) == (
        "prone", ["mat"], {"sets": 2, "hold_s": 15})  # static strength: a hold
    assert got["fedb_side_bridge"]["side"] == "unilateral"
    assert got["fedb_one_arm_dumbbell_row"]["side"] == "unilateral"
    assert got["fedb_one_arm_dumbbell_row"]["equipment"] == ["dumbbells", "bench"]
    assert got["fedb_dumbbell_bench_press"]["position"] == "supine"
    assert got["fedb_dumbbell_shrug"]["side"] == "bilateral"
    assert got["fedb_childs_pose"]["position"] == "quadruped"
    assert got["fedb_seated_floor_hamstring_stretch"]["position"] == "seated"
    assert got["fedb_kneeling_hip_flexor"]["position"] == "kneeling"
    assert got["fedb_face_pull"]["position"] == "standing"  # cable work that names no position
    assert got["fedb_arm_circles"]["kind"] == "mobility" and got["fedb_arm_circles"]["dose"] == {"sets": 2, "reps": 10}
    assert got["fedb_cat_stretch"]["kind"] == "stretch" and got["fedb_cat_stretch"]["dose"]["hold_s"] == 15
    assert got["fedb_butt_lift_bridge"]["region"] == "hips"
    assert got["fedb_superman"]["muscles"]["primary"] == ["erector_spinae", "multifidus", "quadratus_lumborum"]


def test_equipment_with_a_vocabulary_word_is_mapped(kept):
    got = entries(kept)
    fields = ("position", "equipment", "kind")
    assert [got["fedb_leg_press"].get(f) for f in fields] == ["seated", ["weight_machine"], "strength"]  # "machine"
    assert [got["fedb_bicycling"].get(f) for f in fields] == ["seated", ["bicycle"], "aerobic"]  # "other": on the bike
    assert [got["fedb_chin_up"].get(f) for f in fields] == ["standing", ["pull_up_bar"], "strength"]  # hanging
    # unloaded neck work that names no position: seated, and needs nothing
    assert [got["fedb_isometric_neck_exercise_sides"].get(f) for f in fields] == ["seated", None, "strength"]


def test_a_lunge_filed_under_stretching_is_mapped_as_leg_strength_work():
    raw = {"id": "Crossover_Reverse_Lunge", "name": "Crossover Reverse Lunge", "force": "pull", "level": "intermediate",
           "mechanic": None, "equipment": None, "primaryMuscles": ["lower back"], "secondaryMuscles": ["glutes"],
           "instructions": ["Stand with your feet shoulder width apart.",
                            "Step back into a rear lunge, then repeat on the other side."], "category": "stretching"}
    made = free_exercise_db.draft(free_exercise_db.SourceEntry.model_validate(raw), default_catalog()).fields
    assert (made["kind"], made["dose"], made["region"], made["side"]) == ("strength", {"sets": 2, "reps": 10}, "legs", "unilateral")
    assert made["muscles"] == {
        "primary": ["rectus_femoris", "vastus_lateralis", "vastus_medialis", "gluteus_maximus", "gluteus_medius",
                    "gluteus_minimus"],
        "secondary": ["erector_spinae", "multifidus", "quadratus_lumborum"],
    }
    assert made["source"][1] == free_exercise_db.LUNGE_SOURCE


def test_decline_work_is_tagged_head_below_heart_for_the_shipped_rule():
    entry = free_exercise_db.SourceEntry(
        id="Decline_Push-Up", name="Decline Push-Up", level="beginner", equipment="body only",
        primaryMuscles=["chest"], category="strength",
        instructions=["Lie on the floor face down and place your feet on a box, hands shoulder width apart."])
    made = free_exercise_db.draft(entry, default_catalog())
    assert "head_below_heart" in made.fields["tags"] and made.fields["equipment"] == ["step"]
    assert made.fields["position"] == "prone" and not made.missing


def test_every_equipment_word_an_import_gives_is_in_the_vocabulary_with_a_description():
    vocab = default_catalog().vocab.equipment
    given = {w for words in free_exercise_db.EQUIPMENT.values() for w in words}
    given |= set(keywords._NAMED) | set(LOADS) | {"cardio_machine", "bicycle", "mat"}
    assert given <= set(vocab)
    assert all(vocab[w].strip() for w in given)


def test_every_load_an_import_tags_is_a_load_for_the_shipped_rules():
    rules = {r.id: r for r in load_rules(default_rule_files(), default_catalog())}
    select = rules["external-load-contraindications"].params.select
    listed = next(part.equipment for part in select.any if part.equipment)
    assert set(LOADS) <= set(listed)
    for rule_id in ("use-owned-loads",):
        assert set(LOADS) <= set(rules[rule_id].header.when.equipment)


def test_external_loads_carry_the_shipped_dumbbell_contraindications(sample):
    catalog = default_catalog()
    rule = next(r for r in load_rules(default_rule_files(), catalog) if r.id == "external-load-contraindications")
    assert set(LOAD_CONTRAINDICATIONS) == set(rule.header.when.conditions)
    for entry in sample.outcome.entries:
        loaded = bool(set(LOADS) & set(entry.get("equipment", [])))
        assert (entry.get("contraindications") == list(LOAD_CONTRAINDICATIONS)) == loaded, entry["id"]
        assert (LOAD_SOURCE in entry["source"]) == loaded
        assert ("weighted" in entry["tags"]) == loaded


def test_bans_name_a_reason_and_an_alternative_from_the_catalog(sample):
    got = entries(sample)
    assert got["fedb_standing_toe_touches"]["banned"]["alternative"] == "bent_knee_forward_fold"
    assert "conservative reading" not in got["fedb_standing_toe_touches"]["banned"]["reason"]
    assert got["fedb_sit_up"]["banned"]["alternative"] == "bent_knee_crunch"
    assert "conservative reading" in got["fedb_sit_up"]["banned"]["reason"]
    assert got["fedb_flat_bench_lying_leg_raise"]["banned"]["alternative"] == "knees_to_chest"


def test_doses_meet_the_shipped_dose_rules(sample):
    for entry in sample.outcome.entries:
        dose = entry["dose"]
        assert dose.get("reps", 5) >= 5
        if entry["kind"] == "stretch":
            assert 10 <= dose["hold_s"] <= 20


# -- the folder ----------------------------------------------------------------------------------
def test_the_folder_is_the_shipped_catalog_plus_the_import(sample_dir, sample):
    shipped = default_catalog()
    combined = load_catalog(sample_dir)
    assert set(combined.exercises) == set(shipped.exercises) | {e["id"] for e in sample.outcome.entries}
    shipped_files = [p.name for p in Path(shipped.folder).glob("*.yaml")]
    assert sorted(p.name for p in sample_dir.iterdir()) == sorted([*shipped_files, "ex_free_exercise_db.yaml"])
    for name in shipped_files:
        assert (sample_dir / name).read_text() == (Path(shipped.folder) / name).read_text()
    text = (sample_dir / "ex_free_exercise_db.yaml").read_text()
    assert "#   fedb_power_clean: not suitable for back rehabilitation" in text  # skipped ids listed


def test_cli_summary_refusal_force_and_strict(tmp_path: Path):
    out = tmp_path / "lib"
    args = ["catalog", "import", str(SAMPLE), "--from", "free-exercise-db", "--out", str(out)]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert "mapped: 21 (of them banned: 7" in first.stdout
    assert "skipped: 17" in first.stdout
    assert "rolling on the low back (1)" in first.stdout
    assert "    same exercise as one in the catalog it joins (10)\n" in first.stdout
    assert ('  the same exercise as one in the catalog it joins (skipped; "keep" in the overlay keeps one): 10\n'
            "    fedb_band_pull_apart = band_pull_apart\n") in first.stdout
    again = runner.invoke(app, args)
    assert again.exit_code == 2
    assert "file exists" in again.stderr and "--force" in again.stderr
    assert runner.invoke(app, [*args, "--force"]).exit_code == 0
    strict = runner.invoke(app, [*args[:-1], str(tmp_path / "strict"), "--strict"])
    assert strict.exit_code == 2 and "--strict: 17 entries skipped" in strict.stderr
    assert not (tmp_path / "strict").exists()
    verbose = runner.invoke(app, [*args, "--force", "-v"])
    assert "    fedb_lower_back_smr: not suitable for back rehabilitation" in verbose.stdout


def test_an_import_can_join_an_earlier_import_and_replaces_it(tmp_path: Path, sample_dir, sample):
    again = importers.prepare("free-exercise-db", SAMPLE, catalog=sample_dir)
    assert again.outcome.skipped == sample.outcome.skipped  # no "id already used" for the earlier import's ids
    importers.write(again, tmp_path / "again")
    assert set(load_catalog(tmp_path / "again").exercises) == set(load_catalog(sample_dir).exercises)


def test_a_folder_with_other_catalog_files_is_refused(tmp_path: Path):
    (tmp_path / "mine.yaml").write_text("exercises: []\n")
    result = runner.invoke(app, ["catalog", "import", str(SAMPLE), "--from", "free-exercise-db", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "other catalog files (mine.yaml)" in result.stderr


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"a": 1}', "a free-exercise-db file is a JSON list of exercises"),
        ('[{"id": "x", "name": "X", "level": "beginner", "category": "strength"}]', 'missing required key "primaryMuscles"'),
        ("[1, 2", "invalid JSON"),
    ],
)
def test_a_malformed_library_is_a_positioned_error(tmp_path: Path, text: str, message: str):
    bad = tmp_path / "bad.json"
    bad.write_text(text)
    result = runner.invoke(app, ["catalog", "import", str(bad), "--from", "free-exercise-db", "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"backplan: error: {bad}:1:") and message in result.stderr


def test_an_unknown_format_is_named():
    result = runner.invoke(app, ["catalog", "import", str(SAMPLE), "--from", "free-exercise", "--out", "x"])
    assert result.exit_code == 2
    assert 'unknown library format "free-exercise" (did you mean "free-exercise-db"?)' in result.stderr


# -- planning with it ----------------------------------------------------------------------------
def assert_safe_week(plan, catalog, profile: Profile) -> None:
    hard = [str(v) for v in api.check_week(plan, catalog=catalog) if v.hard]
    assert hard == []
    for item in (i for day in plan.days for i in day.items):
        ex = catalog.exercises[item.exercise]
        assert ex.banned is None
        assert not set(ex.contraindications) & set(profile.conditions)
        assert set(ex.equipment) <= set(profile.equipment)
        if set(profile.conditions) & set(LOAD_CONTRAINDICATIONS):
            assert not set(LOADS) & set(ex.equipment) and "weighted" not in ex.tags


@pytest.mark.parametrize("profile_file", [None, HYPERTENSION], ids=["default", "hypertension"])
def test_weeks_from_the_sample_pass_check(sample_dir, profile_file):
    catalog = load_catalog(sample_dir)
    profile = load_profile(profile_file, catalog)
    plan = api.plan_week(profile, catalog=catalog)
    assert_safe_week(plan, catalog, profile)


def test_a_profile_owning_a_new_equipment_word_gets_work_that_needs_it(sample_dir):
    catalog = load_catalog(sample_dir)
    profile = load_profile(None, catalog).model_copy(update={"equipment": ["mat", "chair", "weight_machine"]})
    plan = api.plan_week(profile, catalog=catalog)
    assert_safe_week(plan, catalog, profile)
    used = [i.exercise for day in plan.days for i in day.items if "weight_machine" in catalog.exercises[i.exercise].equipment]
    days = {day.day for day in plan.days for i in day.items if i.exercise in used}
    assert days  # the new word's exercise (the sample's leg press) is used
    # two days is a preference (use-owned-loads), weighed against the others: a week that misses it says so
    assert len(days) >= 2 or "use-owned-loads" in plan.soft_misses


@pytest.fixture(scope="module")
def library() -> importers.Import:
    if not LIBRARY.is_file():
        pytest.skip(f"the full free-exercise-db is not at {LIBRARY} (CI keeps a copy of shared/ there)")
    return importers.prepare("free-exercise-db", LIBRARY)


@pytest.fixture(scope="module")
def library_dir(tmp_path_factory, library) -> Path:
    out = tmp_path_factory.mktemp("library") / "catalog"
    importers.write(library, out)
    return out


@needs_library
def test_the_whole_library_counts(library):
    out = library.outcome
    assert (len(out.entries), len(out.banned), len(out.banned_in_doubt), len(out.skipped)) == (492, 26, 24, 381)
    reasons = Counter(out.skipped.values())
    unsuitable = "not suitable for back rehabilitation (backplan's conservative choice): "
    unnamed = "the instructions need equipment with no vocabulary word: "
    assert not [r for r in reasons if r.startswith("unknown equipment")]  # every listed equipment has a word
    assert reasons["position not recognised"] == 16
    assert {r[len(unnamed):]: n for r, n in reasons.items() if r.startswith(unnamed)} == {
        '"sled, landmine, trap bar or chains"': 10, '"partner"': 6, '"suspension straps or rings"': 5,
        '"parallel bars"': 3, '"roller or rolling pin"': 3, '"rope"': 3, '"pole or broomstick"': 2,
        '"weight belt or neck harness"': 2, '"balance board"': 1, '"skates"': 1,
    }
    for category, n in {"plyometrics": 61, "powerlifting": 38, "olympic weightlifting": 35, "strongman": 21}.items():
        assert reasons[f'{unsuitable}category "{category}"'] == n  # the conservative exclusions stay
    assert reasons[unsuitable + "level expert"] == 35
    assert reasons[unsuitable + keywords.TWISTED_CRUNCH] == 7
    assert {i for i, r in out.skipped.items() if "deep backbend" in r} == {"fedb_looking_at_ceiling", "fedb_one_half_locust"}
    assert out.duplicates == {  # each checked by hand against the shipped entry (README, "Bring your own ...")
        **SAMPLE_TWINS, "fedb_bent_over_barbell_row": "barbell_bent_over_row", "fedb_bicycling_stationary": "cycling",
        "fedb_crunches": "bent_knee_crunch",
        "fedb_hamstring_stretch": "banded_hamstring_stretch", "fedb_one_knee_to_chest": "single_knee_to_chest",
        "fedb_seated_one_arm_cable_pulley_rows": "single_arm_seated_cable_row",
        "fedb_side_lateral_raise": "dumbbell_lateral_raise", "fedb_side_neck_stretch": "neck_side_bend_stretch",
    }


@needs_library
def test_the_whole_library_imports_conservatively(library_dir):
    source = {e["id"]: e for e in json.loads(LIBRARY.read_text())}
    assert len(source) == 873
    catalog = load_catalog(library_dir)
    imported = {k: v for k, v in catalog.exercises.items() if k.startswith("fedb_")}
    assert len(imported) == 492
    banned = {k for k, v in imported.items() if v.banned}
    assert {"fedb_sit_up", "fedb_standing_toe_touches", "fedb_flat_bench_lying_leg_raise", "fedb_hanging_leg_raise"} <= banned
    by_source = {v.source[0].split(": ", 1)[1].rsplit(" (", 1)[0]: v for v in imported.values()}
    for source_id, ex in by_source.items():
        if ex.banned is None:
            assert source[source_id]["category"] not in UNSUITABLE_CATEGORIES, source_id
            assert ex.level != "advanced", source_id
            assert not re.search(r"sit-?up|deadlift|good morning|snatch|clean\b", ex.name, re.IGNORECASE), source_id


@needs_library
@pytest.mark.parametrize("profile_file", [None, *WEEK_PROFILES], ids=["default", *(p.stem for p in WEEK_PROFILES)])
def test_weeks_from_the_whole_library_pass_check(library_dir, profile_file):
    catalog = load_catalog(library_dir)
    profile = load_profile(profile_file, catalog)
    plan = api.plan_week(profile, catalog=catalog)
    assert_safe_week(plan, catalog, profile)
    imported = any(i.exercise.startswith("fedb_") for day in plan.days for i in day.items)
    assert imported == (profile.age_group == "adult")  # every imported entry is for adults
    shipped = [ex_id for ex_id in catalog.exercises if not ex_id.startswith("fedb_")]
    week = {i.exercise for day in plan.days for i in day.items}
    assert not [ex_id for ex_id in week if ex_id.startswith("fedb_")
                and find_twin(catalog.exercises[ex_id].model_dump(), catalog, shipped)]  # no exercise twice


@needs_library
def test_the_sample_is_a_verbatim_copy_of_the_library():
    library = {e["id"]: e for e in json.loads(LIBRARY.read_text())}
    for entry in json.loads(SAMPLE.read_text()):
        assert library[entry["id"]] == entry
