"""``backplan rules ...``: list, show, validate, new, kinds and diff rule files."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from planner.cli.common import CatalogOpt, DebugOpt, ProfileOpt, RulesOpt, check_kind, guard, load_inputs
from planner.errors import EXIT_INPUT, EXIT_OK
from planner.notice import SAFETY_NOTICE

__all__ = ["rules_app"]

rules_app = typer.Typer(
    help="Write and inspect rules: list, show, validate, new, kinds, diff. See docs/rules.md.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


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
        from planner.authoring import rule_rows
        from planner.render import table_text

        if kind is not None:
            check_kind(kind)
        _, rule_list = load_inputs(catalog, rules)
        rows = rule_rows(rule_list, kind, tag, text)
        sys.stdout.write(table_text(("id", "kind", "severity", "source", "where"), rows))
        typer.echo(f"{len(rows)} of {len(rule_list)} rules")
        return EXIT_OK

    guard(debug, action)


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

        cat, rule_list = load_inputs(catalog, rules)
        sys.stdout.write(show_rule(rule_id, rule_list, cat))
        return EXIT_OK

    guard(debug, action)


@rules_app.command("validate")
def rules_validate(
    files: Annotated[list[Path], typer.Argument(metavar="FILE...", readable=False, help="Rule files to check.")],
    catalog: CatalogOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Check rule files as `plan -r FILE...` would load them: positioned errors (one per rule), and warnings for
    rules that can never matter or never hold beside another. A file holding most of a shipped file's rule ids (an
    edited copy) is checked in place of that file. Exit 2 on an error."""

    def action() -> int:
        from planner.authoring import validate_files
        from planner.catalog import default_catalog, load_catalog
        from planner.rules import default_rule_files, distinct_files, load_rules

        cat = load_catalog(catalog) if catalog is not None else default_catalog()
        findings = validate_files(files, cat, load_rules(default_rule_files(), cat))
        for finding in findings:
            typer.echo(str(finding), err=finding.error)
        errors = sum(f.error for f in findings)
        warnings = sum(not f.error and not f.note for f in findings)
        typer.echo(f"{errors} error(s), {warnings} warning(s) in {len(distinct_files(files))} file(s)")
        return EXIT_INPUT if errors else EXIT_OK

    guard(debug, action)


@rules_app.command("new")
def rules_new(
    kind: Annotated[str, typer.Argument(metavar="KIND", help="A rule kind (see `backplan rules kinds`).")],
    debug: DebugOpt = False,
) -> None:
    """Print a commented template for a new rule of KIND."""

    def action() -> int:
        from planner.kinds import REGISTRY
        from planner.reference import template

        check_kind(kind)
        sys.stdout.write(template(REGISTRY[kind]))
        return EXIT_OK

    guard(debug, action)


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
            check_kind(name)
        for kind_name in [name] if name else sorted(REGISTRY):
            sys.stdout.write(kind_reference(REGISTRY[kind_name], level="##") + "\n")
        return EXIT_OK

    guard(debug, action)


@rules_app.command("diff")
def rules_diff(
    file: Annotated[Path, typer.Argument(metavar="FILE", readable=False, help="The rule file whose effect to show.")],
    profile: ProfileOpt = None,
    catalog: CatalogOpt = None,
    seed: Annotated[int, typer.Option("--seed", help="Seed for both plans.")] = 0,
    debug: DebugOpt = False,
) -> None:
    """Plan the same profile with and without FILE and show what changed in the week and its balance. The week
    with FILE is re-planned like the week without it: of the weeks best by the rules and the soft penalty, the one
    with the fewest exercises added or removed per day, then the fewest dose and order changes, so only what FILE
    makes change shows (see docs/rules.md)."""

    def action() -> int:
        from planner.api import plan_week
        from planner.authoring import diff_plans
        from planner.profile import load_profile

        cat, every = load_inputs(catalog, [file])  # loaded exactly as `plan -r FILE` loads it
        _, without = load_inputs(catalog, [])  # the shipped rules, as they are without FILE's overrides
        person = load_profile(profile, cat)
        before = plan_week(person, rules=without, catalog=cat, seed=seed)
        after = plan_week(person, rules=every, catalog=cat, seed=seed, like=before)  # changing as little as it can
        typer.echo(SAFETY_NOTICE)
        target = file.resolve()
        own = [r for r in every if Path(r.where.file).resolve() == target and not r.off]
        idle = [r.id for r in own if not r.applies(person)]
        if idle:
            what = "None of its rules apply" if len(idle) == len(own) else "These of its rules do not apply"
            typer.echo(f"{what} to this profile (their when: does not hold): {', '.join(idle)}")
        sys.stdout.write(diff_plans(before, after, cat, person))
        return EXIT_OK

    guard(debug, action)
