"""JSON Schemas generated from the models, for editors and for the plan contract.

``python -m planner.schemas [FOLDER]`` writes ``plan``, ``profile``, ``catalog``, ``rules``,
``programme`` and ``explain`` schemas (default folder: ``schemas/``). They use draft-07 features only (``definitions``, no
``$defs``) so the common YAML language server understands them; words from the vocabularies and
the muscle graph become ``enum`` lists, so an editor can complete them. A test fails when a
committed schema drifts from what this module generates.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from planner.catalog import Catalog, default_catalog
from planner.contract import Plan
from planner.explain.contract import Explanation
from planner.programme.contract import Programme
from planner.loading.files import write_generated
from planner.kinds import REGISTRY
from planner.models import Exercise, Profile, RuleHeader, Selector
from planner.vocabulary import Vocabulary

__all__ = ["generate", "write", "SCHEMA_FILES"]

DRAFT = "http://json-schema.org/draft-07/schema#"
SCHEMA_FILES = ("plan", "profile", "catalog", "rules", "programme", "explain")


def _draft07(schema: dict[str, Any]) -> dict[str, Any]:
    text = json.dumps(schema).replace("#/$defs/", "#/definitions/")
    out = json.loads(text)
    if "$defs" in out:
        out["definitions"] = out.pop("$defs")
    return out


def _model(model: type[BaseModel]) -> dict[str, Any]:
    schema = _draft07(model.model_json_schema(by_alias=True, ref_template="#/definitions/{model}"))
    ref = schema.get("$ref", "")
    if ref.startswith("#/definitions/"):  # recursive models come back as a bare reference
        name = ref.rsplit("/", 1)[1]
        definitions = schema.get("definitions", {})
        body = definitions.pop(name)
        schema = {**body, "definitions": definitions} if definitions else dict(body)
        schema = json.loads(json.dumps(schema).replace(f'"#/definitions/{name}"', '"#/definitions/Selector"'))
    return schema


def _enum_words(schema: dict[str, Any], field: str, words: list[str]) -> None:
    """Restrict a string-or-list-of-strings field of ``schema`` to ``words``."""
    prop = schema.get("properties", {}).get(field)
    if prop is None:
        return
    word = {"type": "string", "enum": sorted(words)}
    if "anyOf" in prop:
        new = []
        for option in prop["anyOf"]:
            if option.get("type") == "string":
                new.append(word)
            elif option.get("type") == "array":
                new.append({**option, "items": word})
            else:
                new.append(option)
        prop["anyOf"] = new
    elif prop.get("type") == "array":
        prop["items"] = word
    elif prop.get("type") == "string":
        prop.update(word)


def _selector_schema(catalog: Catalog) -> dict[str, Any]:
    schema = _model(Selector)
    defs = schema.pop("definitions", {})
    vocab, graph = catalog.vocab, catalog.graph
    tags = sorted({t for ex in catalog.exercises.values() for t in ex.tags})
    for field, words in (
        ("id", list(catalog.exercises)),
        ("kind", list(vocab.kinds)),
        ("block", vocab.blocks),
        ("tags", tags),
        ("equipment", list(vocab.equipment)),
        ("muscles", graph.names),
        ("primary", graph.names),
        ("region", list(graph.regions)),
        ("position", vocab.positions),
        ("side", vocab.sides),
        ("level", vocab.levels),
        ("audience", vocab.audiences),
    ):
        _enum_words(schema, field, words)
    schema = json.loads(json.dumps(schema).replace("#/definitions/Selector", "#/definitions/selector"))
    defs.pop("Selector", None)
    return {**schema, "_defs": defs}


def _profile_schema(catalog: Catalog) -> dict[str, Any]:
    schema = _model(Profile)
    vocab = catalog.vocab
    _enum_words(schema, "age_group", vocab.age_groups)
    _enum_words(schema, "level", vocab.levels)
    _enum_words(schema, "days", vocab.days)
    _enum_words(schema, "equipment", list(vocab.equipment))
    _enum_words(schema, "conditions", list(vocab.conditions))
    _enum_words(schema, "exclude", list(catalog.exercises))
    return schema


def _rules_schema(catalog: Catalog) -> dict[str, Any]:
    selector = _selector_schema(catalog)
    definitions: dict[str, Any] = dict(selector.pop("_defs"))
    definitions["selector"] = selector
    header = _model(RuleHeader)
    definitions.update(header.pop("definitions", {}))
    options = []
    for name, kind in sorted(REGISTRY.items()):
        params = _model(kind.Params)
        for key, value in params.pop("definitions", {}).items():
            if key != "Selector":
                definitions[key] = value
        text = json.dumps(params).replace("#/definitions/Selector", "#/definitions/selector")
        params = json.loads(text)
        properties = {**header["properties"], **params.get("properties", {})}
        properties["kind"] = {"const": name, "description": (kind.__doc__ or "").strip().splitlines()[0]}
        options.append(
            {
                "title": name,
                "type": "object",
                "properties": properties,
                "required": sorted({"id", "kind", "description", "source", *params.get("required", [])}),
                "additionalProperties": False,
                "if": {"properties": {"kind": {"const": name}}, "required": ["kind"]},
            }
        )
    branches = [{"if": o.pop("if"), "then": o} for o in options]
    return {
        "$schema": DRAFT,
        "title": "backplan rule file",
        "type": "object",
        "properties": {
            "rules": {
                "type": "array",
                "items": {
                    "if": {"type": "object", "required": ["override"]},
                    "then": _override_schema(),
                    "else": {
                        "type": "object",
                        "required": ["kind"],
                        "properties": {"kind": {"enum": sorted(REGISTRY)}},
                        "allOf": branches,
                    },
                },
            },
            "shipped": {
                "type": "boolean",
                "description": "false: plan with the rules of the files given instead of the shipped rules.",
            },
            "vocabulary": _model(Vocabulary),
        },
        "required": ["rules"],
        "additionalProperties": False,
        "definitions": definitions,
    }


def _override_schema() -> dict[str, Any]:
    """An ``override:`` entry: the rule it changes, a reason, and new values for its keys (checked
    against the rule's kind when loaded)."""
    return {
        "type": "object",
        "description": "Changes a shipped (or earlier) rule; severity: off switches it off. A safety rule needs a reason.",
        "required": ["override"],
        "properties": {
            "override": {"type": "string", "description": "Id of the rule to change."},
            "reason": {"type": "string", "description": "Why; printed in every plan made with the override."},
            "severity": {"enum": ["safety", "structure", "preference", "hard", "soft", "off", False]},
        },
        "not": {"anyOf": [{"required": ["id"]}, {"required": ["kind"]}]},
    }


def _catalog_schema(catalog: Catalog) -> dict[str, Any]:
    exercise = _model(Exercise)
    vocab, graph = catalog.vocab, catalog.graph
    _enum_words(exercise, "kind", list(vocab.kinds))
    _enum_words(exercise, "region", list(graph.regions))
    _enum_words(exercise, "position", vocab.positions)
    _enum_words(exercise, "other_positions", vocab.positions)
    _enum_words(exercise, "side", vocab.sides)
    _enum_words(exercise, "level", vocab.levels)
    _enum_words(exercise, "audience", vocab.audiences)
    _enum_words(exercise, "equipment", list(vocab.equipment))
    _enum_words(exercise, "recommended", list(vocab.equipment))
    _enum_words(exercise, "contraindications", list(vocab.conditions))
    definitions = exercise.pop("definitions", {})
    muscles = definitions.get("Muscles")
    if muscles:
        for role in ("primary", "secondary"):
            muscles["properties"][role]["items"] = {"type": "string", "enum": sorted(graph.muscles)}
    definitions["exercise"] = exercise
    return {
        "$schema": DRAFT,
        "title": "backplan catalog file",
        "type": "object",
        "properties": {"exercises": {"type": "array", "items": {"$ref": "#/definitions/exercise"}}},
        "required": ["exercises"],
        "additionalProperties": False,
        "definitions": definitions,
    }


def generate(catalog: Catalog | None = None) -> dict[str, dict[str, Any]]:
    """Every schema by name (``plan``, ``profile``, ``catalog``, ``rules``, ``programme``, ``explain``)."""
    catalog = catalog or default_catalog()
    plan = _model(Plan)
    out = {
        "plan": plan,
        "profile": _profile_schema(catalog),
        "catalog": _catalog_schema(catalog),
        "rules": _rules_schema(catalog),
        "programme": _model(Programme),
        "explain": _model(Explanation),
    }
    for name, schema in out.items():
        schema["$schema"] = DRAFT
        schema.setdefault("title", f"backplan {name}")
    return out


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


def write(folder: Path | str) -> list[Path]:
    return write_generated(folder, {f"{name}.schema.json": render(schema) for name, schema in generate().items()})


if __name__ == "__main__":  # pragma: no cover
    target = sys.argv[1] if len(sys.argv) > 1 else str(Path(__file__).resolve().parent.parent / "schemas")
    for p in write(target):
        print(p)
