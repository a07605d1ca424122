"""The ``backplan`` command line: a thin layer over loading, solving, checking and rendering.

Exit codes: 0 success; 1 ``check`` found a hard-rule violation; 2 bad input; 3 the profile needs
a doctor first; 4 the hard rules cannot all hold (the message names them); 70 internal error;
130 interrupted; 141 the reader of the output went away (``| head``).
"""

from __future__ import annotations

import io
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Optional

import typer

from planner import __version__
from planner.catalog import Catalog, default_catalog, load_catalog
from planner.errors import (
    EXIT_BROKEN_PIPE,
    EXIT_INPUT,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_RED_FLAG,
    EXIT_VIOLATION,
    BackplanError,
    InfeasibleError,
)
from planner.files import write_atomic
from planner.models import SAFETY_NOTICE
from planner.profile import load_profile
from planner.rules import Rule, default_rule_files, load_rules

app = typer.Typer(
    name="backplan",
    help=(
        "Safe, balanced weekly back-strengthening plans from declarative rules.\n\n"
        f"{SAFETY_NOTICE}\n\n"
        "\b\nExit codes: 0 success; 1 check found a hard violation; 2 bad input (file:line:column);\n"
        "3 see a doctor first; 4 the hard rules conflict (the message names them);\n"
        "70 internal error (rerun with --debug); 130 interrupted; 141 output pipe closed (| head)."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

CatalogOpt = Annotated[
    Optional[Path],
    typer.Option("--catalog", metavar="DIR", readable=False, help="Catalog folder (vocab.yaml, muscles.yaml, exercise files). Default: the shipped one."),
]
RulesOpt = Annotated[
    Optional[list[Path]],
    typer.Option("--rules", "-r", metavar="FILE", readable=False, help="Extra rule file(s), added to the shipped rules. Repeatable."),
]
ProfileOpt = Annotated[
    Optional[Path],
    typer.Option("--profile", "-p", metavar="FILE", readable=False, help="Profile YAML. Default: the embedded default profile (adult beginner, mat and chair, mon/wed/fri, 40 min)."),
]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show a traceback for unexpected errors.")]


def _fail(message: str, code: int) -> None:
    typer.echo(f"backplan: {message}", err=True)
    raise typer.Exit(code)


def _guard(debug: bool, action: Callable[[], int]) -> None:
    """Run ``action``; map every error to one line on stderr and an exit code."""
    try:
        code = action()
    except InfeasibleError as exc:
        typer.echo(f"backplan: no plan: {exc.message}", err=True)
        raise typer.Exit(exc.exit_code) from None
    except BackplanError as exc:
        typer.echo(f"backplan: error: {exc}", err=True)
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        typer.echo("backplan: interrupted; no file was written", err=True)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except BrokenPipeError:
        # The reader went away (`backplan rules kinds | head`): stop quietly, like other Unix tools.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(EXIT_BROKEN_PIPE) from None
    except typer.Exit:
        raise
    except Exception as exc:  # noqa: BLE001 - last line of defence for users
        if debug:
            raise
        typer.echo(f"backplan: internal error: {type(exc).__name__}: {exc} (run again with --debug)", err=True)
        raise typer.Exit(EXIT_INTERNAL) from None
    raise typer.Exit(code)


def _check_kind(name: str) -> None:
    from planner.kinds import REGISTRY, unknown_kind

    if name not in REGISTRY:
        raise BackplanError(f"{unknown_kind(name)}; see backplan rules kinds")


def _load(catalog_dir: Path | None, rule_files: list[Path] | None) -> tuple[Catalog, list[Rule]]:
    catalog = load_catalog(catalog_dir) if catalog_dir is not None else default_catalog()
    rules = load_rules([*default_rule_files(), *(rule_files or [])], catalog)
    return catalog, rules


@app.command()
def plan(
    profile: ProfileOpt = None,
    rules: RulesOpt = None,
    catalog: CatalogOpt = None,
    seed: Annotated[int, typer.Option("--seed", metavar="N", help="Seed for the search; the same seed gives the same week.")] = 0,
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="Output format: table, markdown or json.")] = "table",
    out: Annotated[Optional[Path], typer.Option("--out", "-o", metavar="FILE", help="Write to this file instead of the terminal, atomically. An existing file or link is replaced only with --force (the link itself, never what it points to); a new file is private (0600), a replaced one keeps its mode. A pipe, a terminal or /dev/null is written through; other devices are refused.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace --out if it already exists.")] = False,
    debug: DebugOpt = False,
) -> None:
    """Build a week that obeys every hard rule and optimises the soft ones.

    \b
    Examples:
      backplan plan
      backplan plan -p examples/profiles/child.yaml --seed 3
      backplan plan -f json -o week.json && backplan check week.json
      backplan plan -r my_rules.yaml
    Exit codes: 0 plan written; 2 bad input; 3 see a doctor first; 4 rules conflict.
    """

    def action() -> int:
        from planner.api import plan_week
        from planner.render import FORMATS, render

        if fmt not in FORMATS:
            raise BackplanError(f'unknown format "{fmt}"; choose one of {", ".join(FORMATS)}')
        cat, rule_list = _load(catalog, rules)
        week = plan_week(load_profile(profile, cat), rules=rule_list, catalog=cat, seed=seed)
        width = shutil.get_terminal_size().columns if out is None and sys.stdout.isatty() else 110
        text = render(week, fmt, width)
        if out is None:
            sys.stdout.write(text)
        else:
            write_atomic(out, text, force=force)
            typer.echo(f"backplan: wrote {out}", err=True)
        return EXIT_OK

    _guard(debug, action)


@app.command()
def check(
    plan_file: Annotated[Path, typer.Argument(metavar="PLAN", readable=False, help="A plan in the JSON format `backplan plan --format json` writes.")],
    profile: Annotated[
        Optional[Path],
        typer.Option("--profile", "-p", metavar="FILE", readable=False, help="Profile to check against. Default: the profile stored in the plan, else the embedded default."),
    ] = None,
    rules: RulesOpt = None,
    catalog: CatalogOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Verify a plan against the rules, independently of how it was made.

    Exit 1 on a hard violation; 3 when the profile should get no plan before seeing a doctor.
    """

    def action() -> int:
        from planner.checker import check_plan, load_plan, plan_profile, red_flagged

        cat, rule_list = _load(catalog, rules)
        the_plan, doc = load_plan(plan_file, cat)
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

    _guard(debug, action)


rules_app = typer.Typer(
    help="Write and inspect rules: list, show, validate, new, kinds, diff. See docs/rules.md.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(rules_app, name="rules")


@rules_app.command("list")
def rules_list(
    kind: Annotated[Optional[str], typer.Option("--kind", "-k", help="Only rules of this kind.")] = None,
    tag: Annotated[Optional[str], typer.Option("--tag", "-t", help="Only rules with this tag (or from this file, e.g. safety).")] = None,
    text: Annotated[Optional[str], typer.Option("--text", help="Only rules whose id, description or source contains this.")] = None,
    rules: RulesOpt = None,
    catalog: CatalogOpt = None,
    debug: DebugOpt = False,
) -> None:
    """List rules: id, kind, hard/soft, source and file:line."""

    def action() -> int:
        from rich.table import Table

        from planner.authoring import rule_rows
        from planner.render import plain_console

        if kind is not None:
            _check_kind(kind)
        _, rule_list = _load(catalog, rules)
        rows = rule_rows(rule_list, kind, tag, text)
        table = Table(show_lines=False)
        for column in ("id", "kind", "severity", "source", "where"):
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*row)
        buffer = io.StringIO()  # rendered first, so a closed pipe is a plain BrokenPipeError
        plain_console(buffer, 160).print(table)
        sys.stdout.write(buffer.getvalue())
        typer.echo(f"{len(rows)} of {len(rule_list)} rules")
        return EXIT_OK

    _guard(debug, action)


@rules_app.command("show")
def rules_show(
    rule_id: Annotated[str, typer.Argument(metavar="ID", help="The rule id.")],
    rules: RulesOpt = None,
    catalog: CatalogOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Show a rule, its kind's documentation and example, and the exercises it selects."""

    def action() -> int:
        from planner.authoring import show_rule

        cat, rule_list = _load(catalog, rules)
        sys.stdout.write(show_rule(rule_id, rule_list, cat))
        return EXIT_OK

    _guard(debug, action)


@rules_app.command("validate")
def rules_validate(
    files: Annotated[list[Path], typer.Argument(metavar="FILE...", readable=False, help="Rule files to check.")],
    catalog: CatalogOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Check rule files: positioned errors, and warnings for rules that can never matter. Exit 2 on an error."""

    def action() -> int:
        from planner.authoring import validate_files
        from planner.rules import distinct_files

        cat = load_catalog(catalog) if catalog is not None else default_catalog()
        findings = validate_files(files, cat, load_rules(default_rule_files(), cat))
        for finding in findings:
            typer.echo(str(finding), err=finding.error)
        errors = sum(f.error for f in findings)
        typer.echo(f"{errors} error(s), {len(findings) - errors} warning(s) in {len(distinct_files(files))} file(s)")
        return EXIT_INPUT if errors else EXIT_OK

    _guard(debug, action)


@rules_app.command("new")
def rules_new(
    kind: Annotated[str, typer.Argument(metavar="KIND", help="A rule kind (see `backplan rules kinds`).")],
    debug: DebugOpt = False,
) -> None:
    """Print a commented template for a new rule of KIND."""

    def action() -> int:
        from planner.kinds import REGISTRY
        from planner.reference import template

        _check_kind(kind)
        sys.stdout.write(template(REGISTRY[kind]))
        return EXIT_OK

    _guard(debug, action)


@rules_app.command("kinds")
def rules_kinds(
    name: Annotated[Optional[str], typer.Argument(metavar="[KIND]", help="Show only this kind.")] = None,
    debug: DebugOpt = False,
) -> None:
    """Every rule kind with its parameters, defaults and an example (the text of docs/rules.md)."""

    def action() -> int:
        from planner.kinds import REGISTRY
        from planner.reference import kind_reference

        if name is not None:
            _check_kind(name)
        for kind_name in [name] if name else sorted(REGISTRY):
            sys.stdout.write(kind_reference(REGISTRY[kind_name], level="##") + "\n")
        return EXIT_OK

    _guard(debug, action)


@rules_app.command("diff")
def rules_diff(
    file: Annotated[Path, typer.Argument(metavar="FILE", readable=False, help="The rule file whose effect to show.")],
    profile: ProfileOpt = None,
    catalog: CatalogOpt = None,
    seed: Annotated[int, typer.Option("--seed", help="Seed for both plans.")] = 0,
    debug: DebugOpt = False,
) -> None:
    """Plan the same profile with and without FILE and show what changed in the week and its balance."""

    def action() -> int:
        from planner.api import plan_week
        from planner.authoring import diff_plans

        cat, every = _load(catalog, [file])  # loaded exactly as `plan -r FILE` loads it
        target = file.resolve()
        without = [r for r in every if Path(r.where.file).resolve() != target]
        person = load_profile(profile, cat)
        before = plan_week(person, rules=without, catalog=cat, seed=seed)
        after = plan_week(person, rules=every, catalog=cat, seed=seed)
        typer.echo(SAFETY_NOTICE)
        sys.stdout.write(diff_plans(before, after, cat, person))
        return EXIT_OK

    _guard(debug, action)


@app.command()
def version() -> None:
    """Print the backplan version."""
    typer.echo(__version__)


__all__ = ["app"]
