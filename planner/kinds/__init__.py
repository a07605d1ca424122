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
    last_in_session,
    load_ratio,
    not_adjacent,
    not_consecutive,
    order,
    profile_exclude,
    refer,
    repeat_limit,
    session_count,
    session_time,
    sides_adjacent,
    top_down,
    walks,
    weekly_count,
    weekly_minutes,
)
from planner.kinds.contract import Kind, KindContractError, conform

__all__ = ["REGISTRY", "SYNONYMS", "Kind", "registry", "suggest_kind", "unknown_kind"]


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
        last_in_session,
        load_ratio,
        not_adjacent,
        not_consecutive,
        order,
        profile_exclude,
        refer,
        repeat_limit,
        session_count,
        session_time,
        sides_adjacent,
        top_down,
        walks,
        weekly_count,
        weekly_minutes,
    )
)


# Names people try for a kind, by meaning: a suggestion must be close in meaning, not only in
# spelling ("not_adjacent" once got "did you mean sides_adjacent", an unrelated kind).
SYNONYMS: dict[str, str] = {
    "ban": "forbid", "exclude": "forbid", "never": "forbid", "avoid": "forbid", "forbidden": "forbid",
    "never_adjacent": "not_adjacent", "no_two_in_a_row": "not_adjacent", "not_in_a_row": "not_adjacent",
    "never_in_a_row": "not_adjacent", "not_back_to_back_in_session": "not_adjacent", "separate": "not_adjacent",
    "ends_with": "last_in_session", "end_with": "last_in_session", "last": "last_in_session",
    "finish_with": "last_in_session", "last_in_sessions": "last_in_session",
    "starts_with": "first_in_session", "start_with": "first_in_session", "first": "first_in_session",
    "begin_with": "first_in_session", "opens_with": "first_in_session",
    "weekly_time": "weekly_minutes", "week_minutes": "weekly_minutes", "minutes_per_week": "weekly_minutes",
    "weekly_time_cap": "weekly_minutes", "time_per_week": "weekly_minutes", "weekly_duration": "weekly_minutes",
    "session_length": "session_time", "session_minutes": "session_time", "session_duration": "session_time",
    "max_minutes": "session_time", "time_limit": "session_time",
    "per_session": "session_count", "must_include": "session_count", "require": "session_count",
    "weekly": "weekly_count", "per_week": "weekly_count", "times_per_week": "weekly_count",
    "rest_days": "not_consecutive", "not_back_to_back": "not_consecutive", "spacing": "not_consecutive",
    "before": "order", "sequence": "order", "ordering": "order", "after": "order",
    "variety": "repeat_limit", "max_repeats": "repeat_limit", "max_days": "repeat_limit",
    "muscle_balance": "balance", "max_share": "balance", "ratio": "load_ratio",
    "note": "advice", "tip": "advice", "referral": "refer", "see_a_doctor": "refer",
    "alternate_sides": "sides_adjacent", "left_right": "sides_adjacent", "both_sides": "sides_adjacent",
    "walk": "walks", "walking": "walks", "daily_walk": "walks", "rest_day_walk": "walks",
    "cover": "covers", "works": "covers", "dosage": "dose", "reps": "dose", "sets": "dose",
}
NEGATIONS = {"not", "never", "no", "non", "avoid"}


def suggest_kind(name: str) -> str | None:
    """The registered kind closest in meaning to ``name`` (a synonym, then the words it is made
    of, then its spelling), or ``None``."""
    key = name.strip().lower().replace("-", "_").replace(" ", "_")
    if key in REGISTRY:
        return key
    if key in SYNONYMS:
        return SYNONYMS[key]
    words = set(key.split("_"))
    if words & {"adjacent", "row", "next", "neighbour", "neighbor", "neighbours", "neighbors"}:
        if words & {"side", "sides"}:
            return "sides_adjacent"
        return "not_adjacent" if words & NEGATIONS or "row" in words else None
    if words & {"minutes", "minute", "time", "duration", "hours"}:
        return "weekly_minutes" if words & {"week", "weekly"} else "session_time"
    if words & {"last", "end", "ends", "ending", "finish", "finishes", "close", "closes"}:
        return "last_in_session"
    if words & {"first", "start", "starts", "begin", "begins", "open", "opens"}:
        return "first_in_session"
    if words & {"consecutive", "spacing", "rest"}:
        return "not_consecutive"
    hint = did_you_mean(key, REGISTRY)
    return hint.split('"')[1] if hint else None


def unknown_kind(name: str) -> str:
    """The message for a kind that is not registered, with a "did you mean" close in meaning."""
    close = suggest_kind(name)
    return f'unknown rule kind "{name}"' + (f' (did you mean "{close}"?)' if close else "")
