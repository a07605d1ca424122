"""advice: guidance from the sources that no schedule can enforce; printed with every plan.

Parameters: ``text`` (what the person should know, one or two sentences); optionally ``select``
(a selector) and ``cue`` (a short instruction): each selected exercise the plan holds then
carries ``cue`` among its own cues (in the plan's instructions), so the advice reaches the
exercise it is about. ``cue`` without ``select`` is an error; ``select`` without ``cue`` adds ``text``.

Example::

    - id: breathe-through-holds
      kind: advice
      description: With high blood pressure, never hold the breath in a hold.
      when: {conditions: [hypertension]}
      text: With high blood pressure, keep breathing through every hold; never hold your breath.
      select: {tags: isometric}
      cue: Keep breathing through the hold; never hold your breath.
      source: [ACSM Guidelines for Exercise Testing and Prescription]
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import model_validator

from planner.kinds.base import Context, Violation, Week, check_selectors
from planner.models import Profile, Selector, Strict, Text
from planner.requirements import Advice, Requirement

NAME = "advice"


class Params(Strict):
    text: Text
    select: Selector | None = None
    cue: Text | None = None

    @model_validator(mode="after")
    def _cue_needs_select(self) -> Params:
        if self.cue is not None and self.select is None:
            raise ValueError("cue needs select (the exercises that carry it)")
        return self


def validate(params: Params, catalog, doc, path) -> None:
    check_selectors(params, catalog, doc, path, "select")


def compile_rule(rule, ctx: Context) -> list[Requirement]:
    return [Advice(rule.origin, rule.params.text)]


def check(rule, week: Week, ctx: Context) -> list[Violation]:
    return []


def exercise_cues(rules: Sequence, catalog, profile: Profile) -> dict[str, list[str]]:
    """Extra cues per exercise id from the advice rules that apply to ``profile`` and select it."""
    out: dict[str, list[str]] = {}
    ctx = Context(catalog, profile)
    for rule in rules:
        if rule.header.kind == NAME and rule.params.select is not None and rule.applies(profile):
            for ex_id in sorted(ctx.select(rule.params.select)):
                out.setdefault(ex_id, []).append(rule.params.cue or rule.params.text)
    return out
