"""Loading a profile (who the plan is for) and checking its words against the vocabularies."""

from __future__ import annotations

from pathlib import Path

from planner.catalog import Catalog
from planner.errors import InputError
from planner.loading.resources import default_profile_path
from planner.loading.validation import file_body, validate_model
from planner.loading.words import check_word, check_words
from planner.loading.yamlio import Document, load_yaml_file
from planner.models import Profile

__all__ = ["PROFILE_VOCABULARY", "load_profile", "profile_from_document", "default_profile_path"]

# A profile never declares words: a condition it made up would have no rule that knows it, and
# the person would get a plan as if it did not matter. New words go in a rule file, beside the
# rules for them, where ``rules validate`` and the plan's overrides can see them.
PROFILE_VOCABULARY = (
    "a profile cannot declare new words: no rule would know a condition or equipment it makes up, "
    'so the plan would treat it as if it did not matter; declare it under "vocabulary:" in a rule '
    "file, with the rules it needs, and plan with -r FILE (see docs/rules.md, \"New words\")"
)


def profile_from_document(doc: Document, catalog: Catalog, path: tuple = ()) -> Profile:
    data = file_body(doc, "profile") if not path else doc.data
    for key in path:
        data = data[key]
    if not isinstance(data, dict):
        raise InputError("a profile must be a mapping of keys to values", doc.where(path))
    if "vocabulary" in data:
        raise InputError(PROFILE_VOCABULARY, doc.where_key((*path, "vocabulary")))
    profile: Profile = validate_model(Profile, data, doc, path)
    vocab = catalog.vocab
    check_word(profile.age_group, vocab.age_groups, "age group", doc, (*path, "age_group"))
    check_word(profile.level, vocab.levels, "level", doc, (*path, "level"))
    check_words(profile.days, vocab.days, "day", doc, (*path, "days"))
    check_words(profile.equipment, vocab.equipment, "equipment", doc, (*path, "equipment"), declarable=True)
    check_words(profile.conditions, vocab.conditions, "condition", doc, (*path, "conditions"), declarable=True)
    check_words(profile.exclude, catalog.exercises, "exercise", doc, (*path, "exclude"))
    return profile


def load_profile(path: Path | str | None, catalog: Catalog) -> Profile:
    """Load ``path`` (or the embedded default profile when ``None``)."""
    if path is None:
        doc = load_yaml_file(default_profile_path(), display="<default profile>")
    else:
        doc = load_yaml_file(path)
    return profile_from_document(doc, catalog)
