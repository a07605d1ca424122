"""Where the shipped data lives: ``catalog/``, ``rules/`` and the default profile.

In a wheel the folders are packed as ``planner/_data/<name>`` (see ``pyproject.toml``); in a
source checkout or an editable install they are read from the project root.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["data_dir", "default_profile_path", "DEFAULT_PROFILE"]

DEFAULT_PROFILE = "default_profile.yaml"


def data_dir(name: str) -> Path:
    """Folder of shipped data called ``name`` (``catalog``, ``rules``, ``schemas`` or ``profiles``)."""
    packed = Path(str(resources.files("planner"))) / "_data" / name
    if packed.is_dir():
        return packed
    return Path(__file__).resolve().parents[2] / name  # planner/loading/ -> the project root


def default_profile_path() -> Path:
    """The embedded default profile (``planner/default_profile.yaml``, in a wheel too)."""
    return Path(__file__).resolve().parent.parent / DEFAULT_PROFILE
