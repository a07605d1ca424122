"""``backplan plot``: a picture for a saved plan or a fresh one, never overwriting without --force."""

from __future__ import annotations

import builtins
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planner.cli import app
from planner.notice import SAFETY_NOTICE

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


@pytest.fixture(scope="module")
def saved_plan(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("plan") / "week.json"
    result = run("plan", "-p", str(ROOT / "examples" / "profiles" / "gym_goer.yaml"), "-o", str(out))
    assert result.exit_code == 0, result.output
    return out


def test_plot_a_saved_plan_to_png(saved_plan, tmp_path):
    out = tmp_path / "week.png"
    result = run("plot", str(saved_plan), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == SAFETY_NOTICE + "\n"
    assert result.stderr == f"backplan: wrote {out}\n"
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_plot_a_fresh_plan_to_svg_names_the_profile(tmp_path):
    out = tmp_path / "week.svg"
    result = run("plot", "-p", str(ROOT / "examples" / "profiles" / "child.yaml"), "--out", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert text.startswith("<?xml") and "<svg" in text
    assert "Balance of the week: child (seed 0)" in text


def test_an_existing_picture_is_kept_without_force(saved_plan, tmp_path):
    out = tmp_path / "week.png"
    out.write_bytes(b"mine")
    result = run("plot", str(saved_plan), "--out", str(out))
    assert result.exit_code == 2
    assert result.stderr == f"backplan: error: {out}: file exists; use --force to replace it\n"
    assert out.read_bytes() == b"mine"
    assert run("plot", str(saved_plan), "--out", str(out), "--force").exit_code == 0
    assert out.read_bytes()[:4] == b"\x89PNG"


def test_an_unknown_picture_format_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("plot", "--out", "week.pdf")
    assert result.exit_code == 2
    assert result.stderr == 'backplan: error: cannot draw "week.pdf": give a file name ending in .png or .svg\n'
    assert not (tmp_path / "week.pdf").exists()


def test_without_the_extra_it_says_what_to_install(tmp_path, monkeypatch):
    real_import = builtins.__import__

    def no_matplotlib(name, *args, **kwargs):
        if name.split(".")[0] == "matplotlib":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_matplotlib)
    result = run("plot", "--out", str(tmp_path / "x.png"))
    assert result.exit_code == 2
    assert result.stderr == 'backplan: error: plots need pandas and matplotlib: pip install "backplan[notebooks]"\n'


def test_help_names_the_extra():
    result = run("plot", "--help")
    assert result.exit_code == 0
    assert 'pip install "backplan[notebooks]"' in result.stdout
