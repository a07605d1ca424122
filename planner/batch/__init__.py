"""Planning a whole folder of profiles (``backplan batch``): many workers, resumable, never stopping.

How the work is split: the parent process reads every profile file (bytes, hashed), decides which
plans are already current, and hands the rest to joblib as one small task per profile
(:class:`worker.Spec` + :class:`worker.Task`: paths, a seed, a hash and the profile's bytes).
joblib batches the tasks automatically onto one worker process per core (the ``loky`` backend),
or onto a Dask cluster (``scheduler``, through joblib's ``dask`` backend). A worker process
loads the catalog and the rules once, the first time it gets a task, and keeps them for every
later profile (:func:`worker._inputs`). Results (a summary row and the rendered texts) come back
in the order they finish; only the parent writes files.

When a plan is current: the manifest in OUT_DIR stores, per profile file, the SHA-256 of its
bytes and the *inputs key* (:func:`worker.inputs_key`: the backplan version and a hash of its
own code, the seed, the catalog files and the rule files). A profile is skipped when both are
unchanged, its last outcome was a plan or a refusal (red flag, rules conflict, bad input), and
every output it needs (the JSON plan, and the Markdown one when asked for) is still there,
unchanged. ``redo`` plans every profile again. Which files may be replaced: :mod:`.outdir`.
"""

from __future__ import annotations

import os
import stat
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planner import __version__
from planner.batch.outdir import FOREIGN, MANIFEST, OURS, SUMMARY_CSV, SUMMARY_JSON, OutDir, sha256
from planner.batch.worker import BAD_INPUT, CONFLICT, ERROR, PLANNED, RED_FLAG, Spec, Task, inputs_key, plan_one
from planner.errors import EXIT_INPUT, EXIT_INTERNAL, EXIT_OK, InputError, Where

__all__ = ["NOT_WRITTEN", "PROFILE_SUFFIXES", "SUFFIX", "BatchResult", "run_batch"]

NOT_WRITTEN = "not_written"  # planned, but a file is in the way or the write failed
STATUSES = (PLANNED, RED_FLAG, CONFLICT, BAD_INPUT, NOT_WRITTEN, ERROR)
REUSABLE = (PLANNED, RED_FLAG, CONFLICT, BAD_INPUT)
PROFILE_SUFFIXES = (".yaml", ".yml")
SUFFIX = {"json": ".plan.json", "markdown": ".plan.md"}
FLUSH_SECONDS = 2.0
CONNECT_TIMEOUT = "20s"  # to reach a Dask scheduler
Progress = Callable[[int, int], None]


@dataclass
class BatchResult:
    rows: list[dict[str, Any]]
    counts: dict[str, int]
    planned_now: int  # profiles sent to the workers in this run
    reused: int  # profiles skipped because their outcome was current
    exit_code: int


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def _row(file: str, status: str, code: int, reason: str = "") -> dict[str, Any]:
    return {"profile": file, "name": "", "status": status, "exit_code": code, "reason": reason, "rules": [],
            "proven": None, "soft_penalty": None, "soft_misses": [], "hard_violations": None, "seconds": None}


def _discover(folder: Path, shown: str) -> list[str]:
    if not folder.is_dir():
        raise InputError("profiles folder not found" if not folder.exists() else "is not a folder", Where(shown))
    try:
        names = sorted(e.name for e in os.scandir(folder)
                       if not e.name.startswith(".") and Path(e.name).suffix.lower() in PROFILE_SUFFIXES)
    except OSError as exc:
        raise InputError(f"cannot list the folder: {exc.strerror or exc}", Where(shown)) from None
    if not names:
        raise InputError(f"no profile files ({', '.join('*' + s for s in PROFILE_SUFFIXES)}) in this folder", Where(shown))
    return names


def _read(path: Path, shown: str) -> bytes:
    """A profile's bytes, read as :func:`planner.loading.yamlio.load_yaml_file` would (never blocks)."""
    from planner.loading.yamlio import MAX_BYTES

    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise InputError("is a folder, not a YAML file", Where(shown))
        if not stat.S_ISREG(info.st_mode):
            raise InputError("is not a regular file", Where(shown))
        if info.st_size > MAX_BYTES:
            raise InputError(f"file is larger than {MAX_BYTES // (1024 * 1024)} MiB", Where(shown, 1, 1))
        with open(path, "rb") as handle:
            return handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise InputError("file not found", Where(shown)) from None
    except PermissionError:
        raise InputError("permission denied", Where(shown)) from None
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", Where(shown)) from None


def _stems(names: list[str]) -> tuple[dict[str, str], dict[str, str]]:
    """Output stem per profile file, and a reason for each file whose outputs would collide."""
    by_stem: dict[str, list[str]] = {}
    for name in names:
        by_stem.setdefault(Path(name).stem.casefold(), []).append(name)
    clashes = {}
    for group in by_stem.values():
        if len(group) > 1:
            for name in group:
                clashes[name] = f"{', '.join(group)} would write the same plan file; rename all but one"
    return {name: Path(name).stem for name in names}, clashes


def _current(out: OutDir, file: str, digest: str, key: str, markdown: bool) -> dict[str, Any] | None:
    entry = out.profiles.get(file)
    if not entry or entry.get("sha256") != digest or entry.get("key") != key:
        return None
    row, outputs = entry.get("row") or {}, entry.get("outputs") or {}
    if row.get("status") not in REUSABLE:
        return None
    if row["status"] == PLANNED:
        needed = {"json", "markdown"} if markdown else {"json"}
        if not needed <= outputs.keys() or any(out.state(name) != OURS for name in outputs.values()):
            return None
    return row


def _results(spec: Spec, tasks: list[Task], jobs: int | None, scheduler: str | None) -> Iterator[dict[str, Any]]:
    """Every task's result, in the order they finish, from local processes or a Dask cluster."""
    from joblib import Parallel, delayed, parallel_config

    calls = (delayed(plan_one)(spec, task) for task in tasks)
    if scheduler is None:
        n_jobs = max(1, min(jobs or cores(), len(tasks)))
        with parallel_config(backend="loky", n_jobs=n_jobs):
            yield from Parallel(return_as="generator_unordered", batch_size="auto")(calls)
        return
    try:
        from dask.distributed import Client
    except ImportError:
        raise InputError("--scheduler needs Dask: pip install 'backplan[dask]'") from None
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as exc:
        raise InputError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from None
    try:
        with parallel_config(backend="dask", n_jobs=jobs or -1):
            yield from Parallel(return_as="generator_unordered", batch_size="auto")(calls)
    finally:
        client.close()


def _store(out: OutDir, done: list[tuple[dict[str, Any], str, str]], stems: dict[str, str]) -> None:
    """Write the outputs of finished profiles, remove their own stale ones, record them."""
    texts: dict[str, str] = {}
    targets: dict[str, dict[str, str]] = {}
    errors: dict[str, str] = {}
    for row, _, _ in done:
        made = row.pop("texts", {})
        wanted = targets[row["profile"]] = {fmt: stems[row["profile"]] + SUFFIX[fmt] for fmt in made}
        taken = [name for name in wanted.values() if out.state(name) == FOREIGN]
        if taken:  # all of a profile's outputs or none
            errors.update({name: out.taken(taken[0]) for name in wanted.values()})
        else:
            texts.update({wanted[fmt]: text for fmt, text in made.items()})
    errors.update(out.write_many(texts))
    for row, digest, key in done:
        file = row["profile"]
        wanted = targets[file]
        failed = [errors[name] for name in wanted.values() if name in errors]
        if failed:
            row.update(status=NOT_WRITTEN, exit_code=EXIT_INPUT, reason=f"the plan was made but not written: {failed[0]}")
        written = {fmt: name for fmt, name in wanted.items() if name not in errors}
        notes = []
        old = (out.profiles.get(file) or {}).get("outputs") or {}
        for name in sorted(set(old.values()) - set(wanted.values())):
            if not out.remove(name):  # changed by someone after backplan wrote it: theirs now
                notes.append(f"{out.where(name)} was left in place: it changed after backplan wrote it, "
                             "so it is not a plan for the profile as it is now")
        row.update(plan=written.get("json", ""), markdown=written.get("markdown", ""), notes=notes)
        out.profiles[file] = {"sha256": digest, "key": key, "outputs": written, "row": row}


def run_batch(
    profiles_dir: Path,
    out_dir: Path,
    *,
    rule_files: Sequence[Path] = (),
    catalog_dir: Path | None = None,
    seed: int = 0,
    markdown: bool = False,
    jobs: int | None = None,
    scheduler: str | None = None,
    redo: bool = False,
    suggest: bool = False,
    search: str = "auto",
    progress: Progress | None = None,
) -> BatchResult:
    """Plan every profile file of ``profiles_dir`` into ``out_dir`` (see the module documentation).

    Raises :class:`InputError` for what stops the whole batch (a missing folder, a bad catalog or
    rule file, a file of someone else's named like the summary); a profile's own problem is a row
    of the summary. ``KeyboardInterrupt`` propagates after the finished plans are saved.
    """
    from planner.cli.common import load_inputs

    shown_in, shown_out = str(profiles_dir), str(out_dir)
    names = _discover(profiles_dir, shown_in)
    if out_dir.exists() and out_dir.resolve() == profiles_dir.resolve():
        raise InputError("the output folder must not be the profiles folder", Where(shown_out))
    load_inputs(catalog_dir, list(rule_files))  # a bad catalog or rule file stops the batch here, once
    spec = Spec(
        catalog_dir=str(catalog_dir.resolve()) if catalog_dir is not None else None,
        rule_files=tuple(str(Path(f).resolve()) for f in rule_files),
        seed=seed,
        markdown=markdown,
        key="",
    )
    key = inputs_key(spec.catalog_dir, spec.rule_files, seed, search)
    spec = Spec(spec.catalog_dir, spec.rule_files, seed, markdown, key, suggest, search)
    stems, clashes = _stems(names)
    rows: dict[str, dict[str, Any]] = {}
    tasks: list[Task] = []
    digests: dict[str, str] = {}
    reused = 0
    with OutDir.open(out_dir, shown_out) as out:
        out.check_free([SUMMARY_JSON, SUMMARY_CSV])
        for name in names:
            shown = os.path.join(shown_in, name)
            if name in clashes:
                rows[name] = _row(name, BAD_INPUT, EXIT_INPUT, f"{shown}: {clashes[name]}")
                continue
            try:
                data = _read(profiles_dir / name, shown)
            except InputError as exc:
                rows[name] = _row(name, BAD_INPUT, EXIT_INPUT, str(exc))
                continue
            digests[name] = sha256(data)
            old = None if redo else _current(out, name, digests[name], key, markdown)
            if suggest and old is not None and old["status"] == CONFLICT:
                old = None  # refused before, perhaps without saying what would help: plan it again
            if old is not None:
                rows[name] = {**old, "reused": True}
                reused += 1
            else:
                tasks.append(Task(name, shown, data))
        pending: list[tuple[dict[str, Any], str, str]] = []
        last = time.monotonic()
        if progress is not None:
            progress(0, len(tasks))
        try:
            if tasks:
                for count, result in enumerate(_results(spec, tasks, jobs, scheduler), start=1):
                    result["reused"] = False
                    rows[result["profile"]] = result  # _store completes it in place
                    pending.append((result, digests[result["profile"]], key))
                    if progress is not None:
                        progress(count, len(tasks))
                    if time.monotonic() - last > FLUSH_SECONDS:
                        _store(out, pending, stems)
                        pending, last = [], time.monotonic()
        finally:
            _store(out, pending, stems)  # what finished is kept, even on Ctrl-C
            out.save()
        ordered = [{**_row(name, ERROR, EXIT_INTERNAL), **rows[name]} for name in names]
        counts = Counter(row["status"] for row in ordered)
        meta = {
            "backplan": __version__,
            "seed": seed,
            "search": search,
            "profiles_dir": shown_in,
            "catalog": str(catalog_dir) if catalog_dir is not None else "shipped",
            "rules": ["shipped", *map(str, rule_files)],
            "inputs_key": key,
            "counts": {status: counts.get(status, 0) for status in STATUSES},
            "planned_now": len(tasks),
            "reused": reused,
            "manifest": MANIFEST,
        }
        errors = out.write_summary(meta, ordered)
        out.save()
        if errors:
            raise InputError(next(iter(errors.values())))
    code = EXIT_INTERNAL if counts.get(ERROR) else EXIT_INPUT if counts.get(NOT_WRITTEN) else EXIT_OK
    return BatchResult(ordered, dict(counts), len(tasks), reused, code)
