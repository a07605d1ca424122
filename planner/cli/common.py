"""What every command shares: the file options, the error guard and loading the inputs.

Every error a user can cause reaches :func:`guard` as a :class:`planner.errors.BackplanError`
and leaves as one line on stderr with its exit code; nothing else chooses exit codes.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional, TypeVar

import typer

from planner.errors import (
    EXIT_BROKEN_PIPE,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    BackplanError,
    InfeasibleError,
    RedFlagError,
)

if TYPE_CHECKING:
    from planner.catalog import Catalog
    from planner.rules import Rule

__all__ = ["CatalogOpt", "RulesOpt", "ProfileOpt", "DebugOpt", "NoCacheOpt", "fail", "guard", "check_kind", "load_inputs",
           "cached_plan", "input_files"]

T = TypeVar("T")

CatalogOpt = Annotated[
    Optional[Path],
    typer.Option("--catalog", metavar="DIR", readable=False, help="Catalog folder (vocab.yaml, muscles.yaml, exercise files). Default: the shipped one."),
]
RulesOpt = Annotated[
    Optional[list[Path]],
    typer.Option("--rules", "-r", metavar="FILE", readable=False, help="Extra rule file(s), added to the shipped rules; an \"override: ID\" entry changes a shipped rule, and a file with \"shipped: false\" leaves the shipped rules out (see docs/rules.md). Repeatable."),
]
ProfileOpt = Annotated[
    Optional[Path],
    typer.Option("--profile", "-p", metavar="FILE", readable=False, help="Profile YAML. Default: the embedded default profile (adult beginner, mat and chair, mon/wed/fri, 40 min)."),
]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show a traceback for unexpected errors.")]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Load the catalog and rules from their files, not from the cache in ~/.cache/backplan, and (plan) search again rather than reuse a week planned from the same files and options (also: BACKPLAN_NO_CACHE=1).")]



def fail(message: str, code: int) -> None:
    typer.echo(f"backplan: {message}", err=True)
    raise typer.Exit(code)


def guard(debug: bool, action: Callable[[], int]) -> None:
    """Run ``action``; map every error to one line on stderr and an exit code."""
    try:
        code = action()
    except InfeasibleError as exc:
        typer.echo(f"backplan: no plan: {exc.message}", err=True)
        raise typer.Exit(exc.exit_code) from None
    except RedFlagError as exc:  # advice for the person, in plain words (no "error", no rule ids)
        typer.echo(exc.message, err=True)
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


def emit(text: str, out: Path | None, force: bool) -> None:
    """Write a command's output: to the terminal, or atomically to ``out`` (replacing it only
    with ``force``), saying so on stderr."""
    if out is None:
        sys.stdout.write(text)
        return
    from planner.loading.files import write_atomic

    write_atomic(out, text, force=force)
    typer.echo(f"backplan: wrote {out}", err=True)


def check_kind(name: str) -> None:
    from planner.kinds import REGISTRY, unknown_kind

    if name not in REGISTRY:
        raise BackplanError(f"{unknown_kind(name)}; see backplan rules kinds")


def load_inputs(catalog_dir: Path | None, rule_files: list[Path] | None, cache: bool = True
                ) -> tuple[Catalog, list[Rule]]:
    """The catalog (``--catalog`` or the shipped one, with the words the rule files declare) and
    the shipped rules plus ``--rules`` files; from the load cache (:mod:`planner.loading.cache`)
    when these files were loaded before, unless ``cache`` is False."""
    from planner.loading.cache import cached

    files = input_files(catalog_dir, rule_files)
    where = f"load_inputs\n{catalog_dir}\n{[str(f) for f in rule_files or []]}"
    return cached(files, lambda: _load_inputs(catalog_dir, rule_files), extra=where, use=cache)


def cached_plan(catalog_dir: Path | None, rule_files: list[Path] | None, profile: Path | None, like: Path | None,
                options: str, make: Callable[[], T], use: bool = True) -> T:
    """``make()``, or the plan it made before from the same catalog, rule, profile and ``--like``
    files (paths and bytes), ``options``, working folder and code (:mod:`planner.loading.cache`)."""
    from planner.loading.cache import cached
    from planner.loading.resources import default_profile_path

    files = [*input_files(catalog_dir, rule_files), profile or default_profile_path(), *([like] if like else [])]
    shown = [str(f) for f in rule_files or []]
    where = f"plan\n{os.getcwd()}\n{catalog_dir}\n{shown}\n{profile}\n{like}\n{options}"
    return cached(files, make, extra=where, use=use)


def input_files(catalog_dir: Path | None, rule_files: list[Path] | None) -> list[Path]:
    """The files a catalog and rule set are loaded from: the catalog folder's YAML, the shipped
    rules, then the ``--rules`` files."""
    from planner.loading.resources import data_dir

    folder = catalog_dir if catalog_dir is not None else data_dir("catalog")
    shipped = sorted(data_dir("rules").glob("*.yaml"))  # planner.rules.default_rule_files, without importing it
    return [*sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]), *shipped, *(rule_files or [])]


def _load_inputs(catalog_dir: Path | None, rule_files: list[Path] | None) -> tuple[Catalog, list[Rule]]:
    from planner.catalog import default_catalog, load_catalog
    from planner.rules import default_rule_files, load_rule_set

    catalog = load_catalog(catalog_dir) if catalog_dir is not None else default_catalog()
    loaded = load_rule_set([*default_rule_files(), *(rule_files or [])], catalog)
    return loaded.catalog, loaded.rules
