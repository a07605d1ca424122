"""Pydantic models for everything backplan reads or writes.

Exercises, profiles, rule headers and selectors live here (the plan contract is :mod:`planner.contract`). Words
that come from a vocabulary (kinds, regions, equipment, conditions, muscles ...) are plain strings
in these models and are checked against the data in ``catalog/vocab.yaml`` and
``catalog/muscles.yaml`` by the loaders, so vocabularies stay data.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from planner.timing import dose_seconds

__all__ = [
    "Strict",
    "Ident",
    "Text",
    "Word",
    "Dose",
    "Ban",
    "Sets",
    "Reps",
    "HoldSeconds",
    "Minutes",
    "require_amount",
    "Muscles",
    "Exercise",
    "CatalogFile",
    "Profile",
    "When",
    "Selector",
    "RuleHeader",
    "LEVELS",
    "BANNED_RULE_ID",
]

BANNED_RULE_ID = "builtin:banned-moves"  # banned catalog entries never appear, whatever the rules say

IDENT_PATTERN = r"^[a-z0-9][a-z0-9_\-]*$"


def _ident(value: str) -> str:
    if not re.fullmatch(IDENT_PATTERN, value):
        raise ValueError(f'"{value}" is not a valid id (use lower-case letters, digits, "-" and "_")')
    return value


Ident = Annotated[
    str, Field(min_length=1, max_length=80, json_schema_extra={"pattern": IDENT_PATTERN}), AfterValidator(_ident)
]
Text = Annotated[str, Field(min_length=1, max_length=2000)]
Word = Annotated[str, Field(min_length=1, max_length=80)]
Words = Annotated[list[Word], Field(max_length=200)]


class Strict(BaseModel):
    """Base for user-written models: unknown keys are errors, values are not coerced loosely."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# Bounds of a dose, shared by catalog doses and plan items.
Sets = Annotated[int, Field(ge=1, le=10)]
Reps = Annotated[int, Field(ge=1, le=100)]
HoldSeconds = Annotated[int, Field(ge=1, le=600)]
Minutes = Annotated[int, Field(ge=1, le=180)]


def require_amount(reps: int | None, hold_s: int | None, minutes: int | None) -> None:
    """A dose (in the catalog or on a plan item) says how much: reps, a hold or minutes."""
    if reps is None and hold_s is None and minutes is None:
        raise ValueError("a dose needs reps, hold_s or minutes")


class Dose(Strict):
    """How much of an exercise: reps (per set, per side), a hold in seconds, or minutes."""

    sets: Sets | None = None
    reps: Reps | None = None
    hold_s: HoldSeconds | None = None
    minutes: Minutes | None = None

    @model_validator(mode="after")
    def _has_amount(self) -> Dose:
        require_amount(self.reps, self.hold_s, self.minutes)
        return self

    def seconds(self, unilateral: bool = False) -> int:
        """Estimated time for one plan item, rests and the change to it included; a session
        adds the moves between positions (the time model of ``planner/timing.py``).

        Reps take 4 s each plus any hold; a set of holds adds 10 s to get into position; sets
        are separated by 30 s of rest; minutes are taken as they are; moving on to the item and
        setting it up takes 20 s. Unilateral work counts twice (once per side). Between two
        consecutive items, changing level adds 45 s between the floor (supine, prone, quadruped,
        side, kneeling) and standing, 30 s between the floor and seated, 15 s between seated and
        standing. The session-time rule sums these, and the plan shows each session's total.
        """
        return dose_seconds(self.sets, self.reps, self.hold_s, self.minutes, unilateral)


class Ban(Strict):
    """Marks a notorious move: it stays in the catalog so rules and imports recognise it."""

    reason: Text
    alternative: Ident | None = None


class Muscles(Strict):
    primary: Annotated[list[Word], Field(min_length=1, max_length=30)]
    secondary: Annotated[list[Word], Field(max_length=30)] = []


class Exercise(Strict):
    """One catalog entry (see docs/catalog.md for every field)."""

    id: Ident
    name: Text
    kind: Word
    muscles: Muscles
    region: Word
    position: Word
    other_positions: Words = []
    side: Word = "bilateral"
    equipment: Words = []
    # Equipment that helps but is not needed (e.g. a mat: a carpet or folded towel will do).
    recommended: Words = []
    level: Word = "beginner"
    audience: Annotated[list[Word], Field(min_length=1, max_length=5)] = ["adult"]
    dose: Dose
    contraindications: Words = []
    tags: Words = []
    cues: Annotated[list[Text], Field(max_length=30)] = []
    steps: Annotated[list[Text], Field(max_length=40)] = []
    banned: Ban | None = None
    # The variant ladder: the catalog ids of this exercise's easier and harder versions (a
    # programme steps along it; planner/catalog.py refuses unknown ids and cycles).
    easier: Ident | None = None
    harder: Ident | None = None
    # Close variants: catalog ids of the same movement done another way (other equipment or
    # position, one side or both). A profile's ``exclude`` leaves them out too (the
    # profile_exclude kind); naming the pair on one side is enough.
    variants: Annotated[list[Ident], Field(max_length=50)] = []
    source: Annotated[list[Text], Field(min_length=1, max_length=20)]

    @field_validator("source", mode="before")
    @classmethod
    def _source_list(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


class CatalogFile(Strict):
    exercises: Annotated[list[dict[str, Any]], Field(max_length=5000)]


class Profile(Strict):
    """Who the plan is for (see examples/profiles/ and docs)."""

    name: Text = "default"
    age_group: Word = "adult"
    level: Word = "beginner"
    days: Annotated[list[Word], Field(min_length=1, max_length=7)]
    session_minutes: Annotated[int, Field(ge=10, le=180)] = 30
    equipment: Words = []
    conditions: Words = []
    cleared_by_doctor: bool = False
    exclude: Annotated[list[Word], Field(max_length=2000)] = []

    @field_validator("days", "equipment", "conditions", "exclude")
    @classmethod
    def _unique(cls, words: list[str]) -> list[str]:
        seen = set()
        for word in words:
            if word in seen:
                raise ValueError(f'"{word}" is listed twice')
            seen.add(word)
        return words


class When(Strict):
    """When a rule applies, tested against the profile; every key given must hold.

    ``conditions``: any of these conditions; ``no_conditions``: none of these;
    ``age_group`` / ``level``: one of these; ``cleared_by_doctor``: exactly this value;
    ``equipment``: the person owns any of these; ``needs_clearance``: ``true`` when the person
    has a condition the vocabulary marks ``clearance: required`` (``catalog/vocab.yaml``),
    ``false`` when none (the loader passes those conditions to :meth:`applies` as ``clearance``).
    """

    conditions: Words | None = None
    no_conditions: Words | None = None
    age_group: Word | Words | None = None
    level: Word | Words | None = None
    cleared_by_doctor: bool | None = None
    equipment: Words | None = None
    needs_clearance: bool | None = None

    @staticmethod
    def _many(value: str | list[str]) -> list[str]:
        return [value] if isinstance(value, str) else value

    def applies(self, profile: Profile, clearance: Collection[str] = frozenset()) -> bool:
        """Does the rule apply to ``profile``? ``clearance``: the conditions that need clearance."""
        if self.needs_clearance is not None and bool(set(clearance) & set(profile.conditions)) != self.needs_clearance:
            return False
        if self.conditions is not None and not set(self.conditions) & set(profile.conditions):
            return False
        if self.no_conditions is not None and set(self.no_conditions) & set(profile.conditions):
            return False
        if self.age_group is not None and profile.age_group not in self._many(self.age_group):
            return False
        if self.level is not None and profile.level not in self._many(self.level):
            return False
        if self.cleared_by_doctor is not None and profile.cleared_by_doctor != self.cleared_by_doctor:
            return False
        return not (self.equipment is not None and not set(self.equipment) & set(profile.equipment))

    def implies(self, other: When) -> bool:
        """True when every profile this matches surely matches ``other`` too (a sound, partial
        test: it may answer False for some pairs where it holds)."""
        def within(mine: Any, theirs: Any) -> bool:  # "one/any of mine" is inside "one/any of theirs"
            return theirs is None or (mine is not None and set(self._many(mine)) <= set(self._many(theirs)))

        return (
            within(self.conditions, other.conditions)
            and (other.no_conditions is None or set(other.no_conditions) <= set(self.no_conditions or []))
            and within(self.age_group, other.age_group)
            and within(self.level, other.level)
            and other.cleared_by_doctor in (None, self.cleared_by_doctor)
            and within(self.equipment, other.equipment)
            and other.needs_clearance in (None, self.needs_clearance)
        )


OneOrMany = Word | Annotated[list[Word], Field(min_length=1, max_length=500)]


class Selector(Strict):
    """Picks exercises by their attributes; see planner/selectors.py for the meaning of each key."""

    id: OneOrMany | None = None
    kind: OneOrMany | None = None
    block: OneOrMany | None = None
    tags: OneOrMany | None = None
    equipment: OneOrMany | None = None
    muscles: OneOrMany | None = None
    primary: OneOrMany | None = None
    region: OneOrMany | None = None
    position: OneOrMany | None = None
    side: OneOrMany | None = None
    level: OneOrMany | None = None
    audience: OneOrMany | None = None
    banned: bool | None = None
    any: Annotated[list[Selector], Field(min_length=1, max_length=50)] | None = None
    not_: Selector | None = Field(default=None, alias="not")

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, populate_by_name=True)


LEVELS = ("safety", "structure", "preference")
OLD_LEVEL_NAMES = {"hard": "safety", "soft": "preference"}  # the names used before levels


class RuleHeader(Strict):
    """Keys every rule has, whatever its kind; the kind's own parameters sit beside them.

    ``severity`` is the rule's level: ``safety`` never gives way (no plan breaks it);
    ``structure`` holds whenever the week allows, and otherwise gives way as little as possible
    and visibly (the plan names it and says why); ``preference`` is optimised by ``weight``.
    ``hard`` and ``soft`` are still read, as ``safety`` and ``preference``.
    """

    id: Ident
    kind: Word
    description: Text
    severity: Literal["safety", "structure", "preference", "hard", "soft"] = Field(
        default="safety",
        description="safety (never gives way; the default), structure (gives way only when the week allows "
        "nothing else, and the plan says so) or preference (optimised by weight). hard = safety, soft = preference.",
    )
    weight: Annotated[int, Field(ge=1, le=1000)] = 1
    when: When | None = None
    tags: Words = []
    source: Annotated[list[Text], Field(min_length=1, max_length=20)]

    @field_validator("source", mode="before")
    @classmethod
    def _source_list(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @field_validator("severity")
    @classmethod
    def _current_level_name(cls, value: str) -> str:
        return OLD_LEVEL_NAMES.get(value, value)
