"""Why a balance figure stays out of band (planner/tuning/reasons.py), in exact words."""

from __future__ import annotations

import pytest

from planner.api import load_inputs, to_plan
from planner.balance import summary_lines
from planner.solver import Settings, solve
from planner.tuning import tune_plan
from tests.conftest import EXAMPLES


@pytest.fixture(scope="module")
def tuned_examples(catalog, rules):
    """The pregnancy and every-day weeks (fast search, tuned) of someone who does not do the
    standing hamstring curl (balancing on one leg, say): the catalog's one standing hamstring
    exercise, so the first has no hamstring work left at all."""
    out = {}
    for path in EXAMPLES:
        if path.stem in ("pregnancy_asthma", "every_day_after_injury"):
            given = load_inputs(path, rules=rules, catalog=catalog)
            person = given.profile.model_copy(update={"exclude": [*given.profile.exclude, "standing_hamstring_curl"]})
            solution = solve(given.rules, given.catalog, person, seed=0, settings=Settings(search="fast"))
            plan = to_plan(solution, given.catalog, person, 0, given.rules)
            out[path.stem] = (given, plan, tune_plan(plan, given.rules, given.catalog, person))
    return out


def test_no_allowed_exercise_works_the_underloaded_side(tuned_examples):
    _, _, tuned = tuned_examples["pregnancy_asthma"]
    pair = next(p for p in tuned.balance.pairs if p.pair == "quadriceps:hamstrings")
    assert pair.why == ("at the lowest doses backplan allows, quadriceps:hamstrings is still 6.00: no exercise "
                        "allowed for you works hamstrings as a main muscle")
    assert summary_lines(tuned.balance)[-1] == f"Why quadriceps:hamstrings stays out of band: {pair.why}."


def test_the_exercises_that_would_help_do_not_fit(tuned_examples):
    _, _, tuned = tuned_examples["every_day_after_injury"]
    pair = next(p for p in tuned.balance.pairs if p.pair == "abdominals:erectors")
    assert pair.why == ("at the lowest doses backplan allows, abdominals:erectors is still 1.11: the erectors "
                        "exercises you may do (bird_dog) do not fit: each swap breaks do-not-overdo, "
                        "core-each-session (do-not-overdo: mon: takes about 31 min, more than 30)")
