"""New words from rule files: conditions and equipment declared without forking the catalog.

A rule file may hold a top-level ``vocabulary:`` mapping::

    vocabulary:
      conditions:
        cannot_get_to_floor: cannot get down to the floor and up again
      equipment:
        resistance_band: a light resistance band

Each new word has a description (a condition may also be a mapping with a ``description``; any
other key of the catalog's condition entries takes its default: a declared condition needs no
doctor's clearance). The words join the catalog's vocabularies for every rule file and for the
profile planned or checked with them; a word the catalog (or an earlier file) already has is an
error, so a file never changes what a shipped word means.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import AfterValidator, BaseModel, Field, ValidationError

from planner.errors import InputError
from planner.models import Strict, Text

if TYPE_CHECKING:
    from planner.catalog import Catalog
    from planner.loading.yamlio import Document

__all__ = ["Vocabulary", "extend_catalog", "SECTIONS"]

WORD = r"^[a-z][a-z0-9_]{0,59}$"


def _word(value: str) -> str:
    if not re.fullmatch(WORD, value):
        raise ValueError(f'"{value}" is not a valid word (lower-case letters, digits and "_", starting with a letter)')
    return value


NewWord = Annotated[str, AfterValidator(_word)]


class ConditionEntry(Strict):
    """A declared condition written as a mapping."""

    description: Text


class Vocabulary(Strict):
    """The ``vocabulary:`` section of a rule file."""

    conditions: Annotated[dict[NewWord, Text | ConditionEntry], Field(max_length=200)] = {}
    equipment: Annotated[dict[NewWord, Text], Field(max_length=200)] = {}


SECTIONS = {"conditions": "condition", "equipment": "equipment"}


def _like(existing: dict[str, Any], description: str) -> Any:
    """A vocabulary entry shaped like the catalog's own ones (text, or a mapping/model whose
    other fields take their defaults)."""
    sample = next(iter(existing.values()), "")
    if isinstance(sample, BaseModel):
        model = type(sample)
        data: dict[str, Any] = {"description": description}
        try:
            return model.model_validate(data)
        except ValidationError:  # other required fields: empty values of their kind (no clearance, no source)
            for name, info in model.model_fields.items():
                if name not in data and info.is_required():
                    value = getattr(sample, name)
                    data[name] = None if value is None else type(value)()
            return model.model_validate(data)
    if isinstance(sample, dict):  # the same keys, empty (clearance: false)
        return {**{k: None if v is None else type(v)() for k, v in sample.items()}, "description": description}
    return description


def extend_catalog(catalog: Catalog, sections: Sequence[tuple[Vocabulary | None, Document]]) -> Catalog:
    """``catalog`` with the words each file declares (the same catalog when none does)."""
    if not any(v is not None and (v.conditions or v.equipment) for v, _ in sections):
        return catalog
    words: dict[str, dict[str, Any]] = {key: dict(getattr(catalog.vocab, key)) for key in SECTIONS}
    for vocabulary, doc in sections:
        if vocabulary is None:
            continue
        for key, what in SECTIONS.items():
            for word, value in getattr(vocabulary, key).items():
                if word in words[key]:
                    raise InputError(f'{what} "{word}" is already in the vocabulary; declare only new words',
                                     doc.where_key(("vocabulary", key, word)))
                description = value.description if isinstance(value, ConditionEntry) else value
                words[key][word] = _like(words[key], description)
    vocab = catalog.vocab.model_copy(update=words)
    return replace(catalog, vocab=vocab)
