"""Looking through the catalog: list its exercises with filters, and show one whole.

The CLI's ``backplan catalog list`` and ``catalog show`` are thin wrappers around these
functions. The filters mean what the rule selector keys of the same name mean
(:mod:`planner.selectors`), so what a list shows is what a rule's ``select:`` would pick.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.catalog import Catalog
from planner.errors import InputError, did_you_mean
from planner.loading.words import unknown_word
from planner.models import Dose, Exercise, Selector
from planner.render import dose_words as words
from planner.selectors import select

__all__ = ["COLUMNS", "NO_EQUIPMENT", "Filters", "dose_words", "exercise_rows", "show_exercise"]

NO_EQUIPMENT = "none"  # `--equipment none`: exercises that need no equipment at all
COLUMNS = ("id", "name", "kind", "region", "position", "equipment", "level", "audience", "banned")


@dataclass(frozen=True)
class Filters:
    """``catalog list`` filters; ``None`` means "any". Each is one word, as on the command line."""

    kind: str | None = None
    muscle: str | None = None
    equipment: str | None = None
    tag: str | None = None
    position: str | None = None
    level: str | None = None
    text: str | None = None

    def given(self) -> str:
        """The filters as they were typed, e.g. ``--kind stretch --muscle hip_flexors``."""
        return " ".join(f"--{name} {value}" for name, value in vars(self).items() if value is not None)


def _check(word: str | None, known: list[str], what: str, option: str, fallback: str = "") -> None:
    """``--kind: unknown kind "x" (did you mean "y"?)``; ``fallback`` is added when no word is close."""
    if word is not None and word not in known:
        message = unknown_word(word, known, what)
        raise InputError(f"{option}: {message}{fallback if message.endswith(chr(34)) else ''}")


def _check_filters(filters: Filters, catalog: Catalog) -> None:
    """One message for the first word the catalog does not know, in the rule loader's words."""
    vocab, graph = catalog.vocab, catalog.graph
    _check(filters.kind, list(vocab.kinds), "kind", "--kind")
    _check(filters.muscle, graph.names, "muscle, group or region", "--muscle",
           f" (groups: {', '.join(graph.groups)}; regions: {', '.join(graph.regions)})")
    _check(filters.equipment, [NO_EQUIPMENT, *vocab.equipment], "equipment", "--equipment")
    _check(filters.position, list(vocab.positions), "position", "--position")
    _check(filters.level, list(vocab.levels), "level", "--level")
    if filters.tag is not None:
        tags = sorted({t for ex in catalog.exercises.values() for t in ex.tags})
        if filters.tag not in tags:
            raise InputError(
                f'--tag: no exercise has the tag "{filters.tag}"{did_you_mean(filters.tag, tags)}; '
                f"tags in use: {', '.join(tags)}")


def _matching(filters: Filters, catalog: Catalog) -> list[Exercise]:
    needs_nothing = filters.equipment == NO_EQUIPMENT
    selector = Selector.model_validate({
        key: value for key, value in {
            "kind": filters.kind, "muscles": filters.muscle, "tags": filters.tag, "position": filters.position,
            "level": filters.level, "equipment": None if needs_nothing else filters.equipment,
        }.items() if value is not None
    })
    ids = select(selector, catalog)
    text = (filters.text or "").lower()
    return [
        ex for ex in catalog.exercises.values()
        if ex.id in ids
        and not (needs_nothing and ex.equipment)
        and (not text or text in f"{ex.id} {ex.name}".lower())
    ]


def exercise_rows(catalog: Catalog, filters: Filters = Filters()) -> list[tuple[str, ...]]:
    """(id, name, kind, region, position, equipment, level, audience, banned) for each exercise
    that passes every filter, in catalog order. An unknown word, or nothing left, is an error."""
    _check_filters(filters, catalog)
    found = _matching(filters, catalog)
    if not found:
        raise InputError(f"no exercise matches {filters.given()} ({len(catalog.exercises)} exercises in the catalog)")
    return [
        (ex.id, ex.name, ex.kind, ex.region, ", ".join([ex.position, *ex.other_positions]),
         ", ".join(ex.equipment) or NO_EQUIPMENT, ex.level, ", ".join(ex.audience),
         "BANNED" if ex.banned else "")
        for ex in found
    ]


def dose_words(dose: Dose, unilateral: bool) -> str:
    """A catalog dose in words, e.g. ``2 x hold 20 s, each side``."""
    return ", ".join([words(dose)] + (["each side"] if unilateral else []))


def _muscles(names: list[str], catalog: Catalog) -> str:
    """``iliopsoas (hip_flexors, hips)``: each muscle with its group and region."""
    return ", ".join(f"{m} ({', '.join(catalog.graph.groups_of([m]))})" for m in names) or "-"


def show_exercise(exercise_id: str, catalog: Catalog) -> str:
    """Everything the catalog says about one exercise, in plain text."""
    if exercise_id not in catalog.exercises:
        raise InputError(f'unknown exercise "{exercise_id}"{did_you_mean(exercise_id, catalog.exercises)}; '
                         "see backplan catalog list")
    ex = catalog.exercises[exercise_id]
    where = catalog.where.get(ex.id)
    lines = [f"{ex.id}: {ex.name}" + (f"  ({where})" if where else ""), ""]
    if ex.banned:
        alternative = f" Do {ex.banned.alternative} instead." if ex.banned.alternative else ""
        lines += [f"BANNED: never planned. {ex.banned.reason}{alternative}", ""]
    fields = [
        ("kind", f"{ex.kind} (plays in the {catalog.block(ex)} block)"),
        ("region", ex.region),
        ("position", ", ".join([ex.position, *ex.other_positions])),
        ("side", ex.side),
        ("level", ex.level),
        ("audience", ", ".join(ex.audience)),
        ("primary muscles", _muscles(ex.muscles.primary, catalog)),
        ("secondary muscles", _muscles(ex.muscles.secondary, catalog)),
        ("dose", dose_words(ex.dose, ex.side == "unilateral")),
        ("equipment", ", ".join(ex.equipment) or "none needed"),
        ("recommended", ", ".join(ex.recommended) or "-"),
        ("tags", ", ".join(ex.tags) or "-"),
        ("contraindications", (", ".join(ex.contraindications) + " (never planned for a profile with one of these)")
         if ex.contraindications else "-"),
    ]
    width = max(len(name) for name, _ in fields)
    lines += [f"{name + ':':<{width + 1}} {value}" for name, value in fields]
    easier, harder = catalog.easier(ex.id), catalog.harder(ex.id)
    if easier or harder:  # the variant ladder a programme climbs
        lines += ["", f"Variants: easier {easier or '-'}, harder {harder or '-'}"]
    if ex.steps:
        lines += ["", "Steps:"] + [f"  {i}. {step}" for i, step in enumerate(ex.steps, 1)]
    if ex.cues:
        lines += ["", "Cues:"] + [f"  - {cue}" for cue in ex.cues]
    lines += ["", "Source:"] + [f"  - {source}" for source in ex.source]
    return "\n".join(lines) + "\n"
