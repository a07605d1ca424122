"""``backplan catalog ...``: look through the exercises (``list``, ``show``) and bring your own
library (``import``)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from planner.cli.common import CatalogOpt, DebugOpt, guard
from planner.errors import EXIT_INPUT, EXIT_OK

__all__ = ["catalog_app"]

catalog_app = typer.Typer(
    help="Look through the exercises (list, show) and bring your own library (import). See docs/catalog.md.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@catalog_app.command("list")
def catalog_list(
    kind: Annotated[str | None, typer.Option("--kind", "-k", metavar="KIND", help="Only exercises of this kind (stretch, strength, ...).")] = None,
    muscle: Annotated[str | None, typer.Option("--muscle", "-m", metavar="MUSCLE", help="Only exercises working this muscle, group or region of the muscle graph (primary or secondary).")] = None,
    equipment: Annotated[str | None, typer.Option("--equipment", "-e", metavar="EQUIPMENT", help="Only exercises needing this equipment; none: those needing nothing.")] = None,
    tag: Annotated[str | None, typer.Option("--tag", "-t", metavar="TAG", help="Only exercises with this tag.")] = None,
    position: Annotated[str | None, typer.Option("--position", metavar="POSITION", help="Only exercises done in (or passing through) this position.")] = None,
    level: Annotated[str | None, typer.Option("--level", metavar="LEVEL", help="Only exercises of this level.")] = None,
    text: Annotated[str | None, typer.Option("--text", metavar="TEXT", help="Only exercises whose id or name contains this.")] = None,
    catalog: CatalogOpt = None,
    debug: DebugOpt = False,
) -> None:
    """List exercises: id, name, kind, region, position, equipment, level, audience, banned.

    The filters mean what the rule selector keys mean (--muscle is `muscles:`, --tag is `tags:`),
    so the list shows what a rule's select: would pick; all given filters must hold. Banned moves
    are listed, marked BANNED: no plan ever contains them.

    \b
    Examples:
      backplan catalog list --kind stretch --muscle hip_flexors
      backplan catalog list --equipment none --position standing
      backplan catalog list --tag gentle --catalog my_catalog
    Exit codes: 0 listed; 2 an unknown word, or no exercise matches.
    """

    def action() -> int:
        from planner.browse import COLUMNS, Filters, exercise_rows
        from planner.catalog import default_catalog, load_catalog
        from planner.render import table_text

        cat = load_catalog(catalog) if catalog is not None else default_catalog()
        rows = exercise_rows(cat, Filters(kind, muscle, equipment, tag, position, level, text))
        sys.stdout.write(table_text(COLUMNS, rows, no_wrap=("id",)))  # ids stay whole, to copy into rules
        typer.echo(f"{len(rows)} of {len(cat.exercises)} exercises")
        return EXIT_OK

    guard(debug, action)


@catalog_app.command("show")
def catalog_show(
    exercise_id: Annotated[str, typer.Argument(metavar="ID", help="The exercise id (see backplan catalog list).")],
    catalog: CatalogOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Show an exercise whole: muscles, dose, equipment, tags, contraindications, steps, cues, source.

    \b
    Examples:
      backplan catalog show half_kneeling_hip_flexor_stretch
      backplan catalog show walking --catalog my_catalog
    Exit codes: 0 shown; 2 an unknown id (with the closest one).
    """

    def action() -> int:
        from planner.browse import show_exercise
        from planner.catalog import default_catalog, load_catalog

        cat = load_catalog(catalog) if catalog is not None else default_catalog()
        sys.stdout.write(show_exercise(exercise_id, cat))
        return EXIT_OK

    guard(debug, action)


@catalog_app.command("import")
def catalog_import(
    file: Annotated[Path, typer.Argument(metavar="FILE", readable=False, help="The library file, e.g. free-exercise-db's exercises.json.")],
    source: Annotated[str, typer.Option("--from", metavar="FORMAT", help="The library's format: free-exercise-db.")],
    out: Annotated[Path, typer.Option("--out", "-o", metavar="DIR", help="The catalog folder to write (created if missing; its parent must exist).")],
    overlay: Annotated[Path | None, typer.Option("--overlay", metavar="FILE", readable=False, help="YAML corrections keyed by imported id: fields to replace, drop, or keep (keep an entry that repeats a catalog exercise).")] = None,
    catalog: Annotated[Path | None, typer.Option("--catalog", metavar="DIR", readable=False, help="The catalog the import joins (copied into DIR). Default: the shipped one.")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Any skipped entry is an error (exit 2, nothing written); drop entries with the overlay instead.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace the files of an earlier import in DIR.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List every skipped entry with its reason.")] = False,
    debug: DebugOpt = False,
) -> None:
    """Import an exercise library into a catalog folder to plan with: backplan plan --catalog DIR.

    DIR holds a copy of the catalog it joins (vocab.yaml, muscles.yaml and its exercise files)
    plus ex_<library>.yaml with the imported entries, so a plan draws on both. Each entry is
    mapped conservatively: equipment becomes vocabulary words (weight_machine, kettlebell,
    adjustable_bench, rack, pull_up_bar ...: see docs/catalog.md), and implements with no word (a
    sled, a partner ...), unrecognised positions and moves unsuitable for back rehabilitation are
    skipped and counted by reason, and so is an entry that is the same exercise as one of the
    catalog it joins (both ids listed); banned moves (sit-ups, straight-leg raises, standing toe
    touches, and their variants) are kept, marked banned, never planned; external loads carry the
    dumbbell contraindications. See README, "Bring your own exercise library".

    \b
    Examples:
      backplan catalog import exercises.json --from free-exercise-db --out my_catalog
      backplan catalog import exercises.json --from free-exercise-db --out my_catalog --overlay fixes.yaml --force
      backplan plan --catalog my_catalog
    Exit codes: 0 written; 2 bad input, an existing import without --force, or a skip with --strict.
    """

    def action() -> int:
        from planner import importers

        done = importers.prepare(source, file, catalog=catalog, overlay=overlay)
        sys.stdout.write(done.summary(verbose))
        if strict and done.outcome.skipped:
            typer.echo(
                f"backplan: error: --strict: {len(done.outcome.skipped)} entries skipped; nothing written "
                "(drop them in the overlay, or fix their fields there)", err=True)
            return EXIT_INPUT
        importers.write(done, out, force=force)
        typer.echo(
            f"backplan: wrote {out / done.own_file} ({len(done.outcome.entries)} exercises) and the catalog it joins "
            f"({len(done.files) - 1} files); {done.exercises} exercises in all: plan with --catalog {out}", err=True)
        return EXIT_OK

    guard(debug, action)
