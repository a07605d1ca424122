"""Clinical safety corpus (issue 9, points 1-5 and 7): profiles x seeds 0-2 with the property
each plan must show (tests/clinical/safety_cases.yaml), every plan through the independent
checker; the clearance policy read from the vocabulary; the refusal's exact words."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from planner.api import check_week, plan_week
from planner.catalog import load_catalog
from planner.cli import app
from planner.contract import Plan
from planner.errors import RedFlagError
from planner.models import Profile
from planner.rules import default_rule_files, load_rules
from tests.conftest import ROOT

CASES = yaml.safe_load((Path(__file__).parent / "safety_cases.yaml").read_text())
SEEDS = (0, 1, 2)
LOADS = {"dumbbells", "barbell", "cable_machine", "kettlebell"}
NINE = ["hypertension", "heart_disease", "menstruation", "asthma", "pregnancy", "thyroid_disease",
        "viral_infection", "poor_condition", "chronic_disease"]
BREATHING_CUE = "Keep breathing: breathe out on the effort and never hold your breath in the hold"


def _exercises(plan: Plan) -> list[str]:
    return list(dict.fromkeys(item.exercise for day in plan.days for item in day.items))


def _property(name: str, plan: Plan, catalog) -> list[str]:
    """The exercises (or a sentence) that break the property; [] when it holds."""
    exs = [catalog.exercises[e] for e in _exercises(plan)]
    if name == "no_external_load":
        return [e.id for e in exs if LOADS & set(e.equipment) or "weighted" in e.tags]
    if name == "no_prone":
        return [e.id for e in exs if "prone" in {e.position, *e.other_positions} and "pool" not in e.equipment]
    if name == "no_supine":
        return [e.id for e in exs if "supine" in {e.position, *e.other_positions} and "pool" not in e.equipment]
    if name == "no_crunch":
        return [e.id for e in exs if "crunch" in e.tags]
    if name == "gentle_only":
        return [e.id for e in exs if "gentle" not in e.tags]
    if name == "no_head_below_heart":
        return [e.id for e in exs if "head_below_heart" in e.tags]
    if name == "breathing_cue":
        missing = [e.id for e in exs if "isometric" in e.tags
                   and not any(c.startswith(BREATHING_CUE) for c in plan.instructions[e.id].cues)]
        if not any("never hold your breath while you strain" in a for a in plan.advice):
            missing.append("the breathing advice is not in the plan")
        return missing
    if name == "pregnancy_stop_signs":
        return [] if any(a.startswith("In pregnancy, stop and call your midwife") for a in plan.advice) else ["missing"]
    if name == "no_close_variant_of_excluded":
        left_out = {v for x in plan.profile.exclude for v in (x, *catalog.variants(x))}
        return [e.id for e in exs if e.id in left_out]
    if name == "still_planned":
        worked = [e for e in exs if catalog.block(e) in ("strength", "stretch")]
        return [] if worked else ["no strength or stretch work in the whole week"]
    raise AssertionError(f"unknown property {name}")


def _profile(case: dict) -> Profile:
    return Profile.model_validate({"name": case["name"], **case["profile"]})


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_clinical_case(case, seed, rules, catalog):
    profile = _profile(case)
    if case.get("refused"):
        with pytest.raises(RedFlagError) as info:
            plan_week(profile, rules=rules, catalog=catalog, seed=seed)
        for words in case["naming"]:
            assert words in info.value.message
        return
    plan = plan_week(profile, rules=rules, catalog=catalog, seed=seed)
    hard = [str(v) for v in check_week(plan, rules=rules, catalog=catalog) if v.hard]
    assert hard == []
    by_id = {r.id: r for r in rules}
    assert all(by_id[g.rule].level == "structure" for g in plan.gave_way), "only structure rules may give way"
    for prop in case["properties"]:
        assert _property(prop, plan, catalog) == [], prop
    assert any(a.startswith("Stop and get medical help at once if, with back pain") for a in plan.advice)


# 1. The clearance policy is the vocabulary's.

def test_every_condition_marked_required_refuses_an_uncleared_profile(rules, catalog):
    required = sorted(catalog.vocab.needs_clearance())
    assert required == ["acute_pain", "asthma", "chronic_disease", "heart_disease", "hypertension", "pregnancy",
                        "recent_injury", "thyroid_disease", "viral_infection"]
    for condition in required:
        profile = Profile(days=["mon", "wed", "fri"], equipment=["mat", "chair"], conditions=[condition])
        with pytest.raises(RedFlagError) as info:
            plan_week(profile, rules=rules, catalog=catalog)
        spec = catalog.vocab.conditions[condition]
        assert f"  - {spec.description}: {spec.reason}" in info.value.message
        assert "clearance-before-starting" in info.value.rule_ids


def test_every_condition_has_its_reason_and_source(catalog):
    for word, spec in catalog.vocab.conditions.items():
        assert spec.reason and spec.source, word


def test_a_clinic_changes_the_policy_in_data(tmp_path: Path):
    folder = tmp_path / "catalog"
    shutil.copytree(ROOT / "catalog", folder)
    vocab = yaml.safe_load((folder / "vocab.yaml").read_text())
    vocab["conditions"]["asthma"]["clearance"] = "none"
    (folder / "vocab.yaml").write_text(yaml.safe_dump(vocab))
    catalog = load_catalog(folder)
    rules = load_rules(default_rule_files(), catalog)
    profile = Profile(days=["mon", "wed", "fri"], equipment=["mat", "chair"], conditions=["asthma"])
    plan = plan_week(profile, rules=rules, catalog=catalog)
    assert [v for v in check_week(plan, rules=rules, catalog=catalog) if v.hard] == []


def test_the_one_line_condition_form_still_loads(tmp_path: Path):
    folder = tmp_path / "catalog"
    shutil.copytree(ROOT / "catalog", folder)
    vocab = yaml.safe_load((folder / "vocab.yaml").read_text())
    vocab["conditions"] = {word: spec["description"] for word, spec in vocab["conditions"].items()}
    (folder / "vocab.yaml").write_text(yaml.safe_dump(vocab))
    catalog = load_catalog(folder)
    assert catalog.vocab.conditions["asthma"].description == "asthma"
    assert catalog.vocab.needs_clearance() == frozenset()


# 2. The external-load rule covers every load word and the weighted tag; bands stay.

def test_external_loads_are_forbidden_with_each_of_the_nine(rules, catalog):
    gym = ["mat", "chair", "dumbbells", "barbell", "cable_machine", "kettlebell", "band", "bench", "fitball"]
    for condition in NINE:
        profile = Profile(days=["mon", "wed", "fri"], level="intermediate", session_minutes=45, equipment=gym,
                          conditions=[condition], cleared_by_doctor=True)
        plan = plan_week(profile, rules=rules, catalog=catalog)
        assert [v for v in check_week(plan, rules=rules, catalog=catalog) if v.hard] == []
        assert _property("no_external_load", plan, catalog) == [], condition


def test_the_external_load_rule_selects_barbell_and_cable_but_no_band(rules, catalog):
    from planner.kinds.base import Context

    rule = next(r for r in rules if r.id == "external-load-contraindications")
    chosen = Context(catalog, Profile(days=["mon"])).select(rule.params.select)
    assert {"barbell_bent_over_row", "single_arm_seated_cable_row", "dumbbell_one_arm_row"} <= chosen
    assert not [e for e in chosen if catalog.exercises[e].equipment == ["band"]]


# 7. A refusal reads as plain advice: exact words, exit code 3.

REFUSAL = """No plan for you yet: please see your doctor first.

Your profile lists health conditions that need a go-ahead from your doctor (or, in pregnancy, your midwife or obstetrician) before you start a new exercise plan. Once you have it, set cleared_by_doctor: true in your profile and run backplan again.
  - acute (sharp, new or worsening) back pain: new, sharp or worsening back pain should be examined before you exercise

With new or sharp back pain, or after an injury or accident, a doctor should look at your back before you exercise. Until then, follow their advice: keep gently on the move as far as the pain allows rather than staying in bed, and heat or ice may ease it early on. Most back pain eases by itself within a few weeks.

Get medical help at once (a doctor today, or an emergency department) if, with your back pain, you have:
  - numbness or tingling around your genitals, buttocks or back passage
  - new trouble passing urine, holding it, or controlling your bowels
  - weakness, numbness or pins and needles in both legs, or you are becoming unsteady on your feet
  - a fever, chills or you feel generally very unwell
  - had cancer, or you are losing weight without knowing why
  - had a bad fall, a crash or a heavy blow to the back
  - constant pain that does not ease with rest or change of position, or that is worst at night

Talk to your doctor or physiotherapist before starting or changing an exercise plan. Move slowly and never bounce; stop and seek advice if pain is sharp, new or getting worse.
"""


def test_refusal_is_plain_advice(tmp_path: Path):
    profile = tmp_path / "hurt.yaml"
    profile.write_text("days: [mon, wed, fri]\nequipment: [mat]\nconditions: [acute_pain]\n")
    result = CliRunner().invoke(app, ["plan", "-p", str(profile)])
    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.stderr == REFUSAL
    assert "error" not in result.stderr.lower() and "[" not in result.stderr


def test_refusal_for_conditions_without_back_pain_names_them_and_gives_no_back_pain_warnings(tmp_path: Path):
    profile = tmp_path / "ill.yaml"
    profile.write_text("days: [mon, wed, fri]\nequipment: [mat]\nconditions: [viral_infection, menstruation]\n")
    result = CliRunner().invoke(app, ["plan", "-p", str(profile)])
    assert result.exit_code == 3
    assert "  - a current viral infection: wait until you are well again" in result.stderr
    assert "menstruation" not in result.stderr  # needs no clearance, so not named
    assert "genitals" not in result.stderr
    assert result.stderr.rstrip().endswith("stop and seek advice if pain is sharp, new or getting worse.")


def test_the_plan_names_the_close_variants_it_leaves_out(rules, catalog):
    profile = Profile(days=["mon", "thu", "fri"], level="intermediate", equipment=["mat", "chair", "dumbbells"],
                      exclude=["single_knee_to_chest"])
    plan = plan_week(profile, rules=rules, catalog=catalog, seed=0)
    assert "knees_to_chest" not in _exercises(plan)
    # the children's knee tucks are a close variant too, but never an adult's: not named
    assert ("Also left out, as close variants of exercises you asked to leave out (the same movement done "
            "another way): Lying knees-to-chest with breathing (knees_to_chest, like single_knee_to_chest)."
            ) in plan.notes
