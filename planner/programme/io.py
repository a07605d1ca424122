"""Reading a programme file (the JSON ``backplan program --format json`` writes), with positions.

:func:`programme_document` tells a programme from a week plan, so that ``backplan check`` and
``backplan export`` take either; :func:`load_programme` checks its shape and every exercise id,
and reports the first problem with its file, line and column.
"""

from __future__ import annotations

from pathlib import Path

from planner.catalog import Catalog
from planner.errors import InputError, did_you_mean
from planner.loading.validation import file_body, validate_model
from planner.loading.yamlio import Document, load_yaml_file
from planner.models import Profile
from planner.profile import load_profile, profile_from_document
from planner.programme.contract import Programme

__all__ = ["KEY", "load_programme", "programme_document", "programme_profile"]

KEY = "programme_schema_version"  # the key only a programme has


def programme_document(path: Path | str) -> Document | None:
    """The parsed file when it is a programme, else ``None`` (unreadable files too: the week
    plan's loader then says what is wrong with them)."""
    try:
        doc = load_yaml_file(path)
    except InputError:
        return None
    return doc if isinstance(doc.data, dict) and KEY in doc.data else None


def load_programme(doc: Document, catalog: Catalog) -> Programme:
    programme: Programme = validate_model(Programme, file_body(doc, "programme"), doc)
    days = catalog.vocab.days
    for w, week in enumerate(programme.weeks):
        at = ("weeks", w, "plan")
        if week.start.weekday() != 0:
            raise InputError(f"week {week.number} starts on a {week.start:%A}, not a Monday", doc.where(("weeks", w, "start")))
        for i, day in enumerate(week.plan.days):
            if day.day != days[i]:
                raise InputError(f'day {i + 1} must be "{days[i]}", found "{day.day}"', doc.where((*at, "days", i, "day")))
            for part in ("items", "walks"):
                for j, item in enumerate(getattr(day, part)):
                    if item.exercise not in catalog.exercises:
                        hint = did_you_mean(item.exercise, catalog.exercises)
                        raise InputError(f'unknown exercise "{item.exercise}"{hint}',
                                         doc.where((*at, "days", i, part, j, "exercise")))
    return programme


def programme_profile(programme: Programme, doc: Document, catalog: Catalog) -> Profile:
    """The profile stored in the programme (its words checked, with positions), else the default."""
    if programme.profile is None:
        return load_profile(None, catalog)
    return profile_from_document(doc, catalog, ("profile",))
