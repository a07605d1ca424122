"""backplan explain on saved weeks: the texts people read, and that its load figures are the load model's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner import api
from planner.balance import plan_balance
from planner.catalog import default_catalog
from planner.checker import load_plan
from planner.contract import Plan, PlanItem
from planner.errors import InputError, RedFlagError
from planner.explain.contract import Exclusion
from planner.load import SIDE_SHARE, tension_seconds
from planner.messages import REFUSAL_HEADLINE

DATA = Path(__file__).parent / "data"
# backplan plan -p examples/profiles/hypertension_home_dumbbells.yaml, saved before the superman became
# intermediate: the beginner's Monday superman now breaks beginner-level, which explain must say.
HYPERTENSION = DATA / "hypertension-week.json"
PREGNANCY = DATA / "pregnancy-week.json"  # backplan plan -p examples/profiles/pregnancy_asthma.yaml


@pytest.fixture(scope="module")
def week():
    return api.explain(HYPERTENSION)


def test_an_item_says_what_required_placed_and_allowed_it_and_what_it_was_chosen_over(week):
    item = next(i for i in week.items if i.day == "mon" and i.exercise == "superman")
    assert item.required_by == []
    assert item.placed_by == ["relax-before-strengthening", "top-down", "neck-first", "cool-down-at-the-end"]
    assert item.dosed_by == []
    assert item.allowed_by == ["builtin:banned-moves", "banned-moves", "external-load-contraindications",
                               "exercise-contraindications", "own-equipment", "profile-exclusions",
                               "adult-exercises-for-adults", "head-above-heart"]  # not beginner-level: below
    plank = item.chosen_over[0]
    assert plank.summary == ("forearm_plank in place of superman would meet back-extensors-vs-abdominals; bring "
                             "abdominals:erectors inside its band (0.88 instead of 0.44), and break no rule "
                             "(the session order aside)")
    bird_dog = next(c for c in item.chosen_over if c.exercise == "bird_dog")
    assert bird_dog.breaks == ["do-not-overdo: mon: takes about 36 min, more than 35"]
    assert bird_dog.summary == "bird_dog in place of superman would break do-not-overdo"


def test_every_rule_that_applies_has_a_status(week):
    status = {r.rule: (r.status, r.detail) for r in week.rules}
    assert status["back-extensors-vs-abdominals"] == ("missed", "erectors:abdominals load ratio is 2.25, above 2.0")
    assert status["cross-train"] == ("missed", "the week has 1 different exercises, needs at least 2")
    assert status["exercise-contraindications"] == ("held", "")
    assert status["beginner-level"] == ("broken", "exercise is not allowed here")  # the saved week's superman
    level = {r.rule: r.level for r in week.rules}
    assert (level["exercise-contraindications"], level["legs-each-session"], level["cross-train"]) == (
        "safety", "structure", "preference")
    assert week.out_of_band == ["abdominals:erectors 0.44, band 0.50-1.00"]


def test_load_figures_are_the_load_model_and_the_balance_section():
    catalog = default_catalog()
    plan, _ = load_plan(HYPERTENSION, catalog)
    found = api.explain(plan)
    for item in found.items:
        day = next(d for d in plan.days if d.day == item.day)
        seconds = sum(tension_seconds(i.sets, i.reps, i.hold_s, i.minutes) * SIDE_SHARE[i.side]
                      for i in day.items if i.exercise == item.exercise)
        assert item.seconds == round(seconds, 1)
    assert found.out_of_band == plan.balance.out_of_band
    # The plank tried in place of Monday's superman, built by hand and measured by the plan's balance section.
    given = api.load_inputs(plan.profile)
    ex = catalog.exercises["forearm_plank"]
    swapped = json.loads(plan.model_dump_json())
    monday = swapped["days"][0]
    at = next(i for i, it in enumerate(monday["items"]) if it["exercise"] == "superman")
    plank = PlanItem(exercise=ex.id, name=ex.name, kind=ex.kind, block=catalog.block(ex), region=ex.region,
                     position=ex.position, side="both", sets=ex.dose.sets, reps=ex.dose.reps, hold_s=ex.dose.hold_s,
                     minutes=ex.dose.minutes)
    monday["items"][at] = plank.model_dump(mode="json")
    after = plan_balance(Plan.model_validate(swapped), catalog, given.rules, given.profile)
    pair = next(p for p in after.pairs if p.pair == "abdominals:erectors")
    before = next(p for p in plan.balance.pairs if p.pair == "abdominals:erectors")
    superman = next(i for i in found.items if i.day == "mon" and i.exercise == "superman")
    assert superman.chosen_over[0].balance[0] == (
        f"brings abdominals:erectors inside its band ({pair.ratio:.2f} instead of {before.ratio:.2f})")


def test_a_banned_move_is_never_programmed():
    answer = api.explain(HYPERTENSION, exercise="straight_leg_situp").exercise
    assert answer.status == "excluded"
    assert answer.excluded_by[0] == Exclusion(
        rule="builtin:banned-moves",
        reason="never programmed: it is one of the notorious moves (The old-style sit-up with straight legs loads "
               "the low back far too much; curl up with the knees bent and the back flat instead.)")
    assert answer.summary == "straight_leg_situp is excluded for this person by builtin:banned-moves, banned-moves"


def test_a_contraindication_names_the_condition():
    answer = api.explain(HYPERTENSION, exercise="dumbbell_shrugs").exercise
    assert answer.excluded_by[1] == Exclusion(rule="exercise-contraindications", reason="contraindicated with hypertension")
    pregnant = api.explain(PREGNANCY, exercise="superman").exercise
    assert pregnant.excluded_by == [Exclusion(
        rule="beginner-level", reason="Beginners get beginner exercises only; build up before harder or heavier work."),
        Exclusion(rule="pregnancy-no-face-down",
        reason="with pregnancy: In pregnancy, no exercise done lying face down, nor any sequence that passes "
               "through it (the relaxation sequence rolls onto the stomach).")]
    assert pregnant.summary == "superman is excluded for this person by beginner-level, pregnancy-no-face-down"


def test_an_allowed_exercise_not_chosen_says_what_it_would_cost():
    found = api.explain(HYPERTENSION, exercise="bird_dog")
    answer = found.exercise
    assert answer.status == "allowed, not chosen"
    fit = answer.best_fit
    assert (fit.day, fit.instead_of, fit.breaks, fit.misses) == ("wed", "squat_to_chair", [], [])
    assert fit.eases == ["back-extensors-vs-abdominals: erectors:abdominals load ratio is 2.09, above 2.0"]
    assert answer.summary == (
        "bird_dog is allowed but not chosen; its best fit: bird_dog in place of squat_to_chair would leave "
        "abdominals:erectors out of its band (0.48 instead of 0.44) (though it would miss "
        "back-extensors-vs-abdominals by less)")
    assert list(found.instructions) == ["bird_dog"]


def test_an_exercise_in_the_plan_says_where():
    answer = api.explain(HYPERTENSION, exercise="superman").exercise
    assert answer.summary == "superman is in the plan on mon, fri"
    assert [i.day for i in answer.items] == ["mon", "fri"]


def test_an_unknown_exercise_suggests_the_closest():
    with pytest.raises(InputError, match='^unknown exercise "bird_dgo" \\(did you mean "bird_dog"\\?\\); '
                                         "see backplan catalog list$"):
        api.explain(HYPERTENSION, exercise="bird_dgo")


def test_a_walk_of_its_own_is_in_the_plan_and_not_counted_in_the_load():
    answer = api.explain(HYPERTENSION, exercise="walking").exercise
    assert answer.summary == "walking is in the plan on tue, thu, sun (as an activity of its own, apart from the session)"
    assert [(i.day, i.walk, i.seconds, i.chosen_over) for i in answer.items] == [
        ("tue", True, 0.0, []), ("thu", True, 0.0, []), ("sun", True, 0.0, [])]


def test_a_person_to_refer_gets_the_referral_not_an_explanation():
    plan, _ = load_plan(HYPERTENSION, default_catalog())
    hurt = plan.profile.model_copy(update={"conditions": ["recent_injury"], "cleared_by_doctor": False})
    with pytest.raises(RedFlagError) as refused:
        api.explain(plan, profile=hurt)
    assert refused.value.rule_ids == ("clearance-before-starting", "red-flag-pain-or-injury")
    assert refused.value.message.startswith(REFUSAL_HEADLINE)
