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
           "CatalogUsed", "MadeWith", "GroupLoad", "PairBand", "Sides", "Dominance", "Balance", "Optimality", "Plan"]

# 2: plans carry a ``balance`` section (version 1 plans, without one, are still read).
PLAN_SCHEMA_VERSION = 2


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


class GroupLoad(BaseModel):
    """One muscle group's load over the week, in the load model of planner/load.py."""

    model_config = ConfigDict(extra="forbid")

    group: str = Field(description="Muscle-group name from the muscle graph.")
    seconds: float = Field(description="Seconds under tension (primary muscles full, secondary half; a left or right item half), rounded to 0.1.")
    share: float = Field(description="The group's part of all groups' load, 0-1, rounded to 0.001.")
    days: int = Field(description="Days of the week with counted work whose primary muscles are in the group.")


class PairBand(BaseModel):
    """An antagonist pair's load ratio and the band its load_ratio rules allow."""

    model_config = ConfigDict(extra="forbid")

    pair: str = Field(description="numerator:denominator, muscle-graph names.")
    seconds: list[float] = Field(description="Numerator and denominator load in seconds under tension, rounded to 0.1.")
    ratio: float | None = Field(description="Numerator load over denominator load, rounded to 0.01; null when the denominator has none.")
    low: float | None = Field(default=None, description="Lowest ratio allowed (from the rule the other way round), or null.")
    high: float | None = Field(default=None, description="Highest ratio allowed, or null.")
    in_band: bool = Field(description="Every rule of the pair holds.")
    rules: list[str] = Field(default=[], description="Ids of the load_ratio rules that make the band.")
    why: str | None = Field(default=None, description="Out of band: why no week within the rules meets the band, in plain words, from the week (written by backplan plan after tuning doses; check does not recompute it).")


class Sides(BaseModel):
    """Left against right over the paired muscles."""

    model_config = ConfigDict(extra="forbid")

    left: float = Field(description="Seconds under tension on the left side (left items and bilateral ones).")
    right: float = Field(description="Seconds under tension on the right side.")
    ratio: float | None = Field(description="Left over right, rounded to 0.01; null with no load.")
    low: float = Field(description="Lowest ratio in band.")
    high: float = Field(description="Highest ratio in band.")
    in_band: bool


class Dominance(BaseModel):
    """The dominance index: the largest share one group takes."""

    model_config = ConfigDict(extra="forbid")

    group: str | None = Field(description="The group with the largest share, or null with no load.")
    share: float = Field(description="Its share, 0-1, rounded to 0.001.")
    max_share: float | None = Field(default=None, description="The largest share the balance rule allows, or null without one.")
    in_band: bool
    rules: list[str] = Field(default=[], description="Ids of the balance rules that bound it.")
    why: str | None = Field(default=None, description="Out of band: why no week within the rules keeps it under max_share, in plain words, from the week (written by backplan plan after tuning doses; check does not recompute it).")


class Balance(BaseModel):
    """How evenly the week loads the muscle groups (planner/balance.py builds it; backplan check recomputes it)."""

    model_config = ConfigDict(extra="forbid")

    measure: str = Field(description="What the loads count.")
    blocks: list[str] = Field(description="The session blocks whose items count for the groups, sides and dominance.")
    total_seconds: float = Field(description="All groups' load, rounded to 0.1.")
    groups: list[GroupLoad] = Field(default=[], description="Every group with load, largest first.")
    pairs: list[PairBand] = Field(default=[], description="Antagonist pairs that load_ratio rules band.")
    sides: Sides
    dominance: Dominance
    out_of_band: list[str] = Field(default=[], description="Each figure outside its band, in words.")


class Optimality(BaseModel):
    """Whether the week's soft penalty is the least possible under the rules it was made under
    (``backplan plan --prove``: a lower bound proven by OR-Tools CP-SAT)."""

    model_config = ConfigDict(extra="forbid")

    status: Literal["not_checked", "proven_optimal", "bound", "not_proven"] = Field(description="not_checked: made without --prove; proven_optimal: no week under the same hard rules has a lower penalty; bound: none has a penalty below lower_bound (the week may or may not be the best); not_proven: CP-SAT's time ran out before it proved a useful bound.")
    penalty: int | None = Field(default=None, description="The plan's soft penalty (as soft_penalty).")
    lower_bound: int | None = Field(default=None, ge=0, description="No week meeting the same hard rules has a soft penalty below this (tenths, as soft_penalty).")
    gap: int | None = Field(default=None, ge=0, description="penalty - lower_bound: at most this much could be gained.")
    covers: list[str] = Field(default=[], description="The soft rules the bound counts.")
    left_out: list[str] = Field(default=[], description="Soft rules the bound does not count (their amount is taken as 0, so the bound still holds).")
    seconds: float | None = Field(default=None, ge=0, description="CP-SAT's wall time.")
    note: str | None = Field(default=None, description="What the bound does not cover, e.g. doses tuned after the week was solved.")


class Plan(BaseModel):
    """The plan contract written by ``--format json`` and read by ``backplan check``."""

    model_config = ConfigDict(extra="forbid")

    schema_version: Literal[1, 2] = Field(default=PLAN_SCHEMA_VERSION, description="Version of this format (1: before the balance section).")
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
    balance: Balance | None = Field(default=None, description="Muscle-group load, antagonist pairs, left and right and the dominance index, with what is out of band; backplan check recomputes it (version 1 plans have none).")
    optimality: Optimality | None = Field(default=None, description="Whether the soft penalty is proven the least possible (backplan plan --prove); plans made before it existed have none.")
    instructions: dict[str, Instructions] = Field(default={}, description="Steps and cues for every exercise in the plan, once each, keyed by exercise id.")
    made_with: MadeWith | None = Field(default=None, description="The backplan version, catalog and rule files the plan was made with; backplan check warns when it is given others (plans written before it existed have none).")
