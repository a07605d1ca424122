"""Loading the catalog folder: vocabularies, the muscle graph and every exercise file.

A catalog folder holds ``vocab.yaml``, ``muscles.yaml`` and any number of other ``*.yaml`` files
with an ``exercises:`` list. Every entry is validated by :class:`planner.models.Exercise` and every
word is checked against the vocabularies and the graph, with a positioned "did you mean" error.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, field_validator

from planner.errors import InputError, Where, did_you_mean
from planner.loading.resources import data_dir
from planner.loading.validation import file_body, validate_model
from planner.loading.words import check_word, check_words
from planner.loading.yamlio import Document, load_yaml_file
from planner.models import CatalogFile, Exercise, Strict
from planner.muscles import MuscleGraph

__all__ = ["Catalog", "Condition", "Vocab", "default_catalog", "load_catalog"]

Word = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)]
WordList = Annotated[list[Word], Field(min_length=1, max_length=200)]


class Condition(Strict):
    """A health condition a profile may list, and whether it needs clearance before any plan.

    ``clearance: required`` means a profile with this condition gets no plan until
    ``cleared_by_doctor`` is true (rules read it through ``when: {needs_clearance: true}``);
    ``reason`` says why, in words for the person, and ``source`` where the policy comes from.
    The old one-line form (``asthma: asthma``) is read as a description needing no clearance.
    """

    description: Annotated[str, Field(min_length=1, max_length=200)]
    clearance: Literal["required", "none"] = "none"
    reason: Annotated[str, Field(min_length=1, max_length=600)] | None = None
    source: Annotated[list[Annotated[str, Field(min_length=1, max_length=400)]], Field(max_length=20, default_factory=list)]

    @field_validator("source", mode="before")
    @classmethod
    def _source_list(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    def __str__(self) -> str:
        return self.description


class Vocab(Strict):
    """The words every other file may use (``catalog/vocab.yaml``)."""

    kinds: Annotated[dict[Word, Word], Field(min_length=1)]
    blocks: WordList
    positions: WordList
    sides: WordList
    levels: WordList
    audiences: WordList
    age_groups: WordList
    days: Annotated[list[Word], Field(min_length=7, max_length=7)]
    equipment: Annotated[dict[Word, str], Field(min_length=1)]
    conditions: Annotated[dict[Word, Condition], Field(min_length=1)]
    # Tags a rule relies on, each with its meaning (documentation; other tags need no declaring).
    tags: dict[Word, Annotated[str, Field(min_length=1, max_length=600)]] = {}

    @field_validator("conditions", mode="before")
    @classmethod
    def _one_line_conditions(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {k: {"description": v} if isinstance(v, str) else v for k, v in value.items()}
        return value

    def needs_clearance(self) -> frozenset[str]:
        """The conditions that need a doctor's clearance before any plan."""
        return frozenset(k for k, c in self.conditions.items() if c.clearance == "required")


@dataclass
class Catalog:
    """Every exercise by id, with the vocabularies and the muscle graph they were checked against."""

    vocab: Vocab
    graph: MuscleGraph
    exercises: dict[str, Exercise]
    where: dict[str, Where] = field(default_factory=dict)
    folder: str = ""

    def __post_init__(self) -> None:
        self._groups = {
            ex.id: tuple(self.graph.groups_of([*ex.muscles.primary, *ex.muscles.secondary]))
            for ex in self.exercises.values()
        }

    def block(self, exercise: Exercise | str) -> str:
        ex = self.exercises[exercise] if isinstance(exercise, str) else exercise
        return self.vocab.kinds[ex.kind]

    def groups(self, exercise_id: str) -> tuple[str, ...]:
        """Groups and regions the exercise works (primary or secondary muscles)."""
        return self._groups[exercise_id]

    def muscles(self, exercise_id: str) -> list[str]:
        ex = self.exercises[exercise_id]
        return [*ex.muscles.primary, *ex.muscles.secondary]

    def harder(self, exercise_id: str) -> str | None:
        """The next harder version on the exercise's variant ladder, if the catalog names one."""
        return self._ladder(exercise_id, "harder", "easier")

    def easier(self, exercise_id: str) -> str | None:
        """The next easier version on the exercise's variant ladder, if the catalog names one."""
        return self._ladder(exercise_id, "easier", "harder")

    def _ladder(self, exercise_id: str, way: str, back: str) -> str | None:
        named = getattr(self.exercises[exercise_id], way)
        if named is not None:
            return named
        return next((x.id for x in self.exercises.values() if getattr(x, back) == exercise_id), None)

    def variants(self, exercise_id: str) -> tuple[str, ...]:
        """The exercise's close variants: the ids its ``variants`` names and those naming it
        (one step, not a chain), in catalog order; variants outside this catalog are left out."""
        named = set(self.exercises[exercise_id].variants)
        return tuple(x.id for x in self.exercises.values()
                     if x.id != exercise_id and (x.id in named or exercise_id in x.variants))

    def subset(self, ids: Iterable[str]) -> Catalog:
        """A catalog with only these exercises (same vocabularies and graph)."""
        keep = set(ids)
        return Catalog(
            vocab=self.vocab,
            graph=self.graph,
            exercises={k: v for k, v in self.exercises.items() if k in keep},
            where={k: v for k, v in self.where.items() if k in keep},
            folder=self.folder,
        )


def _check_exercise(ex: Exercise, vocab: Vocab, graph: MuscleGraph, doc: Document, path: tuple) -> None:
    check_word(ex.kind, vocab.kinds, "kind", doc, (*path, "kind"))
    check_word(ex.region, graph.regions, "region", doc, (*path, "region"))
    check_word(ex.position, vocab.positions, "position", doc, (*path, "position"))
    check_words(ex.other_positions, vocab.positions, "position", doc, (*path, "other_positions"))
    check_word(ex.side, vocab.sides, "side", doc, (*path, "side"))
    check_word(ex.level, vocab.levels, "level", doc, (*path, "level"))
    check_words(ex.audience, vocab.audiences, "audience", doc, (*path, "audience"))
    check_words(ex.equipment, vocab.equipment, "equipment", doc, (*path, "equipment"))
    check_words(ex.recommended, vocab.equipment, "equipment", doc, (*path, "recommended"))
    both = sorted(set(ex.equipment) & set(ex.recommended))
    if both:
        raise InputError(f'"{both[0]}" is both needed (equipment) and only recommended', doc.where((*path, "recommended")))
    check_words(ex.contraindications, vocab.conditions, "condition", doc, (*path, "contraindications"))
    muscles = graph.muscles
    for role in ("primary", "secondary"):
        for i, name in enumerate(getattr(ex.muscles, role)):
            if name not in muscles:
                level = graph.level(name)
                extra = f' ("{name}" is a {level}; list its muscles)' if level else did_you_mean(name, muscles)
                raise InputError(f'unknown muscle "{name}"{extra}', doc.where((*path, "muscles", role, i)))


def load_catalog(folder: Path | str | None = None) -> Catalog:
    """Load and check a catalog folder (the shipped one by default)."""
    folder = Path(folder) if folder is not None else data_dir("catalog")
    if folder.is_file():
        raise InputError("is a file, not a catalog folder", Where(str(folder)))
    if not folder.is_dir():
        raise InputError("catalog folder not found", Where(str(folder)))
    vocab_doc = load_yaml_file(folder / "vocab.yaml")
    vocab: Vocab = validate_model(Vocab, file_body(vocab_doc, "vocabulary file"), vocab_doc)
    for kind, block in vocab.kinds.items():
        check_word(block, vocab.blocks, "block", vocab_doc, ("kinds", kind))
    graph = MuscleGraph.from_document(load_yaml_file(folder / "muscles.yaml"))

    exercises: dict[str, Exercise] = {}
    where: dict[str, Where] = {}
    docs: dict[str, tuple[Document, tuple]] = {}
    files = sorted(p for p in [*folder.glob("*.yaml"), *folder.glob("*.yml")] if p.stem not in {"vocab", "muscles"})
    for path in files:
        doc = load_yaml_file(path)
        body: CatalogFile = validate_model(
            CatalogFile, file_body(doc, "catalog file", 'a mapping with an "exercises:" list'), doc
        )
        for i, entry in enumerate(body.exercises):
            at = ("exercises", i)
            ex: Exercise = validate_model(Exercise, entry, doc, at)
            _check_exercise(ex, vocab, graph, doc, at)
            if ex.id in exercises:
                raise InputError(f'exercise id "{ex.id}" is already used at {where[ex.id]}', doc.where((*at, "id")))
            exercises[ex.id] = ex
            where[ex.id] = doc.where(at)
            docs[ex.id] = (doc, at)
    if not exercises:
        raise InputError("the catalog has no exercises (no *.yaml file with an 'exercises:' list)", Where(str(folder)))
    for ex_id, ex in exercises.items():
        if ex.banned and ex.banned.alternative is not None and ex.banned.alternative not in exercises:
            doc, at = docs[ex_id]
            hint = did_you_mean(ex.banned.alternative, exercises)
            raise InputError(
                f'unknown exercise "{ex.banned.alternative}"{hint}', doc.where((*at, "banned", "alternative"))
            )
    _check_ladders(exercises, docs)
    _check_variants(exercises, docs)
    return Catalog(vocab=vocab, graph=graph, exercises=exercises, where=where, folder=str(folder))


def _check_ladders(exercises: dict[str, Exercise], docs: dict[str, tuple[Document, tuple]]) -> None:
    """Variant ladders (``easier``/``harder``) name catalog ids, agree with each other, and never
    come back to where they started."""
    up: dict[str, str] = {}  # easier -> harder, from both kinds of link
    for ex_id, ex in exercises.items():
        doc, at = docs[ex_id]
        for way in ("easier", "harder"):
            other = getattr(ex, way)
            if other is None:
                continue
            where = doc.where((*at, way))
            if other not in exercises:
                raise InputError(f'unknown exercise "{other}"{did_you_mean(other, exercises)}', where)
            if other == ex_id:
                raise InputError(f'"{ex_id}" cannot be its own {way} version', where)
            low, high = (other, ex_id) if way == "easier" else (ex_id, other)
            if up.get(low, high) != high:
                raise InputError(f'"{low}" already has "{up[low]}" as its harder version, not "{high}"', where)
            up[low] = high
    for start in up:
        seen, at = [start], up[start]
        while at in up and at != start:
            seen.append(at)
            at = up[at]
        if at == start:
            doc, path = docs[start]
            chain = " -> ".join([*seen, start])
            raise InputError(f"the variant ladder goes round in a circle: {chain}", doc.where((*path, "harder")))


def _check_variants(exercises: dict[str, Exercise], docs: dict[str, tuple[Document, tuple]]) -> None:
    """Close variants name other catalog ids."""
    for ex_id, ex in exercises.items():
        doc, at = docs[ex_id]
        for i, other in enumerate(ex.variants):
            where = doc.where((*at, "variants", i))
            if other not in exercises:
                raise InputError(f'unknown exercise "{other}"{did_you_mean(other, exercises)}', where)
            if other == ex_id:
                raise InputError(f'"{ex_id}" cannot be its own close variant', where)


@lru_cache(maxsize=1)
def default_catalog() -> Catalog:
    """The shipped catalog, loaded once per process."""
    return load_catalog()
