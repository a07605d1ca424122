"""The muscle graph: muscles -> groups -> regions, antagonist pairs and left/right pairing.

Loaded from ``catalog/muscles.yaml`` into a :class:`networkx.DiGraph` whose edges point from the
part to the whole (``gluteus_maximus -> glutes -> hips``). Antagonists live in a second, undirected
graph. The graph answers "does this exercise work the core?" (:meth:`MuscleGraph.works`) and
"which groups and regions are above this muscle?" (:meth:`MuscleGraph.ancestors_of`), which the
load model (:mod:`planner.load`) passes each muscle's load up by.

Examples
--------
>>> from planner.catalog import load_catalog
>>> graph = load_catalog().graph
>>> graph.ancestors_of("gluteus_maximus") == {"glutes", "hips"}
True
>>> graph.works(["gluteus_maximus"], "hips")
True
>>> sorted(graph.antagonists("abdominals"))
['erectors']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Annotated

import networkx as nx
from pydantic import Field

from planner.errors import InputError, did_you_mean
from planner.loading.validation import file_body, validate_model
from planner.loading.yamlio import Document
from planner.models import Strict

__all__ = ["MuscleGraph", "MuscleFile"]

Name = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)]


class _Group(Strict):
    region: Name
    muscles: Annotated[list[Name], Field(min_length=1, max_length=50)]


class MuscleFile(Strict):
    regions: Annotated[list[Name], Field(min_length=1, max_length=50)]
    groups: Annotated[dict[Name, _Group], Field(min_length=1, max_length=200)]
    midline: list[Name] = []
    antagonists: Annotated[list[Annotated[list[Name], Field(min_length=2, max_length=2)]], Field(max_length=200)] = []


class MuscleGraph:
    """Muscle hierarchy and antagonist pairs, with the queries the rules need."""

    def __init__(self, spec: MuscleFile) -> None:
        self.regions: tuple[str, ...] = tuple(spec.regions)
        self.hierarchy = nx.DiGraph()
        self.antagonist_graph = nx.Graph()
        for region in spec.regions:
            self.hierarchy.add_node(region, level="region", rank=spec.regions.index(region))
        for group, body in spec.groups.items():
            self.hierarchy.add_node(group, level="group")
            self.hierarchy.add_edge(group, body.region)
            for muscle in body.muscles:
                self.hierarchy.add_node(muscle, level="muscle", paired=muscle not in spec.midline)
                self.hierarchy.add_edge(muscle, group)
        for a, b in spec.antagonists:
            self.antagonist_graph.add_edge(a, b)
        self._ancestors = {n: frozenset(nx.descendants(self.hierarchy, n)) for n in self.hierarchy}
        # each name with the names under it: what works it (see works)
        self._at_or_under = {n: frozenset({n, *nx.ancestors(self.hierarchy, n)}) for n in self.hierarchy}

    # -- names -------------------------------------------------------------------------------
    def level(self, name: str) -> str | None:
        """``'muscle'``, ``'group'``, ``'region'`` or ``None`` for an unknown name."""
        return self.hierarchy.nodes[name]["level"] if name in self.hierarchy else None

    @property
    def muscles(self) -> list[str]:
        return [n for n, d in self.hierarchy.nodes(data=True) if d["level"] == "muscle"]

    @property
    def groups(self) -> list[str]:
        return [n for n, d in self.hierarchy.nodes(data=True) if d["level"] == "group"]

    @property
    def names(self) -> list[str]:
        return list(self.hierarchy.nodes)

    def is_paired(self, muscle: str) -> bool:
        """True for muscles that exist as a left and a right one (the load model keeps sides)."""
        return bool(self.hierarchy.nodes[muscle].get("paired", False))

    # -- structure ---------------------------------------------------------------------------
    def ancestors_of(self, name: str) -> frozenset[str]:
        """Groups and regions above ``name`` (not including it)."""
        return self._ancestors.get(name, frozenset())

    def groups_of(self, muscles: Iterable[str]) -> list[str]:
        """Every group and region the muscles belong to, groups first, in graph order."""
        found: set[str] = set()
        for muscle in muscles:
            found |= self.ancestors_of(muscle)
        order = {n: i for i, n in enumerate(self.hierarchy.nodes)}
        return sorted(found, key=lambda n: (self.level(n) != "group", order[n]))

    def works(self, muscles: Iterable[str], name: str) -> bool:
        """Does a list of muscles work ``name`` (a muscle, group or region)?"""
        return not self._at_or_under.get(name, frozenset((name,))).isdisjoint(muscles)

    def antagonists(self, name: str) -> set[str]:
        if name not in self.antagonist_graph:
            return set()
        return set(self.antagonist_graph.neighbors(name))

    @classmethod
    def from_document(cls, doc: Document) -> MuscleGraph:
        spec: MuscleFile = validate_model(MuscleFile, file_body(doc, "muscle file"), doc)
        seen: dict[str, str] = {}
        group_of: dict[str, str] = {}

        def claim(name: str, what: str, path: tuple) -> None:
            if name in seen:
                if what == seen[name] == "a muscle":
                    message = f'muscle "{name}" is listed in two groups ("{group_of[name]}" and "{path[1]}")'
                else:
                    message = f'"{name}" is used twice (as {seen[name]} and as {what})'
                raise InputError(message, doc.where_key(path))
            seen[name] = what
            if what == "a muscle":
                group_of[name] = path[1]

        for i, region in enumerate(spec.regions):
            claim(region, "a region", ("regions", i))
        for group, body in spec.groups.items():
            claim(group, "a group", ("groups", group))
            if body.region not in spec.regions:
                hint = did_you_mean(body.region, spec.regions)
                raise InputError(f'unknown region "{body.region}"{hint}', doc.where(("groups", group, "region")))
            for j, muscle in enumerate(body.muscles):
                claim(muscle, "a muscle", ("groups", group, "muscles", j))
        for i, muscle in enumerate(spec.midline):
            if seen.get(muscle) != "a muscle":
                raise InputError(f'unknown muscle "{muscle}"{did_you_mean(muscle, seen)}', doc.where(("midline", i)))
        for i, pair in enumerate(spec.antagonists):
            for j, name in enumerate(pair):
                if name not in seen or seen[name] == "a region":
                    hint = did_you_mean(name, seen)
                    raise InputError(f'unknown muscle or group "{name}"{hint}', doc.where(("antagonists", i, j)))
        graph = cls(spec)
        for i, (a, b) in enumerate(spec.antagonists):
            problem = graph.overlap(a, b)
            if problem:
                raise InputError(f"an antagonist pair needs two separate parts: {problem}", doc.where(("antagonists", i, 1)))
        return graph

    def overlap(self, a: str, b: str) -> str | None:
        """Why ``a`` and ``b`` cannot be compared with each other (the same part, or one inside
        the other), or ``None`` when they are separate."""
        if a == b:
            return f'"{a}" is paired with itself'
        if a in self.ancestors_of(b) or b in self.ancestors_of(a):
            inner, outer = (a, b) if b in self.ancestors_of(a) else (b, a)
            return f'"{inner}" is part of "{outer}"'
        return None

    def describe(self) -> Mapping[str, list[str]]:
        """Groups by region, for documentation and notebooks."""
        out: dict[str, list[str]] = {r: [] for r in self.regions}
        for group in self.groups:
            for region in self.ancestors_of(group):
                out[region].append(group)
        return out
