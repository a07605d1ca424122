"""Why a balance figure stays out of band (planner/tuning/reasons.py), in exact words."""

from __future__ import annotations

from planner.balance import summary_lines


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
