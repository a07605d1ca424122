"""The registry of rule kinds: one small module per kind (see :mod:`planner.kinds.base`).

Adding a kind means writing one module and listing it here; adding a *rule* never needs Python.
"""

from __future__ import annotations

from types import ModuleType

from planner.errors import did_you_mean
from planner.kinds import (
    advice,
    balance,
    contraindications,
    covers,
    dose,
    equipment_owned,
    first_in_session,
    forbid,
    load_ratio,
    not_consecutive,
    order,
    profile_exclude,
    refer,
    repeat_limit,
    session_count,
    session_time,
    sides_adjacent,
    top_down,
    weekly_count,
)

__all__ = ["REGISTRY", "Kind", "unknown_kind"]

Kind = ModuleType

REGISTRY: dict[str, Kind] = {
    module.NAME: module
    for module in (
        advice,
        balance,
        contraindications,
        covers,
        dose,
        equipment_owned,
        first_in_session,
        forbid,
        load_ratio,
        not_consecutive,
        order,
        profile_exclude,
        refer,
        repeat_limit,
        session_count,
        session_time,
        sides_adjacent,
        top_down,
        weekly_count,
    )
}


def unknown_kind(name: str) -> str:
    """The message for a kind that is not registered, with a "did you mean"."""
    return f'unknown rule kind "{name}"{did_you_mean(name, REGISTRY)}'
