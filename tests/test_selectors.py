"""Selectors: each key, the graph-aware muscle keys, any/not, and unknown words."""

from __future__ import annotations

import pytest

from planner.errors import InputError
from planner.loading.yamlio import load_yaml_text
from planner.models import Selector
from planner.selectors import check_selector, select


def ids(catalog, **keys) -> frozenset[str]:
    return select(Selector.model_validate(keys), catalog)


def test_empty_selector_matches_everything(catalog):
    assert ids(catalog) == frozenset(catalog.exercises)


def test_muscles_go_through_the_graph(catalog):
    core = ids(catalog, muscles="core")
    assert "forearm_plank" in core
    assert all(catalog.graph.works(catalog.muscles(e), "core") for e in core)
    hamstring_stretches = ids(catalog, kind="stretch", muscles="hamstrings")
    assert "banded_hamstring_stretch" in hamstring_stretches


def test_primary_is_narrower_than_muscles(catalog):
    assert ids(catalog, primary="glutes") < ids(catalog, muscles="glutes")


def test_block_kind_side_position_equipment(catalog):
    assert all(catalog.block(e) == "stretch" for e in ids(catalog, block="stretch"))
    assert "cat_cow" in ids(catalog, block="stretch")  # mobility plays the stretch block
    assert all(catalog.exercises[e].side == "unilateral" for e in ids(catalog, side="unilateral"))
    assert ids(catalog, equipment="cable_machine") == {"single_arm_seated_cable_row"}
    prone = ids(catalog, position="prone")
    assert all("prone" in (catalog.exercises[e].position, *catalog.exercises[e].other_positions) for e in prone)


def test_position_matches_every_position_an_exercise_passes_through(catalog):
    """A flow or sequence that goes down to the floor is caught by a lying-position rule, so
    "with pregnancy, no prone or supine exercises" keeps them out too."""
    lying = ids(catalog, position=["prone", "supine"])
    assert {"relaxation_sequence", "gentle_yoga_flow", "sun_salutation", "swimming"} <= lying
    assert "relaxation_sequence" not in ids(catalog, **{"not": {"position": "standing"}})
    assert not any("various" in (ex.position, *ex.other_positions) for ex in catalog.exercises.values())


def test_any_and_not(catalog):
    either = ids(catalog, any=[{"id": "walking"}, {"id": "cycling"}])
    assert either == {"walking", "cycling"}
    aerobic_but_walking = ids(catalog, block="aerobic", **{"not": {"id": "walking"}})
    assert "walking" not in aerobic_but_walking and "cycling" in aerobic_but_walking
    assert ids(catalog, banned=True) == {e for e, x in catalog.exercises.items() if x.banned}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("kind: strenght", 'f.yaml:1:7: unknown kind "strenght" (did you mean "strength"?)'),
        ("muscles: [core, hamstring]", 'f.yaml:1:17: unknown muscle, group or region "hamstring" (did you mean "hamstrings"?)'),
        ("not: {equipment: dumbell}", 'f.yaml:1:18: unknown equipment "dumbell" (did you mean "dumbbells"?)'),
        ("tags: brige", 'f.yaml:1:7: unknown tag "brige" (did you mean "bridge"?)'),
        ("id: [walking, runing]", 'f.yaml:1:15: unknown exercise "runing"'),
    ],
)
def test_unknown_words(catalog, text, message):
    doc = load_yaml_text(text + "\n", "f.yaml")
    with pytest.raises(InputError) as info:
        check_selector(Selector.model_validate(doc.data), catalog, doc, ())
    assert str(info.value) == message
