"""Imported entries that are the same exercise as one the joined catalog already has.

A library that repeats a catalog exercise under another id would let a week hold it twice (a
shipped glute bridge and an imported "Butt Lift (Bridge)"). :func:`find_twin` names the catalog
entry an imported one repeats; the import leaves the imported one out, reports both ids, and an
overlay value ``keep`` keeps it anyway. A false match hides a real exercise, so every test must
hold (backplan's conservative reading):

* **Name.** The names agree once normalised (case, punctuation, plurals, small words and word
  order ignored: "Bent Over Barbell Row" is "Barbell bent-over row", "Pushups" is "Push-up"), or
  one name is a name the catalog entry also goes by (:data:`ALIASES`, e.g. "Side Lateral Raise"
  for ``dumbbell_lateral_raise``). A name in brackets counts on its own ("Butt Lift (Bridge)");
  the rest of an imported name does not, since a library's brackets may name a variant
  ("Pushups (Close and Wide Hand Positions)").
* **Kind.** The same kind, or both flexibility work (``stretch`` and ``mobility``: the importer
  splits a library's stretches between them); an identical name also bridges a library category
  that says otherwise (free-exercise-db files "Superman", a held back raise, under stretching).
* **Position.** The same starting position.
* **Main muscles.** The primary muscles of one share a muscle group with the muscles of the other.
* **Equipment.** The same implements once aids are set aside (a mat, a pillow, a towel, a chair,
  a bench, a step, a rack or a band to help): a dumbbell shrug is not a barbell shrug.

Banned entries are never matched: a ban is kept so rules recognise the move.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from planner.catalog import Catalog

__all__ = ["AIDS", "ALIASES", "KEEP", "find_twin", "name_keys"]

KEEP = "keep"  # an overlay value: keep an imported entry although it repeats a catalog one
# Other names the shipped exercises go by in exercise libraries (free-exercise-db's among them).
ALIASES: dict[str, tuple[str, ...]] = {
    "glute_bridge": ("bridge", "hip bridge"),
    "forearm_plank": ("plank",),  # a library's plain plank rests on the forearms
    "dumbbell_shrugs": ("dumbbell shrug",),
    "dumbbell_lateral_raise": ("side lateral raise", "lateral raise"),
    "dumbbell_one_arm_row": ("one-arm dumbbell row",),
    "single_arm_seated_cable_row": ("seated one-arm cable pulley rows", "seated one-arm cable row"),
    "cycling": ("bicycling", "stationary bicycling"),
    "knees_to_chest": ("hug knees to chest", "knees to chest"),
    "single_knee_to_chest": ("one knee to chest",),
    "half_kneeling_hip_flexor_stretch": ("kneeling hip flexor", "kneeling hip flexor stretch"),
    "banded_hamstring_stretch": ("hamstring stretch", "lying hamstring stretch"),
    "neck_side_bend_stretch": ("side neck stretch",),
    "bent_knee_crunch": ("crunch",),  # a library's plain crunch: knees bent, shoulders rolled up
}
AIDS = frozenset({"mat", "pillow", "towel", "chair", "bench", "adjustable_bench", "step", "rack", "band"})
_FLEXIBILITY = frozenset({"stretch", "mobility"})
_SMALL_WORDS = frozenset({"a", "an", "the", "and", "with", "on", "of", "to", "in", "your"})
_BRACKETS = re.compile(r"\(([^)]*)\)")


def _singular(word: str) -> str:
    if re.search(r"(ch|sh|x|ss)es$", word):
        return word[:-2]  # crunches, presses
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _tokens(text: str) -> list[str]:
    return [_singular(w) for w in re.sub(r"[^a-z0-9]+", " ", text.lower()).split() if w not in _SMALL_WORDS]


def name_keys(name: str, outside: bool = True) -> set[str]:
    """The forms a name matches under: the whole, each bracket and (with ``outside``) the part
    outside the brackets, each as its words run together ("push up" is "pushup") and as its
    words in any order."""
    brackets = [m for m in _BRACKETS.findall(name) if "optional" not in m.lower()]
    forms = [name, *brackets, *([_BRACKETS.sub(" ", name)] if outside else [])]
    keys: set[str] = set()
    for form in forms:
        tokens = _tokens(form)
        if tokens:
            keys |= {"".join(tokens), " ".join(sorted(tokens))}
    return keys


def _groups(catalog: Catalog, muscles: Iterable[str]) -> set[str]:
    graph = catalog.graph
    return {g for g in graph.groups_of(muscles) if graph.level(g) == "group"} | set(muscles)


def _same_muscles(catalog: Catalog, a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    def main(m: Mapping[str, Any]) -> set[str]:
        return _groups(catalog, m.get("primary", []))

    def every(m: Mapping[str, Any]) -> set[str]:
        return _groups(catalog, [*m.get("primary", []), *m.get("secondary", [])])

    return bool(main(a) & every(b) or main(b) & every(a))


def find_twin(entry: Mapping[str, Any], catalog: Catalog, ids: Iterable[str]) -> str | None:
    """The id of the catalog entry (among ``ids``) that ``entry`` repeats, or ``None``."""
    if entry.get("banned"):
        return None
    keys = name_keys(str(entry["name"]), outside=False)  # "Pushups (Close and Wide Hand Positions)" is a variant
    equipment = set(entry.get("equipment", [])) - AIDS
    for ex_id in ids:
        ex = catalog.exercises[ex_id]
        if ex.banned is not None or ex.position != entry["position"] or set(ex.equipment) - AIDS != equipment:
            continue
        own = name_keys(ex.name)
        named = keys & own or any(keys & name_keys(alias) for alias in ALIASES.get(ex_id, ()))
        if not named:
            continue
        kinds = {ex.kind, entry["kind"]}
        if len(kinds) > 1 and not kinds <= _FLEXIBILITY and not keys & own:
            continue
        if _same_muscles(catalog, entry["muscles"], ex.muscles.model_dump()):
            return ex_id
    return None
