"""The muscle graph: hierarchy, works(), antagonists, load, and its own file checks."""

from __future__ import annotations

import pytest

from planner.errors import InputError
from planner.loading.yamlio import load_yaml_text
from planner.load import node_load
from planner.muscles import MuscleGraph


def test_hierarchy(catalog):
    graph = catalog.graph
    assert graph.ancestors_of("gluteus_maximus") == {"glutes", "hips"}
    assert graph.level("glutes") == "group"
    assert graph.level("hips") == "region"
    assert graph.level("nope") is None
    assert graph.regions[0] == "neck"
    assert graph.groups_of(["rectus_abdominis", "biceps_femoris"]) == ["abdominals", "hamstrings", "core", "legs"]


def test_works(catalog):
    graph = catalog.graph
    assert graph.works(["biceps_femoris"], "legs")
    assert graph.works(["biceps_femoris"], "biceps_femoris")
    assert not graph.works(["biceps_femoris"], "core")


def test_antagonists_and_pairing(catalog):
    graph = catalog.graph
    assert graph.antagonists("abdominals") == {"erectors"}
    assert graph.antagonists("hamstrings") == {"quadriceps"}
    assert not graph.is_paired("rectus_abdominis")
    assert graph.is_paired("gluteus_maximus")


def test_load_passes_up_the_graph(catalog):
    load = node_load(catalog.graph, [(["gluteus_maximus"], ["erector_spinae"], 2.0)])
    assert load["gluteus_maximus"] == 2.0
    assert load["glutes"] == 2.0
    assert load["hips"] == 2.0
    assert load["erectors"] == 1.0


def graph_error(text: str) -> str:
    with pytest.raises(InputError) as info:
        MuscleGraph.from_document(load_yaml_text(text, "m.yaml"))
    return str(info.value)


def test_name_used_twice():
    text = "regions: [legs]\ngroups:\n  legs: {region: legs, muscles: [a]}\n"
    assert graph_error(text) == 'm.yaml:3:3: "legs" is used twice (as a region and as a group)'


def test_unknown_region():
    text = "regions: [legs]\ngroups:\n  calves: {region: leg, muscles: [soleus]}\n"
    assert graph_error(text) == 'm.yaml:3:20: unknown region "leg" (did you mean "legs"?)'


def test_unknown_antagonist():
    text = "regions: [legs]\ngroups:\n  calves: {region: legs, muscles: [soleus]}\nantagonists: [[calves, shins]]\n"
    assert graph_error(text) == 'm.yaml:4:24: unknown muscle or group "shins"'


def test_works_is_a_muscle_at_or_under_the_name(catalog):
    """works() reads a precomputed set per name: the same answer as walking each muscle's
    groups and regions, for every exercise and every name (and names the graph does not know)."""
    graph = catalog.graph
    names = [*graph.hierarchy, "not_a_muscle"]
    lists = [catalog.muscles(ex) for ex in catalog.exercises] + [[n] for n in names] + [[], ["not_a_muscle"]]
    for muscles in lists:
        for name in names:
            walked = any(m == name or name in graph.ancestors_of(m) for m in muscles)
            assert graph.works(muscles, name) is walked
