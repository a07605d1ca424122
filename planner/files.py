"""Writing output files without ever losing what was there.

A file is written to a temporary file in the same folder and renamed over the target in one
step, so an interrupted run (Ctrl-C, a full disk) leaves either the old file or the new one,
never half of one. An existing file is replaced only when the caller says ``force``.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from planner.errors import InputError, Where

__all__ = ["write_atomic", "write_generated"]


def write_atomic(path: Path | str, text: str, force: bool = False) -> None:
    path = Path(path)
    if path.is_dir():
        raise InputError("is a folder; give a file name", Where(str(path)))
    if path.exists() and not force:
        raise InputError("file exists; use --force to replace it", Where(str(path)))
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError("the folder does not exist", Where(str(path)))
    data = text.encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError):
            raise InputError(f"cannot write: {exc.strerror or exc}", Where(str(path))) from None
        raise


def write_generated(folder: Path | str, texts: dict[str, str]) -> list[Path]:
    """Write generated files (docs, schemas) into ``folder``, replacing older versions."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in texts.items():
        write_atomic(folder / name, text, force=True)
        written.append(folder / name)
    return written
