"""Shared by the benchmark scripts: which code a set of figures was measured on."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def code_state() -> str:
    """``<commit> + <hash of planner/, catalog/, rules/>`` and whether the tree has local edits.

    The commit alone does not say which code ran when the working tree is being edited; the
    content hash does (read-only: ``git rev-parse``, and ``git status`` without optional locks).
    """
    digest = hashlib.sha256()
    for folder in ("planner", "catalog", "rules"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and path.suffix in {".py", ".yaml"}:
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True, timeout=10).stdout.strip() or "?"
        status = ["git", "--no-optional-locks", "status", "--porcelain", "--", "planner", "catalog", "rules"]
        dirty = subprocess.run(status, cwd=ROOT, capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        head, dirty = "?", ""
    return f"commit {head}{' + local edits' if dirty else ''}, content {digest.hexdigest()[:12]}"
