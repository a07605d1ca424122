"""The notebooks run top to bottom as notebooks (jupytext -> nbclient, in an IPython kernel)."""

from __future__ import annotations

from pathlib import Path

import jupytext
import pytest
from nbclient import NotebookClient

from planner.notice import SAFETY_NOTICE

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.py"))


def outputs(notebook, kind: str) -> list:
    return [out for cell in notebook.cells if cell.cell_type == "code" for out in cell.get("outputs", [])
            if out.get("output_type") == kind or kind in out.get("data", {})]


def test_the_four_stories_are_there():
    assert [p.stem for p in NOTEBOOKS] == ["add_a_rule", "clinic_view", "compare_plans", "plan_balance"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs(path: Path):
    notebook = jupytext.read(path)
    first_code = next(cell for cell in notebook.cells if cell.cell_type == "code")
    assert "parameters" in first_code.metadata.get("tags", []), "the first code cell holds the parameters"
    NotebookClient(notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}).execute()
    printed = "".join(out.get("text", "") for out in outputs(notebook, "stream"))
    assert SAFETY_NOTICE in printed
    assert outputs(notebook, "image/png"), "each notebook shows at least one figure"
    assert not outputs(notebook, "error")
