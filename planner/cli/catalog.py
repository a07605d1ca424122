"""``backplan catalog ...``: bring your own exercise library (``catalog import``)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from planner.cli.common import DebugOpt, guard
from planner.errors import EXIT_INPUT, EXIT_OK

__all__ = ["catalog_app"]

catalog_app = typer.Typer(
    help="Bring your own exercise library: import it into a catalog folder for --catalog.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@catalog_app.command("import")
def catalog_import(
    file: Annotated[Path, typer.Argument(metavar="FILE", readable=False, help="The library file, e.g. free-exercise-db's exercises.json.")],
    source: Annotated[str, typer.Option("--from", metavar="FORMAT", help="The library's format: free-exercise-db.")],
    out: Annotated[Path, typer.Option("--out", "-o", metavar="DIR", help="The catalog folder to write (created if missing; its parent must exist).")],
    overlay: Annotated[Path | None, typer.Option("--overlay", metavar="FILE", readable=False, help="YAML corrections keyed by imported id: fields to replace, or drop.")] = None,
    catalog: Annotated[Path | None, typer.Option("--catalog", metavar="DIR", readable=False, help="The catalog the import joins (copied into DIR). Default: the shipped one.")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Any skipped entry is an error (exit 2, nothing written); drop entries with the overlay instead.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace the files of an earlier import in DIR.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List every skipped entry with its reason.")] = False,
    debug: DebugOpt = False,
) -> None:
    """Import an exercise library into a catalog folder to plan with: backplan plan --catalog DIR.

    DIR holds a copy of the catalog it joins (vocab.yaml, muscles.yaml and its exercise files)
    plus ex_<library>.yaml with the imported entries, so a plan draws on both. Each entry is
    mapped conservatively: unknown equipment, unrecognised positions and moves unsuitable for
    back rehabilitation are skipped and counted by reason; banned moves (sit-ups, straight-leg
    raises, standing toe touches, and their variants) are kept, marked banned, never planned;
    external loads carry the dumbbell contraindications. See README, "Bring your own exercise
    library".

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
