"""``backplan explain``: why each item of a week is there, and why (not) one exercise."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from planner.cli.common import CatalogOpt, DebugOpt, NoCacheOpt, ProfileOpt, RulesOpt, emit, guard, load_inputs
from planner.errors import EXIT_OK, BackplanError

__all__ = ["explain"]

_FORMATS = ("table", "markdown", "json")


def explain(
    plan_file: Annotated[Path | None, typer.Argument(metavar="PLAN", readable=False, help="A plan as `backplan plan -f json` writes it; read with its own profile and, without -r, its own rule files when still there unchanged (as check does). Without it: a week planned now from -p/-r/--catalog/--seed, as `backplan plan` would.")] = None,
    exercise: Annotated[str | None, typer.Option("--exercise", "-e", metavar="ID", help="Why or why not this catalog exercise: where it is, the rules that exclude it for this person, or what putting it in would cost.")] = None,
    profile: ProfileOpt = None,
    rules: RulesOpt = None,
    catalog: CatalogOpt = None,
    seed: Annotated[int, typer.Option("--seed", metavar="N", help="Seed of the week planned when no PLAN is given.")] = 0,
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="table, markdown or json (shape: schemas/explain.schema.json).")] = "table",
    out: Annotated[Path | None, typer.Option("--out", "-o", metavar="FILE", help="Write to this file instead of the terminal, atomically; an existing file is replaced only with --force.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace --out if it already exists.")] = False,
    no_cache: NoCacheOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Explain a week: per item, the rules that required, allowed, placed and dosed it and the
    alternatives it was chosen over, each with the first rule it would break or what it would
    cost (soft rules missed, balance figures in seconds under tension from the load model);
    per rule, held, gave way, missed or broken. With --exercise, why or why not one exercise.
    Alternatives are judged by the rules on the week's content; the session order is left to
    the planner.

    \b
    Examples:
      backplan explain
      backplan explain week.json
      backplan explain -p examples/profiles/hypertension_home_dumbbells.yaml -e bird_dog
      backplan explain week.json --exercise straight_leg_situp
      backplan explain week.json -f json -o why.json
    Exit codes: 0 explained; 2 bad input (an unknown exercise: with a "did you mean");
    3 see a doctor first; 4 no week (without PLAN).
    """

    def action() -> int:
        from planner import api
        from planner.explain.text import render_explanation
        from planner.profile import load_profile

        if fmt not in _FORMATS:
            raise BackplanError(f'unknown format "{fmt}"; choose one of {", ".join(_FORMATS)}')
        if plan_file is None:
            cat, rule_list = load_inputs(catalog, rules, cache=not no_cache)
            found = api.explain(exercise=exercise, profile=load_profile(profile, cat), rules=rule_list,
                                catalog=cat, seed=seed)
        else:
            found = api.explain(plan_file, exercise=exercise, profile=profile, extra_rules=rules or (),
                                catalog=catalog)
        text = render_explanation(found, fmt)
        emit(text, out, force)
        return EXIT_OK

    guard(debug, action)
