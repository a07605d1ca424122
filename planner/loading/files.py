"""Writing output files without ever losing what was there.

``backplan plan -o FILE`` promises two things: nothing is replaced without ``--force``, and no
run, however it ends, leaves half a file. How each kind of ``FILE`` is treated:

* **A regular file** is written to a hidden temporary file in the same folder (``.NAME.XXXX.tmp``),
  flushed to disk and then put in place in one step. Without ``force`` that step is
  ``os.link``, which fails if the name exists: when several runs race for the same new name,
  exactly one wins and the others report "file exists". With ``force`` it is ``os.replace``.
  An interrupted run (Ctrl-C, SIGTERM, SIGHUP and the other signals that would end the process,
  a full disk) removes its temporary file, so it leaves the old file or the new one, never half
  of one; a signal during the write ends the run with exit code 128 + the signal number.
  (SIGKILL and a power cut cannot be caught: they may leave the hidden temporary file, never
  half a plan under the real name.)
  On a file system without hard links (FAT) the name is first claimed with an exclusive
  create, so a power cut at that instant can leave it empty.
* **Permissions.** A plan holds health data (conditions, clearance), so a new file is private:
  mode 0600 (less the umask, which can only make it stricter). A replaced file keeps its own
  permission bits and, where the system allows it, its owner and group. ``write_generated``
  (documentation, schemas) makes ordinary 0666-less-umask files.
* **A symbolic link** is never followed for writing: backplan replaces the name you gave, not
  whatever it points to. A link counts as an existing file (dangling or not), so without
  ``force`` it is refused; with ``force`` the link itself is replaced by the new, private file
  and the file it pointed to is left untouched. So a typo'd or planted link (another user's
  link in a sticky ``/tmp``) can never make backplan create or overwrite a file elsewhere.
* **A stream** is written straight through, no ``force`` needed, since nothing there can be
  lost: standard output or standard error themselves (``-o /dev/stdout``, appending when the
  shell redirected it to a file with ``>>``), a named pipe (FIFO), a terminal, and ``/dev/null``.
  A link may lead to a stream (``/dev/stdout`` is one); the kernel follows it, with its own
  protections.
* **Any other device is refused** (bad input, exit 2): a block device (``-o /dev/sda`` would
  overwrite a partition table) and every character device that is not a terminal or
  ``/dev/null`` (``/dev/zero``, ``/dev/watchdog`` ...), decided from the file's type and device
  number before it is opened. A folder or a socket is refused too.

Every failure of the operating system (permission denied, read-only file system, no space
left ...) becomes an :class:`InputError` naming the file: ``FILE: cannot write: permission denied``.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from planner.errors import InputError, Where

__all__ = ["Terminated", "write_atomic", "write_generated"]

EXISTS = "file exists; use --force to replace it"
LINK_EXISTS = "is a symbolic link; use --force to replace the link itself"

# Signals whose default action ends the process: while a temporary file exists they raise
# Terminated instead, so it is removed. SIGINT normally raises KeyboardInterrupt already.
_ENDING_SIGNALS = tuple(
    getattr(signal, name)
    for name in ("SIGHUP", "SIGINT", "SIGQUIT", "SIGTERM", "SIGUSR1", "SIGUSR2", "SIGALRM",
                 "SIGXCPU", "SIGVTALRM", "SIGPROF")
    if hasattr(signal, name)
)

# Linux device numbers of terminals: 4 virtual consoles and serial lines, 5:0 /dev/tty,
# 5:1 /dev/console, 136-143 pseudo-terminals (/dev/pts/N).
_LINUX_TTY_MAJORS = {4, *range(136, 144)}


class Terminated(SystemExit):
    """A terminating signal arrived while a file was being written; exit with 128 + its number."""

    def __init__(self, signum: int) -> None:
        super().__init__(128 + signum)
        self.signum = signum


def write_atomic(path: Path | str, text: str | bytes, force: bool = False, *, private: bool = True) -> None:
    """Write ``text`` (UTF-8; bytes, such as a picture or a PDF, as they are) to ``path`` (see the
    module documentation);
    ``private``: new files get 0600."""
    given = str(path)
    name = os.fspath(path)
    data = text.encode("utf-8") if isinstance(text, str) else text
    try:
        entry = os.lstat(name)  # the name itself, not what a link points to
    except (FileNotFoundError, NotADirectoryError):
        entry = None
    except OSError as exc:
        raise _cannot(exc, given) from None
    info = entry
    if entry is not None and stat.S_ISLNK(entry.st_mode):
        try:
            info = os.stat(name)  # only to recognise a stream (/dev/stdout) or a folder
        except OSError:
            info = None  # dangling (or a loop): the link itself is the existing file
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise InputError("is a folder; give a file name", Where(given))
        if _same_file(info, sys.stdout):
            _write_stream(sys.stdout, data, given)  # `-o /dev/stdout`: appending kept
            return
        if _same_file(info, sys.stderr):
            _write_stream(sys.stderr, data, given)
            return
        if not stat.S_ISREG(info.st_mode):
            _write_through(name, info, data, given)
            return
    if entry is not None and not force:
        raise InputError(LINK_EXISTS if stat.S_ISLNK(entry.st_mode) else EXISTS, Where(given))
    folder = os.path.dirname(name) or "."
    if not os.path.isdir(folder):
        raise InputError("the folder does not exist", Where(given))
    keep = entry if entry is not None and stat.S_ISREG(entry.st_mode) else None
    _write_file(name, folder, data, given, force, keep, private)


def _write_file(name: str, folder: str, data: bytes, given: str, force: bool,
                keep: os.stat_result | None, private: bool) -> None:
    tmp = None
    with _cleanup_on_signals():
        try:
            with _signals_blocked():  # so no signal falls between creating the file and knowing its name
                fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(name)}.", suffix=".tmp", dir=folder)
            with os.fdopen(fd, "wb") as handle:
                if keep is not None:
                    _keep_owner(fd, keep)
                    os.fchmod(fd, stat.S_IMODE(keep.st_mode) & 0o777)
                elif not private:
                    os.fchmod(fd, 0o666 & ~_umask())
                # else: mkstemp made it 0600 less the umask
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            if force:
                os.replace(tmp, name)
            else:
                _link_new(tmp, name, given)
            with contextlib.suppress(OSError):
                os.unlink(tmp)  # after os.link the data has two names: drop the temporary one
            tmp = None
        except BaseException as exc:
            if tmp is not None:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(tmp)
            if isinstance(exc, OSError):
                raise _cannot(exc, given) from None
            raise


def _link_new(tmp: str, name: str, given: str) -> None:
    """Give the finished file its name only if the name is free: one racing run wins."""
    try:
        os.link(tmp, name)
    except FileExistsError:
        raise InputError(EXISTS, Where(given)) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS):
            raise
        # No hard links here (FAT, some network file systems): claim the name, then replace it.
        try:
            claim = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        except FileExistsError:
            raise InputError(EXISTS, Where(given)) from None
        os.close(claim)
        try:
            os.replace(tmp, name)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(name)
            raise


def _keep_owner(fd: int, keep: os.stat_result) -> None:
    """Give the new file the owner and group of the one it replaces, as far as allowed."""
    for uid in (keep.st_uid, -1):
        try:
            os.fchown(fd, uid, keep.st_gid)
            return
        except OSError:
            continue


def _same_file(info: os.stat_result, stream: TextIO) -> bool:
    try:
        opened = os.fstat(stream.fileno())
    except (OSError, ValueError, AttributeError):
        return False
    return (opened.st_dev, opened.st_ino) == (info.st_dev, info.st_ino)


def _write_stream(stream: TextIO, data: bytes, given: str) -> None:
    stream.flush()
    try:
        stream.buffer.write(data)
        stream.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise _cannot(exc, given) from None


def _refusal(info: os.stat_result) -> str | None:
    """Why ``info`` may not be written straight through, or None for a stream."""
    mode = info.st_mode
    if stat.S_ISFIFO(mode):
        return None
    if stat.S_ISCHR(mode):
        if _is_dev_null(info) or _is_terminal(info):
            return None
        return "is a device, not a terminal; give a file name"
    if stat.S_ISBLK(mode):
        return "is a block device (a disk); give a file name"
    if stat.S_ISSOCK(mode):
        return "is a socket; give a file name"
    return "is not a regular file; give a file name"


def _is_dev_null(info: os.stat_result) -> bool:
    try:
        null = os.stat(os.devnull)
    except OSError:
        return False
    return stat.S_ISCHR(null.st_mode) and null.st_rdev == info.st_rdev


def _is_terminal(info: os.stat_result) -> bool:
    for fd in (0, 1, 2):
        try:
            if os.isatty(fd) and os.fstat(fd).st_rdev == info.st_rdev:
                return True
        except OSError:
            continue
    if sys.platform.startswith("linux"):
        major, minor = os.major(info.st_rdev), os.minor(info.st_rdev)
        return major in _LINUX_TTY_MAJORS or (major == 5 and minor in (0, 1))
    return False


def _write_through(name: str, info: os.stat_result, data: bytes, given: str) -> None:
    """A pipe, a terminal or /dev/null: written directly, never created, renamed or truncated."""
    reason = _refusal(info)
    if reason is not None:
        raise InputError(reason, Where(given))
    try:
        fd = os.open(name, os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise _cannot(exc, given) from None
    try:
        opened = os.fstat(fd)
        if (opened.st_dev, opened.st_ino) != (info.st_dev, info.st_ino):
            reason = _refusal(opened)  # the name changed since it was looked at
            if reason is not None:
                raise InputError(reason, Where(given))
        with os.fdopen(fd, "wb", closefd=False) as handle:
            handle.write(data)
    except OSError as exc:
        raise _cannot(exc, given) from None
    finally:
        os.close(fd)


def _cannot(exc: OSError, given: str) -> InputError:
    if exc.errno == errno.EEXIST:
        return InputError(EXISTS, Where(given))
    if exc.errno == errno.EISDIR:
        return InputError("is a folder; give a file name", Where(given))
    if exc.errno == errno.ENOTDIR:
        return InputError("cannot write: a part of the path is not a folder", Where(given))
    reason = exc.strerror or str(exc) or f"error {exc.errno}"
    return InputError(f"cannot write: {reason[:1].lower()}{reason[1:]}", Where(given))


@contextlib.contextmanager
def _cleanup_on_signals() -> Iterator[None]:
    """Turn the signals that would silently end the process into :class:`Terminated`.

    Only signals still at their default action are taken over (a handler someone installed, or
    an ignored signal, is left alone), only in the main thread, and only until the block ends.
    A second signal while the first is being handled is dropped: the run is ending already.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    raised = False

    def handler(signum: int, frame: object) -> None:
        nonlocal raised
        if not raised:
            raised = True
            raise Terminated(signum)

    previous = {}
    for signum in _ENDING_SIGNALS:
        with contextlib.suppress(OSError, ValueError):
            if signal.getsignal(signum) == signal.SIG_DFL:
                previous[signum] = signal.signal(signum, handler)
    try:
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)


@contextlib.contextmanager
def _signals_blocked() -> Iterator[None]:
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _ENDING_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


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
        write_atomic(folder / name, text, force=True, private=False)
        written.append(folder / name)
    return written
