"""What would help: each suggested change is one that was shown to give a safe week.

The solver refuses without suggestions; :func:`planner.api.plan_week` adds them when asked (the
CLI's ``plan`` does), so batch runs and notebooks do not pay for trial plans by default.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest

from planner.api import plan_week
from planner.errors import InfeasibleError
from planner.models import Profile
from planner.rules import Rule, load_rule_file
from planner.solver import solve
from planner.solver.suggest import suggest
from tests.conftest import make_profile, plan_and_check

ONE_DAY_NO_WALKS = {"days": ["mon"], "equipment": [], "exclude": ["walking_warmup", "marching_on_the_spot"]}


def _warmups(catalog) -> list[str]:
    return sorted(e for e, ex in catalog.exercises.items() if catalog.block(ex) == "warmup")


@pytest.fixture
def refused(catalog) -> Callable[[Sequence[Rule], Profile], list[str]]:
    """Check that the solver refuses ``person`` (saying nothing of what would help), then return
    the changes :func:`suggest` finds."""

    def check(rules: Sequence[Rule], person: Profile) -> list[str]:
        with pytest.raises(InfeasibleError) as caught:
            solve(rules, catalog, person)
        assert "What would help" not in caught.value.message
        return [s.change for s in suggest(rules, catalog, person)]

    return check


@pytest.fixture
def own_rule(rules, catalog, tmp_path) -> Callable[[str], list[Rule]]:
    """The shipped rules plus one rule written as a line of YAML."""

    def add(line: str) -> list[Rule]:
        path = tmp_path / "mine.yaml"
        path.write_text(f"rules:\n  - {line}\n")
        return [*rules, *load_rule_file(path, catalog)]

    return add


def test_excluding_every_warm_up_suggests_allowing_one(rules, catalog, refused):
    person = make_profile(catalog, exclude=_warmups(catalog))
    found = refused(rules, person)
    assert found, "some single change must help"
    first = found[0]
    assert first.startswith('stop excluding "')
    name = first.removeprefix('stop excluding "').removesuffix('"')
    kept = [e for e in person.exclude if catalog.exercises[e].name != name]
    plan_and_check(rules, catalog, person.model_copy(update={"exclude": kept}))


def test_more_minutes_is_the_smallest_step_that_works(catalog, refused, own_rule):
    # A user rule wanting at least six stretches and strength exercises per session, with 12 minutes.
    mine = own_rule("{id: long-session, kind: session_count, description: Six exercises at least.,"
                    " select: {block: [stretch, strength]}, min: 6, source: [me]}")
    person = make_profile(catalog, session_minutes=12, days=["mon"], equipment=["mat", "chair"])
    minutes = [s for s in refused(mine, person) if s.startswith("allow about ")]
    assert len(minutes) == 1
    asked = int(minutes[0].split()[2])
    plan_and_check(mine, catalog, person.model_copy(update={"session_minutes": asked}))


def test_nothing_is_suggested_when_no_single_change_helps(catalog, refused, own_rule):
    mine = own_rule("{id: no-warm-ups, kind: forbid, description: No warm-ups at all., select: {block: warmup}, source: [me]}")
    assert refused(mine, make_profile(catalog)) == []


def test_the_refusal_says_what_would_help_before_the_rules(rules, catalog):
    person = make_profile(catalog, **ONE_DAY_NO_WALKS)
    with pytest.raises(InfeasibleError) as caught:
        plan_week(person, rules=rules, catalog=catalog, suggest=True)
    by_id = {r.id: r for r in rules}
    assert caught.value.message == (
        "no safe week fits this profile as it is.\n"
        "What would help (each change was tried and gives a safe week):\n"
        '  - stop excluding "Gentle walking warm-up"\n'
        '  - stop excluding "Marching on the spot"\n'
        "The rules that could not all hold: profile-exclusions, warm-up-every-session\n"
        f"  - profile-exclusions: {by_id['profile-exclusions'].header.description} ({by_id['profile-exclusions'].where})\n"
        f"  - warm-up-every-session: {by_id['warm-up-every-session'].header.description} ({by_id['warm-up-every-session'].where})"
    )


def test_plan_week_tries_no_changes_unless_asked(rules, catalog, monkeypatch):
    from planner.solver import suggest as suggest_module

    monkeypatch.setattr(suggest_module, "suggest", lambda *a, **k: pytest.fail("suggest was called"))
    person = make_profile(catalog, **ONE_DAY_NO_WALKS)
    with pytest.raises(InfeasibleError) as caught:
        plan_week(person, rules=rules, catalog=catalog)
    assert caught.value.message.startswith(
        "these hard rules cannot all hold for this profile: profile-exclusions, warm-up-every-session\n")
