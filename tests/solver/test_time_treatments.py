"""The time treatments (planner/solver/time_treatments.py): a session's time depends on its order,
and the search scores a session in the order the plan prints, not in the order it was assigned."""

from __future__ import annotations

from pathlib import Path

from planner.profile import load_profile
from planner.rules import load_rule_file
from planner.solver import Settings, compile_rules
from planner.solver.build import build_model
from planner.solver.csp import CspBackend
from planner.solver.grouping import listing_key
from planner.solver.model import PlacedWeek
from planner.solver.optimise import best_week
from planner.solver.score import soft_amounts, soft_penalty
from planner.solver.time_treatments import time_miss

SHORT = ("rules:\n  - id: soft-short-sessions\n    kind: session_time\n    description: Ten-minute sessions.\n"
         "    severity: soft\n    max_minutes: 10\n    source: [me]\n")


def _compiled(rules, catalog, tmp_path: Path):
    profile = load_profile(None, catalog)  # the embedded default
    path = tmp_path / "short.yaml"
    path.write_text(SHORT)
    return compile_rules([*rules, *load_rule_file(path, catalog)], catalog, profile)


def test_a_session_is_timed_in_its_order(rules, catalog, tmp_path):
    compiled = _compiled(rules, catalog, tmp_path)
    model = build_model(compiled, Settings())
    (req,) = [r for r in compiled.soft() if r.origin.rule_id == "soft-short-sessions"]
    day = model.days[0]
    floor = [x for x in model.eligible[day] if catalog.exercises[x].position == "supine"][:2]
    standing = next(x for x in model.eligible[day] if catalog.exercises[x].position == "standing")
    apart = time_miss(req, PlacedWeek(model, {day: [floor[0], standing, floor[1]]}))
    together = time_miss(req, PlacedWeek(model, {day: [floor[0], floor[1], standing]}))
    assert apart - together == 45 / 60  # one more move between the floor and standing: 45 s


def test_the_search_scores_sessions_in_the_printed_order(rules, catalog, tmp_path):
    """The penalty of the week found is the one of its sessions as printed; timed in the listing
    the order stage starts from, the same week would miss the time rule by another amount."""
    compiled = _compiled(rules, catalog, tmp_path)
    solution, _ = best_week(CspBackend(), compiled, Settings(), 0)
    model = build_model(compiled, Settings())
    printed = {d: list(dict.fromkeys(i.exercise for i in solution.days[d])) for d in model.days}
    assert solution.penalty == soft_penalty(model, printed)[0]
    listed = {d: sorted(xs, key=listing_key(catalog)) for d, xs in printed.items()}
    assert soft_amounts(model, printed)["soft-short-sessions"] != soft_amounts(model, listed)["soft-short-sessions"]
