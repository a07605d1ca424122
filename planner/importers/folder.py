"""The catalog folder an import writes: the catalog it joins, copied, plus one file of imported entries.

A catalog folder is what ``--catalog DIR`` reads (``vocab.yaml``, ``muscles.yaml`` and exercise
files), so the import's folder holds a copy of the catalog it joins (the shipped one unless
``--catalog`` names another) and ``ex_<library>.yaml``: ``backplan plan --catalog DIR`` then plans
from both together. Files are written with :func:`planner.loading.files.write_atomic`: nothing is
replaced without ``--force``, and a folder holding other catalog files is refused, since they would
be loaded with the import.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml

from planner.catalog import load_catalog
from planner.errors import BackplanError, InputError, Where
from planner.loading.files import write_atomic

__all__ = ["base_files", "check_loads", "render", "write_folder"]

_FLOW_ITEM = 40  # lists of short words stay on one line: [mat, dumbbells]
_FLOW_TOTAL = 100


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> Any:
        return super().increase_indent(flow, False)  # "  - id:" as in the shipped catalog


def _list(dumper: yaml.SafeDumper, data: list) -> yaml.Node:
    short = all(isinstance(x, (str, int)) and len(str(x)) <= _FLOW_ITEM for x in data)
    flow = short and sum(len(str(x)) + 2 for x in data) <= _FLOW_TOTAL
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


def _dict(dumper: yaml.SafeDumper, data: dict) -> yaml.Node:
    flow = bool(data) and all(isinstance(v, int) for v in data.values())  # dose: {sets: 2, reps: 10}
    return dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=flow)


_Dumper.add_representer(list, _list)
_Dumper.add_representer(dict, _dict)


def render(entries: list[dict[str, Any]], header: list[str], skipped: dict[str, str]) -> str:
    """The exercise file: a comment header, the entries, and every skipped id with its reason."""
    lines = [f"# {line}".rstrip() for line in header]
    body = yaml.dump({"exercises": entries}, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    tail = ["", f"# Skipped ({len(skipped)}): an overlay can supply a missing field (see README)."]
    tail += [f"#   {ex_id}: {reason}" for ex_id, reason in skipped.items()]
    return "\n".join(lines) + "\n" + body + "\n".join(tail) + "\n"


def base_files(folder: Path | str, own: str) -> dict[str, str]:
    """The files of the catalog folder an import joins, by name (an earlier ``own`` file left out)."""
    folder = Path(folder)
    names = sorted(p.name for p in [*folder.glob("*.yaml"), *folder.glob("*.yml")] if p.name != own)
    out = {}
    for name in ["vocab.yaml", "muscles.yaml", *[n for n in names if n not in ("vocab.yaml", "muscles.yaml")]]:
        try:
            out[name] = (folder / name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read: {exc}", Where(str(folder / name))) from None
    return out


def check_loads(files: dict[str, str]) -> int:
    """Load the would-be folder from a temporary copy; the number of exercises. A failure is a bug."""
    with tempfile.TemporaryDirectory(prefix="backplan-import-") as tmp:
        for name, text in files.items():
            (Path(tmp) / name).write_text(text, encoding="utf-8")
        try:
            return len(load_catalog(tmp).exercises)
        except BackplanError as exc:
            raise RuntimeError(f"the imported catalog does not load: {exc}") from None


def write_folder(out: Path | str, files: dict[str, str], force: bool = False) -> list[Path]:
    """Write ``files`` into the folder ``out`` (created if missing; its parent must exist)."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise InputError("is not a folder", Where(str(out)))
    if out.is_dir():
        others = sorted(
            p.name for p in [*out.glob("*.yaml"), *out.glob("*.yml")] if p.name not in files
        )
        if others:
            shown = ", ".join(others[:3]) + (" ..." if len(others) > 3 else "")
            raise InputError(
                f"holds other catalog files ({shown}) that would be loaded with the import; "
                "remove them or choose another folder", Where(str(out)))
        if not force:
            taken = [n for n in files if (out / n).exists() or (out / n).is_symlink()]
            if taken:
                more = f" (and {len(taken) - 1} more)" if len(taken) > 1 else ""
                raise InputError(f"file exists{more}; use --force to replace the import", Where(str(out / taken[0])))
    try:
        out.mkdir(exist_ok=True)
    except OSError as exc:
        reason = str(exc.strerror or exc)
        raise InputError(f"cannot create folder: {reason[:1].lower()}{reason[1:]}", Where(str(out))) from None
    written = []
    for name, text in files.items():
        write_atomic(out / name, text, force=force, private=False)
        written.append(out / name)
    return written
