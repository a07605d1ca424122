"""Rule files: loading, validation against the kind registry, and the rule set.

A rule file is YAML with a ``rules:`` list. Each rule has the common header
(:class:`planner.models.RuleHeader`: id, kind, description, severity, weight, when, source) and
the parameters of its kind, checked by that kind's ``Params`` model and its ``validate`` hook.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

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

__all__ = ["Rule", "RuleFile", "distinct_files", "load_rules", "load_rule_file", "validate_rule_set", "default_rule_files", "HEADER_KEYS",
           "MAX_RULES", "MAX_RULES_PER_FILE"]

HEADER_KEYS = tuple(RuleHeader.model_fields)
MAX_RULES_PER_FILE = 2000
MAX_RULES = 2500  # in all files together (shipped and --rules), however often --rules is repeated


class RuleFile(Strict):
    rules: Annotated[list[dict[str, Any]], Field(max_length=MAX_RULES_PER_FILE)]


@dataclass(frozen=True)
class Rule:
    """One rule: its header, its kind's parsed parameters and where it was written."""

    header: RuleHeader
    params: BaseModel
    kind: Kind
    where: Where
    clearance: frozenset[str] = frozenset()  # conditions the vocabulary says need clearance

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
        return self.header.when is None or self.header.when.applies(profile, self.clearance)


def _parse_rule(entry: Any, doc: Document, path: tuple, catalog: Catalog) -> Rule:
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
                check_word(value, known, what, doc, (*path, "when", key))
            elif value is not None:
                check_words(value, known, what, doc, (*path, "when", key))
    params_data = {k: v for k, v in entry.items() if k not in HEADER_KEYS}
    params = validate_model(kind.Params, params_data, doc, path)
    kind.validate(params, catalog, doc, path)
    return Rule(header=header, params=params, kind=kind, where=doc.where(path), clearance=catalog.vocab.needs_clearance())


def load_rule_file(path: Path | str, catalog: Catalog, display: str | None = None) -> list[Rule]:
    doc = load_yaml_file(path, display)
    body: RuleFile = validate_model(RuleFile, file_body(doc, "rule file", 'a mapping with a "rules:" list'), doc)
    return [_parse_rule(entry, doc, ("rules", i), catalog) for i, entry in enumerate(body.rules)]


def default_rule_files() -> list[Path]:
    return sorted(data_dir("rules").glob("*.yaml"))


def distinct_files(files: Iterable[Path | str]) -> list[Path]:
    """The files as given, each real file once (``a.yaml ./a.yaml`` is one file)."""
    unique: dict[Path, Path] = {}
    for f in files:
        unique.setdefault(Path(f).resolve(), Path(f))
    return list(unique.values())


def load_rules(files: Iterable[Path | str], catalog: Catalog) -> list[Rule]:
    """Load every rule file (a file named twice counts once); ids must be unique across all of them."""
    rules: list[Rule] = []
    seen: dict[str, Rule] = {}
    for path in distinct_files(files):
        for rule in load_rule_file(path, catalog):
            if len(rules) == MAX_RULES:
                raise InputError(f"too many rules: more than {MAX_RULES} in all rule files together", rule.where)
            if rule.id in seen:
                raise InputError(f'rule id "{rule.id}" is already used at {seen[rule.id].where}', rule.where)
            seen[rule.id] = rule
            rules.append(rule)
    validate_rule_set(rules, catalog)
    return rules


def validate_rule_set(rules: Sequence[Rule], catalog: Catalog) -> None:
    """Checks that need every rule of a kind at once (e.g. order rules must not form a cycle)."""
    for name, kind in REGISTRY.items():
        if hasattr(kind, "validate_set"):
            kind.validate_set([r for r in rules if r.header.kind == name], catalog)


