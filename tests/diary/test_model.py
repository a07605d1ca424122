"""The pain model's numbers are data (rules/diary/pain_model.yaml): the shipped file holds the
published thresholds with its sources, and a bad file is one positioned message."""

from __future__ import annotations

import pytest

from planner.diary.model import default_pain_model, load_pain_model, model_file
from planner.errors import InputError


def test_the_shipped_model_is_thomee_and_silbernagel_with_the_extrapolation_said():
    model = default_pain_model()
    assert (model.safe_max, model.acceptable_max, model.settled_max) == (2, 5, 2)
    assert model.acceptable_decision == "hold"
    assert any(s.startswith("Thomee R.") for s in model.source) and any(s.startswith("Silbernagel KG") for s in model.source)
    assert "backplan's extrapolation: both studies were of knee or Achilles tendon pain, not back pain" in model.source
    assert list(model.red_flags) == ["saddle_numbness", "bladder_bowel", "both_legs", "fever", "fall", "sharp_pain"]


def test_a_bad_value_is_reported_at_its_place(tmp_path):
    text = model_file().read_text().replace("acceptable_max: 5", "acceptable_max: 12")
    path = tmp_path / "pain_model.yaml"
    path.write_text(text)
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row.startswith("acceptable_max"))
    with pytest.raises(InputError) as info:
        load_pain_model(path)
    assert str(info.value) == f"{path}:{line}:17: acceptable_max: Input should be less than or equal to 10"
