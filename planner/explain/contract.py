"""The shape of ``backplan explain --format json`` (its JSON Schema: ``schemas/explain.schema.json``)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from planner.contract import Instructions
from planner.notice import SAFETY_NOTICE

__all__ = ["EXPLAIN_SCHEMA_VERSION", "Cost", "Exclusion", "ExerciseAnswer", "Explanation", "ItemWhy", "RuleStatus"]

EXPLAIN_SCHEMA_VERSION = 1


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Cost(_Model):
    """What putting one exercise into the week would do, judged by the checker's rules and the
    load model (the session order is left to the planner: order rules are not judged)."""

    exercise: str = Field(description="Catalog id of the exercise tried.")
    name: str = Field(description="Its human name.")
    day: str = Field(description="The day it was tried on.")
    instead_of: str | None = Field(default=None, description="The exercise it replaced that day, or null when added.")
    breaks: list[str] = Field(default=[], description="Hard rules it would break, each as 'rule-id: message' (the first is the reason it was not chosen).")
    misses: list[str] = Field(default=[], description="Soft rules it would newly miss or miss by more, as 'rule-id: message'.")
    eases: list[str] = Field(default=[], description="Soft rules the plan misses that it would meet or miss by less.")
    balance: list[str] = Field(default=[], description="Balance figures it would change (load model: seconds under tension), in words.")
    summary: str = Field(description="The verdict in plain words.")


class ItemWhy(_Model):
    """One exercise of one session and the rules behind it."""

    day: str
    exercise: str
    name: str
    block: str
    walk: bool = Field(default=False, description="An activity of its own that day, apart from the session (from a walks rule); no alternatives are tried for it.")
    sides: list[str] = Field(description="both, or left and right.")
    dose: str = Field(description="The dose in words, per side for left/right work.")
    seconds: float = Field(description="Seconds under tension the item counts in the load model (both sides together), rounded to 0.1; 0 for a walk, which the load model does not count.")
    required_by: list[str] = Field(default=[], description="Rules that asked for it (counts, coverage).")
    allowed_by: list[str] = Field(default=[], description="Safety filters that apply to the person and that it passes (contraindications, equipment, audience, level, banned moves).")
    placed_by: list[str] = Field(default=[], description="Ordering rules that set its place in the session.")
    dosed_by: list[str] = Field(default=[], description="Dose rules that changed its catalog dose.")
    chosen_over: list[Cost] = Field(default=[], description="Alternatives the safety filters allowed in this slot (same block, same day), and what each would cost.")


class RuleStatus(_Model):
    rule: str
    description: str = ""
    hard: bool = Field(description="A safety or structure rule (true) or a preference (false).")
    level: Literal["safety", "structure", "preference"]
    status: Literal["held", "gave way", "missed", "broken"]
    detail: str = Field(default="", description="The plan's reason (gave way) or the checker's messages (missed, broken).")
    amount: float = Field(default=0.0, description="Amount missed, in the units the rule's kind reports (0 when held).")


class Exclusion(_Model):
    rule: str
    reason: str


class ExerciseAnswer(_Model):
    """Why (or why not) one catalog exercise is in the week."""

    exercise: str
    name: str
    status: Literal["in the plan", "excluded", "allowed, not chosen"]
    summary: str
    items: list[ItemWhy] = Field(default=[], description="Where it is in the plan (status: in the plan).")
    excluded_by: list[Exclusion] = Field(default=[], description="The rules that keep it out for this person (status: excluded).")
    best_fit: Cost | None = Field(default=None, description="The least costly place to put it (status: allowed, not chosen).")


class Explanation(_Model):
    """``backplan explain``: why each item is in the week, how each rule fared, and one exercise's why or why not."""

    schema_version: Literal[1] = EXPLAIN_SCHEMA_VERSION
    notice: str = SAFETY_NOTICE
    soft_penalty: int | None = Field(default=None, description="The plan's soft penalty.")
    out_of_band: list[str] = Field(default=[], description="The plan's balance figures out of band (from its balance section).")
    items: list[ItemWhy] = Field(default=[], description="Every session item, once per exercise and day, then the day's walks (empty with --exercise).")
    rules: list[RuleStatus] = Field(default=[], description="Every rule that applies to the person (empty with --exercise).")
    exercise: ExerciseAnswer | None = None
    instructions: dict[str, Instructions] = Field(default={}, description="Steps and cues of every exercise explained that the person may do (none for an excluded one), keyed by id.")
