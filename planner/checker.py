"""Verifying a finished plan against the rules, independently of the solver.

The checker reads the plan as the JSON contract describes it (:class:`planner.models.Plan`),
looks every exercise up in the catalog, and asks each applicable rule's own ``check`` function
for violations. It shares no code with :mod:`planner.solver`: a bug in how a plan is built
cannot hide itself here. It rebuilds the plan's ``balance`` section from the items
(:mod:`planner.balance`, through the load model) and warns about a section that says otherwise (its figures would mislead; the week itself may be fine).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from planner.balance import disagreement
from planner.catalog import Catalog
from planner.contract import Plan
from planner.errors import InputError, did_you_mean
from planner.kinds.base import Context, Violation, Week
from planner.loading.validation import file_body, validate_model
from planner.loading.yamlio import Document, load_yaml_file
from planner.models import BANNED_RULE_ID, Dose, Exercise, Profile
from planner.profile import load_profile, profile_from_document
from planner.rules import Rule

__all__ = ["check_plan", "load_plan", "plan_profile", "red_flagged", "STRUCTURE", "BALANCE_SECTION"]

STRUCTURE = "structure"
BALANCE_SECTION = "balance-section"


def load_plan(path: Path | str, catalog: Catalog) -> tuple[Plan, Document]:
    """Read a plan file (JSON or YAML) and check its shape and exercise ids, with positions."""
    try:
        doc = load_yaml_file(path)
    except InputError as exc:
        raise _human_format_hint(path, exc) from None
    plan: Plan = validate_model(Plan, file_body(doc, "plan"), doc)
    days = catalog.vocab.days
    for i, day in enumerate(plan.days):
        if day.day != days[i]:
            raise InputError(f'day {i + 1} must be "{days[i]}", found "{day.day}"', doc.where(("days", i, "day")))
        for where in ("items", "walks"):
            for j, item in enumerate(getattr(day, where)):
                if item.exercise not in catalog.exercises:
                    hint = did_you_mean(item.exercise, catalog.exercises)
                    raise InputError(f'unknown exercise "{item.exercise}"{hint}', doc.where(("days", i, where, j, "exercise")))
    return plan, doc


def _human_format_hint(path: Path | str, error: InputError) -> InputError:
    """A table or Markdown plan given to check: say which format check reads."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(200).decode("utf-8", "replace").lstrip()
    except OSError:
        return error
    if head.startswith(("Weekly back plan:", "# Weekly back plan:")):
        return InputError(
            "this is a plan for people (table or Markdown); check reads the JSON format: "
            "backplan plan -f json -o week.json", error.where)
    return error


def plan_profile(plan: Plan, doc: Document, catalog: Catalog) -> Profile:
    """The profile stored in the plan (its words checked, with positions), else the default."""
    if plan.profile is None:
        return load_profile(None, catalog)
    return profile_from_document(doc, catalog, ("profile",))


def _structure(plan: Plan, catalog: Catalog, profile: Profile) -> list[Violation]:
    out = []
    for day in plan.days:
        if day.items and day.day not in profile.days:
            out.append(Violation(STRUCTURE, True, "not a training day in the profile", day.day))
        doses: dict[str, set[Dose]] = {}
        for item in [*day.items, *day.walks]:  # a walk is checked like a session item
            ex = catalog.exercises[item.exercise]
            expected = ("left", "right") if ex.side == "unilateral" else ("both",)
            if item.side not in expected:
                out.append(Violation(STRUCTURE, True, f'side "{item.side}" for a {ex.side} exercise', day.day, ex.id))
            if ex.banned is not None:
                out.append(Violation(BANNED_RULE_ID, True, f"a banned move ({ex.banned.reason})", day.day, ex.id))
            for field, actual in _catalog_fields(ex, catalog).items():
                given = getattr(item, field)
                if isinstance(actual, list):
                    if given and sorted(given) != sorted(actual):  # optional lists: checked when given
                        message = f"says {field} {', '.join(given)}; the catalog says {', '.join(actual) or 'none'}"
                        out.append(Violation(STRUCTURE, True, message, day.day, ex.id))
                elif given != actual:
                    message = f'says {field} "{given}", the catalog says "{actual}"'
                    out.append(Violation(STRUCTURE, field != "name", message, day.day, ex.id))
            if ex.side == "unilateral":
                doses.setdefault(ex.id, set()).add(item.dose())
        for ex_id, seen in doses.items():
            if len(seen) > 1:
                out.append(Violation(STRUCTURE, True, "left and right sides get different doses", day.day, ex_id))
    return out


def _catalog_fields(ex: Exercise, catalog: Catalog) -> dict[str, str | list[str]]:
    """The descriptive fields of a plan item and what the catalog entry says. A different name
    is a warning (people may rename an exercise in their own plan); any other difference is an
    error, since the person would read one thing and the rules would check another."""
    return {
        "name": ex.name,
        "kind": ex.kind,
        "block": catalog.block(ex.id),
        "region": ex.region,
        "position": ex.position,
        "equipment": list(ex.equipment),
        "recommended": list(ex.recommended),
        "muscles": list(catalog.muscles(ex.id)),
        "groups": list(catalog.groups(ex.id)),
    }


def check_plan(plan: Plan, rules: Sequence[Rule], catalog: Catalog, profile: Profile) -> list[Violation]:
    """Every violation of the plan against the rules that apply to ``profile``; hard ones first.

    A structure rule the plan lists under ``gave_way`` is reported, but not as a failure: the
    plan says it could not be met. A safety rule is a failure whatever the plan says."""
    week = Week.from_plan(plan, profile.days)
    ctx = Context(catalog, profile)
    found = _structure(plan, catalog, profile)
    if plan.balance is not None:
        wrong = disagreement(plan.balance, plan, catalog, rules, profile)
        if wrong:
            found.append(Violation(BALANCE_SECTION, False, wrong))
    stated = {g.rule for g in plan.gave_way}
    for rule in rules:
        if rule.applies(profile):
            for violation in rule.kind.check(rule, week, ctx):
                if rule.gives_way and rule.id in stated:  # a structure rule the plan says gave way
                    violation = replace(violation, hard=False, message=f"{violation.message} (gave way, as the plan says)")
                found.append(violation)
    return sorted(found, key=lambda v: not v.hard)


def red_flagged(rules: Sequence[Rule], profile: Profile) -> bool:
    """True when a hard ``refer`` rule applies: the person should get no plan at all before
    seeing a doctor, whatever the plan holds (``backplan check`` then exits 3, as ``plan`` does)."""
    return any(r.refers and r.applies(profile) for r in rules)
