"""How a plan was made, and what ``backplan check`` makes of it.

Every plan records the backplan version, the catalog (its folder, or ``embedded`` for the shipped
one, and a SHA-256 over its YAML files) and each rule file with a rule in the rule set (its
absolute path, or its name for a shipped file, and the SHA-256 of its content): the plan's
``made_with`` (:class:`planner.contract.MadeWith`).

``backplan check`` compares that record with the rules and catalog it uses:

- given no ``-r``, it checks against the rule files the plan was made with when every one of
  them is still there with the same content (and says so on stderr): a plan made with
  ``-r my.yaml`` is checked against ``my.yaml`` without typing it again;
- otherwise every difference (a rule file left out, changed, gone or added, other shipped rules,
  another catalog or version) is a warning on stderr before the report. The check itself runs
  on the rules it was given: the warnings say its result may not hold for the rules the plan was
  made with.

Example::

    >>> from planner.catalog import default_catalog
    >>> from planner.rules import default_rule_files, load_rules
    >>> catalog = default_catalog()
    >>> record = made_with(load_rules(default_rule_files(), catalog), catalog)
    >>> record.catalog.path, [f.path for f in record.rule_files][:2]
    ('embedded', ['advice.yaml', 'dose.yaml'])
    >>> differences(record, record)
    []
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from planner import __version__
from planner.catalog import Catalog
from planner.contract import CatalogUsed, MadeWith, RuleFileUsed
from planner.loading.resources import data_dir
from planner.rules import Rule, shipped_file

__all__ = ["EMBEDDED", "made_with", "rule_files", "reusable_files", "differences"]

EMBEDDED = "embedded"  # the catalog backplan ships


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _catalog_sha256(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]):
        digest.update(path.name.encode() + b"\0" + _sha256(path).encode() + b"\0")
    return digest.hexdigest()


def rule_files(rules: Sequence[Rule]) -> list[Path]:
    """The files the rules were written in (an overridden rule: both files), in loading order."""
    files: dict[Path, None] = {}
    for rule in rules:
        if rule.override is not None and rule.override.original is not None:
            files.setdefault(Path(rule.override.original.file).resolve())
        files.setdefault(Path(rule.where.file).resolve())
    return list(files)


def made_with(rules: Sequence[Rule], catalog: Catalog) -> MadeWith:
    """The record of how a plan from ``rules`` and ``catalog`` is made."""
    used = []
    for path in rule_files(rules):
        shipped = shipped_file(path)
        used.append(RuleFileUsed(path=path.name if shipped else str(path), shipped=shipped,
                                 sha256=_sha256(path) if path.is_file() else hashlib.sha256(b"").hexdigest()))
    folder = Path(catalog.folder).resolve() if catalog.folder else None
    if folder is None:
        cat = CatalogUsed(path="(no folder)", sha256=hashlib.sha256(b"").hexdigest())
    else:
        shown = EMBEDDED if folder == data_dir("catalog").resolve() else str(folder)
        cat = CatalogUsed(path=shown, sha256=_catalog_sha256(folder))
    return MadeWith(backplan=__version__, catalog=cat, rule_files=used)


def _unchanged(entry: RuleFileUsed) -> bool:
    path = Path(entry.path)
    return path.is_file() and _sha256(path) == entry.sha256


def reusable_files(record: MadeWith) -> list[Path] | None:
    """The plan's own rule files (not the shipped ones), when it has some and each is still there
    with the content it had; else ``None``."""
    own = [entry for entry in record.rule_files if not entry.shipped]
    if not own or not all(_unchanged(entry) for entry in own):
        return None
    return [Path(entry.path) for entry in own]


def _name(entry: RuleFileUsed) -> str:
    return f"shipped rules {entry.path}" if entry.shipped else entry.path


def differences(record: MadeWith, current: MadeWith) -> list[str]:
    """What differs between how the plan was made and what the check uses, one line each."""
    out = []
    if record.backplan != current.backplan:
        out.append(f"made with backplan {record.backplan}; this is backplan {current.backplan}")
    if record.catalog.path != current.catalog.path:
        out.append(f"made with the catalog {record.catalog.path}; this check uses {current.catalog.path}")
    elif record.catalog.sha256 != current.catalog.sha256:
        out.append(f"the catalog {record.catalog.path} has changed since the plan was made")
    now = {(e.shipped, e.path): e for e in current.rule_files}
    then = {(e.shipped, e.path): e for e in record.rule_files}
    for key, entry in then.items():
        if key in now:
            if now[key].sha256 != entry.sha256:
                out.append(f"{_name(entry)}: changed since the plan was made")
        elif entry.shipped:
            out.append(f"{_name(entry)}: the plan was made with them; this check leaves them out (shipped: false)")
        elif not Path(entry.path).is_file():
            out.append(f"{entry.path}: the plan was made with it; it is no longer there")
        elif not _unchanged(entry):
            out.append(f"{entry.path}: the plan was made with it; it has changed since and this check does not use it")
        else:
            out.append(f"{entry.path}: the plan was made with it; this check does not use it (give it with -r)")
    for key, entry in now.items():
        if key not in then:
            out.append(f"{_name(entry)}: the plan was made without them (shipped: false); this check uses them"
                       if entry.shipped else f"{entry.path}: the plan was made without it; this check uses it")
    return out
