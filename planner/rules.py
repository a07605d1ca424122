"""Rule files: loading, validation against the kind registry, and the rule set.

A rule file is YAML with a ``rules:`` list. Each rule has the common header
(:class:`planner.models.RuleHeader`: id, kind, description, severity, weight, when, source) and
the parameters of its kind, checked by that kind's ``Params`` model and its ``validate`` hook.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, Field

from planner.catalog import Catalog
from planner.errors import InputError, Where, did_you_mean
from planner.kinds import REGISTRY, Kind, unknown_kind
from planner.loading.resources import data_dir
from planner.loading.validation import file_body, validate_model
from planner.loading.words import check_word, check_words
from planner.loading.yamlio import Document, load_yaml_file
from planner.models import Profile, RuleHeader, Strict
from planner.requirements import Origin
from planner.vocabulary import Vocabulary, extend_catalog

__all__ = ["Collector", "Rule", "RuleFile", "Override", "RuleSet", "ReadFile", "distinct_files", "entries", "load_rules", "load_rule_set",
           "load_rule_file", "read_rule_file", "validate_rule_set", "default_rule_files", "shipped_file",
           "HEADER_KEYS", "MAX_RULES", "MAX_RULES_PER_FILE"]

HEADER_KEYS = tuple(RuleHeader.model_fields)
MAX_RULES_PER_FILE = 2000
MAX_RULES = 2500  # in all files together (shipped and --rules), however often --rules is repeated


class RuleFile(Strict):
    """A rule file: its ``rules:`` (new rules and ``override:`` entries), and optionally
    ``shipped: false`` (plan with the rules of the files given instead of the shipped ones) and
    ``vocabulary:`` (new conditions and equipment, see :mod:`planner.vocabulary`)."""

    rules: Annotated[list[dict[str, Any]], Field(max_length=MAX_RULES_PER_FILE)]
    shipped: bool = True
    vocabulary: Vocabulary | None = None


OVERRIDE_KEY = "override"
OFF = "off"


@dataclass(frozen=True)
class Override:
    """How a rule file changed a shipped (or earlier) rule: listed by ``rules list`` and printed
    in every plan made with it. ``rule`` is ``*`` for ``shipped: false`` (every shipped rule
    left out)."""

    rule: str
    change: str
    reason: str
    file: str  # file:line:column of the override entry
    off: bool = False
    original: Where | None = None  # where the rule it changes was written


@dataclass(frozen=True)
class Rule:
    """One rule: its header, its kind's parsed parameters and where it was written."""

    header: RuleHeader
    params: BaseModel
    kind: Kind
    where: Where
    clearance: frozenset[str] = frozenset()  # conditions the vocabulary says need clearance
    override: Override | None = None

    def __reduce__(self):  # the kind is a module: pickled by its name (planner.loading.cache)
        return (_rule, (self.header, self.params, self.kind.__name__, self.where, self.clearance, self.override))

    @property
    def off(self) -> bool:
        """Switched off by an override (``severity: off``): it applies to no profile."""
        return self.override is not None and self.override.off

    @property
    def id(self) -> str:
        return self.header.id

    @property
    def level(self) -> str:
        """``safety``, ``structure`` or ``preference`` (see :class:`planner.models.RuleHeader`)."""
        return self.header.severity

    @property
    def hard(self) -> bool:
        """Must the plan meet it? Safety rules always; structure rules unless they gave way."""
        return self.level != "preference"

    @property
    def gives_way(self) -> bool:
        """A structure rule: kept whenever the week allows, given way visibly otherwise."""
        return self.level == "structure"

    @property
    def refers(self) -> bool:
        """A hard ``refer`` rule: the profiles it applies to get no plan, only a referral."""
        return self.header.kind == "refer" and self.hard

    @property
    def origin(self) -> Origin:
        return Origin(self.header.id, self.hard, self.header.weight, self.gives_way)

    def applies(self, profile: Profile) -> bool:
        if self.off:
            return False
        return self.header.when is None or self.header.when.applies(profile, self.clearance)


def parse_rule(entry: Any, doc: Document, path: tuple, catalog: Catalog) -> Rule:
    if not isinstance(entry, dict):
        raise InputError("each rule must be a mapping of keys to values", doc.where(path))
    if "kind" not in entry:
        raise InputError('missing required key "kind"', doc.where(path))
    kind_name = entry["kind"]
    if not isinstance(kind_name, str):
        raise InputError('kind must be one word, such as "forbid"', doc.where((*path, "kind")))
    if kind_name not in REGISTRY:
        raise InputError(unknown_kind(str(kind_name)), doc.where((*path, "kind")))
    kind = REGISTRY[kind_name]
    param_keys = [f.alias or n for n, f in kind.Params.model_fields.items()]
    for key in entry:
        if key not in HEADER_KEYS and key not in param_keys:
            hint = did_you_mean(str(key), [*HEADER_KEYS, *param_keys])
            raise InputError(f'unknown key "{key}" for rule kind "{kind_name}"{hint}', doc.where_key((*path, key)))
    if entry.get("severity") in (OFF, False):
        raise InputError('"severity: off" switches off a rule of another file: write "override: ID" with it '
                         "(a rule of your own file you can delete)", doc.where((*path, "severity")))
    header_data = {k: v for k, v in entry.items() if k in HEADER_KEYS}
    header: RuleHeader = validate_model(RuleHeader, header_data, doc, path)
    if header.when is not None:
        when = header.when
        vocab = catalog.vocab
        for key, known, what in (
            ("conditions", vocab.conditions, "condition"),
            ("no_conditions", vocab.conditions, "condition"),
            ("age_group", vocab.age_groups, "age group"),
            ("level", vocab.levels, "level"),
            ("equipment", vocab.equipment, "equipment"),
        ):
            value = getattr(when, key)
            if isinstance(value, str):
                check_word(value, known, what, doc, (*path, "when", key), declarable=True)
            elif value is not None:
                check_words(value, known, what, doc, (*path, "when", key), declarable=True)
    params_data = {k: v for k, v in entry.items() if k not in HEADER_KEYS}
    params = validate_model(kind.Params, params_data, doc, path)
    kind.validate(params, catalog, doc, path)
    return Rule(header=header, params=params, kind=kind, where=doc.where(path), clearance=catalog.vocab.needs_clearance())


@dataclass(frozen=True)
class ReadFile:
    """A rule file read but not yet parsed: its document and body."""

    doc: Document
    body: RuleFile


def read_rule_file(path: Path | str, display: str | None = None) -> ReadFile:
    doc = load_yaml_file(path, display)
    body: RuleFile = validate_model(RuleFile, file_body(doc, "rule file", 'a mapping with a "rules:" list'), doc)
    return ReadFile(doc, body)


def entries(read: ReadFile) -> list[tuple[Any, tuple]]:
    return [(entry, ("rules", i)) for i, entry in enumerate(read.body.rules)]


def _is_override(entry: Any) -> bool:
    return isinstance(entry, dict) and OVERRIDE_KEY in entry


def _parse_new(read: ReadFile, catalog: Catalog) -> list[Rule]:
    return [parse_rule(e, read.doc, p, catalog) for e, p in entries(read) if not _is_override(e)]


def load_rule_file(path: Path | str, catalog: Catalog, display: str | None = None) -> list[Rule]:
    """The new rules of one file (its ``override:`` entries need the rules they change: see
    :func:`load_rules`; its ``vocabulary:`` extends ``catalog`` for its own rules)."""
    read = read_rule_file(path, display)
    return _parse_new(read, extend_catalog(catalog, [(read.body.vocabulary, read.doc)]))


def _rule(header: RuleHeader, params: BaseModel, kind: str, where: Where, clearance: frozenset[str],
          override: Override | None) -> Rule:
    return Rule(header, params, importlib.import_module(kind), where, clearance, override)


def default_rule_files() -> list[Path]:
    return sorted(data_dir("rules").glob("*.yaml"))


@lru_cache(maxsize=1)
def _shipped_paths() -> frozenset[Path]:
    return frozenset(p.resolve() for p in default_rule_files())


def shipped_file(path: Path | str) -> bool:
    """Is ``path`` one of the shipped rule files?"""
    return Path(path).resolve() in _shipped_paths()


def distinct_files(files: Iterable[Path | str]) -> list[Path]:
    """The files as given, each real file once (``a.yaml ./a.yaml`` is one file)."""
    unique: dict[Path, Path] = {}
    for f in files:
        unique.setdefault(Path(f).resolve(), Path(f))
    return list(unique.values())


@dataclass(frozen=True)
class RuleSet:
    """The rules of some files and the catalog their ``vocabulary:`` sections extended."""

    rules: list[Rule]
    catalog: Catalog


def _show(value: Any) -> str:
    return yaml.safe_dump(value, default_flow_style=True, width=10_000, allow_unicode=True).strip().removesuffix("...").strip()


def clash_hint(rule_id: str) -> str:
    return (f' (to change it, write "override: {rule_id}" instead of "id: {rule_id}"; to plan with your own copy of '
            'the shipped rules instead of them, add "shipped: false" to the file)')


def apply_override(entry: dict[str, Any], doc: Document, path: tuple, known: dict[str, Rule], catalog: Catalog) -> Rule:
    """The rule ``entry`` (an ``override:`` entry) makes of the rule it names in ``known``."""
    target_id = entry[OVERRIDE_KEY]
    if not isinstance(target_id, str) or target_id not in known:
        hint = did_you_mean(str(target_id), known)
        raise InputError(f'override of unknown rule "{target_id}"{hint}', doc.where((*path, OVERRIDE_KEY)))
    target = known[target_id]
    if target.override is not None:  # one override per rule: the plan says plainly what changed
        raise InputError(f'rule "{target_id}" is already overridden at {target.override.file}', doc.where((*path, OVERRIDE_KEY)))
    for key in ("id", "kind"):
        if key in entry:
            raise InputError(f'an override changes a rule but keeps its {key} (here "{target_id}", '
                             f'{target.header.kind}); remove "{key}"', doc.where_key((*path, key)))
    reason = entry.get("reason")
    if reason is not None and (not isinstance(reason, str) or not reason.strip()):
        raise InputError("reason must be text: why the rule is changed", doc.where((*path, "reason")))
    changes = {k: v for k, v in entry.items() if k not in (OVERRIDE_KEY, "reason")}
    if not changes:
        raise InputError(f'the override of "{target_id}" changes nothing: give new values, or "severity: off"',
                         doc.where(path))
    off = changes.get("severity") in (OFF, False)  # YAML reads a bare off as false
    if target.level == "safety" and not reason:
        what = "switching it off" if off else "changing it"
        raise InputError(f'"{target_id}" is a safety rule: {what} needs a "reason:" (it is printed in every plan made with it)',
                         doc.where_key((*path, OVERRIDE_KEY)))
    base = target.header.model_dump(mode="json", by_alias=True, exclude_unset=True)
    base.update(target.params.model_dump(mode="json", by_alias=True, exclude_unset=True))
    merged = {**base, **{k: v for k, v in changes.items() if not (k == "severity" and off)}}
    rule = parse_rule(merged, doc, path, catalog)
    before = target.header.model_dump(mode="json", by_alias=True)
    before.update(target.params.model_dump(mode="json", by_alias=True, exclude_none=True))
    said = []
    for key, value in changes.items():
        if key == "severity" and off:
            said.append("switched off")
        else:
            old = _show(before[key]) if key in before else "(none)"
            said.append(f"{key}: {old} -> {_show(value)}")
    override = Override(target_id, "; ".join(said), reason or "", str(doc.where(path)), off, target.where)
    return replace(rule, where=doc.where(path), override=override)


class Collector:
    """Rules as the entries of rule files build them, in order: a new rule is added (its id must
    be new), an ``override:`` entry replaces the rule it names. Loading and ``rules validate``
    both add entries through :meth:`add`, so they accept and refuse the same files."""

    def __init__(self, base: Iterable[Rule] = ()) -> None:
        self.rules: list[Rule] = list(base)
        self.position: dict[str, int] = {r.id: n for n, r in enumerate(self.rules)}

    def add(self, entry: Any, doc: Document, path: tuple, catalog: Catalog) -> Rule:
        """Apply one entry of a rule file; return the rule it made (raise :class:`InputError`
        for a bad entry, an id clash or more than :data:`MAX_RULES` rules, leaving the rules as
        they were)."""
        if _is_override(entry):
            rule = apply_override(entry, doc, path, {r.id: r for r in self.rules}, catalog)
            self.rules[self.position[rule.id]] = rule
            return rule
        rule = parse_rule(entry, doc, path, catalog)
        if len(self.rules) >= MAX_RULES:
            raise InputError(f"too many rules: more than {MAX_RULES} in all rule files together", rule.where)
        if rule.id in self.position:
            other = self.rules[self.position[rule.id]]
            hint = clash_hint(rule.id) if shipped_file(other.where.file) else ""
            raise InputError(f'rule id "{rule.id}" is already used at {other.where}{hint}', rule.where)
        self.position[rule.id] = len(self.rules)
        self.rules.append(rule)
        return rule


def load_rule_set(files: Iterable[Path | str], catalog: Catalog) -> RuleSet:
    """Load every rule file (a file named twice counts once), in order.

    A file's ``vocabulary:`` extends the catalog for every file. Ids must be unique across the
    files; an ``override:`` entry changes a rule of an earlier file (the shipped ones come
    first). A file with ``shipped: false`` leaves the shipped files out.
    """
    reads = [(path, read_rule_file(path)) for path in distinct_files(files)]
    if any(not read.body.shipped for path, read in reads if not shipped_file(path)):
        reads = [(path, read) for path, read in reads if not shipped_file(path)]
    cat = extend_catalog(catalog, [(read.body.vocabulary, read.doc) for _, read in reads])
    collected = Collector()
    for _, read in reads:
        for entry, at in entries(read):
            collected.add(entry, read.doc, at, cat)
    rules = collected.rules
    validate_rule_set(rules, cat)
    return RuleSet(rules, cat)


def load_rules(files: Iterable[Path | str], catalog: Catalog) -> list[Rule]:
    """The rules of :func:`load_rule_set` (use that one to get the catalog their vocabulary extends)."""
    return load_rule_set(files, catalog).rules


def validate_rule_set(rules: Sequence[Rule], catalog: Catalog) -> None:
    """Checks that need every rule of a kind at once (e.g. order rules must not form a cycle)."""
    for name, kind in REGISTRY.items():
        if hasattr(kind, "validate_set"):
            kind.validate_set([r for r in rules if r.header.kind == name and not r.off], catalog)


