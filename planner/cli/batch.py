"""``backplan batch``: plan a whole folder of profiles into a folder of plans and a summary."""

from __future__ import annotations

import contextlib
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Optional

import typer

from planner.cli.common import CatalogOpt, DebugOpt, RulesOpt, guard
from planner.errors import EXIT_INTERRUPTED, BackplanError
from planner.loading.files import Terminated

__all__ = ["batch"]


def batch(
    profiles_dir: Annotated[Path, typer.Argument(metavar="PROFILES_DIR", help="Folder of profile files (*.yaml, *.yml; not its subfolders).")],
    out: Annotated[Path, typer.Option("--out", "-o", metavar="OUT_DIR", help="Folder for the plans and the summary (created if missing, mode 0700). Other files in it are never touched.")],
    rules: RulesOpt = None,
    catalog: CatalogOpt = None,
    seed: Annotated[int, typer.Option("--seed", metavar="N", help="Seed for every profile's search; the same seed gives the same weeks.")] = 0,
    fmt: Annotated[Optional[list[str]], typer.Option("--format", "-f", metavar="FORMAT", help="json (always written) and/or markdown (also NAME.plan.md). Repeatable.")] = None,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", metavar="N", min=1, help="Worker processes on this machine. Default: one per core.")] = None,
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", metavar="ADDRESS", help="Run on a Dask cluster instead (e.g. tcp://HOST:8786; needs backplan[dask] on every machine).")] = None,
    redo: Annotated[bool, typer.Option("--redo", help="Plan every profile again, even those whose plan is current.")] = False,
    suggest: Annotated[bool, typer.Option("--suggest", help="A refusal because no safe week exists says what would help, as `backplan plan` does (up to 12 small trial plans per refusal; refused profiles are planned again).")] = False,
    search: Annotated[str, typer.Option("--search", metavar="HOW", help="auto (the default, as for `backplan plan`), fast or thorough: see `backplan plan --help`. fast spends less time per profile (a fifth less CPU on generated clinic profiles), with a higher soft penalty for some. Part of what makes a plan current.")] = "auto",
    debug: DebugOpt = False,
) -> None:
    """Plan every profile in a folder: one plan per profile, plus summary.csv and summary.json.

    \b
    A bad profile never stops the batch: the summary says who got a plan, who was refused and why
    (red flag, rules conflict with the rule ids, bad input with file:line:column), and the soft
    penalty. Run it again to resume: profiles whose plan is current are skipped (see README,
    "Planning for a clinic").
    Examples:
      backplan batch clients/ --out plans/
      backplan batch clients/ -o plans/ -f markdown -r clinic_rules.yaml --seed 3
      backplan batch clients/ -o plans/ --scheduler tcp://10.0.0.5:8786
    Exit codes: 0 every profile has its outcome in the summary; 2 bad input (the folder, a rule or
    catalog file), or a plan could not be written (a file of yours is in the way); 70 internal
    error for some profile; 130 interrupted, 143/129 SIGTERM/SIGHUP (finished plans are kept: run again
    to resume).
    """

    def action() -> int:
        from planner.batch import run_batch

        from planner.solver.settings import SEARCHES

        if search not in SEARCHES:
            raise BackplanError(f'unknown search "{search}"; choose one of {", ".join(SEARCHES)}')
        formats = set(fmt or ["json"])
        unknown = sorted(formats - {"json", "markdown"})
        if unknown:
            raise BackplanError(f'batch writes json and markdown, not "{unknown[0]}"')
        show = _progress_bar()
        try:
            with show as update, _stopped_by_signals():
                result = run_batch(profiles_dir, out, rule_files=rules or [], catalog_dir=catalog, seed=seed,
                                   markdown="markdown" in formats, jobs=jobs, scheduler=scheduler, redo=redo,
                                   suggest=suggest, search=search, progress=update)
        except (KeyboardInterrupt, Terminated) as exc:
            typer.echo(f"backplan: {'interrupted' if isinstance(exc, KeyboardInterrupt) else 'stopped by a signal'}; "
                       f"the plans finished so far are in {out}: run the same command again to resume", err=True)
            return exc.code if isinstance(exc, Terminated) else EXIT_INTERRUPTED
        counts = result.counts
        parts = [f"{counts.get('planned', 0)} planned"]
        for status, words in (("red_flag", "see a doctor first"), ("conflict", "rules conflict"),
                              ("bad_input", "bad input"), ("not_written", "not written"), ("error", "internal error")):
            if counts.get(status):
                parts.append(f"{counts[status]} {words}")
        typer.echo(f"backplan: {len(result.rows)} profiles ({result.planned_now} done now, {result.reused} current from "
                   f"before): {', '.join(parts)}; see {out / 'summary.csv'}", err=True)
        return result.exit_code

    guard(debug, action)


@contextlib.contextmanager
def _stopped_by_signals() -> Iterator[None]:
    """SIGTERM and SIGHUP (a job scheduler, a closed terminal) stop the batch like Ctrl-C does: the
    finished plans are saved and the worker processes ended, instead of the process just vanishing."""
    def stop(signum: int, frame: object) -> None:
        raise Terminated(signum)

    previous = {}
    for signum in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)):
        if signum is not None and signal.getsignal(signum) == signal.SIG_DFL:
            previous[signum] = signal.signal(signum, stop)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


class _progress_bar:
    """A rich progress bar on standard error when it is a terminal; nothing otherwise."""

    def __init__(self) -> None:
        self.progress = None
        if sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

            self.progress = Progress(TextColumn("planning"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                                     TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn(),
                                     console=Console(stderr=True), transient=True)
        self.task = None

    def __enter__(self):
        if self.progress is None:
            return None
        self.progress.__enter__()
        return self.update

    def update(self, done: int, total: int) -> None:
        if self.task is None:
            self.task = self.progress.add_task("planning", total=total)
        self.progress.update(self.task, completed=done, total=total)

    def __exit__(self, *exc) -> None:
        if self.progress is not None:
            self.progress.__exit__(*exc)
