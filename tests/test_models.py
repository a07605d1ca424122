"""Models and the positioned validation messages built from pydantic errors."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.errors import InputError
from planner.loading.validation import validate_model
from planner.loading.yamlio import load_yaml_text
from planner.models import Dose, Exercise, Profile, When
from planner.timing import CHANGEOVER_S


def invalid(model, text: str) -> str:
    doc = load_yaml_text(text, "f.yaml")
    with pytest.raises(InputError) as info:
        validate_model(model, doc.data, doc)
    return str(info.value)


def test_dose_seconds():
    """Work, 30 s between sets, and 20 s (CHANGEOVER_S) to move on to the item, per side."""
    assert CHANGEOVER_S == 20
    assert Dose(sets=2, reps=10).seconds() == 2 * 40 + 30 + 20
    assert Dose(sets=2, reps=10, hold_s=3).seconds() == 2 * 70 + 30 + 20
    assert Dose(sets=3, hold_s=20).seconds() == 3 * 30 + 60 + 20
    assert Dose(minutes=15).seconds() == 900 + 20
    assert Dose(sets=1, reps=12).seconds(unilateral=True) == 2 * (48 + 20)


def test_dose_needs_an_amount():
    assert invalid(Dose, "sets: 2\n") == "f.yaml:1:1: a dose needs reps, hold_s or minutes"


def test_unknown_key_with_suggestion():
    assert invalid(Profile, "days: [mon]\nsesion_minutes: 30\n") == (
        'f.yaml:2:1: unknown key "sesion_minutes" (did you mean "session_minutes"?)'
    )


def test_missing_key():
    assert invalid(Profile, "name: x\n") == 'f.yaml:1:1: missing required key "days"'


def test_wrong_type():
    assert invalid(Profile, "days: [mon]\nsession_minutes: thirty\n") == (
        "f.yaml:2:18: session_minutes: \"thirty\" is not a whole number"
    )


def test_out_of_range():
    assert invalid(Profile, "days: [mon]\nsession_minutes: 500\n") == (
        "f.yaml:2:18: session_minutes: Input should be less than or equal to 180"
    )


def test_duplicate_day():
    assert invalid(Profile, "days: [mon, mon]\n") == 'f.yaml:1:7: days: "mon" is listed twice'


def test_nested_unknown_key_suggests_from_the_nested_model():
    text = (
        "id: x\nname: X\nkind: strength\nregion: core\nposition: prone\nsource: [s]\n"
        "muscles: {primary: [rectus_abdominis]}\ndose: {sets: 1, reps: 5, hold: 3}\n"
    )
    assert invalid(Exercise, text) == 'f.yaml:8:26: dose: unknown key "hold" (did you mean "hold_s"?)'


def test_when_applies():
    profile = Profile(days=["mon"], conditions=["asthma"], age_group="adult")
    assert When(conditions=["asthma", "pregnancy"]).applies(profile)
    assert not When(conditions=["pregnancy"]).applies(profile)
    assert not When(no_conditions=["asthma"]).applies(profile)
    assert When(age_group="adult", cleared_by_doctor=False).applies(profile)
    assert not When(level=["advanced"]).applies(profile)
    assert not When(equipment=["barbell"]).applies(profile)


def test_invalid_id_is_explained_without_a_regex():
    text = "id: Wall Angel\nname: X\nkind: strength\nregion: core\nposition: prone\nsource: [s]\n"
    text += "muscles: {primary: [rectus_abdominis]}\ndose: {reps: 5}\n"
    assert invalid(Exercise, text) == (
        'f.yaml:1:5: id: "Wall Angel" is not a valid id (use lower-case letters, digits, "-" and "_")'
    )


def test_library_wording_is_replaced():
    assert invalid(Profile, "days: []\n") == "f.yaml:1:7: days: needs at least 1 item(s)"
    assert invalid(Exercise, "id: x\nname: X\nkind: k\nregion: r\nposition: p\nsource: [s]\nmuscles: [a]\ndose: {reps: 5}\n") == (
        "f.yaml:7:10: muscles: Input should be a mapping of keys to values"
    )


# When.implies must be sound: if it says a implies b, no profile may match a but not b.
_CONDITIONS = ["acute_pain", "recent_injury", "asthma", "pregnancy"]
_EQUIPMENT = ["mat", "chair", "dumbbells"]


def _subset(words):
    return st.lists(st.sampled_from(words), unique=True)


_whens = st.builds(
    When,
    conditions=st.none() | _subset(_CONDITIONS),
    no_conditions=st.none() | _subset(_CONDITIONS),
    age_group=st.none() | _subset(["adult", "child"]),
    level=st.none() | _subset(["beginner", "intermediate"]),
    cleared_by_doctor=st.none() | st.booleans(),
    equipment=st.none() | _subset(_EQUIPMENT),
)
_profiles = st.builds(
    Profile,
    days=st.just(["mon"]),
    conditions=_subset(_CONDITIONS),
    age_group=st.sampled_from(["adult", "child"]),
    level=st.sampled_from(["beginner", "intermediate"]),
    cleared_by_doctor=st.booleans(),
    equipment=_subset(_EQUIPMENT),
)


@settings(max_examples=300, derandomize=True)
@given(_whens, _whens, _profiles)
def test_when_implies_is_sound(a, b, profile):
    if a.implies(b) and a.applies(profile):
        assert b.applies(profile)


def test_when_implies_recognises_a_red_flag():
    red_flag = When(conditions=["acute_pain", "recent_injury"], cleared_by_doctor=False)
    assert When(conditions=["acute_pain"], cleared_by_doctor=False).implies(red_flag)
    assert not When(conditions=["acute_pain"]).implies(red_flag)
    assert not When(conditions=["acute_pain", "asthma"], cleared_by_doctor=False).implies(red_flag)
