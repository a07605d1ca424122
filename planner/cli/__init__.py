"""The ``backplan`` command line: a thin layer over :mod:`planner.api`, loading and rendering.

One module per command group: :mod:`planner.cli.week` (``plan``, ``check``),
:mod:`planner.cli.rules` (``rules list|show|validate|new|kinds|diff``), :mod:`planner.cli.catalog`
(``catalog list|show|import``), :mod:`planner.cli.batch` (``batch``), :mod:`planner.cli.plot`
(``plot``), :mod:`planner.cli.export` (``export``), :mod:`planner.cli.diary` (``log``,
``history``), :mod:`planner.cli.programme` (``program``); what they share (file options, the error guard, loading) is :mod:`planner.cli.common`.

Exit codes: 0 success; 1 ``check`` found a safety violation (or an undeclared structure one);
2 bad input; 3 a doctor first; 4 the safety rules cannot all hold (the message names them);
70 internal error; 130 interrupted;
141 the reader of the output went away (``| head``).
"""

from __future__ import annotations

import typer

from planner import __version__
from planner.cli import plot, programme, week
from planner.cli.batch import batch
from planner.cli.catalog import catalog_app
from planner.cli.diary import history, log
from planner.cli.explain import explain
from planner.cli.export import export
from planner.cli.rules import rules_app
from planner.notice import SAFETY_NOTICE

__all__ = ["app"]

app = typer.Typer(
    name="backplan",
    help=(
        "Safe, balanced weekly back-strengthening plans from declarative rules.\n\n"
        f"{SAFETY_NOTICE}\n\n"
        "\b\nExit codes: 0 success; 1 check found a safety violation; 2 bad input (file:line:column);\n"
        "3 see a doctor first; 4 the safety rules conflict, even with structure rules giving way;\n"
        "70 internal error (rerun with --debug); 130 interrupted; 141 output pipe closed (| head)."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

app.command()(week.plan)
app.command()(week.check)
app.command()(explain)
app.command()(batch)
app.command()(plot.plot)
app.command()(export)
app.add_typer(rules_app, name="rules")
app.add_typer(catalog_app, name="catalog")
app.command()(log)
app.command()(history)
app.command()(programme.program)


@app.command()
def version() -> None:
    """Print the backplan version."""
    typer.echo(__version__)
