"""free-exercise-db (github.com/yuhonas/free-exercise-db, The Unlicense) as backplan catalog drafts.

The library is one JSON list; every entry has ``id``, ``name``, ``force``, ``level``,
``mechanic``, ``equipment``, ``primaryMuscles``, ``secondaryMuscles``, ``instructions``,
``category`` and ``images``. How each becomes a catalog entry (all of it is backplan's own,
conservative reading; README "Bring your own exercise library" says the same):

* ``category``: strength -> ``strength``, stretching -> ``stretch`` (held; ``mobility`` with
  repetitions when the library's ``force`` says it moves), cardio -> ``aerobic``; a lunge or split
  squat filed under stretching is ``strength`` for the quadriceps and glutes (``LUNGE_SOURCE``). Plyometrics,
  powerlifting, olympic weightlifting and strongman are skipped as not suitable for back
  rehabilitation, and so are moves named as Olympic or ballistic lifts, jumps and sprints,
  deadlifts and good mornings, loaded back extensions, rollouts, behind-the-neck work,
  inversions, crunches, twists and side bends against a load, crunches that twist or bend
  sideways (bicycle, cross-body, oblique crunches), anything whose instructions jump,
  and stretches that swing, bounce or go quickly (:func:`planner.importers.keywords.unsuitable`).
* ``level``: beginner, intermediate; expert -> ``advanced``, which only banned entries keep:
  other expert moves are skipped as not suitable, since the shipped rules keep intermediate and
  advanced moves from beginners but nothing keeps advanced ones from intermediate profiles.
* ``equipment``: body only (or none given) -> nothing; dumbbell -> ``dumbbells``, barbell,
  cable -> ``cable_machine``, bands -> ``band``, exercise ball -> ``fitball``, kettlebells ->
  ``kettlebell``, e-z curl bar -> ``ez_bar``, medicine ball -> ``medicine_ball``, foam roll ->
  ``foam_roller``, machine -> ``weight_machine`` (aerobic work: ``bicycle`` for a bike, else
  ``cardio_machine``), other -> nothing. Implements the instructions mention are added (a bench,
  a weight plate, a rack, a pull-up bar, a step) or, without a vocabulary word (a partner, a
  sled, suspension straps), keep the exercise out. Decline work is tagged ``head_below_heart``.
* muscles map onto the graph (``MUSCLES``); the region is the primary muscle's region.
* position, one-sidedness and banned moves come from the name and the instructions
  (:mod:`planner.importers.keywords`); cable and band work that names no position is standing
  (at the tower or the anchor); unloaded arm, shoulder and neck work that names no position is
  seated (:func:`planner.importers.keywords.upper_body_position`); any other unrecognised
  position is skipped and reported.
* dose (the library has none): strength 2 x 10 reps, static strength 2 x 15 s holds, stretches
  2 x 15 s holds (seed 001's 10-20 s), mobility 2 x 10 reps, aerobic 15 minutes: the shipped
  catalog's own beginner doses, inside rules/dose.yaml.
* every entry is for adults; ``source`` names the library id and its licence.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from planner.catalog import Catalog
from planner.errors import InputError, Where
from planner.importers import keywords
from planner.importers.base import LOADS, Draft
from planner.loading.validation import validate_model
from planner.loading.yamlio import load_yaml_file

__all__ = ["FILE_STEM", "LICENCE", "NAME", "read"]

NAME = "free-exercise-db"
FILE_STEM = "ex_free_exercise_db"
PREFIX = "fedb_"
LICENCE = "public domain, The Unlicense"
UNSUITABLE = "not suitable for back rehabilitation (backplan's conservative choice)"

CATEGORIES = {"strength": "strength", "stretching": "stretch", "cardio": "aerobic"}
UNSUITABLE_CATEGORIES = ("plyometrics", "powerlifting", "olympic weightlifting", "strongman")
LEVELS = {"beginner": "beginner", "intermediate": "intermediate", "expert": "advanced"}
EQUIPMENT: dict[str | None, list[str]] = {
    None: [],
    "body only": [],
    "dumbbell": ["dumbbells"],
    "barbell": ["barbell"],
    "cable": ["cable_machine"],
    "bands": ["band"],
    "exercise ball": ["fitball"],
    "kettlebells": ["kettlebell"],
    "machine": ["weight_machine"],  # cardio machines: see _machine
    "e-z curl bar": ["ez_bar"],
    "medicine ball": ["medicine_ball"],
    "foam roll": ["foam_roller"],
    "other": [],  # the instructions name what is needed (a chair, a plate, a pull-up bar ...)
}
_BIKE = re.compile(r"\bbike\b|\bbicycl", re.IGNORECASE)
# Work named decline, or that lies on a decline bench or says so, takes the head below the heart (rules/safety.yaml
# head-above-heart selects the tag).
_HEAD_DOWN = re.compile(r"\bhead (is )?(lower than|below) (your )?(hips|heart)\b|\b(lie|lying|lay)( back| down)? on (a|the) decline\b", re.IGNORECASE)
_DECLINE = re.compile(r"\bdecline\b", re.IGNORECASE)
# Source muscle -> muscle-graph names (a group stands for all its muscles).
MUSCLES: dict[str, list[str]] = {
    "abdominals": ["abdominals"],
    "abductors": ["gluteus_medius"],
    "adductors": ["adductors"],
    "biceps": ["biceps_brachii"],
    "calves": ["calves"],
    "chest": ["pectoralis_major"],
    "forearms": ["forearm_muscles"],
    "glutes": ["glutes"],
    "hamstrings": ["hamstrings"],
    "lats": ["lats"],
    "lower back": ["erectors"],
    "middle back": ["rhomboids", "middle_trapezius"],
    "neck": ["neck_extensors", "neck_flexors"],
    "quadriceps": ["quadriceps"],
    "shoulders": ["anterior_deltoid", "lateral_deltoid", "posterior_deltoid"],
    "traps": ["trapezius"],
    "triceps": ["triceps_brachii"],
}
# Abdominal work that names a twist or a side works the obliques too.
_OBLIQUE = re.compile(r"\boblique|\btwist|\bside bend|\brotation|\bwood ?chop|\bside (plank|bridge|jackknife)", re.IGNORECASE)
# A lunge filed under stretching is leg strength work (backplan's reading): its primary muscles
# are a lunge's, the library's own become secondary.
LUNGE_MUSCLES = ("quadriceps", "glutes")
LUNGE_SOURCE = (
    "backplan's reading: a lunge is leg strength work (quadriceps and glutes), dosed as strength, "
    f"although {NAME} files it under stretching"
)
DOSES: dict[str, dict[str, int]] = {
    "strength": {"sets": 2, "reps": 10},
    "static": {"sets": 2, "hold_s": 15},
    "stretch": {"sets": 2, "hold_s": 15},
    "mobility": {"sets": 2, "reps": 10},
    "aerobic": {"sets": 1, "minutes": 15},
}

SourceText = Annotated[str, Field(max_length=5000)]


class SourceEntry(BaseModel):
    """One free-exercise-db entry, as far as the import reads it (other keys are ignored)."""

    model_config = ConfigDict(extra="ignore", strict=True, frozen=True)

    id: Annotated[str, Field(min_length=1, max_length=200)]
    name: Annotated[str, Field(min_length=1, max_length=300)]
    force: SourceText | None = None
    level: SourceText
    mechanic: SourceText | None = None
    equipment: SourceText | None = None
    primaryMuscles: Annotated[list[SourceText], Field(min_length=1, max_length=30)]
    secondaryMuscles: Annotated[list[SourceText], Field(max_length=30)] = []
    instructions: Annotated[list[SourceText], Field(max_length=40)] = []
    category: SourceText


def _slug(source_id: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "_", source_id.lower()).strip("_") or "exercise"
    return (PREFIX + slug)[:80].rstrip("_")


def _graph_muscles(words: list[str], catalog: Catalog) -> tuple[list[str], str | None]:
    """Leaf muscles for source muscle words, or the reason one has no counterpart."""
    graph = catalog.graph
    found: list[str] = []
    for word in words:
        names = MUSCLES.get(word.strip().lower())
        if names is None:
            return [], f'unknown muscle "{word}"'
        for name in names:
            level = graph.level(name)
            if level is None:
                return [], f'muscle "{word}" has no counterpart in the muscle graph'
            leaves = [name] if level == "muscle" else [m for m in graph.muscles if name in graph.ancestors_of(m)]
            found.extend(m for m in leaves if m not in found)
    return found, None


def _machine(name: str, kind: str | None) -> list[str]:
    """A weight machine, or for aerobic work a bicycle or a cardio machine."""
    if kind != "aerobic":
        return ["weight_machine"]
    return ["bicycle"] if _BIKE.search(name) else ["cardio_machine"]


def _region(muscle: str, catalog: Catalog) -> str:
    return next(r for r in catalog.graph.regions if r in catalog.graph.ancestors_of(muscle))


def draft(entry: SourceEntry, catalog: Catalog) -> Draft:
    """Map one source entry; what cannot be mapped is recorded on the draft, never guessed."""
    name = " ".join(entry.name.split())
    steps = [" ".join(s.split()) for s in entry.instructions if s.strip()]
    missing: dict[str, str] = {}
    category = entry.category.strip().lower()

    kind = CATEGORIES.get(category)
    lunge = category == "stretching" and keywords.is_lunge(name)
    if lunge:
        kind, category = "strength", "strength"  # mapped by what it is (LUNGE_SOURCE)
    if kind is None and category not in UNSUITABLE_CATEGORIES:
        missing["kind"] = f'unknown category "{entry.category}"'
    level = LEVELS.get(entry.level.strip().lower())
    if level is None:
        missing["level"] = f'unknown level "{entry.level}"'

    primary, why = _graph_muscles(entry.primaryMuscles, catalog)
    secondary, why2 = _graph_muscles(entry.secondaryMuscles, catalog)
    if why or why2:
        missing["muscles"] = why or why2 or ""
    elif "abdominals" in [w.lower() for w in entry.primaryMuscles] and _OBLIQUE.search(name):
        primary += [m for m in ("external_oblique", "internal_oblique") if m in catalog.graph.muscles]
    if lunge and not missing.get("muscles"):
        legs, _ = _graph_muscles(list(LUNGE_MUSCLES), catalog)
        primary, secondary = legs, [m for m in primary + secondary if m not in legs]
    secondary = [m for m in secondary if m not in primary]

    listed = entry.equipment.strip().lower() if entry.equipment is not None else None
    equipment = _machine(name, kind) if listed == "machine" else list(EQUIPMENT.get(listed, []))
    if listed not in EQUIPMENT:
        missing["equipment"] = f'unknown equipment "{entry.equipment}"'
    else:
        more, unnamed = keywords.needed_equipment(name, steps, equipment)
        equipment += more
        if unnamed:
            missing["equipment"] = f'the instructions need equipment with no vocabulary word: "{unnamed[0]}"'
    equipment = [w for w in equipment if w in catalog.vocab.equipment]

    unsuitable = None
    loaded = bool(set(LOADS) & set(equipment))
    if category in UNSUITABLE_CATEGORIES:
        unsuitable = f'{UNSUITABLE}: category "{category}"'
    elif level == "advanced":  # no shipped rule keeps advanced moves from intermediate profiles
        unsuitable = f"{UNSUITABLE}: level expert"
    elif (why := keywords.unsuitable(name, steps, stretch=category == "stretching", loaded=loaded)) is not None:
        unsuitable = f"{UNSUITABLE}: {why}"

    position, others = keywords.find_position(name, steps)
    if position is None and {"cable_machine", "band"} & set(EQUIPMENT.get(listed) or []):
        position = "standing"  # work at a cable tower or a band anchor that names no position
    if position is None and not equipment:
        position = keywords.upper_body_position(name, steps)
    if position is None:
        missing["position"] = "position not recognised"
    one_sided = keywords.is_one_sided(name, steps)
    ban = keywords.find_ban(name, steps, one_sided, position)

    static = (entry.force or "").strip().lower() == "static"
    if kind == "stretch" and not static and entry.force is not None:
        kind = "mobility"  # a moving stretch (circles, leg lowers): repetitions, not a hold
    dose = DOSES["static" if kind == "strength" and static else kind or "strength"]
    fields: dict[str, Any] = {
        "id": _slug(entry.id),
        "name": name,
        "kind": kind,
        "muscles": {"primary": primary, **({"secondary": secondary} if secondary else {})},
        "region": _region(primary[0], catalog) if primary else None,
        "position": position,
        "other_positions": others,
        "side": "unilateral" if one_sided else "bilateral",
        "equipment": equipment,
        "level": level,
        "audience": ["adult"],
        "dose": dict(dose),
        "tags": ["free_exercise_db", re.sub(r"[^a-z0-9]+", "_", category).strip("_") or "uncategorised"]
        + (["head_below_heart"] if _DECLINE.search(name) or _HEAD_DOWN.search(" ".join(steps)) else []),
        "steps": steps,
        "source": [f"{NAME}: {entry.id} ({LICENCE})", *([LUNGE_SOURCE] if lunge else [])],
    }
    if ban is not None:
        fields["banned"] = {"reason": ban.reason, "alternative": ban.alternative}
        fields["source"].append(
            "backplan: banned as one of the moves seed 004 (004_eea2656cb83e4a01.txt) names as injuring the back"
            + (", a variant read conservatively" if ban.in_doubt else "")
        )
        if kind is None:
            missing.setdefault("kind", f'category "{entry.category}" has no kind for a banned entry')
    return Draft(entry.id, fields, missing, unsuitable, ban_in_doubt=bool(ban and ban.in_doubt))


def read(path: Path | str, catalog: Catalog) -> list[Draft]:
    """Every exercise of a free-exercise-db JSON file as a draft (positioned errors for bad input)."""
    doc = load_yaml_file(path)
    if not isinstance(doc.data, list):
        raise InputError(f"a {NAME} file is a JSON list of exercises", doc.where(()))
    if len(doc.data) > 5000:
        raise InputError(f"{len(doc.data)} exercises; an import takes at most 5000", Where(doc.file, 1, 1))
    drafts: list[Draft] = []
    seen: dict[str, int] = {}
    ids: set[str] = set()
    for i, raw in enumerate(doc.data):
        entry: SourceEntry = validate_model(SourceEntry, raw, doc, (i,))
        if entry.id in seen:
            raise InputError(f'exercise id "{entry.id}" is already used by entry {seen[entry.id] + 1}', doc.where((i, "id")))
        seen[entry.id] = i
        made = draft(entry, catalog)
        base, n = made.id, 2
        while made.id in ids:  # two source ids with the same slug
            made.fields["id"] = f"{base[:76]}_{n}"
            n += 1
        ids.add(made.id)
        drafts.append(made)
    return drafts
