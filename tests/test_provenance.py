"""A plan remembers how it was made (issue 11 point 6), and ``backplan check`` uses that record."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planner import __version__
from planner.api import check_week, plan_week
from planner.catalog import default_catalog
from planner.cli import app
from planner.contract import RuleFileUsed
from planner.provenance import differences
from planner.rules import default_rule_files, load_rules

runner = CliRunner()
# The first strength exercise of Monday in the default week, as the shipped rules alone plan it:
# the client's own rule forbids it, so a Monday copied from that week breaks the rule.
MONDAY = plan_week().days[0]
BANNED = next(item.exercise for item in MONDAY.items if item.block == "strength")
NO_PLANKS = """\
rules:
  - id: no-planks
    kind: forbid
    description: Not this exercise for this client.
    select: {id: [%s]}
    source: [my clinic]
""" % BANNED
WARNING = ("backplan: warning: the plan was made with other rules or another catalog than this check uses, "
           "so its result may not hold for the plan as it was made:\n")


def run(*args: str):
    return runner.invoke(app, list(args))


@pytest.fixture
def mine(tmp_path: Path) -> Path:
    path = tmp_path / "my.yaml"
    path.write_text(NO_PLANKS)
    return path


def _plank_added(week: Path, tmp_path: Path) -> None:
    """Edit the plan by hand: Monday as the shipped rules alone plan it, with a forearm plank."""
    assert run("plan", "-f", "json", "-o", str(tmp_path / "plain.json")).exit_code == 0
    plain = json.loads((tmp_path / "plain.json").read_text())
    assert BANNED in [i["exercise"] for i in plain["days"][0]["items"]]
    plan = json.loads(week.read_text())
    plan["days"][0] = plain["days"][0]
    plan["instructions"] = {**plain["instructions"], **plan["instructions"]}
    week.write_text(json.dumps(plan))


def test_a_plan_records_its_rule_files_catalog_and_version(mine: Path):
    plan = plan_week(extra_rules=[mine])
    record = plan.made_with
    assert record is not None and record.backplan == __version__
    assert record.catalog.path == "embedded"
    assert [f.path for f in record.rule_files] == ["advice.yaml", "balance.yaml", "dose.yaml", "safety.yaml", "session.yaml",
                                                   "week.yaml", str(mine.resolve())]
    assert record.rule_files[-1] == RuleFileUsed(path=str(mine.resolve()), shipped=False,
                                                 sha256=hashlib.sha256(mine.read_bytes()).hexdigest())
    assert all(f.shipped for f in record.rule_files[:-1])


def test_check_without_r_uses_the_rule_files_the_plan_was_made_with(mine: Path, tmp_path: Path):
    # The example: a plan made with -r my.yaml, then changed, checked without -r.
    week = tmp_path / "week.json"
    assert run("plan", "-r", str(mine), "-o", str(week)).exit_code == 0
    _plank_added(week, tmp_path)
    result = run("check", str(week))
    assert result.exit_code == 1
    assert result.stderr == (f"backplan: checking with the rule files the plan was made with (still there, unchanged): "
                             f"{mine.resolve()}; give -r to check against other rules\n")
    assert f"error [no-planks] mon {BANNED}: exercise is not allowed here\n" in result.stdout
    assert "\n1 hard violation(s), " in result.stdout


def test_check_warns_when_the_plans_rule_file_changed_or_is_gone(mine: Path, tmp_path: Path):
    week = tmp_path / "week.json"
    assert run("plan", "-r", str(mine), "-o", str(week)).exit_code == 0
    _plank_added(week, tmp_path)
    mine.write_text(NO_PLANKS + "# edited\n")
    changed = run("check", str(week))
    assert changed.exit_code == 0  # checked against the shipped rules only, with the warning
    assert changed.stderr == WARNING + f"  - {mine.resolve()}: the plan was made with it; it has changed since and this check does not use it\n"
    mine.unlink()
    gone = run("check", str(week))
    assert gone.stderr == WARNING + f"  - {mine.resolve()}: the plan was made with it; it is no longer there\n"


def test_check_warns_about_a_rule_file_the_plan_was_made_without(mine: Path, tmp_path: Path):
    week = tmp_path / "week.json"
    assert run("plan", "-o", str(week)).exit_code == 0
    result = run("check", str(week), "-r", str(mine))
    assert result.exit_code == 1
    assert result.stderr == WARNING + f"  - {mine.resolve()}: the plan was made without it; this check uses it\n"


def test_a_plan_checked_as_it_was_made_gets_no_warning(mine: Path, tmp_path: Path):
    week = tmp_path / "week.json"
    assert run("plan", "-r", str(mine), "-o", str(week)).exit_code == 0
    result = run("check", str(week), "-r", str(mine))
    assert (result.exit_code, result.stderr) == (0, "")


def test_differences_name_the_catalog_version_and_shipped_rules(mine: Path):
    record = plan_week(extra_rules=[mine]).made_with
    assert record is not None
    other_week = record.rule_files[5].model_copy(update={"sha256": "0" * 64})
    then = record.model_copy(update={
        "backplan": "0.0.9",
        "catalog": record.catalog.model_copy(update={"path": "/clinic/catalog"}),
        "rule_files": [*record.rule_files[:5], other_week],
    })
    assert differences(then, record) == [
        f"made with backplan 0.0.9; this is backplan {__version__}",
        "made with the catalog /clinic/catalog; this check uses embedded",
        "shipped rules week.yaml: changed since the plan was made",
        f"{mine.resolve()}: the plan was made without it; this check uses it",
    ]
    same_path = then.model_copy(update={"catalog": record.catalog.model_copy(update={"sha256": "1" * 64})})
    assert differences(same_path, record)[1] == "the catalog embedded has changed since the plan was made"
    own = record.model_copy(update={"rule_files": record.rule_files[6:]})  # made with shipped: false
    assert differences(record, own)[0] == "shipped rules advice.yaml: the plan was made with them; this check leaves them out (shipped: false)"


def test_check_week_uses_the_plans_own_rule_files_unless_given_rules(mine: Path):
    made = plan_week(extra_rules=[mine])
    plain = plan_week()
    edited = made.model_copy(update={"days": [plain.days[0], *made.days[1:]]})
    assert [v.rule_id for v in check_week(edited) if v.hard] == ["no-planks"]
    assert [v.rule_id for v in check_week(edited, extra_rules=[]) if v.hard] == ["no-planks"]
    assert [v for v in check_week(edited, rules=load_rules(default_rule_files(), default_catalog())) if v.hard] == []
    mine.write_text(NO_PLANKS + "# edited\n")  # changed since: not used in place of the one the plan was made with
    assert [v for v in check_week(edited) if v.hard] == []
