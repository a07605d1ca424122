"""The plan contract: what ``backplan plan --format json`` writes and ``backplan check`` reads.

Its JSON Schema is ``schemas/plan.schema.json`` (generated from these models by
``python -m planner.schemas``). A change of shape raises ``PLAN_SCHEMA_VERSION``; multi-week
programmes will be a new version of this contract.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from planner.models import Dose, HoldSeconds, Ident, Minutes, Profile, Reps, Sets, require_amount
from planner.notice import SAFETY_NOTICE

__all__ = ["PLAN_SCHEMA_VERSION", "PlanItem", "PlanDay", "GaveWay", "Overridden", "Instructions", "RuleFileUsed",
           "CatalogUsed", "MadeWith", "Plan"]

PLAN_SCHEMA_VERSION = 1


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
    recommended: list[str] = Field(default=[], description="Equipment that helps but is not needed (a mat: a carpet or folded towel will do).")
    muscles: list[str] = Field(default=[], description="Primary then secondary muscles (muscle-graph names).")
    groups: list[str] = Field(default=[], description="Every muscle group and region the exercise works, as named in the muscle graph (e.g. core, hips, legs).")
    sets: Sets | None = Field(default=None, description="Number of sets (1-10).")
    reps: Reps | None = Field(default=None, description="Repetitions per set, per side for left/right items (1-100).")
    hold_s: HoldSeconds | None = Field(default=None, description="Seconds held (1-600): per repetition when reps is given, else per set.")
    minutes: Minutes | None = Field(default=None, description="Duration in minutes (1-180): aerobic work, warm-ups, sequences.")
    why: list[str] = Field(default=[], description="Ids of the rules that put the item here: counts it is needed for, ordering, dose changes, side pairing.")

    @model_validator(mode="after")
    def _has_amount(self) -> PlanItem:
        require_amount(self.reps, self.hold_s, self.minutes)
        return self

    def dose(self) -> Dose:
        return Dose(sets=self.sets, reps=self.reps, hold_s=self.hold_s, minutes=self.minutes)


class PlanDay(BaseModel):
    model_config = ConfigDict(extra="forbid")

    day: str = Field(description="mon, tue, wed, thu, fri, sat or sun, in that order.")
    items: list[PlanItem] = Field(default=[], description="The session in order; empty on a rest day.")
    minutes: int = Field(default=0, description="Estimated length of the session in whole minutes (rounded up), by the time model of planner/timing.py: doses, 30 s rests between sets, 20 s to change to each item and 45 s (floor and standing), 30 s (floor and seated) or 15 s (seated and standing) to change position between items; 0 on a rest day.")
    walks: list[PlanItem] = Field(default=[], description="Activities of their own that day, apart from the session (a walk, from a walks rule): not counted in the session's minutes, its order or its session rules; counted by the weekly rules. May stand on a rest day.")


class GaveWay(BaseModel):
    """A structure rule this week could not fully meet, and why."""

    model_config = ConfigDict(extra="forbid")

    rule: str = Field(description="Id of the structure rule that gave way.")
    description: str = Field(default="", description="What the rule asks for.")
    because: list[str] = Field(default=[], description="Ids of the rules it could not hold beside (e.g. the session time).")
    reason: str = Field(default="", description="Why, in plain words.")


class Overridden(BaseModel):
    """A shipped rule a rule file changed (``override:``), or ``*``: the shipped rules left out."""

    model_config = ConfigDict(extra="forbid")

    rule: str = Field(description="Id of the rule changed, or * when the shipped rules were left out (shipped: false).")
    change: str = Field(description="What changed, e.g. \"min: 5 -> 3\" or \"switched off\".")
    reason: str = Field(default="", description="The reason the rule file states (required to change a safety rule).")
    file: str = Field(default="", description="file:line:column of the override.")


class Instructions(BaseModel):
    """How to do one exercise: what the person reads before doing it."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(description="Human name of the exercise.")
    steps: list[str] = Field(default=[], description="The steps, in order.")
    cues: list[str] = Field(default=[], description="What to watch for while doing it.")


Sha256 = Annotated[str, Field(pattern="^[0-9a-f]{64}$", description="SHA-256 of the content, in hex.")]


class RuleFileUsed(BaseModel):
    """A rule file a plan was made with."""

    model_config = ConfigDict(extra="forbid")

    path: str = Field(description="The file's absolute path; for a shipped file, its name (e.g. week.yaml).")
    shipped: bool = Field(default=False, description="One of the rule files backplan ships.")
    sha256: Sha256


class CatalogUsed(BaseModel):
    """The catalog a plan was made with."""

    model_config = ConfigDict(extra="forbid")

    path: str = Field(description="The catalog folder's absolute path, or embedded for the one backplan ships.")
    sha256: Sha256 = Field(description="SHA-256 over the names and contents of the folder's YAML files.")


class MadeWith(BaseModel):
    """How a plan was made: what ``backplan check`` compares with the rules and catalog it is given."""

    model_config = ConfigDict(extra="forbid")

    backplan: str = Field(description="The backplan version.")
    catalog: CatalogUsed
    rule_files: list[RuleFileUsed] = Field(default=[], description="Every rule file with a rule in the plan's rule set, in loading order (shipped ones first, unless a file said shipped: false).")


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
    gave_way: list[GaveWay] = Field(default=[], description="Structure rules this week could not fully meet (too little time, no equipment...), each with the rules it could not hold beside. Safety rules never give way.")
    overrides: list[Overridden] = Field(default=[], description="Shipped rules the rule files changed or switched off, with the reasons they state (written only when there are some).")
    instructions: dict[str, Instructions] = Field(default={}, description="Steps and cues for every exercise in the plan, once each, keyed by exercise id.")
    made_with: MadeWith | None = Field(default=None, description="The backplan version, catalog and rule files the plan was made with; backplan check warns when it is given others (plans written before it existed have none).")
