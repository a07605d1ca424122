"""``backplan plan --like PLAN``: re-plan a saved week changing as little as possible."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from planner.cli import app

GOLDEN = Path(__file__).resolve().parents[1] / "solver" / "golden"
runner = CliRunner()


def test_plan_like_a_saved_week_keeps_it():
    """The saved seed-0 week of the default profile, re-planned with seed 1 and the same rules:
    the seed-0 week is still among the best, so it comes back unchanged."""
    saved = GOLDEN / "default-seed0.json"
    result = runner.invoke(app, ["plan", "--seed", "1", "--like", str(saved), "-f", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["days"] == json.loads(saved.read_text())["days"]


def test_plan_like_a_bad_file_says_what_is_wrong_before_searching(tmp_path: Path):
    bad = tmp_path / "week.json"
    bad.write_text('{"seed": 0}\n')
    result = runner.invoke(app, ["plan", "--like", str(bad)])
    assert result.exit_code == 2
    assert result.stderr == f'backplan: error: {bad}:1:1: missing required key "days"\n'
    missing = tmp_path / "none.json"
    result = runner.invoke(app, ["plan", "--like", str(missing)])
    assert result.exit_code == 2
    assert result.stderr == f"backplan: error: {missing}: file not found\n"


def test_plan_with_the_exact_backend(tmp_path: Path):
    """``--backend exact`` plans with OR-Tools CP-SAT; the plan passes ``check``."""
    profile = Path(__file__).resolve().parents[2] / "examples" / "profiles" / "two_days_a_week.yaml"
    out = tmp_path / "week.json"
    result = runner.invoke(app, ["plan", "-p", str(profile), "--backend", "exact", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert runner.invoke(app, ["check", str(out)]).exit_code == 0


def test_plan_with_an_unknown_backend_says_which_there_are():
    result = runner.invoke(app, ["plan", "--backend", "fast"])
    assert result.exit_code == 2
    assert result.stderr == 'backplan: error: unknown backend "fast"; choose one of csp, exact\n'


def test_plan_with_an_unknown_search_says_which_there_are():
    result = runner.invoke(app, ["plan", "--search", "quick"])
    assert result.exit_code == 2
    assert result.stderr == 'backplan: error: unknown search "quick"; choose one of auto, fast, thorough\n'
