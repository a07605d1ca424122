"""Turning pydantic's validation errors into one positioned message in the user's terms.

Every loader validates a YAML document's data against a model through :func:`validate_model`,
which finds the file, line and column of the first bad value (or key) and phrases the problem
as backplan does everywhere: unknown keys with a "did you mean", missing keys, wrong types.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ValidationError

from planner.errors import InputError, Where, did_you_mean
from planner.loading.yamlio import Document

__all__ = ["file_body", "validate_model"]


def file_body(doc: Document, what: str, shape: str = "a mapping of keys to values") -> dict[str, Any]:
    """The top-level mapping of a file, or a clear error for an empty file or another shape."""
    if doc.data is None:
        raise InputError(f"the {what} is empty", Where(doc.file, 1, 1))
    if not isinstance(doc.data, dict):
        raise InputError(f"a {what} must be {shape}", doc.where(()))
    return doc.data


def _loc_text(loc: tuple[Any, ...]) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text


def validate_model(model: type[BaseModel], data: Any, doc: Document, path: tuple[Any, ...] = ()) -> Any:
    """Validate ``data`` (found at ``path`` in ``doc``) or raise one positioned :class:`InputError`."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        # pydantic reports union members as extra loc parts (e.g. 'str', 'list[str]'); keep real keys
        clean: list[Any] = []
        node = data
        for part in loc:
            if isinstance(node, dict) and part in node:
                clean.append(part)
                node = node[part]
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                clean.append(part)
                node = node[part]
            elif error["type"] == "extra_forbidden" or error["type"] == "missing":
                clean.append(part)
                break
        where = doc.where((*path, *clean))
        message = error["msg"]
        kind = error["type"]
        if kind == "extra_forbidden":
            fields = [f.alias or name for name, f in model.model_fields.items()]
            sub = _submodel(model, clean[:-1])
            if sub is not None:
                fields = [f.alias or name for name, f in sub.model_fields.items()]
            message = f'unknown key "{clean[-1]}"{did_you_mean(str(clean[-1]), fields)}'
            where = doc.where_key((*path, *clean))
            clean = clean[:-1]
        elif kind == "missing":
            message = f'missing required key "{clean[-1]}"'
            where = doc.where((*path, *clean[:-1]))
            clean = clean[:-1]
        elif kind in ("model_type", "dict_type", "model_attributes_type"):
            message = "Input should be a mapping of keys to values"
        elif kind == "literal_error":
            choices = [c.strip().strip("'") for c in error["ctx"]["expected"].replace(" or ", ", ").split(",")]
            given = f'"{error["input"]}"' if isinstance(error["input"], str) else str(error["input"])
            if len(choices) == 1:
                message = f"must be {choices[0]}, not {given}"
            else:
                message = f'{given} is not one of {", ".join(choices)}{did_you_mean(str(error["input"]), choices)}'
        elif kind in ("int_type", "float_type", "int_from_float"):
            message = _not_a_number(error.get("input"), whole=kind != "float_type") or message
        elif kind == "too_short":
            message = f"needs at least {error['ctx']['min_length']} item(s)"
        elif kind == "too_long":
            message = f"allows at most {error['ctx']['max_length']} item(s)"
        elif message.startswith("Value error, "):
            message = message[len("Value error, ") :]
        prefix = _loc_text(tuple(clean))
        raise InputError(f"{prefix}: {message}" if prefix else message, where) from None


def _not_a_number(value: Any, whole: bool) -> str | None:
    """Say why ``value`` is not the number a field needs, in the user's terms."""
    number = "a whole number" if whole else "a number"
    if isinstance(value, float) and whole:
        return f"{value:g} is not {number}"
    if not isinstance(value, str):
        return None
    if re.fullmatch(r"[-+]?[0-9]+(\.[0-9]*)?", value.strip()):
        return f'"{value}" is quoted text, not {number}; write it without quotes'
    if re.fullmatch(r"[-+]?[0-9][0-9a-fA-FxXoObB_:.]*", value.strip()):
        return f'"{value}" is not {number}; write numbers in plain decimal digits, e.g. 40'
    return f'"{value}" is not {number}'


def _submodel(model: type[BaseModel], loc: list[Any]) -> type[BaseModel] | None:
    """Follow ``loc`` through nested model fields to find the model that owns the last key."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = next((f for n, f in current.model_fields.items() if (f.alias or n) == part), None)
        if field is None:
            return None
        current = _inner_model(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    import typing

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None
