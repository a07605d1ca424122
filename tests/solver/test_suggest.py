"""What would help: each suggested change is one that was shown to give a safe week."""

from __future__ import annotations

import pytest

from planner.errors import InfeasibleError
from planner.rules import load_rule_file
from planner.solver import solve
from planner.solver.suggest import suggest
from tests.conftest import make_profile, plan_and_check


def _warmups(catalog) -> list[str]:
    return sorted(e for e, ex in catalog.exercises.items() if catalog.block(ex) == "warmup")


def test_excluding_every_warm_up_suggests_allowing_one(rules, catalog):
    person = make_profile(catalog, exclude=_warmups(catalog))
    with pytest.raises(InfeasibleError):
        solve(rules, catalog, person)
    found = [s.change for s in suggest(rules, catalog, person)]
    assert found, "some single change must help"
    first = found[0]
    assert first.startswith('stop excluding "')
    name = first.removeprefix('stop excluding "').removesuffix('"')
    kept = [e for e in person.exclude if catalog.exercises[e].name != name]
    plan_and_check(rules, catalog, person.model_copy(update={"exclude": kept}))


def test_more_minutes_is_the_smallest_step_that_works(rules, catalog, tmp_path):
    # A user rule wanting at least six stretches and strength exercises per session, with 12 minutes.
    path = tmp_path / "long.yaml"
    path.write_text(
        "rules:\n"
        "  - {id: long-session, kind: session_count, description: Six exercises at least.,"
        " select: {block: [stretch, strength]}, min: 6, source: [me]}\n"
    )
    mine = [*rules, *load_rule_file(path, catalog)]
    person = make_profile(catalog, session_minutes=12, days=["mon"], equipment=["mat", "chair"])
    with pytest.raises(InfeasibleError):
        solve(mine, catalog, person)
    found = [s.change for s in suggest(mine, catalog, person)]
    minutes = [s for s in found if s.startswith("allow about ")]
    assert len(minutes) == 1
    asked = int(minutes[0].split()[2])
    plan_and_check(mine, catalog, person.model_copy(update={"session_minutes": asked}))


def test_nothing_is_suggested_when_no_single_change_helps(rules, catalog, tmp_path):
    path = tmp_path / "never.yaml"
    path.write_text(
        "rules:\n"
        "  - {id: no-warm-ups, kind: forbid, description: No warm-ups at all., select: {block: warmup}, source: [me]}\n"
    )
    mine = [*rules, *load_rule_file(path, catalog)]
    person = make_profile(catalog)
    with pytest.raises(InfeasibleError):
        solve(mine, catalog, person)
    assert suggest(mine, catalog, person) == []


def test_the_refusal_says_what_would_help_before_the_rules(rules, catalog):
    person = make_profile(catalog, days=["mon"], equipment=[], exclude=["walking_warmup", "marching_on_the_spot"])
    with pytest.raises(InfeasibleError) as caught:
        solve(rules, catalog, person)
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
