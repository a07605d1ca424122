"""What runs in a batch worker process: plan one profile, from its bytes, with inputs loaded once.

A worker gets a :class:`Spec` (where the catalog and the extra rule files are, the seed, the
formats, and the parent's hash of all of that) and a :class:`Task` (one profile's file name and
bytes). Both are small and picklable: the catalog and the rules are loaded by each worker process
the first time it sees a spec, and kept for every later profile (:func:`_inputs`). Before that
load is used, the worker hashes the files it read and compares with the parent's hash, so a
worker that sees other files (a Dask worker on another machine with another backplan, a rule
file edited during the run) stops the batch instead of writing plans under the wrong key.

The profile travels as bytes, not a path: the plan is made from exactly the bytes whose hash the
parent records, and a Dask worker needs no access to the profiles folder.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner import __version__
from planner.errors import EXIT_INFEASIBLE, EXIT_INTERNAL, EXIT_OK, EXIT_RED_FLAG, BackplanError, InputError

if TYPE_CHECKING:
    from planner.catalog import Catalog
    from planner.rules import Rule

__all__ = ["BAD_INPUT", "CONFLICT", "ERROR", "PLANNED", "RED_FLAG", "Spec", "Task", "inputs_key", "plan_one"]

PLANNED = "planned"
RED_FLAG = "red_flag"
CONFLICT = "conflict"
BAD_INPUT = "bad_input"
ERROR = "error"


@dataclass(frozen=True)
class Spec:
    """Everything a worker needs besides the profile; paths, never loaded objects."""

    catalog_dir: str | None  # absolute; None for the shipped catalog
    rule_files: tuple[str, ...]  # absolute extra rule files; the shipped rules are always used
    seed: int
    markdown: bool
    key: str  # inputs_key() as the parent computed it
    suggest: bool = False  # a refusal says what would help (up to 12 trial plans each)
    search: str = "auto"  # Settings.search: how hard to look for a better week


@dataclass(frozen=True)
class Task:
    file: str  # the profile's file name in PROFILES_DIR (the summary's key)
    shown: str  # how messages name it (PROFILES_DIR as the user typed it / file)
    data: bytes  # the file's bytes, as hashed by the parent


class InputsDiffer(InputError):
    """A worker read other catalog, rule or backplan files than the parent hashed."""


def _file_digest(path: Path) -> bytes:
    return hashlib.sha256(path.read_bytes()).digest()


def _code_files() -> list[Path]:
    package = Path(__file__).resolve().parent.parent
    return sorted(package.rglob("*.py"))


def inputs_key(catalog_dir: str | None, rule_files: Sequence[str], seed: int, search: str = "auto") -> str:
    """A hash of everything but the profile that a plan depends on.

    The backplan version and its own Python files (so a patched install or a development checkout
    counts as another version), the seed, the search, every ``*.yaml``/``*.yml`` file of the catalog folder
    (names and bytes) and every rule file, the shipped ones first (bytes, in loading order).
    """
    from planner.loading.resources import data_dir
    from planner.rules import default_rule_files, distinct_files

    digest = hashlib.sha256(f"backplan-batch 1\0backplan {__version__}\0seed {seed}\0search {search}\0".encode())
    package = Path(__file__).resolve().parent.parent
    for path in _code_files():
        digest.update(b"code\0" + str(path.relative_to(package)).encode() + b"\0" + _file_digest(path))
    folder = Path(catalog_dir) if catalog_dir is not None else data_dir("catalog")
    for path in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]):
        digest.update(b"catalog\0" + path.name.encode() + b"\0" + _file_digest(path))
    for path in distinct_files([*default_rule_files(), *rule_files]):
        digest.update(b"rules\0" + _file_digest(path))
    return digest.hexdigest()


_LOADED: dict[str, tuple[Catalog, list[Rule]]] = {}
_LOCK = threading.Lock()  # a Dask worker may run several tasks in threads


def _inputs(spec: Spec) -> tuple[Catalog, list[Rule]]:
    """The catalog and rules of ``spec``, loaded once per process (per key)."""
    with _LOCK:
        loaded = _LOADED.get(spec.key)
        if loaded is None:
            from planner.cli.common import load_inputs

            catalog_dir = Path(spec.catalog_dir) if spec.catalog_dir is not None else None
            loaded = load_inputs(catalog_dir, [Path(f) for f in spec.rule_files])
            if inputs_key(spec.catalog_dir, spec.rule_files, spec.seed, spec.search) != spec.key:
                raise InputsDiffer(
                    f"a worker (process {os.getpid()}) reads other backplan, catalog or rule files than the "
                    "batch started with: a file changed during the run, or a Dask worker has another "
                    "backplan version or other files at these paths; run again"
                )
            _LOADED.clear()
            _LOADED[spec.key] = loaded
        return loaded


def _load_profile(task: Task, catalog: Catalog):
    """Parse the profile from its bytes with every check of a profile file (size, encoding, JSON)."""
    from planner.loading.yamlio import load_yaml_file
    from planner.profile import profile_from_document

    suffix = Path(task.file).suffix
    with tempfile.NamedTemporaryFile(prefix="backplan-profile-", suffix=suffix) as handle:  # mode 0600
        handle.write(task.data)
        handle.flush()
        doc = load_yaml_file(handle.name, display=task.shown)
    return profile_from_document(doc, catalog)


def _row(task: Task, status: str, code: int, **fields: Any) -> dict[str, Any]:
    row: dict[str, Any] = {"profile": task.file, "name": "", "status": status, "exit_code": code, "reason": "",
                           "rules": [], "proven": None, "soft_penalty": None, "soft_misses": [],
                           "hard_violations": None}
    row.update(fields)
    return row


def plan_one(spec: Spec, task: Task) -> dict[str, Any]:
    """Plan one profile; never raises for a profile's own problem (only for :class:`InputsDiffer`).

    Returns the summary row, plus ``texts`` (output format -> text) for a plan and ``seconds``
    (loading the profile, solving, checking and rendering).
    """
    from planner.api import check_week, plan_week
    from planner.errors import InfeasibleError, RedFlagError
    from planner.render import render
    from planner.solver import Settings

    catalog, rules = _inputs(spec)
    start = time.perf_counter()
    name = ""
    profile = None
    try:
        profile = _load_profile(task, catalog)
        name = profile.name
        settings = Settings(search=spec.search) if spec.search != "auto" else None
        plan = plan_week(profile, rules=rules, catalog=catalog, seed=spec.seed, settings=settings, suggest=spec.suggest)
        violations = check_week(plan, profile=profile, rules=rules, catalog=catalog)
        hard = [v for v in violations if v.hard]
        if hard:  # a solver bug: never hand such a plan out
            row = _row(task, ERROR, EXIT_INTERNAL, reason=f"internal error: the plan breaks a hard rule: {hard[0]}",
                       rules=sorted({v.rule_id for v in hard}), hard_violations=len(hard))
        else:
            texts = {"json": render(plan, "json")}
            if spec.markdown:
                texts["markdown"] = render(plan, "markdown")
            row = _row(task, PLANNED, EXIT_OK, soft_penalty=plan.soft_penalty, soft_misses=list(plan.soft_misses),
                       hard_violations=0, texts=texts)
    except RedFlagError as exc:
        ids = [r.id for r in rules if profile is not None and r.refers and r.applies(profile)]
        row = _row(task, RED_FLAG, EXIT_RED_FLAG, reason=exc.message, rules=ids)
    except InfeasibleError as exc:
        row = _row(task, CONFLICT, EXIT_INFEASIBLE, reason=exc.message, rules=list(exc.rule_ids), proven=exc.proven)
    except BackplanError as exc:
        row = _row(task, BAD_INPUT, exc.exit_code, reason=str(exc))
    except Exception as exc:  # noqa: BLE001 - one profile's crash must not stop a clinic's batch
        row = _row(task, ERROR, EXIT_INTERNAL, reason=f"internal error: {type(exc).__name__}: {exc}")
    row["name"] = name
    row["seconds"] = round(time.perf_counter() - start, 4)
    return row
