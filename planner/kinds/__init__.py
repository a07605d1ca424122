"""The registry of rule kinds: one small module per kind (see :mod:`planner.kinds.base`).

Adding a kind means writing one module and listing it here; adding a *rule* never needs Python.
Each module is checked against the contract (:class:`planner.kinds.contract.Kind`) as the
registry is built, so a module that lacks a part fails on import, naming it.
"""

from __future__ import annotations

from collections.abc import Iterable
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
from planner.kinds.contract import Kind, KindContractError, conform

__all__ = ["REGISTRY", "Kind", "registry", "unknown_kind"]


def registry(modules: Iterable[ModuleType]) -> dict[str, Kind]:
    """The kinds by name, each module checked against :class:`Kind`; a name used twice is an error."""
    out: dict[str, Kind] = {}
    where: dict[str, str] = {}
    for module in modules:
        kind = conform(module)
        if kind.NAME in out:
            raise KindContractError(f'rule kind "{kind.NAME}" is defined twice: in {where[kind.NAME]} and {module.__name__}')
        out[kind.NAME], where[kind.NAME] = kind, module.__name__
    return out


REGISTRY: dict[str, Kind] = registry(
    (
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
)


def unknown_kind(name: str) -> str:
    """The message for a kind that is not registered, with a "did you mean"."""
    return f'unknown rule kind "{name}"{did_you_mean(name, REGISTRY)}'
