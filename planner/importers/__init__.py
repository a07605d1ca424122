"""Bring your own exercise library: import another library into a backplan catalog folder.

One module per source library (:mod:`planner.importers.free_exercise_db`) turns its entries into
drafts; :mod:`planner.importers.keywords` reads positions, sides, equipment and banned moves from
names and instructions; :mod:`planner.importers.base` finishes every draft by the same rules
(load contraindications, mats, bans); :mod:`planner.importers.overlay` lets a person correct the
result; :mod:`planner.importers.folder` writes the catalog folder. ``backplan catalog import``
(:mod:`planner.cli.catalog`) is the command; :func:`prepare` and :func:`write` are the API::

    from planner import importers

    done = importers.prepare("free-exercise-db", "free-exercise-db.json")
    print(done.summary())
    importers.write(done, "my_catalog")        # then: backplan plan --catalog my_catalog
"""

from __future__ import annotations

import hashlib
import importlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from planner.catalog import Catalog, default_catalog, load_catalog
from planner.errors import InputError, did_you_mean
from planner.importers.base import Draft, Outcome, assemble, duplicate_reason
from planner.importers.duplicates import find_twin
from planner.importers.folder import base_files, check_loads, render, write_folder
from planner.importers.overlay import Overlay, load_overlay
from planner.models import Exercise

__all__ = ["SOURCES", "Import", "prepare", "write"]

SOURCES = {"free-exercise-db": "planner.importers.free_exercise_db"}
SAME_EXERCISE = "same exercise as one in the catalog it joins"


@dataclass
class Import:
    """A prepared import: what came in, what it became, and the folder's files (not yet written)."""

    source: str
    file: str
    drafts: list[Draft]
    outcome: Outcome
    files: dict[str, str]
    own_file: str
    exercises: int  # in the whole folder, the catalog joined included

    def skipped_by_reason(self) -> list[tuple[str, int]]:
        """Counts per reason; the entries that repeat a catalog exercise count together."""
        twins = {duplicate_reason(same) for same in self.outcome.duplicates.values()}
        reasons = (SAME_EXERCISE if r in twins else r for r in self.outcome.skipped.values())
        return sorted(Counter(reasons).items(), key=lambda kv: (-kv[1], kv[0]))

    def summary(self, verbose: bool = False) -> str:
        out = self.outcome
        lines = [
            f"{self.source}: {len(self.drafts)} exercises read from {self.file}",
            f"  mapped: {len(out.entries)} (of them banned: {len(out.banned)}, kept so rules recognise them, never planned)",
        ]
        if out.banned_in_doubt:
            lines.append(f"  banned as a variant of a banned move (backplan's conservative reading): "
                         f"{len(out.banned_in_doubt)}: {', '.join(out.banned_in_doubt)}")
        if out.corrected:
            lines.append(f"  corrected by the overlay: {len(out.corrected)}")
        if out.dropped:
            lines.append(f"  dropped by the overlay: {len(out.dropped)}")
        lines.append(f"  skipped: {len(out.skipped)}")
        lines += [f"    {reason} ({count})" for reason, count in self.skipped_by_reason()]
        if out.duplicates:
            lines.append(f"  the same exercise as one in the catalog it joins (skipped; \"keep\" in the overlay keeps one): "
                         f"{len(out.duplicates)}")
            lines += [f"    {ex_id} = {same}" for ex_id, same in out.duplicates.items()]
        if out.kept_duplicates:
            lines.append(f"  kept by the overlay although the catalog has the same exercise: {len(out.kept_duplicates)}")
            lines += [f"    {ex_id} = {same}" for ex_id, same in out.kept_duplicates.items()]
        if verbose and out.skipped:
            lines.append("  skipped entries:")
            lines += [f"    {ex_id}: {reason}" for ex_id, reason in out.skipped.items()]
        return "\n".join(lines) + "\n"


def _module(source: str):
    if source not in SOURCES:
        raise InputError(f'unknown library format "{source}"{did_you_mean(source, SOURCES)}; '
                         f"choose one of {', '.join(SOURCES)}")
    return importlib.import_module(SOURCES[source])


def _validate(entries: list[dict], overlay: Overlay | None) -> None:
    """Every finished entry is a valid exercise; a problem an overlay caused points at it."""
    for entry in entries:
        try:
            Exercise.model_validate(entry)
        except ValidationError as exc:
            problem = exc.errors()[0]
            text = f"{'.'.join(str(p) for p in problem['loc'])}: {problem['msg']}"
            if overlay is not None and overlay.doc is not None and entry["id"] in overlay.entries:
                raise InputError(f'"{entry["id"]}" with this overlay: {text}', overlay.doc.where((entry["id"],))) from None
            raise RuntimeError(f'imported entry "{entry["id"]}" is not a valid exercise: {text}') from None


def prepare(
    source: str,
    file: Path | str,
    *,
    catalog: Catalog | Path | str | None = None,
    overlay: Path | str | None = None,
) -> Import:
    """Read ``file`` in the ``source`` format and build the folder's files (nothing is written).

    ``catalog``: the catalog the import joins (a folder or a loaded catalog; the shipped one by
    default); ``overlay``: a file of corrections (:mod:`planner.importers.overlay`).
    """
    module = _module(source)
    base = catalog if isinstance(catalog, Catalog) else default_catalog() if catalog is None else load_catalog(catalog)
    drafts = module.read(file, base)
    corrections = load_overlay(overlay, drafts, base) if overlay is not None else None
    own = f"{module.FILE_STEM}.yaml"
    kept = {ex_id for ex_id, where in base.where.items() if Path(where.file).name != own}  # an earlier import is replaced
    joined = [ex_id for ex_id in base.exercises if ex_id in kept]
    outcome = assemble(drafts, corrections.entries if corrections else {}, kept,
                       twin=lambda entry: find_twin(entry, base, joined))
    _validate(outcome.entries, corrections)
    path = Path(file)
    digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "not a regular file"
    header = [
        f"Imported by `backplan catalog import --from {source}` from {path.name} (sha256 {digest}).",
        f"{module.NAME}: {module.LICENCE}; each entry's source names its id in the library.",
        "Mapping, defaults and exclusions are backplan's conservative reading: see README, 'Bring your own",
        "exercise library'. Edit with an overlay (--overlay) rather than by hand: a new import replaces this file.",
        f"{len(outcome.entries)} exercises, {len(outcome.banned)} of them banned (never planned).",
    ]
    files = base_files(base.folder, own)
    files[own] = render(outcome.entries, header, outcome.skipped)
    total = check_loads(files)
    return Import(source, str(file), drafts, outcome, files, own, total)


def write(done: Import, out: Path | str, force: bool = False) -> list[Path]:
    """Write a prepared import's catalog folder (see :func:`planner.importers.folder.write_folder`)."""
    return write_folder(out, done.files, force=force)
