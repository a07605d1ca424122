"""OUT_DIR of a batch: which files are backplan's own, writing them, and the summary.

A batch writes into a folder that may hold other files of the user's. It only ever replaces or
removes a file it wrote itself and that nobody changed since: the manifest
(``batch-manifest.json``) lists every file the batch wrote there with the SHA-256 of what it
wrote, and a file counts as backplan's own only while its bytes still have that hash. Anything
else under one of backplan's names (a user's file, a plan someone edited, a link, a folder) is
left alone and reported. New files are created with :func:`planner.loading.files.write_atomic` without
``force``, so a name taken by someone else in the meantime is never replaced.

The hash of a file about to be written is added to the manifest, and the manifest saved, before
the file is written: a run killed in between leaves a file whose hash is listed either way, so
the next run still recognises it as its own.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from planner import __version__
from planner.csvtext import csv_text
from planner.errors import InputError, Where
from planner.loading.files import write_atomic

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Windows
    fcntl = None  # type: ignore[assignment]

__all__ = ["ABSENT", "COLUMNS", "FOREIGN", "MANIFEST", "OURS", "SUMMARY_CSV", "SUMMARY_JSON", "OutDir"]

MANIFEST = "batch-manifest.json"
SUMMARY_CSV = "summary.csv"
SUMMARY_JSON = "summary.json"
MANIFEST_FORMAT = 1
ABSENT, OURS, FOREIGN = "absent", "ours", "foreign"
COLUMNS = ("profile", "name", "status", "exit_code", "reason", "rules", "proven", "soft_penalty", "soft_misses",
           "hard_violations", "plan", "markdown", "seconds", "reused", "notes")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class OutDir:
    """The output folder, locked for one run, with the manifest of what backplan wrote there."""

    def __init__(self, folder: Path, shown: str) -> None:
        self.folder = folder
        self.shown = shown
        self.files: dict[str, list[str]] = {}  # name -> hashes of what backplan wrote there
        self.profiles: dict[str, dict[str, Any]] = {}  # profile file -> {sha256, key, outputs, row}
        self._manifest_exists = False

    def where(self, name: str) -> str:
        return os.path.join(self.shown, name)

    @classmethod
    @contextlib.contextmanager
    def open(cls, folder: Path, shown: str) -> Iterator[OutDir]:
        """Create the folder if needed (mode 0700: plans hold health data), lock it, read the manifest."""
        if folder.exists() and not folder.is_dir():
            raise InputError("is not a folder", Where(shown))
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        except OSError as exc:
            raise InputError(f"cannot create or open the folder: {exc.strerror or exc}", Where(shown)) from None
        try:
            if fcntl is not None:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    raise InputError("another backplan batch is writing into this folder; wait until it ends",
                                     Where(shown)) from None
            out = cls(folder, shown)
            out._read_manifest()
            yield out
        finally:
            os.close(fd)  # closing releases the lock

    def _read_manifest(self) -> None:
        path = self.folder / MANIFEST
        state = self._stat(MANIFEST)
        if state is None:
            return
        problem = f"exists and is not a backplan batch manifest (or is damaged); use another --out or remove {MANIFEST}"
        if not stat.S_ISREG(state.st_mode):
            raise InputError(problem, Where(self.where(MANIFEST)))
        try:
            doc = json.loads(path.read_bytes())
            if doc.get("backplan_batch_manifest") != MANIFEST_FORMAT:
                raise ValueError
            files = {str(k): [str(h) for h in v] for k, v in doc["files"].items()}
            profiles = {str(k): dict(v) for k, v in doc["profiles"].items()}
        except (OSError, ValueError, AttributeError, KeyError, TypeError):
            raise InputError(problem, Where(self.where(MANIFEST))) from None
        self.files, self.profiles, self._manifest_exists = files, profiles, True

    def _stat(self, name: str) -> os.stat_result | None:
        try:
            return os.lstat(self.folder / name)
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", Where(self.where(name))) from None

    def state(self, name: str) -> str:
        """ABSENT, OURS (written by backplan and unchanged since) or FOREIGN (anything else)."""
        try:
            fd = os.open(self.folder / name, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        except FileNotFoundError:
            return ABSENT
        except OSError:
            return FOREIGN  # a link (never followed), unreadable ...
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return FOREIGN
            with os.fdopen(fd, "rb", closefd=False) as handle:
                digest = sha256(handle.read())
        finally:
            os.close(fd)
        return OURS if digest in self.files.get(name, ()) else FOREIGN

    def taken(self, name: str) -> str:
        return (f"{self.where(name)}: exists and was not written by backplan batch (or was changed since); "
                "move it away or use another --out")

    def save(self) -> None:
        doc = {
            "backplan_batch_manifest": MANIFEST_FORMAT,
            "about": "Written by backplan batch: the files it wrote in this folder (SHA-256 of what it wrote) and "
                     "the inputs each plan was made from. Remove it and backplan treats every file here as yours.",
            "backplan": __version__,
            "files": self.files,
            "profiles": self.profiles,
        }
        write_atomic(self.folder / MANIFEST, json.dumps(doc, indent=1, sort_keys=True) + "\n",
                     force=self._manifest_exists)
        self._manifest_exists = True

    def write_many(self, texts: dict[str, str]) -> dict[str, str]:
        """Write ``texts`` (name -> text) where the name is free or backplan's own; return name -> error."""
        states = {name: self.state(name) for name in texts}
        errors = {name: self.taken(name) for name, state in states.items() if state == FOREIGN}
        todo = {name: (text, sha256(text.encode("utf-8"))) for name, text in texts.items() if name not in errors}
        for name, (_, digest) in todo.items():
            self.files.setdefault(name, []).append(digest)
        if todo:
            self.save()
        for name, (text, digest) in todo.items():
            try:
                write_atomic(self.folder / name, text, force=states[name] == OURS)
            except InputError as exc:
                errors[name] = str(exc)
                self.files[name].remove(digest)
                continue
            self.files[name] = [digest]
        return errors

    def remove(self, name: str) -> bool:
        """Remove ``name`` if it is backplan's own and unchanged; True if it is gone."""
        state = self.state(name)
        if state == OURS:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.folder / name)
            state = ABSENT
        if state == ABSENT:
            self.files.pop(name, None)
        return state == ABSENT

    def check_free(self, names: list[str]) -> None:
        """Refuse the run up front when a file backplan must write at the end is someone else's."""
        for name in names:
            if self.state(name) == FOREIGN:
                raise InputError("exists and was not written by backplan batch; use another --out or move it away",
                                 Where(self.where(name)))

    def write_summary(self, meta: dict[str, Any], rows: list[dict[str, Any]]) -> dict[str, str]:
        doc = {**meta, "profiles": rows}
        table = csv_text(COLUMNS, ([_cell(row.get(column)) for column in COLUMNS] for row in rows))
        return self.write_many({SUMMARY_JSON: json.dumps(doc, indent=2, ensure_ascii=False) + "\n",
                                SUMMARY_CSV: table})


def _cell(value: Any) -> str:
    """One CSV cell: lists space-separated, text on one line and never read as a spreadsheet formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return str(value)
    text = " ".join(str(v) for v in value) if isinstance(value, list) else str(value)
    text = " ".join(text.split())
    return "'" + text if text.startswith(_FORMULA_START) else text
