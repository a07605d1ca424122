"""Which doses an exercise may have: the one owner of that question.

An exercise's dose (``sets``, ``reps``, ``hold_s``, ``minutes``) may take, field by field, the
values inside the bounds of every ``dose`` limit that selects it (:class:`planner.requirements.DoseLimit`,
what the ``dose`` rule kind compiles to) and inside the contract's own bounds
(:data:`MODEL_BOUNDS`, read from :mod:`planner.models`). A field the dose does not have (a
plank's reps) is never bounded. The week planner clamps catalog doses with :func:`bound`
(:mod:`planner.solver.build`), the programme clamps stepped doses with :func:`clamp`
(:mod:`planner.programme.doses`) and the dose tuning after the search (:mod:`planner.tuning`)
moves doses only within :func:`ranges`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from planner.models import Dose, HoldSeconds, Minutes, Reps, Sets
from planner.requirements import DoseLimit

if TYPE_CHECKING:
    from planner.catalog import Catalog
    from planner.models import Profile
    from planner.rules import Rule

__all__ = ["FIELDS", "MODEL_BOUNDS", "bound", "clamp", "dose_limits", "ranges"]

FIELDS = ("sets", "reps", "hold_s", "minutes")


def _bounds(annotated) -> tuple[int, int]:
    meta = annotated.__metadata__[0].metadata
    low = next(m.ge for m in meta if hasattr(m, "ge"))
    high = next(m.le for m in meta if hasattr(m, "le"))
    return low, high


MODEL_BOUNDS: dict[str, tuple[int, int]] = {
    "sets": _bounds(Sets), "reps": _bounds(Reps), "hold_s": _bounds(HoldSeconds), "minutes": _bounds(Minutes)}


def bound(exercise: str, dose: Dose, limits: Iterable[DoseLimit]) -> tuple[Dose | None, list[str], list[str]]:
    """``dose`` brought inside the ``limits`` that select ``exercise`` (a too-low value raised, a
    too-high one lowered): ``(dose, ids of the rules that changed it, [])``; or, when two limits
    leave a field no value, ``(None, [], ids of the rules that set the binding minimum and maximum])``."""
    values = {f: getattr(dose, f) for f in FIELDS}
    why: list[str] = []
    limits = [r for r in limits if exercise in r.ids]
    for name in FIELDS:
        if values[name] is None:
            continue
        mine = [r for r in limits if r.dose_field == name]
        if not mine:
            continue
        low = max((r.low for r in mine if r.low is not None), default=None)
        high = min((r.high for r in mine if r.high is not None), default=None)
        if low is not None and high is not None and low > high:
            return None, [], [r.origin.rule_id for r in mine if r.low == low or r.high == high]
        value = values[name]
        if low is not None and value < low:
            value = low
        if high is not None and value > high:
            value = high
        if value != values[name]:
            why.extend(r.origin.rule_id for r in mine)
        values[name] = value
    return Dose(**values), why, []


def ranges(exercise: str, dose: Dose, limits: Iterable[DoseLimit]) -> dict[str, tuple[int, int]]:
    """For each field ``dose`` has, the lowest and highest value the ``limits`` selecting
    ``exercise`` and the contract allow (empty when the limits contradict each other)."""
    limits = [r for r in limits if exercise in r.ids]
    out = {}
    for name in FIELDS:
        if getattr(dose, name) is None:
            continue
        low, high = MODEL_BOUNDS[name]
        for r in limits:
            if r.dose_field == name:
                low = max(low, r.low) if r.low is not None else low
                high = min(high, r.high) if r.high is not None else high
        if low > high:
            return {}
        out[name] = (low, high)
    return out


def dose_limits(rules: Sequence[Rule], catalog: Catalog, profile: Profile, hard_only: bool = False) -> list[DoseLimit]:
    """The dose limits of the ``dose`` rules that apply to ``profile`` (switched-off ones left
    out; with ``hard_only``, the safety and structure ones only)."""
    from planner.kinds.base import Context

    ctx = Context(catalog, profile)
    out: list[DoseLimit] = []
    for rule in rules:
        if rule.header.kind != "dose" or rule.off or not rule.applies(profile) or (hard_only and not rule.hard):
            continue
        out.extend(r for r in rule.kind.compile_rule(rule, ctx) if isinstance(r, DoseLimit))
    return out


def clamp(exercise: str, dose: Dose, rules: Sequence[Rule], catalog: Catalog, profile: Profile) -> Dose:
    """``dose`` inside the bounds of every dose rule that applies to ``profile`` and selects the
    exercise (a too-low value is raised, a too-high one lowered), as the week planner does (an
    exercise whose dose rules contradict each other is never planned; its dose is left as given)."""
    bounded, _, _ = bound(exercise, dose, dose_limits(rules, catalog, profile))
    return dose if bounded is None else bounded
