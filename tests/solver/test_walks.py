"""planner.solver.walks: walks planned before the sessions, and credited to the weekly rules."""

from __future__ import annotations

from pathlib import Path

from planner.requirements import Count, Exclude, WeekTime
from planner.rules import load_rules
from planner.solver import compile_rules
from planner.solver.walks import _spread, credit, plan_walks, refused
from tests.conftest import make_profile

WALK = (
    "  - id: walks\n    kind: walks\n    description: d\n    severity: {level}\n"
    "    minutes: 15\n    days: 3\n    source: [me]\n"
)
EXCLUSIONS = "  - id: profile-exclusions\n    kind: profile_exclude\n    description: d\n    source: [me]\n"
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def _compiled(catalog, tmp_path: Path, extra: str = "", level: str = "structure", **profile):
    path = tmp_path / "rules.yaml"
    path.write_text("rules:\n" + WALK.format(level=level) + extra)
    return compile_rules(load_rules([path], catalog), catalog, make_profile(catalog, **profile))


def test_days_off_come_first_spread_over_the_week():
    assert _spread(["tue", "thu", "sat", "sun"], {"mon", "wed", "fri"}, DAYS, 3) == ["tue", "thu", "sat"]
    assert _spread(DAYS, set(DAYS), DAYS, 3) == ["mon", "thu", "sat"]
    assert _spread(DAYS, {"mon", "tue", "wed", "thu", "fri"}, DAYS, 3) == ["wed", "sat", "sun"]


def test_walks_count_toward_weekly_counts_and_times(catalog, tmp_path):
    extra = (
        "  - id: most-days\n    kind: weekly_count\n    description: d\n    severity: preference\n"
        "    select: {}\n    count: days\n    min: 5\n    source: [me]\n"
        "  - id: aerobic-time\n    kind: weekly_minutes\n    description: d\n    severity: preference\n"
        "    select: {block: aerobic}\n    min: 60\n    source: [me]\n"
    )
    compiled = _compiled(catalog, tmp_path, extra)
    walks = plan_walks(compiled)
    assert sorted(walks.days) == ["sat", "thu", "tue"]
    reqs = {r.origin.rule_id: r for r in credit(compiled, walks).requirements}
    days = reqs["most-days"]
    assert isinstance(days, Count) and (days.low, days.days) == (2, None)  # rest-day walks: no day is shared
    time = reqs["aerobic-time"]
    assert isinstance(time, WeekTime) and time.min_seconds == 3600 - 3 * 920
    walked = reqs["walks"]  # the walk requirement leaves; the session does not walk again that day
    assert isinstance(walked, Exclude) and walked.ids == {"walking"} and walked.days == {"tue", "thu", "sat"}


def test_a_walk_beside_a_session_leaves_the_other_days_to_the_sessions(catalog, tmp_path):
    extra = (
        "  - id: aerobic-days\n    kind: weekly_count\n    description: d\n    severity: preference\n"
        "    select: {block: aerobic}\n    count: days\n    min: 4\n    source: [me]\n"
    )
    compiled = _compiled(catalog, tmp_path, extra, days=DAYS)
    walks = plan_walks(compiled)
    [count] = [r for r in credit(compiled, walks).requirements if r.origin.rule_id == "aerobic-days"]
    assert isinstance(count, Count)
    assert (count.low, sorted(count.days or [])) == (1, ["fri", "sun", "tue", "wed"])


def test_a_hard_weekly_cap_keeps_walk_days_out(catalog, tmp_path):
    extra = (
        "  - id: at-most-31-minutes\n    kind: weekly_minutes\n    description: d\n"
        "    max: 31\n    source: [me]\n"
    )
    walks = plan_walks(_compiled(catalog, tmp_path, extra))
    assert sorted(walks.days) == ["thu", "tue"]  # a third walk would pass 31 minutes (920 s each)
    [(req, missing, because)] = walks.short
    assert (req.origin.rule_id, missing, because) == ("walks", 1, ("at-most-31-minutes",))


def test_no_walk_when_walking_is_excluded(catalog, tmp_path):
    compiled = _compiled(catalog, tmp_path, EXCLUSIONS, exclude=["walking"])
    walks = plan_walks(compiled)
    assert walks.days == {}
    assert [(r.origin.rule_id, n, why) for r, n, why in walks.short] == [("walks", 3, ("profile-exclusions",))]
    assert refused(walks) == ()  # a structure rule gives way


def test_a_safety_walk_rule_with_no_walk_refuses_the_week(catalog, tmp_path):
    walks = plan_walks(_compiled(catalog, tmp_path, EXCLUSIONS, level="safety", exclude=["walking"]))
    assert refused(walks) == ("walks", "profile-exclusions")
