"""A cache of loaded inputs (the catalog and the rules), keyed by what they were loaded from.

Loading means parsing YAML and validating every exercise and rule: the same work on every run
while the files stay the same. :func:`cached` keeps the result in the user's cache folder
(``$XDG_CACHE_HOME/backplan``, else ``~/.cache/backplan``) under a key made of:

* every input file's path (as given) and bytes (a changed file is a new key: nothing goes stale);
* the backplan version, the Python version and the size and modification time of every module of
  the ``planner`` package (a pickle of other code's classes is never read back);
* what the caller adds (e.g. which function loaded the inputs).

An entry is the key, an HMAC-SHA256 of key and pickle, and the pickle. The HMAC's secret is made
at random the first time (``key``, mode 0600, in the same private folder, mode 0700), so an entry
written by anyone without that secret, or damaged on disk, fails the check and is never
unpickled: it is ignored, loaded again from the files and rewritten. Every failure of the cache
itself (an unreadable or read-only folder, a full disk) falls back to loading; a cache can make
a run faster, never make it fail. Errors in the inputs are not cached: they are raised by the
loader as usual.

``BACKPLAN_NO_CACHE=1`` (or ``--no-cache``) turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import pickle
import secrets
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

__all__ = ["cached", "cache_dir", "enabled", "input_key", "MAGIC"]

T = TypeVar("T")
MAGIC = b"backplan-cache-1\n"
_DIGEST = hashlib.sha256().digest_size
MAX_INPUT = 2 * 1024 * 1024  # the loader refuses larger files (planner.loading.yamlio.MAX_BYTES)


def enabled() -> bool:
    """False when ``BACKPLAN_NO_CACHE`` is set to anything but ``""`` or ``0``."""
    return os.environ.get("BACKPLAN_NO_CACHE", "") in ("", "0")


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "backplan"


def _code_stamp() -> bytes:
    """The version, the Python version and each planner module's size and modification time."""
    from planner import __version__

    package = Path(__file__).resolve().parent.parent
    parts = [__version__, sys.version, str(package)]
    for path in sorted(package.rglob("*.py")):
        st = path.stat()
        parts.append(f"{path.relative_to(package)}:{st.st_size}:{st.st_mtime_ns}")
    return "\n".join(parts).encode()


class Uncachable(OSError):
    """An input that is not a plain file of a loadable size (a device, a pipe): no cache for it."""


def _bytes(path: Path) -> bytes:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # a pipe does not wait for a writer
    with open(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise Uncachable(f"{path}: not a regular file")
        data = handle.read(MAX_INPUT + 1)
    if len(data) > MAX_INPUT:
        raise Uncachable(f"{path}: too large")
    return data


def input_key(files: Iterable[Path], extra: str = "") -> str:
    """The hex SHA-256 of the files' paths and bytes, the code stamp and ``extra``; raises
    :class:`OSError` for a file that cannot be read or is no regular file (the loader reports it)."""
    digest = hashlib.sha256(_code_stamp())
    digest.update(extra.encode())
    for path in files:
        name = str(path).encode()
        data = _bytes(Path(path))
        digest.update(len(name).to_bytes(8, "big") + name + len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def _secret(folder: Path) -> bytes:
    path = folder / "key"
    try:
        secret = path.read_bytes()
        if len(secret) == 32:
            return secret
    except OSError:
        pass
    secret = secrets.token_bytes(32)
    _write(path, secret)
    return secret


def _write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a private temporary file put in place in one step."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _read(path: Path, key: str, secret: bytes) -> object | None:
    """The entry's object, or None when it is missing, damaged, tampered with or not unpicklable."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head = MAGIC + key.encode()
    if not data.startswith(head) or len(data) < len(head) + _DIGEST:
        return None
    mac, payload = data[len(head):len(head) + _DIGEST], data[len(head) + _DIGEST:]
    if not hmac.compare_digest(mac, hmac.new(secret, head + payload, hashlib.sha256).digest()):
        return None
    try:
        return pickle.loads(payload)  # noqa: S301 - authenticated above: written by this user's backplan
    except Exception:  # noqa: BLE001 - a class that changed shape: load again
        return None


def cached(files: Iterable[Path], load: Callable[[], T], extra: str = "", use: bool = True) -> T:
    """``load()``, or what it returned before for the same files, code and ``extra``."""
    if not (use and enabled()):
        return load()
    files = list(files)
    try:
        key = input_key(files, extra)
        folder = cache_dir()
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        secret = _secret(folder)
    except OSError:  # an input file that cannot be read: the loader says so, with its message
        return load()
    entry = folder / f"{key}.pickle"
    found = _read(entry, key, secret)
    if found is not None:
        return found  # type: ignore[return-value]
    value = load()
    try:
        head = MAGIC + key.encode()
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        _write(entry, head + hmac.new(secret, head + payload, hashlib.sha256).digest() + payload)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        pass
    return value
