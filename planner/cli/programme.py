"""``backplan program``: a programme of several weeks that progresses and follows the pain diary."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from planner.cli.common import CatalogOpt, DebugOpt, ProfileOpt, RulesOpt, emit, guard, load_inputs
from planner.errors import EXIT_OK, BackplanError

__all__ = ["program"]


def program(
    profile: ProfileOpt = None,
    rules: RulesOpt = None,
    catalog: CatalogOpt = None,
    weeks: Annotated[int, typer.Option("--weeks", "-w", metavar="N", help="How many weeks (1-52).")] = 8,
    start: Annotated[Optional[str], typer.Option("--start", metavar="DATE", help="The Monday week 1 starts on, YYYY-MM-DD. Default: next Monday.")] = None,
    seed: Annotated[int, typer.Option("--seed", metavar="N", help="Seed for week 1's search; the same seed gives the same programme.")] = 0,
    diary: Annotated[Optional[Path], typer.Option("--diary", metavar="FILE", readable=False, help="A pain diary (backplan log's SQLite file): each week after a logged one follows how it went. Needs --person.")] = None,
    person: Annotated[Optional[str], typer.Option("--person", metavar="KEY", help="Whose diary entries to read.")] = None,
    fmt: Annotated[Optional[str], typer.Option("--format", "-f", metavar="FORMAT", help="Output format: table, markdown or json. Default: from the --out file's extension (.json, .md), else table.")] = None,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", metavar="FILE", help="Write to this file instead of the terminal, atomically; an existing file is replaced only with --force.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace --out if it already exists.")] = False,
    debug: DebugOpt = False,
) -> None:
    """Build a programme of several weeks: week 1 as `plan` makes it, then each week moves on
    by the schedule in rules/programme/progression.yaml: a dose step (more reps, a longer hold,
    another set) within the dose rules and under each exercise's ceiling (at a ceiling, the
    harder version, a longer hold or another set instead, else the dose holds), the harder
    version of an exercise after a few steps, and an easier week every few weeks. When a session is full, a strength exercise moves up
    another way: its harder version if that takes no more time, reps instead of a set, or room
    made on the full day by trimming a stretch or mobility set or aerobic minutes (the week says
    what it traded). A level advances only on work done: without a diary
    every week is assumed done as planned (the programme says so); with --diary, a logged week
    decides the next one by the pain-monitoring model (progress, hold, step back to the easier
    version, swap an exercise that keeps hurting), and a red-flag answer stops the programme.
    Every change says why, and every week passes the checker (`backplan check` on the JSON
    checks each week).

    \b
    Examples:
      backplan program
      backplan program -p examples/profiles/two_days_a_week.yaml --weeks 4 -o programme.md
      backplan program --diary diary.sqlite3 --person me --start 2026-11-30 -f json -o programme.json
      backplan check programme.json && backplan export programme.json --out programme.ics
    Exit codes: 0 written; 2 bad input; 3 see a doctor first; 4 rules conflict.
    """

    def action() -> int:
        import datetime as dt

        from planner.api import plan_programme
        from planner.cli.progress import spinner
        from planner.cli.week import format_for
        from planner.profile import load_profile
        from planner.programme.render import FORMATS, render_programme

        chosen = fmt or format_for(out)
        if chosen not in FORMATS:
            raise BackplanError(f'unknown format "{chosen}"; choose one of {", ".join(FORMATS)}')
        if diary is not None and person is None:
            raise BackplanError("--diary needs --person: whose entries to read")
        try:
            monday = dt.date.fromisoformat(start) if start is not None else None
        except ValueError:
            raise BackplanError(f'--start: "{start}" is not a date; give it as YYYY-MM-DD, e.g. 2026-03-02') from None
        cat, rule_list = load_inputs(catalog, rules)
        person_profile = load_profile(profile, cat)
        with spinner(f"planning {weeks} weeks"):
            made = plan_programme(person_profile, weeks=weeks, start=monday, rules=rule_list, catalog=cat, seed=seed,
                                  diary=diary, person=person)
        width = shutil.get_terminal_size().columns if out is None and sys.stdout.isatty() else 110
        text = render_programme(made, chosen, width)
        emit(text, out, force)
        return EXIT_OK

    guard(debug, action)


def check_programme_file(doc, catalog: Path | None, rules: list[Path] | None, profile: Path | None) -> int:
    """``backplan check`` given a programme: the checker on every week; exit 1 when a week has a
    safety violation, 3 when the profile should see a doctor first."""
    from planner.checker import check_plan, red_flagged
    from planner.errors import EXIT_RED_FLAG, EXIT_VIOLATION
    from planner.notice import SAFETY_NOTICE
    from planner.profile import load_profile
    from planner.programme.io import load_programme, programme_profile
    from planner.provenance import reusable_files

    cat, rule_list = load_inputs(catalog, rules)
    made = load_programme(doc, cat)
    recorded = made.weeks[0].plan.made_with
    own = None if rules or recorded is None else reusable_files(recorded)
    if own is not None:
        cat, rule_list = load_inputs(catalog, own)
        typer.echo("backplan: checking with the rule files the programme was made with (still there, unchanged): "
                   f"{', '.join(map(str, own))}; give -r to check against other rules", err=True)
    person = load_profile(profile, cat) if profile is not None else programme_profile(made, doc, cat)
    typer.echo(SAFETY_NOTICE)
    hard = soft = 0
    for week in made.weeks:
        violations = check_plan(week.plan, rule_list, cat, person)
        for v in violations:
            typer.echo(f"week {week.number}: {v}")
        week_hard = sum(v.hard for v in violations)
        hard, soft = hard + week_hard, soft + len(violations) - week_hard
    typer.echo(f"{len(made.weeks)} weeks: {hard} hard violation(s), {soft} soft warning(s) against {len(rule_list)} rules")
    if red_flagged(rule_list, person):
        return EXIT_RED_FLAG
    return EXIT_VIOLATION if hard else EXIT_OK
