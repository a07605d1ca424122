"""``backplan rules diff``: the week with FILE is re-planned like the week without it, so the diff
shows only what FILE changes (golden cases in tests/cli/rules_diff.yaml, exact text).

Regenerate the expected texts after an intended change with::

    python -m tests.cli.test_rules_diff
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from planner.api import plan_week
from planner.checker import check_plan
from planner.cli import app
from planner.notice import SAFETY_NOTICE
from planner.rules import load_rule_file

ROOT = Path(__file__).resolve().parents[2]
CASES_FILE = Path(__file__).parent / "rules_diff.yaml"
CASES = yaml.safe_load(CASES_FILE.read_text())["cases"]
runner = CliRunner()


def _rule_file(case: dict, folder: Path) -> Path:
    path = folder / "rules.yaml"
    path.write_text(yaml.safe_dump({"rules": case["rules"]}, sort_keys=False))
    return path


def _diff(case: dict, folder: Path) -> str:
    args = ["rules", "diff", str(_rule_file(case, folder))]
    if case["profile"]:
        args += ["-p", str(ROOT / case["profile"])]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    head = SAFETY_NOTICE + "\n"
    assert result.stdout.startswith(head)
    return result.stdout[len(head):]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_diff_shows_only_what_the_rule_changes(case, tmp_path: Path):
    assert _diff(case, tmp_path) == case["stdout"]


@pytest.mark.parametrize("case", CASES[:1], ids=[c["name"] for c in CASES[:1]])
def test_the_week_replanned_like_the_old_one_is_legal_and_scores_no_worse_than_a_fresh_one(case, rules, catalog, tmp_path):
    """The reference only separates weeks of equal score, and its guided tries come on top of the
    usual ones: the re-planned week passes the checker with every rule and its soft penalty is at
    most that of a week planned from scratch with FILE (lower when a guided try found a better
    week than the usual tries: the search is not exhaustive)."""
    extra = [_rule_file(case, tmp_path)]
    profile = ROOT / case["profile"] if case["profile"] else None
    before = plan_week(profile)
    after = plan_week(profile, extra_rules=extra, like=before)
    fresh = plan_week(profile, extra_rules=extra)
    every = [*rules, *load_rule_file(extra[0], catalog)]
    assert [str(v) for v in check_plan(after, every, catalog, after.profile) if v.hard] == []
    assert after.soft_penalty <= fresh.soft_penalty


def regenerate() -> None:
    """Rewrite each case's ``stdout`` with what the command prints now."""
    import tempfile

    text = CASES_FILE.read_text()
    head, _, _ = text.partition("cases:\n")
    for case in CASES:
        with tempfile.TemporaryDirectory() as folder:
            case["stdout"] = _diff(case, Path(folder))

    class Literal(yaml.SafeDumper):
        pass

    def text(dumper: yaml.SafeDumper, s: str) -> yaml.Node:
        return dumper.represent_scalar("tag:yaml.org,2002:str", s, style="|" if "\n" in s else None)

    Literal.add_representer(str, text)
    CASES_FILE.write_text(head + yaml.dump({"cases": CASES}, Dumper=Literal, sort_keys=False, width=110))


if __name__ == "__main__":
    regenerate()
