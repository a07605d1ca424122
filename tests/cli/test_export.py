"""``backplan export``: the format from --out, files never overwritten without --force, and every
error in its exact words."""

from __future__ import annotations

import importlib.abc
import sys
from pathlib import Path

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from planner.api import plan_week
from planner.cli import app
from planner.profile import load_profile
from planner.render import render

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


@pytest.fixture(scope="module")
def plan_file(tmp_path_factory, catalog, rules) -> Path:
    week = plan_week(load_profile(None, catalog), rules=rules, catalog=catalog, seed=0)
    path = tmp_path_factory.mktemp("export") / "week.json"
    path.write_text(render(week, "json"), encoding="utf-8")
    return path


@pytest.mark.parametrize(("name", "head"), [("week.ics", b"BEGIN:VCALENDAR"), ("week.html", b"<!DOCTYPE html>"),
                                            ("week.json", b'{\n  "resourceType": "Bundle"')])
def test_the_format_comes_from_the_extension(plan_file, tmp_path, name, head):
    out = tmp_path / name
    result = run("export", str(plan_file), "--out", str(out), "--start", "2026-03-02")
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(head)
    assert result.stderr == f"backplan: wrote {out} ({name.split('.')[1].replace('json', 'fhir')}, week of 2026-03-02)\n"


def test_to_overrides_the_extension_and_the_default_start_is_a_monday(plan_file, tmp_path):
    out = tmp_path / "calendar.txt"
    assert run("export", str(plan_file), "--to", "ics", "--out", str(out)).exit_code == 0
    starts = [e.decoded("dtstart") for e in Calendar.from_ical(out.read_bytes()).walk("VEVENT")]
    assert min(starts).weekday() == 0 and min(starts).time().isoformat() == "18:00:00"


def test_an_existing_file_is_kept_without_force(plan_file, tmp_path):
    out = tmp_path / "week.ics"
    out.write_text("mine", encoding="utf-8")
    result = run("export", str(plan_file), "--out", str(out))
    assert result.exit_code == 2
    assert result.stderr == f"backplan: error: {out}: file exists; use --force to replace it\n"
    assert out.read_text(encoding="utf-8") == "mine"
    assert run("export", str(plan_file), "--out", str(out), "--force").exit_code == 0
    assert out.read_bytes().startswith(b"BEGIN:VCALENDAR")


@pytest.mark.parametrize(("args", "message"), [
    (["--out", "x.txt"], ('cannot tell the format from "x.txt"; give --to ics|html|pdf|fhir or an --out ending in '
                          ".ics, .ical, .html, .htm, .pdf, .json")),
    (["--to", "docx", "--out", "x.docx"], 'unknown export format "docx"; choose one of ics, html, pdf, fhir'),
    (["--out", "x.ics", "--start", "2026-03-03"], "--start: a week starts on a Monday; 2026-03-03 is a Tuesday"),
    (["--out", "x.ics", "--start", "next week"], '--start: "next week" is not a date; give it as YYYY-MM-DD, e.g. 2026-03-02'),
    (["--out", "x.ics", "--walk-time", "noon"], '--walk-time: "noon" is not a time of day; give it as HH:MM, e.g. 18:30'),
])
def test_bad_options(plan_file, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = run("export", str(plan_file), *args)
    assert (result.exit_code, result.stderr) == (2, f"backplan: error: {message}\n")
    assert list(tmp_path.iterdir()) == []


def test_a_bad_plan_is_one_line_with_its_position(tmp_path):
    bad = tmp_path / "week.json"
    bad.write_text('{"schema_version": 1, "days": []}\n', encoding="utf-8")
    result = run("export", str(bad), "--out", str(tmp_path / "week.ics"))
    assert (result.exit_code, result.stderr) == (2, f"backplan: error: {bad}:1:31: days: needs at least 7 item(s)\n")
    assert not (tmp_path / "week.ics").exists()


def test_a_missing_library_names_the_extra(plan_file, tmp_path, monkeypatch):
    monkeypatch.delitem(sys.modules, "planner.export.ics", raising=False)
    monkeypatch.setitem(sys.modules, "icalendar", None)
    result = run("export", str(plan_file), "--out", str(tmp_path / "week.ics"))
    assert (result.exit_code, result.stderr) == (
        2, 'backplan: error: the ics export needs icalendar, from the export extra: pip install "backplan[export]"\n')


class _NoPango(importlib.abc.MetaPathFinder):
    """WeasyPrint installed on a machine without Pango: importing it fails with OSError."""

    def find_spec(self, name, path, target=None):
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")
        return None  # every other module: the usual finders


def test_no_pango_says_what_to_install(plan_file, tmp_path, monkeypatch):
    monkeypatch.delitem(sys.modules, "weasyprint", raising=False)
    monkeypatch.setattr(sys, "meta_path", [_NoPango(), *sys.meta_path])
    result = run("export", str(plan_file), "--out", str(tmp_path / "week.pdf"))
    assert (result.exit_code, result.stderr) == (
        2, ("backplan: error: PDF export needs WeasyPrint and the Pango libraries it uses (on Debian or Ubuntu: "
            "apt-get install libpango-1.0-0 libpangoft2-1.0-0): cannot load library 'libpango-1.0-0'\n"))
    assert not (tmp_path / "week.pdf").exists()
