"""profile_exclude: honour the profile's ``exclude`` list of exercise ids, close variants too.

Parameters: ``close_variants`` (default ``true``): also leave out each excluded exercise's close
variants, the same movement done another way as the catalog's ``variants`` field pairs them
(excluding the single knee-to-chest pull leaves out the double knees-to-chest too); ``false``
leaves out exactly the ids listed.

Example::

    - id: profile-exclusions
      kind: profile_exclude
      description: Never schedule an exercise the person asked to leave out, nor a close variant of it.
      source: [003_7929659146c9c624.txt]
"""

from __future__ import annotations

from planner.kinds.base import Context, Violation, Week, no_checks
from planner.models import Strict
from planner.requirements import Exclude, Requirement

NAME = "profile_exclude"


class Params(Strict):
    close_variants: bool = True


validate = no_checks


def left_out(rule, ctx: Context) -> dict[str, str | None]:
    """Every exercise the rule leaves out, each with the excluded exercise it is a close variant
    of (``None`` for the profile's own ids, which come first; a variant the profile also lists is
    its own)."""
    out: dict[str, str | None] = dict.fromkeys(ctx.profile.exclude)
    if rule.params.close_variants:
        for ex in ctx.profile.exclude:
            if ex in ctx.catalog.exercises:
                for other in ctx.catalog.variants(ex):
                    out.setdefault(other, ex)
    return out


def _why(of: str | None) -> str:
    return "excluded by the profile" if of is None else f"a close variant of {of}, which the profile excludes"


def compile_rule(rule, ctx: Context) -> list[Requirement]:
    return [Exclude(rule.origin, frozenset(left_out(rule, ctx)), reason="excluded by the profile")]


def check(rule, week: Week, ctx: Context) -> list[Violation]:
    excluded = left_out(rule, ctx)
    return [
        Violation(rule.id, rule.hard, _why(excluded[ex]), day, ex)
        for day in week.active_days()
        for ex in week.all_exercises(day)
        if ex in excluded
    ]


def variant_notes(rules, catalog, profile) -> list[str]:
    """The plan's note naming the close variants the hard rules of this kind leave out beside
    the profile's own list (those written for the person's age group), so the person knows why
    they are missing; none when there are none."""
    ctx = Context(catalog, profile)
    found: dict[str, str] = {}
    for rule in rules:
        if rule.header.kind == NAME and rule.hard and rule.params.close_variants:
            for ex, of in left_out(rule, ctx).items():
                if of is not None and profile.age_group in catalog.exercises[ex].audience:
                    found.setdefault(ex, of)
    if not found:
        return []
    named = "; ".join(f"{catalog.exercises[ex].name} ({ex}, like {of})" for ex, of in found.items())
    return [f"Also left out, as close variants of exercises you asked to leave out (the same movement "
            f"done another way): {named}."]
