"""``backplan plot``: the balance of a week as a picture (PNG or SVG), for a saved plan or a fresh one."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from planner.cli.common import CatalogOpt, DebugOpt, ProfileOpt, RulesOpt, guard, load_inputs
from planner.errors import EXIT_OK, BackplanError

__all__ = ["plot"]

SUFFIXES = (".png", ".svg")


def plot(
    plan_file: Annotated[Path | None, typer.Argument(metavar="[PLAN]", readable=False, help="A plan in the JSON format `backplan plan --format json` writes. Without it, a week is planned for --profile, as `backplan plan` does.")] = None,
    out: Annotated[Path, typer.Option("--out", "-o", metavar="FILE", help="The picture to write: .png or .svg. An existing file is replaced only with --force.")] = Path("balance.png"),
    force: Annotated[bool, typer.Option("--force", help="Replace --out if it already exists.")] = False,
    profile: ProfileOpt = None,
    rules: RulesOpt = None,
    catalog: CatalogOpt = None,
    seed: Annotated[int, typer.Option("--seed", metavar="N", help="Seed for the search when planning (no PLAN given).")] = 0,
    debug: DebugOpt = False,
) -> None:
    """Draw the balance of a week: each muscle group's share of the strength load in percent against
    the over-dominance threshold of the rules, the antagonist ratios on a log scale, and a body map
    shaded by load. Needs the optional extra: pip install "backplan[notebooks]".

    \b
    Examples:
      backplan plot --out balance.png
      backplan plot -p examples/profiles/gym_goer.yaml --seed 2 --out gym.svg
      backplan plan -f json -o week.json && backplan plot week.json --out week.png
    Exit codes: 0 picture written; 2 bad input or the extra not installed; 3 see a doctor first;
    4 rules conflict.
    """

    def action() -> int:
        from planner.loading.files import write_atomic
        from planner.notice import SAFETY_NOTICE

        suffix = out.suffix.lower()
        if suffix not in SUFFIXES:
            raise BackplanError(f'cannot draw "{out}": give a file name ending in .png or .svg')
        try:
            import matplotlib  # noqa: F401
            import pandas  # noqa: F401
        except ImportError:
            from planner.analysis import MISSING_EXTRA

            raise BackplanError(MISSING_EXTRA) from None
        from planner.analysis import data
        from planner.analysis.figures import overview

        cat, rule_list = load_inputs(catalog, rules)
        the_plan, person = _the_plan(plan_file, profile, cat, rule_list, seed)
        frame = data.loads(the_plan, cat, person)
        figure = overview(frame, data.share_limit(rule_list), data.bands(rule_list))
        write_atomic(out, _render(figure, suffix), force=force)
        typer.echo(SAFETY_NOTICE)
        typer.echo(f"backplan: wrote {out}", err=True)
        return EXIT_OK

    guard(debug, action)


def _the_plan(plan_file, profile, cat, rule_list, seed):
    """The saved plan (with its profile, or --profile), or a week planned now."""
    from planner.profile import load_profile

    if plan_file is not None:
        from planner.checker import load_plan, plan_profile

        the_plan, doc = load_plan(plan_file, cat)
        person = load_profile(profile, cat) if profile is not None else plan_profile(the_plan, doc, cat)
        return the_plan, person
    from planner.api import plan_week
    from planner.cli.progress import spinner

    person = load_profile(profile, cat)
    with spinner("searching for a week"):
        the_plan = plan_week(person, rules=rule_list, catalog=cat, seed=seed, suggest=True)
    return the_plan, person


def _render(figure, suffix: str) -> bytes:
    from io import BytesIO

    buffer = BytesIO()
    figure.savefig(buffer, format=suffix[1:], dpi=100, metadata={"Software": "backplan"} if suffix == ".png" else None)
    return buffer.getvalue()
