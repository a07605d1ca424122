"""The contract of a rule kind module, checked for every module when the registry is built.

:class:`Kind` is a :class:`typing.Protocol` that a kind *module* satisfies (a module can
implement a protocol: its functions stand for the methods, without ``self``). :func:`conform`
checks a module against it at import time and names whatever is missing or malformed, so a
kind with a typo fails at ``import planner`` instead of halfway through a plan.

A kind may also define ``validate_set(rules, catalog)`` (see :class:`ValidatesSet`): it is
optional, so it is not part of :class:`Kind`.
"""

from __future__ import annotations

import inspect
from types import ModuleType
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from pydantic import BaseModel

if TYPE_CHECKING:
    from collections.abc import Sequence

    from planner.catalog import Catalog
    from planner.kinds.base import Context, Violation, Week
    from planner.loading.yamlio import Document
    from planner.requirements import Requirement
    from planner.rules import Rule

__all__ = ["Kind", "KindContractError", "ValidatesSet", "conform"]


@runtime_checkable
class Kind(Protocol):
    """What a rule kind module provides (see :mod:`planner.kinds.base` for the shared helpers)."""

    NAME: str
    """The ``kind:`` word of the rules it reads."""

    Params: type[BaseModel]
    """The model of the rule's own keys (``NoParams`` when it has none)."""

    def validate(self, params: Any, catalog: Catalog, doc: Document, path: tuple) -> None:
        """Checks at load time beyond ``Params`` (unknown words, min > max ...), raising positioned
        :class:`planner.errors.InputError`; ``no_checks`` when there are none."""

    def compile_rule(self, rule: Rule, ctx: Context) -> list[Requirement]:
        """The rule as :mod:`planner.requirements` for the solver."""

    def check(self, rule: Rule, week: Week, ctx: Context) -> list[Violation]:
        """The rule verified directly on a finished week, for the independent checker."""


@runtime_checkable
class ValidatesSet(Protocol):
    """The optional hook: called once with every loaded rule of the kind."""

    def validate_set(self, rules: Sequence[Rule], catalog: Catalog) -> None:
        """Mistakes that only show across rules (such as order rules that form a cycle)."""


class KindContractError(TypeError):
    """A kind module that does not meet :class:`Kind` (a programming error, not a user's)."""


def _functions(protocol: type) -> dict[str, list[str]]:
    """The protocol's functions and their parameter names, ``self`` left out."""
    return {
        name: list(inspect.signature(fn).parameters)[1:]
        for name, fn in vars(protocol).items()
        if inspect.isfunction(fn) and not name.startswith("_")
    }


FUNCTIONS = _functions(Kind)
OPTIONAL = _functions(ValidatesSet)
ATTRIBUTES = {"NAME": "a str", "Params": "a pydantic model class"}
RENAMED = {"compile": "compile_rule"}


def _shape(name: str, params: list[str]) -> str:
    return f"{name}({', '.join(params)})"


def conform(module: ModuleType) -> Kind:
    """``module`` as a :class:`Kind`, or :class:`KindContractError` naming what is wrong."""
    where = f"rule kind module {module.__name__}"
    wanted = [*ATTRIBUTES, *(_shape(n, p) for n, p in FUNCTIONS.items())]
    for attr in [*ATTRIBUTES, *FUNCTIONS]:
        if not hasattr(module, attr):
            old = next((o for o, new in RENAMED.items() if new == attr and hasattr(module, o)), None)
            hint = f' (rename "{old}" to "{attr}")' if old else ""
            raise KindContractError(f'{where} has no "{attr}"{hint}; a kind defines {", ".join(wanted)}')
    if not isinstance(module.NAME, str) or not module.NAME:
        raise KindContractError(f'{where}: "NAME" must be {ATTRIBUTES["NAME"]}, not {module.NAME!r}')
    if not (isinstance(module.Params, type) and issubclass(module.Params, BaseModel)):
        raise KindContractError(f'{where}: "Params" must be {ATTRIBUTES["Params"]}, not {module.Params!r}')
    for name, params in {**FUNCTIONS, **{n: p for n, p in OPTIONAL.items() if hasattr(module, n)}}.items():
        fn = getattr(module, name)
        if not callable(fn):
            raise KindContractError(f'{where}: "{name}" must be a function {_shape(name, params)}')
        try:
            inspect.signature(fn).bind(*params)
        except TypeError:
            raise KindContractError(f'{where}: "{name}" must take {len(params)} arguments: {_shape(name, params)}') from None
    assert isinstance(module, Kind)  # what the checks above established
    return module
