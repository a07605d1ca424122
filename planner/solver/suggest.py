"""What would help when no safe week exists: the smallest profile changes that make one.

When the safety rules leave no week for a profile, a refusal that only names rules leaves the
person stuck. This module tries a few single changes to the profile, from the least to the most
demanding (stop excluding an exercise, own one more common piece of kit, more minutes per
session, one more training day), plans each with small search budgets, and keeps those that give
a week. Every suggestion is therefore one that was shown to work, not a guess.

Example::

    >>> from planner.catalog import default_catalog
    >>> from planner.models import Profile
from planner.progress import phase
    >>> from planner.rules import default_rule_files, load_rules
    >>> catalog = default_catalog()
    >>> rules = load_rules(default_rule_files(), catalog)
    >>> walks = [e for e in catalog.exercises if catalog.block(catalog.exercises[e]) == "warmup"]
    >>> person = Profile(days=["mon"], session_minutes=30, equipment=["mat"], exclude=walks)
    >>> [s.change for s in suggest(rules, catalog, person)][:1]  # doctest: +ELLIPSIS
    ['stop excluding ...']
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from planner.catalog import Catalog
from planner.models import Profile
from planner.progress import phase
from planner.rules import Rule
from planner.solver.settings import Settings
from planner.solver.solution import Solution

__all__ = ["COMMON_EQUIPMENT", "MAX_TRIALS", "TRIAL_SETTINGS", "Suggestion", "suggest"]

# Small budgets: a trial only needs to know whether some week exists, not the best one.
TRIAL_SETTINGS = Settings(restarts=0, total_budget=20_000, promotion_budget=0, promote_budget=0,
                          candidate_budget=0, trial_budget=2_000, conflict_budget=4_000)
COMMON_EQUIPMENT = ("mat", "chair", "band")  # cheap kit most people can get
MAX_TRIALS = 12
MINUTE_STEPS = (5, 10, 15, 20, 30, 45, 60)


@dataclass(frozen=True)
class Suggestion:
    """One change to the profile, in plain words, that was shown to give a safe week."""

    change: str


def _candidates(profile: Profile, catalog: Catalog) -> Iterator[tuple[str, Profile]]:
    """(plain words, changed profile), least demanding first."""
    if profile.exclude:
        for ex in profile.exclude:
            name = catalog.exercises[ex].name if ex in catalog.exercises else ex
            yield (f'stop excluding "{name}"', profile.model_copy(update={"exclude": [e for e in profile.exclude if e != ex]}))
        yield ("stop excluding exercises", profile.model_copy(update={"exclude": []}))
    for kit in COMMON_EQUIPMENT:
        if kit in catalog.vocab.equipment and kit not in profile.equipment:
            label = catalog.vocab.equipment[kit]
            yield (f"get {label} ({kit}) and add it to your equipment",
                   profile.model_copy(update={"equipment": [*profile.equipment, kit]}))
    for more in MINUTE_STEPS:
        minutes = profile.session_minutes + more
        if minutes <= 180:
            yield (f"allow about {minutes} minutes per session (now {profile.session_minutes})",
                   profile.model_copy(update={"session_minutes": minutes}))
    free = [d for d in catalog.vocab.days if d not in profile.days]
    if free:
        yield ("train on one more day a week", profile.model_copy(update={"days": [*profile.days, free[0]]}))


def suggest(rules: Sequence[Rule], catalog: Catalog, profile: Profile, seed: int = 0,
            settings: Settings | None = None, limit: int = 3) -> list[Suggestion]:
    """Up to ``limit`` single profile changes that each give a safe week, least demanding first.

    Minutes are tried in rising steps and only the smallest that works is kept. At most
    :data:`MAX_TRIALS` plans are tried, with ``settings`` (default :data:`TRIAL_SETTINGS`).
    """
    from planner.solver.compiled import compile_rules
    from planner.solver.planning import plan

    settings = settings or TRIAL_SETTINGS
    out: list[Suggestion] = []
    tried = 0
    minutes_found = False
    for words, changed in _candidates(profile, catalog):
        is_minutes = changed.session_minutes != profile.session_minutes
        if (is_minutes and minutes_found) or (words == "stop excluding exercises" and out):
            continue
        if tried >= MAX_TRIALS or len(out) >= limit:
            break
        tried += 1
        phase(f"no week fits: trying what would help ({tried} of at most {MAX_TRIALS})")
        if isinstance(plan(compile_rules(rules, catalog, changed), settings, seed), Solution):
            out.append(Suggestion(words))
            minutes_found = minutes_found or is_minutes
    return out
