"""``backplan plan`` and ``backplan check``: make a week, and verify one."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from planner.cli.common import (
    CatalogOpt,
    DebugOpt,
    NoCacheOpt,
    ProfileOpt,
    RulesOpt,
    cached_plan,
    emit,
    guard,
    load_inputs,
)
from planner.errors import EXIT_OK, EXIT_RED_FLAG, EXIT_VIOLATION, BackplanError
from planner.notice import SAFETY_NOTICE
from planner.output_formats import format_for

__all__ = ["plan", "check", "format_for"]


def plan(
    profile: ProfileOpt = None,
    rules: RulesOpt = None,
    catalog: CatalogOpt = None,
    seed: Annotated[int, typer.Option("--seed", metavar="N", help="Seed for the search; the same seed gives the same week.")] = 0,
    fmt: Annotated[Optional[str], typer.Option("--format", "-f", metavar="FORMAT", help="Output format: table, markdown or json. Default: from the --out file's extension (.json, .md), else table.")] = None,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", metavar="FILE", help="Write to this file instead of the terminal, atomically. An existing file or link is replaced only with --force (the link itself, never what it points to); a new file is private (0600), a replaced one keeps its mode. A pipe, a terminal or /dev/null is written through; other devices are refused.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace --out if it already exists.")] = False,
    brief: Annotated[bool, typer.Option("--brief", help="Leave out each exercise's steps and cues (table and markdown).")] = False,
    like: Annotated[Optional[Path], typer.Option("--like", metavar="PLAN", readable=False, help="A week planned before (a JSON plan, as `plan -f json` writes it) to change as little as possible: of the weeks best by the rules and the soft penalty, the one with the fewest exercises added or removed per day, then the fewest dose and order changes. For re-planning a saved week with new rules.")] = None,
    time_limit: Annotated[float | None, typer.Option("--time-limit", metavar="SECONDS", min=0.1, help="Stop searching after this many seconds: the best week found by then is used; with none, the plan stops with exit 4 (no week found within the search limit). The week may then depend on the machine's speed. Default: node budgets only.")] = None,
    no_cache: NoCacheOpt = False,
    replan: Annotated[bool, typer.Option("--replan", help="Search again even when a week was planned before from the same files (catalog, rules, profile, --like) and options: it is reused otherwise (from ~/.cache/backplan; never with --time-limit, --prove or --backend exact). The same inputs give the same week either way.")] = False,
    backend: Annotated[str, typer.Option("--backend", metavar="NAME", help="Search backend: csp (python-constraint2, the default) or exact (OR-Tools CP-SAT: proves whether a week exists; needs pip install 'backplan[exact]'). Node budgets become CP-SAT deterministic time.")] = "csp",
    prove: Annotated[bool, typer.Option("--prove", help="After planning, ask OR-Tools CP-SAT for the least soft penalty any week under the same hard rules can have (up to 10 s): the plan says whether it is proven optimal, or the bound and the gap. Needs pip install 'backplan[exact]'.")] = False,
    search: Annotated[str, typer.Option("--search", metavar="HOW", help="auto (the default: thorough with the csp backend, fast with exact), fast (the best of several candidate weeks) or thorough (then free one training day, then two, at a time and re-solve them, keeping any week with a lower score: structure rules kept first, then the soft penalty). Thorough often lowers the soft penalty, in up to about twice the time.")] = "auto",
    debug: DebugOpt = False,
) -> None:
    """Build a week: every safety rule holds, structure rules give way only when they must
    (the plan says which), preferences are optimised. On a terminal, a spinner shows what the
    search is doing and the time so far (nothing when stdout or stderr is redirected). When no safe
    week exists, the refusal first lists profile changes that were tried and give one.

    \b
    Examples:
      backplan plan
      backplan plan -p examples/profiles/child.yaml --seed 3
      backplan plan -f json -o week.json && backplan check week.json
      backplan plan -r my_rules.yaml
      backplan plan -r new_rules.yaml --like week.json
      backplan plan --prove
    Exit codes: 0 plan written; 2 bad input; 3 see a doctor first; 4 rules conflict.
    """

    def action() -> int:
        from planner.output_formats import FORMATS
        from planner.solver.settings import SEARCHES

        chosen = fmt or format_for(out)
        if chosen not in FORMATS:
            raise BackplanError(f'unknown format "{chosen}"; choose one of {", ".join(FORMATS)}')
        if backend != "csp":
            from planner.solver.backends import backend_named

            backend_named(backend)  # an unknown name or a missing OR-Tools stops before any search
        if prove:
            from planner.optimality import require_exact

            require_exact()
        if search not in SEARCHES:
            raise BackplanError(f'unknown search "{search}"; choose one of {", ".join(SEARCHES)}')

        def search_week():
            from planner.api import plan_week, reference_week
            from planner.cli.progress import spinner
            from planner.profile import load_profile
            from planner.solver import Settings

            cat, rule_list = load_inputs(catalog, rules, cache=not no_cache)
            settings = (Settings(time_limit=time_limit, backend=backend, search=search)
                        if time_limit is not None or backend != "csp" or search != "auto" else None)
            person = load_profile(profile, cat)
            before = reference_week(like, cat) if like is not None else None  # a bad file stops before any search
            with spinner("searching for a week"):
                return plan_week(person, rules=rule_list, catalog=cat, seed=seed, settings=settings, suggest=True,
                                 like=before, prove=prove)

        # A week depends on nothing but these files, the options and the code, so a week planned
        # before from the same is reused, without loading anything. Not with a time limit (the week
        # depends on the machine's speed), --prove (CP-SAT's seconds) or the exact backend; refusals
        # and bad input are never kept.
        # The text shown is kept too, by format, width and --brief: rendering a table is a good
        # part of a reused week's time.
        reusable = not (no_cache or replan) and time_limit is None and not prove and backend == "csp"
        options = f"seed={seed}\nsearch={search}"
        width = shutil.get_terminal_size().columns if out is None and sys.stdout.isatty() else 110

        def shown() -> str:
            from planner.render import render

            week = cached_plan(catalog, rules, profile, like, options, search_week, use=reusable)
            return render(week, chosen, width, instructions=not brief)

        text = cached_plan(catalog, rules, profile, like, f"{options}\nshown={chosen},{width},{brief}", shown,
                           use=reusable)
        emit(text, out, force)
        return EXIT_OK

    guard(debug, action)


def check(
    plan_file: Annotated[Path, typer.Argument(metavar="PLAN", readable=False, help="A plan in the JSON format `backplan plan --format json` writes, or a programme as `backplan program --format json` writes it (every week is checked).")],
    profile: Annotated[
        Optional[Path],
        typer.Option("--profile", "-p", metavar="FILE", readable=False, help="Profile to check against. Default: the profile stored in the plan, else the embedded default."),
    ] = None,
    rules: RulesOpt = None,
    catalog: CatalogOpt = None,
    no_cache: NoCacheOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Verify a plan against the rules, independently of how it was made.

    \b
    A plan records the rule files and catalog it was made with. Without -r, check uses the plan's
    own rule files when each is still there, unchanged (and says so); any other difference between
    how the plan was made and what check uses is a warning on stderr. The plan's balance section
    is rebuilt from its items; one that says otherwise is a warning (balance-section).
    Exit 1 on a hard violation; 3 when the profile should get no plan before seeing a doctor.
    """

    def action() -> int:
        from planner.checker import check_plan, load_plan, plan_profile, red_flagged
        from planner.profile import load_profile
        from planner.programme.io import programme_document
        from planner.provenance import differences, made_with, reusable_files

        programme = programme_document(plan_file)
        if programme is not None:
            from planner.cli.programme import check_programme_file

            return check_programme_file(programme, catalog, rules, profile)
        cat, rule_list = load_inputs(catalog, rules, cache=not no_cache)
        the_plan, doc = load_plan(plan_file, cat)
        recorded = the_plan.made_with
        if recorded is not None:
            own = None if rules else reusable_files(recorded)
            if own is not None:
                cat, rule_list = load_inputs(catalog, own, cache=not no_cache)
                typer.echo("backplan: checking with the rule files the plan was made with (still there, unchanged): "
                           f"{', '.join(map(str, own))}; give -r to check against other rules", err=True)
            differ = differences(recorded, made_with(rule_list, cat))
            if differ:
                typer.echo("backplan: warning: the plan was made with other rules or another catalog than this "
                           "check uses, so its result may not hold for the plan as it was made:", err=True)
                for line in differ:
                    typer.echo(f"  - {line}", err=True)
        person = load_profile(profile, cat) if profile is not None else plan_profile(the_plan, doc, cat)
        violations = check_plan(the_plan, rule_list, cat, person)
        typer.echo(SAFETY_NOTICE)
        for v in violations:
            typer.echo(str(v))
        hard = sum(v.hard for v in violations)
        soft = len(violations) - hard
        typer.echo(f"{hard} hard violation(s), {soft} soft warning(s) against {len(rule_list)} rules")
        if red_flagged(rule_list, person):
            return EXIT_RED_FLAG
        return EXIT_VIOLATION if hard else EXIT_OK

    guard(debug, action)
