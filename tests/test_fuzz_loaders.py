"""Fuzzing the loaders: whatever a file holds, loading it succeeds or raises one positioned InputError.

Arbitrary text, arbitrary bytes and structure-aware mutations of the shipped files (rules,
catalog, example profiles) go through the real loading paths: :func:`planner.loading.yamlio.load_yaml_text`,
:func:`planner.loading.yamlio.load_yaml_file` (a ``.yaml`` and a ``.json`` file),
:func:`planner.rules.load_rule_file`, :func:`planner.profile.load_profile` and
:func:`planner.catalog.load_catalog` (on a scratch copy of ``catalog/`` with one file mutated).
Mutations work on text (lines deleted, duplicated, swapped or repeated; a character changed,
inserted or deleted; indentation changed or made a tab; a token replaced by a known word, a YAML
tag, anchor, indicator, odd number or random text) and on the parsed data (a value replaced,
deleted, copied or wrapped; a key added; an item appended), then written back as YAML or JSON.

The property: the load either succeeds, or raises :class:`planner.errors.InputError` whose text
starts with the path of the file that was read (for the catalog: a file of the catalog folder).
Any other exception is a bug.

The suite runs a small derandomized sample (about ten seconds) and the inputs the long run found
crashing (``KNOWN_CRASHERS``); ``benchmarks/fuzz_loaders.py`` runs the same targets and
strategies for minutes, and imports them from here.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import string
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.catalog import default_catalog, load_catalog
from planner.errors import InputError
from planner.kinds import REGISTRY
from planner.loading.yamlio import load_yaml_file, load_yaml_text
from planner.models import Exercise, Profile, RuleHeader, Selector
from planner.muscles import MuscleFile
from planner.profile import load_profile
from planner.rules import load_rule_file

pytestmark = pytest.mark.filterwarnings("ignore:Generating overly large repr")

ROOT = Path(__file__).resolve().parent.parent
CATALOG = default_catalog()

RULE_FILES = sorted((ROOT / "rules").glob("*.yaml"))
CATALOG_FILES = sorted((ROOT / "catalog").glob("*.yaml"))
PROFILE_FILES = [*sorted((ROOT / "examples" / "profiles").glob("*.yaml")), ROOT / "planner" / "default_profile.yaml"]
SEEDS: dict[str, str] = {
    str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in [*RULE_FILES, *CATALOG_FILES, *PROFILE_FILES]
}

ACCEPTED = "accepted"
REJECTED = "rejected"

# --------------------------------------------------------------------------------------------
# what a mutation may put in a file

_VOCAB = CATALOG.vocab
WORDS = sorted(
    {
        *REGISTRY,
        *_VOCAB.kinds,
        *_VOCAB.blocks,
        *_VOCAB.positions,
        *_VOCAB.sides,
        *_VOCAB.levels,
        *_VOCAB.audiences,
        *_VOCAB.age_groups,
        *_VOCAB.days,
        *_VOCAB.equipment,
        *_VOCAB.conditions,
        *CATALOG.graph.names,
        *CATALOG.exercises,
        *Profile.model_fields,
        *RuleHeader.model_fields,
        *Exercise.model_fields,
        *MuscleFile.model_fields,
        *(f.alias or n for n, f in Selector.model_fields.items()),
        *(f.alias or n for kind in REGISTRY.values() for n, f in kind.Params.model_fields.items()),
        "exercises", "rules", "min", "max", "primary", "secondary", "reason", "alternative", "sets", "reps",
        "hold_s", "minutes", "hard", "soft", "session", "week", "items", "days", "distinct", "group", "all",
    }
)

# YAML-significant scalars and fragments: tags (plain ones with bad values too), anchors,
# aliases, merge keys, indicators, implicit types, odd characters and over-long numbers
TOKENS = [
    "!!int", "!!float", "!!bool", "!!str", "!!null", "!!map", "!!seq", "!!binary", "!!timestamp", "!!set",
    "!!omap", "!!pairs", "!!merge", "!!value", "!!python/object:os.system", "!!python/name:os.system", "!mine",
    "!<tag:yaml.org,2002:int>", "!<tag:yaml.org,2002:str>", "!", "&a", "*a", "&b", "*b", "<<", "~", "null",
    "NULL", "true", "True", "yes", "on", "off", "no", "y", "n", ".inf", "-.inf", ".nan", ".NaN", "0x1F", "0o17",
    "0b101", "0b", "0x", "0o", "0b2", "0o9", "0xg", "1_000", "_", "1:30", "1:2:3", "190:20:30", "1:99", "-0",
    "+1", "+", "-", "1e3", "1.5e+3", "6.8523015e+5", ".", "1.", "2001-12-14", "2001-12-14t21:59:43.10-05:00",
    "'", '"', "''", '""', "|", ">", "|-", ">+", "|2", "- ", "? ", ": ", ":", "{", "}", "[", "]", "{}", "[]",
    ",", "#", "%", "@", "`", "---", "...", "%YAML 1.1", "%TAG ! tag:x,2000:", "\t", "\r", "\n", "\x85",
    "\u2028", "\ufeff", "\x00", "\x07", "\\", "\\x", "=", "9" * 4301, "1" + "0" * 5000, "0x" + "f" * 5000,
    "1.5" + "0" * 5000, "x" * 1100, "-1", "0", "1", "7", "8", "100", "1000", "-1.5", "0.0", "1e999",
]

# --------------------------------------------------------------------------------------------
# strategies


def scalars() -> st.SearchStrategy[str]:
    """A replacement scalar: a known word, a YAML token, a number, random text, or a tag and a value."""
    token = st.sampled_from(TOKENS)
    word = st.sampled_from(WORDS)
    return st.one_of(
        word,
        token,
        st.tuples(token, st.one_of(word, token, st.text(max_size=8))).map(" ".join),
        st.tuples(token, st.one_of(word, token)).map("".join),
        st.integers().map(str),
        st.integers(min_value=-(10**40), max_value=10**40).map(str),
        st.floats().map(repr),
        st.text(max_size=12),
        st.lists(word, max_size=3).map(lambda ws: "[" + ", ".join(ws) + "]"),
        st.dictionaries(word, word, max_size=2).map(lambda d: "{" + ", ".join(f"{k}: {v}" for k, v in d.items()) + "}"),
    )


def yamlish_text() -> st.SearchStrategy[str]:
    """Text built from YAML fragments, words, indentation and newlines (more structure than st.text)."""
    piece = st.one_of(
        st.sampled_from(TOKENS),
        st.sampled_from(WORDS),
        st.sampled_from(["\n", "\n  ", "\n    ", "\n- ", ": ", ", ", " "]),
        st.text(max_size=6),
    )
    return st.lists(piece, max_size=40).map("".join)


def any_text() -> st.SearchStrategy[str]:
    """Arbitrary text (surrogates included) or YAML-looking text."""
    return st.one_of(
        st.text(),
        st.text(alphabet=st.characters(exclude_categories=())),
        yamlish_text(),
    )


def edit_chars() -> st.SearchStrategy[str]:
    """One character for a character edit: mostly printable ASCII, sometimes anything at all."""
    return st.one_of(
        st.sampled_from(string.printable),
        st.sampled_from(string.ascii_lowercase + " -:[]{},#'\"&*!|>"),
        st.characters(exclude_categories=()),
    )


OPS = (
    "delete", "duplicate", "swap", "char", "insert_char", "delete_char", "indent", "dedent", "tab",
    "scalar", "insert_line", "splice", "truncate", "repeat",
)
_TOKEN_RE = re.compile(r"[^\s:,\[\]{}#]+")


def mutations() -> st.SearchStrategy[list[tuple]]:
    op = st.tuples(
        st.sampled_from(OPS),
        st.integers(min_value=0, max_value=10**6),
        st.integers(min_value=0, max_value=10**6),
        scalars(),
        edit_chars(),
    )
    return st.lists(op, min_size=1, max_size=4)


def mutate(text: str, ops: list[tuple]) -> str:
    """Apply line-level, character-level and scalar-level edits to ``text``."""
    seed_texts = list(SEEDS.values())
    lines = text.split("\n")
    for name, a, b, scalar, char in ops:
        if not lines:
            lines = [""]
        i = a % len(lines)
        line = lines[i]
        if name == "delete":
            del lines[i]
        elif name == "duplicate":
            lines.insert(i, line)
        elif name == "swap":
            j = b % len(lines)
            lines[i], lines[j] = lines[j], lines[i]
        elif name == "char":
            if line:
                k = b % len(line)
                lines[i] = line[:k] + char + line[k + 1 :]
            else:
                lines[i] = char
        elif name == "insert_char":
            k = b % (len(line) + 1)
            lines[i] = line[:k] + char + line[k:]
        elif name == "delete_char":
            if line:
                k = b % len(line)
                lines[i] = line[:k] + line[k + 1 :]
        elif name == "indent":
            lines[i] = " " * (1 + b % 4) + line
        elif name == "dedent":
            strip = 1 + b % 4
            lead = len(line) - len(line.lstrip(" "))
            lines[i] = line[min(strip, lead) :]
        elif name == "tab":
            lead = len(line) - len(line.lstrip(" "))
            lines[i] = "\t" + line[lead:] if lead else "\t" + line
        elif name == "scalar":
            spans = [m.span() for m in _TOKEN_RE.finditer(line)]
            if spans:
                start, end = spans[b % len(spans)]
                lines[i] = line[:start] + scalar + line[end:]
            else:
                lines[i] = line + scalar
        elif name == "insert_line":
            lines.insert(i, " " * (b % 7) + scalar)
        elif name == "splice":
            other = seed_texts[b % len(seed_texts)].split("\n")
            lines.insert(i, other[(a // 7) % len(other)])
        elif name == "truncate":
            del lines[i + 1 :]
            k = b % (len(line) + 1)
            lines[i] = line[:k]
        elif name == "repeat":
            count = 2 + b % 30
            j = min(len(lines), i + 1 + (b // 31) % 20)
            lines[i:j] = lines[i:j] * count
    return "\n".join(lines)


def byte_edits() -> st.SearchStrategy[list[tuple[int, int]]]:
    """Byte-level edits applied after encoding (usually none): (position, byte) replaces, which may
    break UTF-8."""
    edit = st.tuples(st.integers(min_value=0, max_value=10**6), st.integers(0, 255))
    return st.one_of(st.just([]), st.just([]), st.just([]), st.lists(edit, min_size=1, max_size=2))


def apply_bytes(data: bytes, edits: list[tuple[int, int]]) -> bytes:
    buf = bytearray(data)
    for pos, value in edits:
        if buf:
            buf[pos % len(buf)] = value
        else:
            buf.append(value)
    return bytes(buf)


def mutated(files: list[Path]) -> st.SearchStrategy[tuple[str, bytes]]:
    """(file name, bytes): one of ``files`` with text edits, then maybe byte edits."""
    names = [p.name for p in files]
    texts = {p.name: p.read_text(encoding="utf-8") for p in files}
    return st.tuples(st.sampled_from(names), mutations(), byte_edits()).map(
        lambda t: (t[0], apply_bytes(mutate(texts[t[0]], t[1]).encode("utf-8", "surrogatepass"), t[2]))
    )


def values() -> st.SearchStrategy[object]:
    """A YAML value for a tree edit: a known word, a plain scalar, or a small list or mapping."""
    leaf = st.one_of(
        st.sampled_from(WORDS),
        st.sampled_from(WORDS),
        st.none(),
        st.booleans(),
        st.integers(min_value=-(10**30), max_value=10**30),
        st.integers(min_value=-2, max_value=1001),
        st.floats(),
        st.text(max_size=10),
    )
    return st.recursive(
        leaf,
        lambda inner: st.one_of(
            st.lists(inner, max_size=3),
            st.dictionaries(st.one_of(st.sampled_from(WORDS), st.text(max_size=4)), inner, max_size=3),
        ),
        max_leaves=6,
    )


TREE_OPS = ("replace", "replace", "delete", "add_key", "append", "copy", "wrap")


def tree_mutations() -> st.SearchStrategy[list[tuple]]:
    op = st.tuples(
        st.sampled_from(TREE_OPS),
        st.integers(min_value=0, max_value=10**6),
        st.integers(min_value=0, max_value=10**6),
        values(),
        st.sampled_from(WORDS),
    )
    return st.lists(op, min_size=1, max_size=3)


def _paths(node: object, path: tuple = ()) -> list[tuple]:
    out = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            out.extend(_paths(value, (*path, key)))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out.extend(_paths(value, (*path, i)))
    return out


def _get(node: object, path: tuple) -> object:
    for part in path:
        node = node[part]  # type: ignore[index]
    return node


def tree_mutate(data: object, ops: list[tuple]) -> object:
    """Edit a parsed file: replace, delete or copy a value, add a key, append an item, wrap a value."""
    root = {"": copy.deepcopy(data)}  # a holder, so that the document itself can be replaced
    for name, a, b, value, word in ops:
        paths = _paths(root[""], ("",))
        path = paths[a % len(paths)]
        parent, key = _get(root, path[:-1]), path[-1]
        node = parent[key]  # type: ignore[index]
        if name == "replace":
            parent[key] = copy.deepcopy(value)  # type: ignore[index]
        elif name == "delete" and len(path) > 1:
            del parent[key]  # type: ignore[union-attr]
        elif name == "add_key" and isinstance(node, dict):
            node[word] = copy.deepcopy(value)
        elif name == "append" and isinstance(node, list):
            node.append(copy.deepcopy(node[b % len(node)]) if node and b % 2 else copy.deepcopy(value))
        elif name == "copy":
            parent[key] = copy.deepcopy(_get(root, paths[b % len(paths)]))  # type: ignore[index]
        elif name == "wrap":
            parent[key] = [node] if b % 2 else {word: node}  # type: ignore[index]
    return root[""]


def _dump_yaml(data: object) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def _dump_json(data: object) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, default=str)


def tree_mutated(files: list[Path], dump: Callable[[object], str] = _dump_yaml) -> st.SearchStrategy[tuple[str, bytes]]:
    """(file name, bytes): one of ``files`` parsed, edited as data, and written back (YAML or JSON)."""
    names = [p.name for p in files]
    data = {p.name: yaml.safe_load(p.read_text(encoding="utf-8")) for p in files}

    def build(t: tuple) -> tuple[str, bytes]:
        edited = tree_mutate(data[t[0]], t[1])
        return t[0], dump(edited).encode("utf-8", "surrogatepass")

    return st.tuples(st.sampled_from(names), tree_mutations()).map(build)


def json_bytes(files: list[Path]) -> st.SearchStrategy[bytes]:
    """JSON for a ``.json`` file: shipped files as JSON, edited as data or as text, or arbitrary."""
    names = [p.name for p in files]
    texts = {p.name: _dump_json(yaml.safe_load(p.read_text(encoding="utf-8"))) for p in files}
    as_text = st.tuples(st.sampled_from(names), mutations()).map(lambda t: mutate(texts[t[0]], t[1]))
    return st.one_of(
        tree_mutated(files, _dump_json).map(lambda t: t[1]),
        as_text.map(lambda s: s.encode("utf-8", "surrogatepass")),
        any_text().map(lambda s: s.encode("utf-8", "surrogatepass")),
        st.binary(),
    )


def any_mutation(files: list[Path]) -> st.SearchStrategy[tuple[str, bytes]]:
    """A text-level or a tree-level mutation of one of ``files``."""
    return st.one_of(mutated(files), tree_mutated(files))


def file_bytes(files: list[Path]) -> st.SearchStrategy[bytes]:
    """Bytes for a whole-file loader: a mutated shipped file, arbitrary text, or arbitrary bytes."""
    edited = mutated(files).map(lambda t: t[1])
    tree = tree_mutated(files).map(lambda t: t[1])
    return st.one_of(
        edited,
        edited,
        tree,
        tree,
        any_text().map(lambda s: s.encode("utf-8", "surrogatepass")),
        st.binary(),
    )


# --------------------------------------------------------------------------------------------
# the property, per loading path


class Scratch:
    """A scratch folder: one file per loader, and a copy of the catalog folder to mutate."""

    def __init__(self, base: Path | None = None) -> None:
        self._tmp = None
        if base is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="backplan-fuzz-")
            base = Path(self._tmp.name)
        self.base = base
        self.catalog = base / "catalog"
        shutil.copytree(ROOT / "catalog", self.catalog)
        self.originals = {p.name: p.read_bytes() for p in self.catalog.glob("*.yaml")}

    def write(self, name: str, data: bytes) -> Path:
        path = self.base / name
        path.write_bytes(data)
        return path

    def cleanup(self) -> None:
        if self._tmp is not None:
            self._tmp.cleanup()


def expect(call: Callable[[], object], prefix: str, allowed_files: Callable[[str], bool] | None = None) -> str:
    """Run ``call``: ``"accepted"``, ``"rejected"`` (an InputError starting with ``prefix``), or fail."""
    try:
        call()
    except InputError as exc:
        text = str(exc)
        assert text.startswith(prefix), f"InputError text does not start with {prefix!r}: {text!r}"
        assert exc.where is not None, f"InputError without a position: {text!r}"
        if allowed_files is not None:
            assert allowed_files(exc.where.file), f"InputError names a file outside the input: {text!r}"
        return REJECTED
    return ACCEPTED


def check_text(text: str) -> str:
    return expect(lambda: load_yaml_text(text, "fuzz.yaml"), "fuzz.yaml:")


def check_yaml_file(scratch: Scratch, data: bytes) -> str:
    path = scratch.write("any.yaml", data)
    return expect(lambda: load_yaml_file(path), f"{path}:")


def check_json_file(scratch: Scratch, data: bytes) -> str:
    path = scratch.write("any.json", data)
    return expect(lambda: load_yaml_file(path), f"{path}:")


def check_rule_file(scratch: Scratch, data: bytes) -> str:
    path = scratch.write("rules.yaml", data)
    return expect(lambda: load_rule_file(path, CATALOG), f"{path}:")


def check_profile(scratch: Scratch, data: bytes) -> str:
    path = scratch.write("profile.yaml", data)
    return expect(lambda: load_profile(path, CATALOG), f"{path}:")


def check_catalog(scratch: Scratch, name: str, data: bytes) -> str:
    """Load the scratch catalog with ``name`` replaced by ``data``; the error names a catalog file."""
    folder = scratch.catalog
    target = folder / name
    target.write_bytes(data)
    try:
        return expect(
            lambda: load_catalog(folder),
            str(folder),
            lambda file: file == str(folder) or Path(file).parent == folder,
        )
    finally:
        target.write_bytes(scratch.originals[name])


# --------------------------------------------------------------------------------------------
# the targets: a strategy and a check each (benchmarks/fuzz_loaders.py runs these same ones)

ALL_FILES = [*RULE_FILES, *CATALOG_FILES, *PROFILE_FILES]


def _text(value: tuple[str, bytes]) -> str:
    return value[1].decode("utf-8", "replace")


TARGETS: dict[str, tuple[Callable[[], st.SearchStrategy], Callable[[Scratch, object], str]]] = {
    # arbitrary (and YAML-looking) text into load_yaml_text
    "yaml-text": (any_text, lambda scratch, text: check_text(text)),
    # every shipped file mutated, as text, into load_yaml_text
    "yaml-text-mutated": (lambda: any_mutation(ALL_FILES).map(_text), lambda scratch, text: check_text(text)),
    # arbitrary bytes or mutated files, written to disk, into load_yaml_file
    "yaml-file-bytes": (lambda: st.one_of(st.binary(), file_bytes(ALL_FILES)), check_yaml_file),
    # the same for a file named *.json (plans are JSON)
    "json-file-bytes": (lambda: json_bytes(ALL_FILES), check_json_file),
    # rule files into load_rule_file (shipped catalog)
    "rule-file": (lambda: file_bytes(RULE_FILES), check_rule_file),
    # profiles into load_profile (shipped catalog)
    "profile": (lambda: file_bytes(PROFILE_FILES), check_profile),
    # a copy of catalog/ with one file mutated into load_catalog
    "catalog": (lambda: any_mutation(CATALOG_FILES), lambda scratch, value: check_catalog(scratch, *value)),
}

# --------------------------------------------------------------------------------------------
# the suite's fixed sample (about ten seconds in all)

FAST = settings(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


def fast(examples: int) -> settings:
    return settings(FAST, max_examples=examples)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    return Scratch(tmp_path_factory.mktemp("fuzz"))


@fast(500)
@given(value=TARGETS["yaml-text"][0]())
def test_arbitrary_text(scratch, value):
    TARGETS["yaml-text"][1](scratch, value)


@fast(200)
@given(value=TARGETS["yaml-text-mutated"][0]())
def test_mutated_shipped_text(scratch, value):
    TARGETS["yaml-text-mutated"][1](scratch, value)


@fast(200)
@given(value=TARGETS["yaml-file-bytes"][0]())
def test_arbitrary_bytes_file(scratch, value):
    TARGETS["yaml-file-bytes"][1](scratch, value)


@fast(150)
@given(value=TARGETS["json-file-bytes"][0]())
def test_arbitrary_json_file(scratch, value):
    TARGETS["json-file-bytes"][1](scratch, value)


@fast(200)
@given(value=TARGETS["rule-file"][0]())
def test_mutated_rule_files(scratch, value):
    TARGETS["rule-file"][1](scratch, value)


@fast(250)
@given(value=TARGETS["profile"][0]())
def test_mutated_profiles(scratch, value):
    TARGETS["profile"][1](scratch, value)


@fast(40)
@given(value=TARGETS["catalog"][0]())
def test_mutated_catalog(scratch, value):
    TARGETS["catalog"][1](scratch, value)


# --------------------------------------------------------------------------------------------
# inputs the long run (benchmarks/fuzz_loaders.py) found crashing, kept as fixed regressions

KNOWN_CRASHERS = {
    # PyYAML's SafeConstructor does not check the text of explicitly tagged scalars
    "int-tag-empty": "a: !!int\n",  # IndexError
    "int-tag-word": "a: !!int x\n",  # ValueError
    "int-tag-bad-octal": "a: !!int 08\n",  # ValueError (base 8)
    "int-tag-bad-binary": "a: !!int 0b2\n",  # ValueError (base 2)
    "int-tag-bad-hex": "a: !!int 0x\n",  # ValueError (base 16)
    "int-tag-bad-sexagesimal": "a: !!int :0\n",  # ValueError
    "int-tag-key": "!!int x: 1\n",  # ValueError, in a mapping key
    "float-tag-empty": "a: !!float\n",  # IndexError
    "float-tag-word": "a: !!float x\n",  # ValueError
    "bool-tag-empty": "a: !!bool\n",  # KeyError
    "bool-tag-word": "a: !!bool maybe\n",  # KeyError
    # Python >= 3.11 refuses int() on more than 4300 decimal digits; no tag needed
    "int-4301-digits": "a: " + "1" * 4301 + "\n",  # ValueError
    "int-4301-digits-in-list": "- -" + "1" * 4301 + "\n",  # ValueError
    # libyaml (CSafeLoader) encodes the text to UTF-8 first; only load_yaml_text can get these
    "lone-surrogate": "a: \ud800\n",  # UnicodeEncodeError
}


@pytest.mark.parametrize("text", list(KNOWN_CRASHERS.values()), ids=list(KNOWN_CRASHERS))
def test_known_crashers_are_input_errors(scratch, text):
    check_text(text)
    wrapped = "days: [mon]\nname:\n  " + text.replace("\n", "\n  ")
    check_profile(scratch, wrapped.encode("utf-8", "replace"))  # a file cannot hold a lone surrogate


def test_known_crasher_in_json_file(scratch):
    check_json_file(scratch, ('{"days": ["mon"], "session_minutes": ' + "1" * 4301 + "}").encode())
