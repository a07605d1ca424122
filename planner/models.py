"""Pydantic models for everything backplan reads or writes.

Exercises, profiles, rule headers, selectors and the plan (the JSON contract) live here. Words
that come from a vocabulary (kinds, regions, equipment, conditions, muscles ...) are plain strings
in these models and are checked against the data in ``catalog/vocab.yaml`` and
``catalog/muscles.yaml`` by the loaders, so vocabularies stay data.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from planner.errors import InputError, Where, did_you_mean
from planner.yamlio import Document

__all__ = [
    "Strict",
    "Ident",
    "Text",
    "Word",
    "Dose",
    "Ban",
    "Muscles",
    "Exercise",
    "CatalogFile",
    "Profile",
    "When",
    "Selector",
    "RuleHeader",
    "PlanItem",
    "PlanDay",
    "Plan",
    "validate_model",
    "file_body",
    "SAFETY_NOTICE",
    "BANNED_RULE_ID",
    "PLAN_SCHEMA_VERSION",
]

SAFETY_NOTICE = (
    "Talk to your doctor or physiotherapist before starting or changing an exercise plan. "
    "Move slowly and never bounce; stop and seek advice if pain is sharp, new or getting worse."
)
PLAN_SCHEMA_VERSION = 1
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


def _require_amount(reps: int | None, hold_s: int | None, minutes: int | None) -> None:
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
        _require_amount(self.reps, self.hold_s, self.minutes)
        return self

    def seconds(self, unilateral: bool = False) -> int:
        """Estimated time on task, rests included: the session-time rule sums these.

        Reps take 4 s each plus any hold; a set of holds adds 10 s to change position; sets are
        separated by 30 s of rest; unilateral work counts twice (once per side); minutes are
        taken as they are.
        """
        if self.minutes is not None and self.reps is None and self.hold_s is None:
            return self.minutes * 60
        sets = self.sets or 1
        if self.reps is not None:
            per_set = self.reps * (4 + (self.hold_s or 0))
        else:
            per_set = (self.hold_s or 0) + 10
        total = sets * per_set + (sets - 1) * 30
        if self.minutes is not None:
            total += self.minutes * 60
        return total * (2 if unilateral else 1)


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
    level: Word = "beginner"
    audience: Annotated[list[Word], Field(min_length=1, max_length=5)] = ["adult"]
    dose: Dose
    contraindications: Words = []
    tags: Words = []
    cues: Annotated[list[Text], Field(max_length=30)] = []
    steps: Annotated[list[Text], Field(max_length=40)] = []
    banned: Ban | None = None
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
    ``equipment``: the person owns any of these.
    """

    conditions: Words | None = None
    no_conditions: Words | None = None
    age_group: Word | Words | None = None
    level: Word | Words | None = None
    cleared_by_doctor: bool | None = None
    equipment: Words | None = None

    @staticmethod
    def _many(value: str | list[str]) -> list[str]:
        return [value] if isinstance(value, str) else value

    def applies(self, profile: Profile) -> bool:
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


class RuleHeader(Strict):
    """Keys every rule has, whatever its kind; the kind's own parameters sit beside them."""

    id: Ident
    kind: Word
    description: Text
    severity: Literal["hard", "soft"] = "hard"
    weight: Annotated[int, Field(ge=1, le=1000)] = 1
    when: When | None = None
    tags: Words = []
    source: Annotated[list[Text], Field(min_length=1, max_length=20)]

    @field_validator("source", mode="before")
    @classmethod
    def _source_list(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


class PlanItem(BaseModel):
    """One line of a session. A unilateral exercise appears as a left and a right item side by side."""

    model_config = ConfigDict(extra="forbid")

    exercise: Ident = Field(description="Catalog id of the exercise.")
    name: str = Field(description="Human name of the exercise.")
    kind: str = Field(description="Exercise kind (warmup, relaxation, mobility, stretch, strength, aerobic, cooldown).")
    block: str = Field(description="The item's role in the session: warmup, relaxation, stretch, strength, aerobic or cooldown.")
    region: str = Field(description="Main body region (neck ... legs, full_body).")
    position: str = Field(description="Body position (standing, seated, supine, prone, quadruped, side, ...).")
    side: Literal["both", "left", "right"] = Field(description="both for bilateral work; left/right items of a unilateral exercise stand next to each other.")
    equipment: list[str] = Field(default=[], description="Equipment the exercise needs.")
    muscles: list[str] = Field(default=[], description="Primary then secondary muscles (muscle-graph names).")
    groups: list[str] = Field(default=[], description="Every muscle group and region the exercise works, as named in the muscle graph (e.g. core, hips, legs).")
    sets: Sets | None = Field(default=None, description="Number of sets (1-10).")
    reps: Reps | None = Field(default=None, description="Repetitions per set, per side for left/right items (1-100).")
    hold_s: HoldSeconds | None = Field(default=None, description="Seconds held (1-600): per repetition when reps is given, else per set.")
    minutes: Minutes | None = Field(default=None, description="Duration in minutes (1-180): aerobic work, warm-ups, sequences.")
    why: list[str] = Field(default=[], description="Ids of the rules that put the item here: counts it is needed for, ordering, dose changes, side pairing.")

    @model_validator(mode="after")
    def _has_amount(self) -> PlanItem:
        _require_amount(self.reps, self.hold_s, self.minutes)
        return self

    def dose(self) -> Dose:
        return Dose(sets=self.sets, reps=self.reps, hold_s=self.hold_s, minutes=self.minutes)


class PlanDay(BaseModel):
    model_config = ConfigDict(extra="forbid")

    day: str = Field(description="mon, tue, wed, thu, fri, sat or sun, in that order.")
    items: list[PlanItem] = Field(default=[], description="The session in order; empty on a rest day.")


class Plan(BaseModel):
    """The plan contract written by ``--format json`` and read by ``backplan check``."""

    model_config = ConfigDict(extra="forbid")

    schema_version: Literal[1] = Field(default=PLAN_SCHEMA_VERSION, description="Version of this format.")
    notice: str = Field(default=SAFETY_NOTICE, description="Safety notice: talk to your doctor.")
    profile: Profile | None = Field(default=None, description="The profile the plan was made for; check uses it unless --profile is given.")
    seed: int | None = Field(default=None, description="Search seed; the same seed gives the same plan.")
    days: Annotated[list[PlanDay], Field(min_length=7, max_length=7, description="All seven days, Monday first.")]
    soft_penalty: int | None = Field(default=None, description="Weighted amount by which soft rules are missed (0 = all met).")
    soft_misses: list[str] = Field(default=[], description="Ids of the soft rules not fully met.")
    notes: list[str] = Field(default=[], description="What the rules left out that a reader should know, e.g. an exercise no dose can satisfy because dose rules contradict each other.")
    advice: list[str] = Field(default=[], description="Guidance from the advice rules that apply to the profile.")


def file_body(doc: Document, what: str, shape: str = "a mapping of keys to values") -> dict[str, Any]:
    """The top-level mapping of a file, or a clear error for an empty file or another shape."""
    if doc.data is None:
        raise InputError(f"the {what} is empty", Where(doc.file, 1, 1))
    if not isinstance(doc.data, dict):
        raise InputError(f"a {what} must be {shape}", doc.where(()))
    return doc.data


def _loc_text(loc: tuple[Any, ...]) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text


def validate_model(model: type[BaseModel], data: Any, doc: Document, path: tuple[Any, ...] = ()) -> Any:
    """Validate ``data`` (found at ``path`` in ``doc``) or raise one positioned :class:`InputError`."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        # pydantic reports union members as extra loc parts (e.g. 'str', 'list[str]'); keep real keys
        clean: list[Any] = []
        node = data
        for part in loc:
            if isinstance(node, dict) and part in node:
                clean.append(part)
                node = node[part]
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                clean.append(part)
                node = node[part]
            elif error["type"] == "extra_forbidden" or error["type"] == "missing":
                clean.append(part)
                break
        where = doc.where((*path, *clean))
        message = error["msg"]
        kind = error["type"]
        if kind == "extra_forbidden":
            fields = [f.alias or name for name, f in model.model_fields.items()]
            sub = _submodel(model, clean[:-1])
            if sub is not None:
                fields = [f.alias or name for name, f in sub.model_fields.items()]
            message = f'unknown key "{clean[-1]}"{did_you_mean(str(clean[-1]), fields)}'
            where = doc.where_key((*path, *clean))
            clean = clean[:-1]
        elif kind == "missing":
            message = f'missing required key "{clean[-1]}"'
            where = doc.where((*path, *clean[:-1]))
            clean = clean[:-1]
        elif kind in ("model_type", "dict_type", "model_attributes_type"):
            message = "Input should be a mapping of keys to values"
        elif kind in ("int_type", "float_type", "int_from_float"):
            message = _not_a_number(error.get("input"), whole=kind != "float_type") or message
        elif kind == "too_short":
            message = f"needs at least {error['ctx']['min_length']} item(s)"
        elif kind == "too_long":
            message = f"allows at most {error['ctx']['max_length']} item(s)"
        elif message.startswith("Value error, "):
            message = message[len("Value error, ") :]
        prefix = _loc_text(tuple(clean))
        raise InputError(f"{prefix}: {message}" if prefix else message, where) from None


def _not_a_number(value: Any, whole: bool) -> str | None:
    """Say why ``value`` is not the number a field needs, in the user's terms."""
    number = "a whole number" if whole else "a number"
    if isinstance(value, float) and whole:
        return f"{value:g} is not {number}"
    if not isinstance(value, str):
        return None
    if re.fullmatch(r"[-+]?[0-9]+(\.[0-9]*)?", value.strip()):
        return f'"{value}" is quoted text, not {number}; write it without quotes'
    if re.fullmatch(r"[-+]?[0-9][0-9a-fA-FxXoObB_:.]*", value.strip()):
        return f'"{value}" is not {number}; write numbers in plain decimal digits, e.g. 40'
    return f'"{value}" is not {number}'


def _submodel(model: type[BaseModel], loc: list[Any]) -> type[BaseModel] | None:
    """Follow ``loc`` through nested model fields to find the model that owns the last key."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = next((f for n, f in current.model_fields.items() if (f.alias or n) == part), None)
        if field is None:
            return None
        current = _inner_model(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    import typing

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None
