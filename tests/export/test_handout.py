"""The printable handout (HTML): the notice first, each exercise's steps and cues, doses in words,
the warning signs, and nothing from a plan read as markup."""

from __future__ import annotations

from html import escape

from planner.export.handout import DOSE_KEY, to_html
from planner.export.weeks import dated_weeks
from planner.notice import SAFETY_NOTICE
from planner.render import dose_text
from tests.export.conftest import MONDAY


def test_notice_comes_before_the_week(one_week):
    html = to_html(one_week)
    assert html.index(f'<div class="notice">{escape(SAFETY_NOTICE)}</div>') < html.index("<table")
    assert "<h1>Back exercises: default</h1>" in html
    assert '<p class="dates">Monday 2 March 2026 to Sunday 8 March 2026</p>' in html


def test_every_exercise_with_its_dose_steps_and_cues(one_week, week_plan):
    html = to_html(one_week)
    assert f"<p class=\"small\">{escape(DOSE_KEY)}</p>" in html
    for day in week_plan.days:
        for item in [*day.items, *day.walks]:
            assert escape(item.name) in html
            assert f'<span class="dose">{escape(dose_text(item))}' in html
    for guide in week_plan.instructions.values():
        assert f"<h3>{escape(guide.name)}</h3>" in html
        for step in guide.steps:
            assert f"<li>{escape(step)}</li>" in html
        for cue in guide.cues:
            assert f"<li>{escape(cue)}</li>" in html


def test_the_warning_signs_stand_under_the_notice_and_all_advice_before_the_how_to(one_week, week_plan):
    html = to_html(one_week)
    warning = next(a for a in week_plan.advice if a.startswith("Stop and get medical help at once"))
    soreness = next(a for a in week_plan.advice if a.startswith("Mild muscle soreness is normal"))
    box = (f'<div class="urgent"><h3>When to stop and get help</h3><ul><li>{escape(soreness)}</li>'
           f"<li>{escape(warning)}</li></ul></div>")
    assert html.index(SAFETY_NOTICE) < html.index(box) < html.index("<table")
    assert html.index(f"<li>{escape(warning)}</li>", html.index(box) + len(box)) < html.index("<h2>How to do each exercise</h2>")
    assert "<h2>Advice, and when to get help at once</h2>" in html


def test_rest_days_and_a_box_to_tick_per_day_with_something_to_do(one_week, week_plan):
    html = to_html(one_week)
    busy = sum(bool(day.items or day.walks) for day in week_plan.days)
    assert html.count('<span class="box"></span>') == busy
    assert html.count('<span class="rest">Rest day</span>') == 7 - busy


def test_a_programme_has_a_section_per_week_and_the_how_to_once(two_weeks, week_plan):
    html = to_html(two_weeks)
    assert "<h2>Week 1: Monday 2 March 2026 to Sunday 8 March 2026</h2>" in html
    assert "<h2>Week 2: Monday 9 March 2026 to Sunday 15 March 2026</h2>" in html
    guide = next(iter(week_plan.instructions.values()))
    assert html.count(f"<h3>{escape(guide.name)}</h3>") == 1


def test_text_from_a_plan_is_escaped(week_plan):
    profile = week_plan.profile.model_copy(update={"name": "<script>alert(1)</script>"})
    html = to_html(dated_weeks(week_plan.model_copy(update={"profile": profile}), MONDAY))
    assert "<script>" not in html
    assert "<h1>Back exercises: &lt;script&gt;alert(1)&lt;/script&gt;</h1>" in html
