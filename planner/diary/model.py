"""The pain-monitoring model's numbers and the diary's red-flag questions, read from data.

They live in ``rules/diary/pain_model.yaml`` (with their sources), not in code: a clinic can read
them, and a test can load another file. :func:`load_pain_model` checks the file and reports a bad
value with its file, line and column.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from planner.loading.resources import data_dir
from planner.loading.validation import file_body, validate_model
from planner.loading.yamlio import load_yaml_file

__all__ = ["PainModel", "default_pain_model", "load_pain_model", "model_file"]

Pain = Field(ge=0, le=10)


class PainModel(BaseModel):
    """Thresholds of the pain-monitoring model (pain on the 0-10 scale) and the red-flag questions."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    source: list[str] = Field(min_length=1)
    safe_max: int = Pain
    acceptable_max: int = Pain
    settled_max: int = Pain
    acceptable_decision: Literal["progress", "hold"]
    progress_min_done: int = Field(ge=1)
    progress_max_skipped: int = Field(ge=0)
    swap_after_step_backs: int = Field(ge=1)
    refer_rule: str
    red_flags: dict[str, str] = Field(min_length=1)

    @model_validator(mode="after")
    def _ordered(self) -> PainModel:
        if not self.safe_max <= self.acceptable_max:
            raise ValueError("safe_max must be at most acceptable_max")
        return self


def model_file() -> Path:
    return data_dir("rules") / "diary" / "pain_model.yaml"


def load_pain_model(path: Path | str) -> PainModel:
    doc = load_yaml_file(path)
    return validate_model(PainModel, file_body(doc, "pain model file"), doc)


@lru_cache(maxsize=1)
def default_pain_model() -> PainModel:
    return load_pain_model(model_file())
