"""An overlay: a small YAML file, keyed by imported exercise id, that corrects an import.

::

    fedb_side_neck_stretch:        # replace fields (any exercise field but id)
      position: seated
    fedb_bicycling:
      equipment: [bicycle]
      source: ["my physio: fine as a 15-minute ride"]
    fedb_dumbbell_squat: drop      # leave the entry out
    fedb_pushups: keep             # keep it although the catalog has the same exercise

Keys are the ids the import gives (``fedb_`` and the library's id), skipped entries' too: an
overlay may supply the field that kept an entry out (the position no rule recognised, the
equipment with no vocabulary word). ``keep`` keeps an entry the import would leave out as the
same exercise as one of the catalog it joins (and changes nothing else). Each value replaces that field; ``source`` lines are added
to the entry's own (the library's id and licence stay). Values are checked like catalog entries,
with file, line and column. An overlay cannot bring back a move backplan keeps out as unsuitable
for back rehabilitation, lift a ban, or remove the contraindications of an external load.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from pydantic import create_model

from planner.catalog import Catalog
from planner.errors import InputError, did_you_mean
from planner.importers.base import Draft
from planner.importers.duplicates import KEEP
from planner.loading.validation import file_body, validate_model
from planner.loading.words import check_word, check_words
from planner.loading.yamlio import Document, load_yaml_file
from planner.models import Exercise, Strict

__all__ = ["Overlay", "OverlayEntry", "load_overlay"]

DROP = "drop"



def _optional(info: Any) -> Any:
    """The field's type with its constraints, or ``None``."""
    annotated = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
    return annotated | None


OverlayEntry = create_model(  # every exercise field but id, each optional
    "OverlayEntry",
    __base__=Strict,
    __doc__="Fields that replace an imported entry's own.",
    **{name: (_optional(info), None) for name, info in Exercise.model_fields.items() if name != "id"},
)


@dataclass
class Overlay:
    """Corrections by exercise id: a dict of fields, ``"drop"`` or ``"keep"``; with the file they came from."""

    entries: dict[str, Any] = field(default_factory=dict)
    doc: Document | None = None


def _check_fields(values: dict[str, Any], catalog: Catalog, ids: set[str], doc: Document, at: tuple) -> None:
    vocab, graph = catalog.vocab, catalog.graph
    words = {
        "kind": (vocab.kinds, "kind"),
        "region": (graph.regions, "region"),
        "position": (vocab.positions, "position"),
        "side": (vocab.sides, "side"),
        "level": (vocab.levels, "level"),
    }
    lists = {
        "other_positions": (vocab.positions, "position"),
        "audience": (vocab.audiences, "audience"),
        "equipment": (vocab.equipment, "equipment"),
        "contraindications": (vocab.conditions, "condition"),
    }
    for key, (known, what) in words.items():
        if key in values:
            check_word(values[key], known, what, doc, (*at, key))
    for key, (known, what) in lists.items():
        if key in values:
            check_words(values[key], known, what, doc, (*at, key))
    for role in ("primary", "secondary"):
        for i, name in enumerate((values.get("muscles") or {}).get(role, [])):
            if name not in graph.muscles:
                level = graph.level(name)
                extra = f' ("{name}" is a {level}; list its muscles)' if level else did_you_mean(name, graph.muscles)
                raise InputError(f'unknown muscle "{name}"{extra}', doc.where((*at, "muscles", role, i)))
    alternative = (values.get("banned") or {}).get("alternative")
    if alternative is not None and alternative not in ids:
        raise InputError(
            f'unknown exercise "{alternative}"{did_you_mean(alternative, ids)}', doc.where((*at, "banned", "alternative"))
        )


def load_overlay(path: Path | str, drafts: list[Draft], catalog: Catalog) -> Overlay:
    """Read and check an overlay against the drafts of one import and the catalog it joins."""
    doc = load_yaml_file(path)
    body = file_body(doc, "file of import corrections", 'a mapping of imported exercise ids to fields to replace, "drop" or "keep"')
    by_id = {d.id: d for d in drafts}
    known_ids = set(catalog.exercises) | set(by_id)
    overlay = Overlay(doc=doc)
    for key, value in body.items():
        if key not in by_id:
            raise InputError(f'unknown imported exercise "{key}"{did_you_mean(str(key), by_id)}', doc.where_key((key,)))
        if value in (DROP, KEEP):
            overlay.entries[key] = value
            continue
        if not isinstance(value, dict) or not value:
            raise InputError(f'write "{DROP}", "{KEEP}" or a mapping of the fields to replace', doc.where((key,)))
        for name, given in value.items():
            if given is None:
                raise InputError(f'"{name}" needs a value (an overlay replaces fields; it cannot clear one)',
                                 doc.where((key, name)))
        validate_model(OverlayEntry, value, doc, (key,))
        draft = by_id[key]
        if draft.unsuitable and "banned" not in draft.fields and "banned" not in value:
            raise InputError(
                f'"{key}" is skipped as {draft.unsuitable}; an overlay cannot bring it back '
                f'(write your own catalog entry, or "{DROP}" it)', doc.where_key((key,)))
        _check_fields(value, catalog, known_ids, doc, (key,))
        overlay.entries[key] = value
    return overlay
