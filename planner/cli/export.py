"""``backplan export``: a plan as a calendar, a printable handout (HTML, PDF) or FHIR resources."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Optional

import typer

from planner.cli.common import CatalogOpt, DebugOpt, guard
from planner.errors import EXIT_OK, BackplanError

__all__ = ["export"]


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise BackplanError(f'--start: "{text}" is not a date; give it as YYYY-MM-DD, e.g. 2026-03-02') from None


def _time(option: str, text: str | None) -> dt.time | None:
    if text is None:
        return None
    try:
        return dt.time.fromisoformat(text)
    except ValueError:
        raise BackplanError(f'{option}: "{text}" is not a time of day; give it as HH:MM, e.g. 18:30') from None


def export(
    plan_file: Annotated[Path, typer.Argument(metavar="PLAN", readable=False, help="A plan in the JSON format `backplan plan --format json` writes, or a programme (`backplan program --format json`): all its weeks.")],
    out: Annotated[Path, typer.Option("--out", "-o", metavar="FILE", help="The file to write, atomically; an existing one is replaced only with --force.")],
    to: Annotated[Optional[str], typer.Option("--to", "-t", metavar="FORMAT", help="ics (calendar), html (printable handout), pdf (the handout as PDF) or fhir (FHIR R5 Bundle, JSON). Default: from --out's extension (.ics, .html, .pdf, .json).")] = None,
    start: Annotated[Optional[str], typer.Option("--start", metavar="DATE", help="The Monday the week (a programme: its first week) starts on, YYYY-MM-DD. Default: a programme's own dates, else next Monday.")] = None,
    at: Annotated[Optional[str], typer.Option("--time", metavar="HH:MM", help="ics: when each session starts (local time). Default: 18:00.")] = None,
    walk_at: Annotated[Optional[str], typer.Option("--walk-time", metavar="HH:MM", help="ics: when each walk of its own starts (local time). Default: 12:00.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace --out if it already exists.")] = False,
    catalog: CatalogOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Export a plan for a calendar, for print or for a clinic system.

    \b
    Formats:
      ics   one event per session and per walk on real dates, the exercises, how to do
            them and the safety notice in each; re-importing a new export updates the events
      html  a printable handout: the safety notice, the week, doses in words, advice and
            the warning signs, each exercise's steps and cues
      pdf   the same handout as a PDF (needs the Pango system libraries)
      fhir  a FHIR R5 Bundle: a CarePlan whose activities are ServiceRequests
            (SNOMED CT 229065009 exercise therapy), one per exercise and dose
    Needs the export extra: pip install "backplan[export]".

    \b
    Examples:
      backplan plan -f json -o week.json
      backplan export week.json --out week.ics --start 2026-03-02
      backplan export week.json --out handout.pdf
      backplan export week.json --to fhir --out careplan.json
    Exit codes: 0 written; 2 bad input (the plan, an option, an existing --out).
    """

    def action() -> int:
        from planner.catalog import default_catalog, load_catalog
        from planner.checker import load_plan
        from planner.export import export as export_weeks
        from planner.export import format_of
        from planner.export.weeks import dated_weeks, next_monday, programme_weeks
        from planner.loading.files import write_atomic
        from planner.programme.io import load_programme, programme_document

        fmt = to or format_of(out)
        monday = _date(start) if start is not None else next_monday()
        if monday.weekday() != 0:
            raise BackplanError(f"--start: a week starts on a Monday; {monday.isoformat()} is a {monday:%A}")
        session_time, walk_time = _time("--time", at), _time("--walk-time", walk_at)
        cat = load_catalog(catalog) if catalog is not None else default_catalog()
        programme = programme_document(plan_file)
        if programme is not None:  # a programme: its weeks on their own dates, unless --start moves them
            made = load_programme(programme, cat)
            weeks = programme_weeks(made, monday if start is not None else None)
            monday = weeks[0].start
        else:
            the_plan, _ = load_plan(plan_file, cat)
            weeks = dated_weeks(the_plan, monday)
        data = export_weeks(weeks, fmt, session_time, walk_time)
        write_atomic(out, data, force=force)
        span = f"{len(weeks)} weeks from {monday.isoformat()}" if len(weeks) > 1 else f"week of {monday.isoformat()}"
        typer.echo(f"backplan: wrote {out} ({fmt}, {span})", err=True)
        return EXIT_OK

    guard(debug, action)
