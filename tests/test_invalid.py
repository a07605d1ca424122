"""The bad-input corpus: every case in ``tests/invalid/cases.yaml`` through the real CLI.

Each case names an input (a file under ``tests/invalid/files/``, or one made at test time), the
role it plays (``profile``: ``backplan plan -p FILE``; ``rules``: ``backplan plan -r FILE``;
``catalog``: ``backplan plan --catalog DIR`` on a copy of the shipped ``catalog/`` with the file
added or replaced; ``plan``: ``backplan check FILE``) and the exact text expected on stderr.

For every case: the exit code is the expected one (2 unless the case says otherwise), stderr is
exactly the expected text (ONE line when the exit code is 2), stdout is empty and no traceback
appears anywhere. Adding a case means adding a file and an entry to ``cases.yaml``; see the
comment at the top of that file for every key.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from planner.cli import app
from planner.loading.resources import data_dir

HERE = Path(__file__).resolve().parent / "invalid"
FILES = HERE / "files"
ROOT = Path(__file__).resolve().parent.parent
ROLES = ("profile", "rules", "catalog", "plan")
KEYS = {"name", "role", "file", "as", "folder", "missing", "generate", "remove", "catalog_arg", "exit", "message", "problem"}

runner = CliRunner()


def _cases() -> list[dict[str, Any]]:
    cases = yaml.safe_load((HERE / "cases.yaml").read_text(encoding="utf-8"))
    assert isinstance(cases, list) and cases, "cases.yaml must hold a non-empty list of cases"
    return cases


CASES = _cases()


def _generate(spec: dict[str, Any]) -> bytes:
    """``head`` + ``body`` repeated ``times`` (joined by ``join``) + ``tail``, as UTF-8."""
    body = spec.get("join", "").join([spec.get("body", "")] * int(spec.get("times", 1)))
    return (spec.get("head", "") + body + spec.get("tail", "")).encode("utf-8")


def _place(case: dict[str, Any], target: Path) -> None:
    """Put the case's input at ``target`` (a copy, a generated file, a folder, or nothing)."""
    if case.get("missing"):
        return
    if case.get("folder"):
        target.mkdir()
        return
    if "generate" in case:
        target.write_bytes(_generate(case["generate"]))
        return
    shutil.copyfile(FILES / case["file"], target)


def _target_name(case: dict[str, Any]) -> str:
    return case.get("as") or case.get("file") or f"{case['name']}.yaml"


def _fill(text: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    return text


def _invoke(case: dict[str, Any], tmp_path: Path) -> tuple[Any, dict[str, str]]:
    values = {"tmp": str(tmp_path), "rules_dir": str(data_dir("rules"))}
    role = case["role"]
    if role == "catalog":
        folder = tmp_path / "catalog"
        shutil.copytree(ROOT / "catalog", folder)
        for pattern in case.get("remove", []):
            for path in folder.glob(pattern):
                path.unlink()
        values["dir"] = str(folder)
        if any(k in case for k in ("file", "generate", "folder", "missing")):
            target = folder / _target_name(case)
            if target.exists() and not case.get("folder"):
                target.unlink()
            _place(case, target)
            values["file"] = str(target)
        catalog_arg = _fill(case.get("catalog_arg", "{dir}"), values)
        return runner.invoke(app, ["plan", "--catalog", catalog_arg]), values
    target = tmp_path / _target_name(case)
    _place(case, target)
    values["file"] = str(target)
    args = {
        "profile": ["plan", "--profile", str(target)],
        "rules": ["plan", "--rules", str(target)],
        "plan": ["check", str(target)],
    }[role]
    return runner.invoke(app, args), values


def test_cases_are_well_formed():
    names = [case.get("name") for case in CASES]
    assert len(names) == len(set(names)), "case names must be unique"
    for case in CASES:
        assert set(case) <= KEYS, f"{case.get('name')}: unknown keys {sorted(set(case) - KEYS)}"
        assert case.get("role") in ROLES, f"{case['name']}: role must be one of {ROLES}"
        assert isinstance(case.get("message"), str) and case["message"], f"{case['name']}: needs a message"
        sources = [k for k in ("file", "generate", "folder", "missing") if k in case]
        assert len(sources) <= 1, f"{case['name']}: give at most one of file, generate, folder, missing"
        assert sources or case["role"] == "catalog", f"{case['name']}: needs an input"
        if "file" in case:
            assert (FILES / case["file"]).is_file(), f"{case['name']}: no file {case['file']}"


def test_every_file_is_used():
    used = {case["file"] for case in CASES if "file" in case}
    unused = sorted(p.name for p in FILES.iterdir() if p.name not in used)
    assert unused == [], f"files without a case in cases.yaml: {unused}"


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_bad_input(case: dict[str, Any], tmp_path: Path):
    result, values = _invoke(case, tmp_path)
    expected = _fill(case["message"].rstrip("\n"), values) + "\n"
    code = case.get("exit", 2)
    note = f"\n(known problem: {case['problem']})" if case.get("problem") else ""
    output = result.output + (result.stderr or "")
    assert "Traceback" not in output, output + note
    assert not (result.exception and not isinstance(result.exception, SystemExit)), repr(result.exception) + note
    assert result.stderr == expected, f"exit {result.exit_code}{note}"
    if code == 2:
        assert len(result.stderr.splitlines()) == 1, result.stderr + note
    assert result.exit_code == code, f"stderr: {result.stderr}{note}"
    assert result.stdout == "", result.stdout[:500] + note
