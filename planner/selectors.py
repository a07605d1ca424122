"""Selectors: how a rule names the exercises it is about.

A selector is a YAML mapping. Each key narrows the set; a list means "any of these"; all keys
must hold together; an empty selector (``{}``) matches every exercise. :data:`KEYS` says what
each key means and :data:`EXAMPLES` shows them at work; both are rendered into docs/rules.md,
and the tests check that every example selects something in the shipped catalog.
"""

from __future__ import annotations

from collections.abc import Callable

from planner.catalog import Catalog
from planner.loading.words import check_word, check_words
from planner.loading.yamlio import Document
from planner.models import Exercise, Selector

__all__ = ["check_selector", "select", "KEYS", "EXAMPLES"]

KEYS: dict[str, str] = {
    "id": "its id is one of these",
    "kind": "its kind is one of these (warmup, relaxation, mobility, stretch, strength, aerobic, cooldown)",
    "block": "the block its kind plays in a session is one of these (mobility plays in the stretch block)",
    "tags": "it carries any of these tags",
    "equipment": "it needs any of these pieces of equipment",
    "muscles": (
        "one of its primary or secondary muscles is, or belongs to, one of these muscles, groups or "
        "regions of the muscle graph (`muscles: core` matches a plank)"
    ),
    "primary": "the same as `muscles`, looking at primary muscles only",
    "region": "its main region is one of these (neck, upper_back, ..., legs, full_body)",
    "position": "its position, or any other position it passes through, is one of these (standing, seated, supine, prone, ...)",
    "side": "it is `bilateral` or `unilateral`",
    "level": "its level is one of these",
    "audience": "its audience includes any of these (adult, child)",
    "banned": "it is (`true`) or is not (`false`) one of the notorious banned moves",
    "any": "a list of selectors: at least one of them matches",
    "not": "a selector that must not match",
}

EXAMPLES: list[tuple[str, str]] = [
    ("Hamstring stretches", "{kind: stretch, muscles: hamstrings}"),
    ("Anything that works the core, the hips or the legs", "{muscles: [core, hips, legs]}"),
    ("Exercises done lying face down or face up", "{position: [prone, supine]}"),
    ("Aerobic activities other than walking", "{block: aerobic, not: {id: walking}}"),
    ("Weighted work that is not done standing", "{tags: weighted, not: {position: standing}}"),
    ("Planks, or anything whose main work is the obliques", "{any: [{tags: plank}, {primary: obliques}]}"),
]


def _as_list(value: str | list[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def check_selector(selector: Selector, catalog: Catalog, doc: Document, path: tuple) -> None:
    """Raise a positioned error for any word the selector uses that the catalog does not know."""
    vocab, graph = catalog.vocab, catalog.graph

    def words(key: str, known, what: str) -> None:
        value = getattr(selector, key.rstrip("_"))
        if value is None:
            return
        if isinstance(value, str):
            check_word(value, known, what, doc, (*path, key))
        else:
            check_words(value, known, what, doc, (*path, key))

    tags = sorted({t for ex in catalog.exercises.values() for t in ex.tags})
    words("id", catalog.exercises, "exercise")
    words("kind", vocab.kinds, "kind")
    words("block", vocab.blocks, "block")
    words("tags", tags, "tag")
    words("equipment", vocab.equipment, "equipment")
    words("muscles", graph.names, "muscle, group or region")
    words("primary", graph.names, "muscle, group or region")
    words("region", graph.regions, "region")
    words("position", vocab.positions, "position")
    words("side", vocab.sides, "side")
    words("level", vocab.levels, "level")
    words("audience", vocab.audiences, "audience")
    for i, sub in enumerate(selector.any or []):
        check_selector(sub, catalog, doc, (*path, "any", i))
    if selector.not_ is not None:
        check_selector(selector.not_, catalog, doc, (*path, "not"))


def _predicate(selector: Selector, catalog: Catalog) -> Callable[[Exercise], bool]:
    graph = catalog.graph
    tests: list[Callable[[Exercise], bool]] = []

    def among(attr: Callable[[Exercise], str], key: str | list[str] | None) -> None:
        if key is not None:
            allowed = set(_as_list(key))
            tests.append(lambda ex: attr(ex) in allowed)

    def overlap(attr: Callable[[Exercise], list[str]], key: str | list[str] | None) -> None:
        if key is not None:
            allowed = set(_as_list(key))
            tests.append(lambda ex: bool(allowed & set(attr(ex))))

    among(lambda ex: ex.id, selector.id)
    among(lambda ex: ex.kind, selector.kind)
    among(catalog.block, selector.block)
    among(lambda ex: ex.region, selector.region)
    overlap(lambda ex: [ex.position, *ex.other_positions], selector.position)
    among(lambda ex: ex.side, selector.side)
    among(lambda ex: ex.level, selector.level)
    overlap(lambda ex: ex.tags, selector.tags)
    overlap(lambda ex: ex.equipment, selector.equipment)
    overlap(lambda ex: ex.audience, selector.audience)
    if selector.muscles is not None:
        names = _as_list(selector.muscles)
        tests.append(lambda ex: any(graph.works([*ex.muscles.primary, *ex.muscles.secondary], n) for n in names))
    if selector.primary is not None:
        names_p = _as_list(selector.primary)
        tests.append(lambda ex: any(graph.works(ex.muscles.primary, n) for n in names_p))
    if selector.banned is not None:
        tests.append(lambda ex: (ex.banned is not None) == selector.banned)
    if selector.any is not None:
        subs = [_predicate(s, catalog) for s in selector.any]
        tests.append(lambda ex: any(p(ex) for p in subs))
    if selector.not_ is not None:
        negated = _predicate(selector.not_, catalog)
        tests.append(lambda ex: not negated(ex))
    return lambda ex: all(test(ex) for test in tests)


def select(selector: Selector, catalog: Catalog) -> frozenset[str]:
    """Ids of every catalog exercise the selector matches."""
    predicate = _predicate(selector, catalog)
    return frozenset(ex.id for ex in catalog.exercises.values() if predicate(ex))
