"""Writing output files without ever losing what was there.

A file is written to a temporary file in the same folder and renamed over the target in one
step, so an interrupted run (Ctrl-C, a full disk) leaves either the old file or the new one,
never half of one. An existing file is replaced only when the caller says ``force``.

A symbolic link is followed: the file it points to is replaced and the link stays. A target
that is standard output itself (``-o /dev/stdout``, even when the shell redirected it to a file)
is written to standard output; one that is not a regular file (a device, a named pipe) cannot be
renamed over, so it is written straight through. A new file gets the usual permissions (0666 less the umask); a
replaced file keeps its own.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from pathlib import Path

from planner.errors import InputError, Where

__all__ = ["write_atomic", "write_generated"]


def write_atomic(path: Path | str, text: str, force: bool = False) -> None:
    given = str(path)
    path = Path(path)
    if path.is_dir():
        raise InputError("is a folder; give a file name", Where(given))
    data = text.encode("utf-8")
    try:
        info = path.stat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", Where(given)) from None
    if info is not None and _is_stdout(info):
        _write_stdout(data, given)  # `-o /dev/stdout`: what the shell redirected, appending kept
        return
    if info is not None and not stat.S_ISREG(info.st_mode):
        _write_through(path, data, given)  # a device or pipe: nothing there can be lost
        return
    if info is not None and not force:
        raise InputError("file exists; use --force to replace it", Where(given))
    if path.is_symlink():
        path = Path(os.path.realpath(path))  # replace what the link points to, keep the link
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError("the folder does not exist", Where(given))
    mode = stat.S_IMODE(info.st_mode) if info is not None else 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        os.fchmod(fd, mode)
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
            raise InputError(f"cannot write: {exc.strerror or exc}", Where(given)) from None
        raise


def _is_stdout(info: os.stat_result) -> bool:
    try:
        out = os.fstat(sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        return False
    return (out.st_dev, out.st_ino) == (info.st_dev, info.st_ino)


def _write_stdout(data: bytes, given: str) -> None:
    sys.stdout.flush()
    try:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", Where(given)) from None


def _write_through(path: Path, data: bytes, given: str) -> None:
    try:
        with open(path, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", Where(given)) from None


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_generated(folder: Path | str, texts: dict[str, str]) -> list[Path]:
    """Write generated files (docs, schemas) into ``folder``, replacing older versions."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in texts.items():
        write_atomic(folder / name, text, force=True)
        written.append(folder / name)
    return written
