"""Safe YAML loading that remembers where every value came from.

Only PyYAML's safe composer is used: no Python tags, no custom tags, duplicate keys rejected,
size, depth and node-count limits enforced, and every value's (line, column) kept so that later
validation errors can point at the exact place in the user's file.
"""

from __future__ import annotations

import json
import re
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
    def __init__(self, file: str, aliases: bool = False) -> None:
        self.file = file
        self.aliases = aliases
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
            hint = "; aliases (*name) repeat values" if self.aliases else ""
            raise self.fail(f"too many YAML values (more than {MAX_NODES}){hint}", node)
        if depth > MAX_DEPTH:
            raise self.fail(f"nesting deeper than {MAX_DEPTH} levels", node)
        if node.tag not in _PLAIN_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            raise self.fail(f'YAML tag "{tag}" is not allowed; write plain values', node)
        self.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise self.fail('merge keys ("<<") are not supported; write the keys out', key_node)
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _PLAIN_TAGS:
                    raise self.fail("mapping keys must be plain words", key_node)
                key = self.scalar(key_node)
                if not isinstance(key, str):
                    raise self.fail(f'keys must be words; "{key_node.value}" is not', key_node)
                if key in result:
                    raise self.fail(f'duplicate key "{key}"', key_node)
                self.key_positions[(*path, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                result[key] = self.build(value_node, (*path, key), depth + 1)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        return self.scalar(node)

    def scalar(self, node: yaml.Node) -> Any:
        """A scalar's value; text that does not fit its (explicit) type is a positioned error."""
        try:
            if node.tag == "tag:yaml.org,2002:int":
                return int(node.value, 10)  # decimal, whatever the leading zeros (YAML 1.2)
            return self.scalars.construct_object(node)
        except (ValueError, IndexError, KeyError, TypeError, OverflowError) as exc:
            tag = node.tag.replace("tag:yaml.org,2002:", "")
            if "Exceeds the limit" in str(exc):
                problem = "a number with too many digits"
            else:
                problem = f'"{node.value}" is not a valid {tag}'
            raise self.fail(problem, node) from None


_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: same rules, faster


class _Loader(_BASE_LOADER):  # type: ignore[misc, valid-type]
    """PyYAML's safe loader with numbers read as a person means them (YAML 1.2 core rules).

    YAML 1.1 reads ``045`` as 37 (octal), ``1:00`` as 60 (base 60), ``0x28`` and ``4_0`` as 40,
    ``2024-01-01`` as a date and ``=`` as a "value" marker. Here a plain whole number is decimal
    whatever its leading zeros (``045`` is 45); numbers are plain decimal digits (with an optional
    sign, point and exponent); every other form stays text, so a field that needs a number says
    so at the value's position instead of silently reading something else. ``true``/``false``
    (and YAML 1.1's ``yes``/``no``/``on``/``off``) and ``null``/``~``/empty keep their meaning.
    """

    yaml_implicit_resolvers: dict = {}


for _first, _resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items():
    for _tag, _regexp in _resolvers:
        if _tag in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:merge"):
            _Loader.yaml_implicit_resolvers.setdefault(_first, []).append((_tag, _regexp))
_Loader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+0123456789."),
)
_LOADER = _Loader
_OPENERS = (yaml.BlockMappingStartToken, yaml.BlockSequenceStartToken, yaml.FlowMappingStartToken,
            yaml.FlowSequenceStartToken)
_CLOSERS = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)


def _where(file: str, mark: yaml.Mark | None) -> Where:
    return Where(file, mark.line + 1, mark.column + 1) if mark is not None else Where(file)


def _yaml_problem(exc: yaml.MarkedYAMLError, text: str) -> str:
    problem = exc.problem or exc.context or "invalid YAML"
    mark = exc.problem_mark
    at_tab = mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t"
    if at_tab or "'\\t'" in problem or " tab" in problem:
        return "tab characters cannot indent YAML; use spaces"
    return problem


def _prescan(text: str, file: str) -> bool:
    """Walk the tokens (no recursion) to stop deep nesting, oversized documents and explicit
    tags (``!!python/object``, ``!mine``, even ``!!int``: values are always written plain) early.

    Returns whether the text uses aliases (which the value count then explains).

    libyaml's scanner reads ahead and, from PyYAML 6.0.4 on, stops very deep flow nesting with
    its own unpositioned-for-us error before the 41st opener is ever handed out; the pure-Python
    scanner has no such limit, so the text is scanned again with it to report backplan's own
    message at the opener that crosses the limit, whatever PyYAML version is installed.
    """
    try:
        return _scan_tokens(text, file, _LOADER)
    except yaml.MarkedYAMLError as exc:
        if _BASE_LOADER is yaml.SafeLoader or "nesting depth" not in str(exc.problem or ""):
            raise
        return _scan_tokens(text, file, yaml.SafeLoader)


def _scan_tokens(text: str, file: str, loader: type) -> bool:
    depth = 0
    scalars = 0
    aliases = False
    for token in yaml.scan(text, Loader=loader):
        if isinstance(token, _OPENERS):
            depth += 1
            if depth > MAX_DEPTH:
                raise InputError(f"nesting deeper than {MAX_DEPTH} levels", _where(file, token.start_mark))
        elif isinstance(token, _CLOSERS):
            depth -= 1
        elif isinstance(token, yaml.ScalarToken):
            scalars += 1
            if scalars > MAX_NODES:
                raise InputError(f"too many YAML values (more than {MAX_NODES})", _where(file, token.start_mark))
        elif isinstance(token, yaml.AliasToken):
            aliases = True
        elif isinstance(token, yaml.TagToken):
            handle, suffix = token.value
            tag = (handle or "") + (suffix or "")
            raise InputError(f'YAML tag "{tag}" is not allowed; write plain values', _where(file, token.start_mark))
    return aliases


def load_yaml_text(text: str, file: str = "<string>") -> Document:
    """Parse YAML text into a :class:`Document`; raise :class:`InputError` with a position."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise InputError(f"file is larger than {MAX_BYTES // (1024 * 1024)} MiB", Where(file, 1, 1))
    surrogate = next((i for i, ch in enumerate(text) if "\ud800" <= ch <= "\udfff"), None)
    if surrogate is not None:
        before = text[:surrogate]
        where = Where(file, before.count("\n") + 1, surrogate - (before.rfind("\n") + 1) + 1)
        raise InputError("invalid character (a lone UTF-16 surrogate)", where)
    try:
        aliases = _prescan(text, file)
        documents = list(yaml.compose_all(text, Loader=_LOADER))
    except yaml.MarkedYAMLError as exc:
        raise InputError(f"invalid YAML: {_yaml_problem(exc, text)}", _where(file, exc.problem_mark or exc.context_mark)) from None
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        line, column = before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        message = f"invalid YAML: unacceptable character #x{code:04x}: special characters are not allowed"
        raise InputError(message, Where(file, line, column)) from None
    except yaml.YAMLError as exc:  # pragma: no cover - other errors without marks
        raise InputError(f"invalid YAML: {str(exc).splitlines()[0]}", Where(file)) from None
    if len(documents) > 1:
        node = documents[1]
        raise InputError(
            "a file holds one YAML document; remove the extra '---'",
            Where(file, node.start_mark.line + 1, node.start_mark.column + 1),
        )
    builder = _Builder(file, aliases)
    data = builder.build(documents[0], (), 0) if documents and documents[0] is not None else None
    return Document(file=file, data=data, positions=builder.positions, key_positions=builder.key_positions)


def _json_error(text: str, file: str) -> None:
    """For ``.json`` files, report JSON syntax errors as JSON (YAML would accept some of them)."""
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg}", Where(file, exc.lineno, exc.colno)) from None
    except ValueError:
        match = re.search(r"\d{4000,}", text)
        at = match.start() if match else 0
        before = text[:at]
        where = Where(file, before.count("\n") + 1, at - (before.rfind("\n") + 1) + 1)
        raise InputError("invalid JSON: a number with too many digits", where) from None
    except RecursionError:
        raise InputError(f"nesting deeper than {MAX_DEPTH} levels", Where(file, 1, 1)) from None


_BOMS = (
    (b"\x00\x00\xfe\xff", "UTF-32"), (b"\xff\xfe\x00\x00", "UTF-32"), (b"\xfe\xff", "UTF-16"), (b"\xff\xfe", "UTF-16")
)


def _wide_encoding(raw: bytes) -> str | None:
    """``"UTF-16"``/``"UTF-32"`` for text in those encodings (with or without a byte-order mark)."""
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return name
    head = raw[: len(raw[:512]) // 4 * 4]
    if not head:
        return None
    quarter = len(head) // 4

    def zeros(start: int, step: int) -> int:
        return head[start::step].count(0)

    if zeros(1, 4) + zeros(2, 4) + zeros(3, 4) >= 3 * quarter - 1 or zeros(0, 4) + zeros(1, 4) + zeros(2, 4) >= 3 * quarter - 1:
        return "UTF-32"  # ASCII text as four bytes a character, three of them zero
    if max(zeros(0, 2), zeros(1, 2)) >= 2 * quarter - 1:
        return "UTF-16"  # ASCII text as two bytes a character, one of them zero
    return None


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
        with path.open("rb") as handle:  # never more than the limit: /dev/zero, an endless pipe
            raw = handle.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            raise InputError(f"file is larger than {MAX_BYTES // (1024 * 1024)} MiB", Where(name, 1, 1))
    except FileNotFoundError:
        raise InputError("file not found", Where(name)) from None
    except PermissionError:
        raise InputError("permission denied", Where(name)) from None
    except OSError as exc:
        reason = str(exc.strerror or exc)
        raise InputError(f"cannot read file: {reason[:1].lower()}{reason[1:]}", Where(name)) from None
    wide = _wide_encoding(raw)
    if wide:
        raise InputError(f"the file is {wide} text; save it as UTF-8", Where(name, 1, 1))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise InputError(f"not UTF-8 text (byte 0x{raw[exc.start]:02x})", Where(name, line, column)) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if path.suffix.lower() == ".json" and text.strip():
        _json_error(text, name)
    return load_yaml_text(text, name)
