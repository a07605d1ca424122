"""The progression schedule, read from data: ``rules/programme/progression.yaml``.

The numbers (dose steps, when a set is added, when the harder variant comes in, how often an
easier week comes) are data with their sources, not code; :func:`load_schedule` checks a file and
reports a bad value with its file, line and column.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from planner.loading.resources import data_dir
from planner.loading.validation import file_body, validate_model
from planner.loading.words import check_word, check_words
from planner.loading.yamlio import load_yaml_file

__all__ = ["Cap", "Ceilings", "Schedule", "Step", "Trim", "WhenFull", "default_schedule", "load_schedule",
           "schedule_file"]


class Step(BaseModel):
    """One dose step: what is added to each part of a dose that has it."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    reps: Annotated[int, Field(ge=0, le=20)] = 0
    hold_s: Annotated[int, Field(ge=0, le=60)] = 0
    minutes: Annotated[int, Field(ge=0, le=30)] = 0


class Trim(BaseModel):
    """What may shrink on a full day to make room: one ``part`` of items of one ``kind``, ``by``
    at a time, never below ``floor`` nor below the dose rules' minimum."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    kind: str
    part: Literal["sets", "minutes"]
    by: Annotated[int, Field(ge=1, le=10)]
    floor: Annotated[int, Field(ge=1, le=60)]


class WhenFull(BaseModel):
    """When a dose step does not fit the session time: the other ways to progress, in order."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    order: list[Literal["harder_variant", "denser", "make_room"]] = Field(min_length=1)
    make_room_for: list[str] = Field(min_length=1)
    trim: list[Trim] = Field(min_length=1)

    @model_validator(mode="after")
    def _once(self) -> WhenFull:
        if len(set(self.order)) != len(self.order):
            raise ValueError("order names each way once")
        return self


class Cap(BaseModel):
    """The most of each part of a dose a programme gives (None: no ceiling of its own). ``hold_s``
    caps a hold on its own (a plank), ``rep_hold_s`` the hold of each repetition (a bird dog's)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    reps: Annotated[int, Field(ge=1, le=100)] | None = None
    hold_s: Annotated[int, Field(ge=1, le=600)] | None = None
    rep_hold_s: Annotated[int, Field(ge=1, le=120)] | None = None
    sets: Annotated[int, Field(ge=1, le=10)] | None = None


class KindCap(Cap):
    """A default ceiling for the exercises of one kind, for one age group (None: every age group)."""

    kind: str
    age_group: str | None = None


class ExerciseCap(Cap):
    """One exercise's own ceiling, with where it comes from."""

    exercise: str
    source: str


class Ceilings(BaseModel):
    """Where progress stops: the lowest of the defaults for the exercise's kind and the person's
    age group and of the exercise's own ceiling; ``then``: where a step goes when its part is at
    its ceiling (the parts, in order; the harder version, when there is one, comes first)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    then: list[Literal["hold_s", "sets", "reps"]] = Field(min_length=1)
    defaults: list[KindCap] = []
    exercises: list[ExerciseCap] = []

    @model_validator(mode="after")
    def _once(self) -> Ceilings:
        if len(set(self.then)) != len(self.then):
            raise ValueError("then names each part once")
        return self


class Schedule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    source: list[str] = Field(min_length=1)
    first_week_share: Annotated[float, Field(gt=0, le=1)]
    progress_kinds: list[str] = Field(min_length=1)
    step: Step
    sets_every: Annotated[int, Field(ge=1, le=20)]
    variant_after: Annotated[int, Field(ge=1, le=20)]
    deload_every: Annotated[int, Field(ge=2, le=52)]
    deload_steps_back: Annotated[int, Field(ge=1, le=20)]
    when_full: WhenFull
    ceiling: Ceilings | None = None

    @model_validator(mode="after")
    def _steps(self) -> Schedule:
        if not (self.step.reps or self.step.hold_s or self.step.minutes):
            raise ValueError("a step must add something: give reps, hold_s or minutes above 0")
        return self

    def is_deload(self, week: int) -> bool:
        """Week ``week`` (counting from 1) is an easier week."""
        return week % self.deload_every == 0


def schedule_file() -> Path:
    return data_dir("rules") / "programme" / "progression.yaml"


def load_schedule(path: Path | str, kinds: Collection[str] | None = None,
                  age_groups: Collection[str] | None = None) -> Schedule:
    """Read and check a progression file; with ``kinds`` (the catalog's), its ``progress_kinds``
    must be among them, and so on; with ``age_groups`` (the catalog's), so must the ceilings'."""
    doc = load_yaml_file(path)
    schedule: Schedule = validate_model(Schedule, file_body(doc, "progression file"), doc)
    if kinds is not None:
        check_words(schedule.progress_kinds, kinds, "kind", doc, ("progress_kinds",))
        check_words(schedule.when_full.make_room_for, kinds, "kind", doc, ("when_full", "make_room_for"))
        for i, trim in enumerate(schedule.when_full.trim):
            check_word(trim.kind, list(kinds), "kind", doc, ("when_full", "trim", i, "kind"))
        for i, cap in enumerate(schedule.ceiling.defaults if schedule.ceiling else ()):
            check_word(cap.kind, list(kinds), "kind", doc, ("ceiling", "defaults", i, "kind"))
    if age_groups is not None:
        for i, cap in enumerate(schedule.ceiling.defaults if schedule.ceiling else ()):
            if cap.age_group is not None:
                check_word(cap.age_group, list(age_groups), "age group", doc, ("ceiling", "defaults", i, "age_group"))
    return schedule


@lru_cache(maxsize=1)
def default_schedule() -> Schedule:
    return load_schedule(schedule_file())
