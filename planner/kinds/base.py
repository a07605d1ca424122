"""What every rule kind shares: the profile context, the week view the checker builds, violations.

A kind is a module with ``NAME``, a pydantic ``Params`` model, and three functions:

``validate(params, catalog, doc, path)``
    extra checks at load time (unknown words, min > max ...), raising positioned errors;
``compile_rule(rule, ctx)``
    the rule as a list of :mod:`planner.requirements` for the solver;
``check(rule, week, ctx)``
    the rule verified directly on a finished week, for the independent checker: a list of
    :class:`Violation`, each with an ``amount`` in the units the solver's soft score counts;

and optionally ``validate_set(rules, catalog)``, called once with every loaded rule of the
kind, for mistakes that only show across rules (such as order rules that form a cycle).
A kind without parameters uses ``Params = NoParams``; one whose parameters need no check beyond
their model uses ``validate = no_checks``. The contract is written down as a protocol,
:class:`planner.kinds.contract.Kind`, and every registered module is checked against it on import.

Its docstring is its documentation and ends with an ``Example::`` block of YAML that the test
suite loads and validates. Its behaviour is pinned by ``tests/kinds/cases/<kind>.yaml``: small
weeks with the exact violations expected, also scored by the solver.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Annotated, Any

from pydantic import Field, model_validator

from planner.catalog import Catalog
from planner.errors import InputError
from planner.loading.words import check_words
from planner.loading.yamlio import Document
from planner.models import Dose, Profile, Selector, Strict
from planner.selectors import check_selector, select

__all__ = [
    "Bounds",
    "Context",
    "Count0",
    "Entry",
    "NoParams",
    "Violation",
    "Week",
    "check_days",
    "check_selectors",
    "no_checks",
]

Count0 = Annotated[int, Field(ge=0, le=1000)]


class Bounds(Strict):
    """``min`` and/or ``max``, both inclusive."""

    min: Count0 | None = None
    max: Count0 | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Bounds:
        if self.min is None and self.max is None:
            raise ValueError("give min, max or both")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min ({self.min}) is greater than max ({self.max})")
        return self


class NoParams(Strict):
    """``Params`` of a kind that takes no parameters: any key beside the header is an error."""


def no_checks(params: Any, catalog: Catalog, doc: Document, path: tuple) -> None:
    """``validate`` of a kind whose parameters need no check beyond their ``Params`` model."""


@dataclass
class Context:
    """The profile and catalog a rule is compiled or checked against."""

    catalog: Catalog
    profile: Profile
    _cache: dict[str, frozenset[str]] = field(default_factory=dict)

    def select(self, selector: Selector) -> frozenset[str]:
        key = selector.model_dump_json(by_alias=True, exclude_none=True)
        if key not in self._cache:
            self._cache[key] = select(selector, self.catalog)
        return self._cache[key]

    @property
    def training_days(self) -> list[str]:
        order = self.catalog.vocab.days
        return sorted(self.profile.days, key=order.index)


@dataclass(frozen=True)
class Entry:
    """One item of a finished plan, as the checker reads it."""

    exercise: str
    side: str  # both | left | right
    sets: int | None = None
    reps: int | None = None
    hold_s: int | None = None
    minutes: int | None = None

    def dose(self) -> Dose:
        """The entry's dose; plan items are validated on loading, so this always holds."""
        return Dose(sets=self.sets, reps=self.reps, hold_s=self.hold_s, minutes=self.minutes)


@dataclass
class Week:
    """Seven days of entries in calendar order; rest days are empty lists."""

    days: dict[str, list[Entry]]
    training_days: list[str]
    walks: dict[str, list[Entry]] = field(default_factory=dict)  # activities of their own, outside the sessions

    @classmethod
    def from_plan(cls, plan: Any, training_days: Sequence[str]) -> Week:
        """The week of a :class:`planner.models.Plan` (its items and its walks as checker entries)."""
        def entries(items: Any) -> list[Entry]:
            return [Entry(i.exercise, i.side, i.sets, i.reps, i.hold_s, i.minutes) for i in items]

        days = {d.day: entries(d.items) for d in plan.days}
        walks = {d.day: entries(d.walks) for d in plan.days if d.walks}
        return cls(days, list(training_days), walks)

    def sessions(self) -> Iterator[tuple[str, list[Entry]]]:
        """Every training day (with its entries, possibly none) and every other non-empty day."""
        for day, entries in self.days.items():
            if day in self.training_days or entries:
                yield day, entries

    def exercises(self, day: str) -> list[str]:
        """Distinct exercises of a day, in order of first appearance."""
        return list(dict.fromkeys(e.exercise for e in self.days.get(day, [])))

    def active_days(self) -> Iterator[str]:
        """Every day :meth:`sessions` yields, and every day with a walk, in calendar order. The
        weekly rules (counts, times, repeats) and the rules about what may be done at all
        (exclusions, contraindications, equipment, doses, referrals) read these; the session
        rules (order, session counts and time) read :meth:`sessions` only."""
        for day, entries in self.days.items():
            if day in self.training_days or entries or self.walks.get(day):
                yield day

    def entries(self, day: str) -> list[Entry]:
        """The day's session entries, then its walks."""
        return [*self.days.get(day, []), *self.walks.get(day, [])]

    def all_exercises(self, day: str) -> list[str]:
        """Distinct exercises of a day's session and walks, in order of first appearance."""
        return list(dict.fromkeys(e.exercise for e in self.entries(day)))


@dataclass(frozen=True)
class Violation:
    rule_id: str
    hard: bool
    message: str
    day: str | None = None
    exercise: str | None = None
    amount: float = 1.0

    def __str__(self) -> str:
        where = " ".join(x for x in (self.day, self.exercise) if x)
        level = "error" if self.hard else "warning"
        return f"{level} [{self.rule_id}] {where + ': ' if where else ''}{self.message}"


def check_days(days: Sequence[str] | None, catalog: Catalog, doc: Document, path: tuple) -> None:
    if days is not None:
        check_words(days, catalog.vocab.days, "day", doc, path)


def check_selectors(params: Any, catalog: Catalog, doc: Document, path: tuple, *keys: str) -> None:
    """Check the selectors under ``keys`` of ``params``: known words, and at least one match."""
    for key in keys:
        value = getattr(params, key)
        if value is not None:
            check_selector(value, catalog, doc, (*path, key))
            if not select(value, catalog):
                raise nothing_selected(f'"{key}"', doc, (*path, key))


def nothing_selected(what: str, doc: Document, path: tuple) -> InputError:
    return InputError(f"{what} matches no exercise in the catalog", doc.where(path))
