"""Safe YAML loading that remembers where every value came from.

Only PyYAML's safe composer is used: no Python tags, no custom tags, duplicate keys rejected,
size, depth and node-count limits enforced, and every value's (line, column) kept so that later
validation errors can point at the exact place in the user's file.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from planner.errors import InputError, Where

__all__ = ["Document", "load_yaml_file", "load_yaml_text", "MAX_BYTES", "MAX_DEPTH", "MAX_NODES"]

MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 40
MAX_NODES = 200_000

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}

Path_ = tuple[Hashable, ...]


@dataclass
class Document:
    """A parsed YAML file: its data and the position of every value by its path."""

    file: str
    data: Any
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: Path_ = ()) -> Where:
        """Position of the value at ``path``, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path and path not in self.positions:
            path = path[:-1]
        line, col = self.positions.get(path, (1, 1))
        return Where(self.file, line, col)

    def where_key(self, path: Path_) -> Where:
        """Position of the key that ends ``path`` (for errors about the key itself)."""
        path = tuple(path)
        if path in self.key_positions:
            line, col = self.key_positions[path]
            return Where(self.file, line, col)
        return self.where(path)


class _Builder:
    def __init__(self, file: str) -> None:
        self.file = file
        self.positions: dict[Path_, tuple[int, int]] = {}
        self.key_positions: dict[Path_, tuple[int, int]] = {}
        self.count = 0
        self.scalars = yaml.constructor.SafeConstructor()

    def fail(self, message: str, node: yaml.Node) -> InputError:
        mark = node.start_mark
        return InputError(message, Where(self.file, mark.line + 1, mark.column + 1))

    def build(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise self.fail(f"too many YAML values (more than {MAX_NODES}); is an alias repeated?", node)
        if depth > MAX_DEPTH:
            raise self.fail(f"nesting deeper than {MAX_DEPTH} levels", node)
        if node.tag not in _PLAIN_TAGS:
            raise self.fail(f'YAML tag "{node.tag}" is not allowed; write plain values', node)
        self.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise self.fail('merge keys ("<<") are not supported; write the keys out', key_node)
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _PLAIN_TAGS:
                    raise self.fail("mapping keys must be plain words", key_node)
                key = self.scalars.construct_object(key_node)
                if not isinstance(key, (str, int, bool)) or key is None:
                    raise self.fail("mapping keys must be plain words", key_node)
                if key in result:
                    raise self.fail(f'duplicate key "{key}"', key_node)
                self.key_positions[(*path, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                result[key] = self.build(value_node, (*path, key), depth + 1)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        return self.scalars.construct_object(node)


def load_yaml_text(text: str, file: str = "<string>") -> Document:
    """Parse YAML text into a :class:`Document`; raise :class:`InputError` with a position."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise InputError(f"file is larger than {MAX_BYTES // (1024 * 1024)} MiB", Where(file, 1, 1))
    try:
        documents = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        if "\t" in problem or "tab" in problem:
            problem = "tab characters cannot indent YAML; use spaces"
        where = Where(file, mark.line + 1, mark.column + 1) if mark else Where(file)
        raise InputError(f"invalid YAML: {problem}", where) from None
    except yaml.YAMLError as exc:  # pragma: no cover - reader errors without marks
        raise InputError(f"invalid YAML: {exc}", Where(file)) from None
    except RecursionError:
        raise InputError(f"nesting deeper than {MAX_DEPTH} levels", Where(file, 1, 1)) from None
    if len(documents) > 1:
        node = documents[1]
        raise InputError(
            "a file holds one YAML document; remove the extra '---'",
            Where(file, node.start_mark.line + 1, node.start_mark.column + 1),
        )
    builder = _Builder(file)
    data = builder.build(documents[0], (), 0) if documents and documents[0] is not None else None
    return Document(file=file, data=data, positions=builder.positions, key_positions=builder.key_positions)


def load_yaml_file(path: Path | str, display: str | None = None) -> Document:
    """Read and parse one YAML file; every failure is an :class:`InputError` naming the file."""
    path = Path(path)
    name = display or str(path)
    try:
        if path.is_dir():
            raise InputError("is a folder, not a YAML file", Where(name))
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"file is larger than {MAX_BYTES // (1024 * 1024)} MiB", Where(name, 1, 1))
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError("file not found", Where(name)) from None
    except PermissionError:
        raise InputError("permission denied", Where(name)) from None
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", Where(name)) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise InputError(f"not UTF-8 text (byte 0x{raw[exc.start]:02x})", Where(name, line, column)) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return load_yaml_text(text, name)
