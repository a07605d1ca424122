"""What every importer shares: a draft entry per source exercise, and the rules that finish it.

An importer turns each exercise of a foreign library into a :class:`Draft`: the catalog fields it
could map, the fields it could not (with the reason, which an overlay may fix), and, when backplan
keeps the move out whatever the overlay says, why. :func:`finish` applies an overlay and the
rules every imported entry follows:

* **External load.** Dumbbells, a barbell, a cable machine, a kettlebell, a weight machine, an EZ
  bar, a weight plate or a medicine ball (the vocabulary's loads) bring the
  nine contraindications seed 002 lists against dumbbell work; the entry's ``source`` says that
  this is backplan's conservative reading. An overlay can add contraindications, never remove
  these. (Bands and an exercise ball are not counted as loads, as in the shipped catalog.)
* **Floor work needs a mat.** An entry that starts on the floor (supine, prone, quadruped, side,
  kneeling) and uses no bench, weight machine or exercise ball needs ``mat``, as in the shipped
  catalog; an overlay that sets ``equipment`` decides for itself.
* **Bans stay.** A banned move is kept (so rules recognise it) and never planned, even when it
  would otherwise be skipped as unsuitable or for equipment without a vocabulary word (that
  equipment is left out); an overlay may reword the ban, not lift it. Its ``alternative`` is
  kept only if the catalog has that entry.
* **No exercise twice.** An entry that is the same exercise as one of the catalog it joins
  (:mod:`planner.importers.duplicates`) is skipped with the id it repeats, unless the overlay
  says ``keep``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from planner.importers.duplicates import KEEP

__all__ = [
    "FIELD_ORDER",
    "FLOOR_POSITIONS",
    "LOADS",
    "LOAD_CONTRAINDICATIONS",
    "LOAD_SOURCE",
    "Draft",
    "Outcome",
    "assemble",
    "duplicate_reason",
    "finish",
]

LOADS = (
    "dumbbells", "barbell", "cable_machine", "kettlebell", "weight_machine", "ez_bar", "weight_plate", "medicine_ball",
)
LOAD_CONTRAINDICATIONS = (
    "hypertension", "heart_disease", "menstruation", "asthma", "pregnancy", "thyroid_disease",
    "viral_infection", "poor_condition", "chronic_disease",
)
LOAD_SOURCE = (
    "backplan's conservative reading: every external load gets the nine contraindications seed 002 "
    "(002_e9533eb769b99413.txt) lists against dumbbell work"
)
FLOOR_POSITIONS = ("supine", "prone", "quadruped", "side", "kneeling")
OFF_THE_FLOOR = ("bench", "adjustable_bench", "weight_machine", "fitball", "mat")  # what a floor position lies on instead
FIELD_ORDER = (
    "id", "name", "kind", "muscles", "region", "position", "other_positions", "side", "equipment", "level",
    "audience", "dose", "contraindications", "tags", "cues", "steps", "banned", "source",
)


@dataclass
class Draft:
    """One source exercise on its way into the catalog."""

    source_id: str
    fields: dict[str, Any]
    missing: dict[str, str] = field(default_factory=dict)  # field -> why it could not be mapped
    unsuitable: str | None = None  # why backplan keeps it out, whatever an overlay says
    ban_in_doubt: bool = False  # banned as backplan's conservative reading of a variant

    @property
    def id(self) -> str:
        return str(self.fields["id"])


@dataclass
class Outcome:
    """What an import produced: the entries, and what happened to every other source exercise."""

    entries: list[dict[str, Any]] = field(default_factory=list)
    banned: list[str] = field(default_factory=list)
    banned_in_doubt: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    corrected: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)  # id -> reason
    duplicates: dict[str, str] = field(default_factory=dict)  # imported id -> the catalog id it repeats (skipped)
    kept_duplicates: dict[str, str] = field(default_factory=dict)  # the same, kept by the overlay's "keep"


def _union(*lists: Any) -> list[Any]:
    return list(dict.fromkeys(item for items in lists for item in (items or [])))


def finish(draft: Draft, overlay: dict[str, Any] | None) -> tuple[dict[str, Any] | None, str]:
    """The finished entry, or ``None`` and the reason it is skipped."""
    overlay = overlay or {}
    banned = overlay.get("banned", draft.fields.get("banned"))
    if draft.unsuitable and not banned:
        return None, draft.unsuitable
    for name, reason in draft.missing.items():
        if name not in overlay and not (banned and name == "equipment"):
            return None, reason
    entry = {**draft.fields, **overlay}
    entry["source"] = _union(draft.fields.get("source"), overlay.get("source"))
    floor = entry["position"] in FLOOR_POSITIONS and not set(OFF_THE_FLOOR) & set(entry["equipment"])
    if floor and "equipment" not in overlay:
        entry["equipment"] = ["mat", *entry["equipment"]]
    if set(LOADS) & set(entry["equipment"]):
        entry["contraindications"] = _union(entry.get("contraindications"), LOAD_CONTRAINDICATIONS)
        entry["tags"] = _union(entry.get("tags"), ["weighted"])
        entry["source"] = _union(entry["source"], [LOAD_SOURCE])
    return {key: entry[key] for key in FIELD_ORDER if entry.get(key) not in (None, [])}, ""


def duplicate_reason(twin: str) -> str:
    return f"same exercise as `{twin}` in the catalog it joins"


def assemble(
    drafts: list[Draft],
    overlays: dict[str, Any],
    base_ids: set[str],
    twin: Callable[[dict[str, Any]], str | None] = lambda entry: None,
) -> Outcome:
    """Finish every draft; ``overlays`` maps ids to field dicts, ``"drop"`` or ``"keep"``.

    ``twin`` names the catalog entry a finished entry repeats, if any: that entry is skipped
    unless the overlay says ``keep``. A ban's ``alternative`` that is neither in the catalog the
    import joins nor imported is left out (the ban stays)."""
    out = Outcome()
    for draft in drafts:
        correction = overlays.get(draft.id)
        if correction == "drop":
            out.dropped.append(draft.id)
            continue
        if draft.id in base_ids:
            out.skipped[draft.id] = "id already used by the catalog it joins"
            continue
        keep = correction == KEEP
        entry, reason = finish(draft, None if keep else correction)
        if entry is None:
            out.skipped[draft.id] = reason
            continue
        if (same := twin(entry)) is not None:
            if not keep:
                out.duplicates[draft.id] = same
                out.skipped[draft.id] = duplicate_reason(same)
                continue
            out.kept_duplicates[draft.id] = same
        out.entries.append(entry)
        if correction and not keep:
            out.corrected.append(draft.id)
        if "banned" in entry:
            out.banned.append(draft.id)
            if draft.ban_in_doubt:
                out.banned_in_doubt.append(draft.id)
    known = base_ids | {entry["id"] for entry in out.entries}
    for entry in out.entries:
        ban = entry.get("banned")
        if ban and ban.get("alternative") is not None and ban["alternative"] not in known:
            entry["banned"] = {k: v for k, v in ban.items() if k != "alternative"}
    return out
