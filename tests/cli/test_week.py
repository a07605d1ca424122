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


TWO_DAYS = Path(__file__).resolve().parents[2] / "examples" / "profiles" / "two_days_a_week.yaml"


def _counting(monkeypatch) -> list[int]:
    """Count the searches: every call of ``api.plan_week`` the CLI makes."""
    import planner.api

    calls: list[int] = []
    real = planner.api.plan_week

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(planner.api, "plan_week", counted)
    return calls


def test_a_second_plan_from_the_same_files_reuses_the_week(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    searches = _counting(monkeypatch)
    first = runner.invoke(app, ["plan", "-p", str(TWO_DAYS), "-f", "json"])
    again = runner.invoke(app, ["plan", "-p", str(TWO_DAYS), "-f", "json"])
    assert first.exit_code == again.exit_code == 0, first.output + again.output
    assert again.stdout == first.stdout and len(searches) == 1
    replanned = runner.invoke(app, ["plan", "-p", str(TWO_DAYS), "-f", "json", "--replan"])
    assert replanned.stdout == first.stdout and len(searches) == 2  # the same inputs give the same week
    for fresh in (["--seed", "1"], ["--search", "fast"], ["--no-cache"], ["--time-limit", "60"]):
        runner.invoke(app, ["plan", "-p", str(TWO_DAYS), "-f", "json", *fresh])
    assert len(searches) == 6  # another seed or search is another week; no reuse with a time limit


def test_an_edited_profile_is_planned_again(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    searches = _counting(monkeypatch)
    person = tmp_path / "me.yaml"
    person.write_text(TWO_DAYS.read_text())
    first = json.loads(runner.invoke(app, ["plan", "-p", str(person), "-f", "json"]).stdout)
    chosen = next(i["exercise"] for d in first["days"] if d["items"] for i in d["items"]
                  if i["block"] == "strength")
    person.write_text(TWO_DAYS.read_text() + f"exclude: [{chosen}]\n")
    second = json.loads(runner.invoke(app, ["plan", "-p", str(person), "-f", "json"]).stdout)
    assert len(searches) == 2
    assert chosen not in {i["exercise"] for d in second["days"] for i in d["items"]}
