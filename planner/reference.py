"""Reference text generated from the code: rule kinds, selectors, catalog fields, vocabularies.

``python -m planner.reference`` writes ``docs/rules.md`` and ``docs/catalog.md``;
``backplan rules kinds`` and ``backplan rules new KIND`` print parts of the same text. A test
fails when a committed file is not what this module generates, so the docs cannot drift.
"""

from __future__ import annotations

import re
import sys
import types
import typing
from pathlib import Path
from types import ModuleType

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from planner import balance, load, selectors
from planner.catalog import Catalog, default_catalog
from planner.loading.files import write_generated
from planner.kinds import REGISTRY
from planner.loading.resources import data_dir
from planner.models import Dose, Exercise, Muscles, Profile, RuleHeader, When

__all__ = ["kind_example", "kind_summary", "kind_reference", "template", "rules_markdown", "catalog_markdown", "write"]


def kind_example(kind: ModuleType) -> str:
    """The YAML example block of a kind's docstring, dedented (a list with one rule)."""
    match = re.search(r"Example::\n\n((?:    .*\n?|\n)+)", kind.__doc__ or "")
    if not match:
        return ""
    return "\n".join(line[4:] for line in match.group(1).rstrip().splitlines()) + "\n"


def kind_summary(kind: ModuleType) -> str:
    """The docstring without its example: what the kind does and its parameters."""
    doc = (kind.__doc__ or "").split("Example::")[0].strip()
    doc = doc.split(": ", 1)[1] if doc.startswith(f"{kind.NAME}: ") else doc
    doc = doc.replace("``", "`")
    return doc[:1].upper() + doc[1:]


def _type_name(annotation: typing.Any) -> str:
    """A short, readable name for a field's type: ``int``, ``list of word``, ``word or list``."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return _type_name(args[0])
    if origin in (typing.Union, types.UnionType):
        names = [_type_name(a) for a in args if a is not type(None)]
        return " or ".join(dict.fromkeys(names))
    if origin is list:
        return f"list of {_type_name(args[0])}" if args else "list"
    if origin is dict:
        return "mapping"
    if origin is typing.Literal:
        return " or ".join(f"`{a}`" for a in args)
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return {"Selector": "selector", "Bounds": "{min, max}", "When": "mapping (see below)"}.get(
                annotation.__name__, annotation.__name__
            )
        return {"str": "text", "int": "integer", "float": "number", "bool": "true/false"}.get(
            annotation.__name__, annotation.__name__
        )
    return str(annotation)


def _fields(model: type[BaseModel]) -> list[tuple[str, str, str]]:
    """(name, type, default) for every field of a model."""
    out = []
    for name, field in model.model_fields.items():
        if field.is_required():
            default = "required"
        elif field.default is PydanticUndefined or field.default is None:
            default = "none"
        elif isinstance(field.default, BaseModel):
            default = "`" + str(field.default.model_dump(exclude_none=True, by_alias=True)) + "`"
        else:
            default = f"`{field.default}`"
        out.append((field.alias or name, _type_name(field.annotation), default))
    return out


def kind_reference(kind: ModuleType, level: str = "###") -> str:
    """Markdown for one kind: summary, parameter table, example."""
    lines = [f"{level} `{kind.NAME}`", "", kind_summary(kind), ""]
    fields = _fields(kind.Params)
    if fields:
        lines += ["| parameter | type | default |", "|---|---|---|"]
        lines += [f"| `{n}` | {t} | {d} |" for n, t, d in fields]
        lines.append("")
    lines += ["```yaml", kind_example(kind).rstrip(), "```", ""]
    return "\n".join(lines)


def template(kind: ModuleType) -> str:
    """A commented rule file to start from (``backplan rules new KIND``).

    The example rule gets a ``my-`` id so the file can sit beside the shipped rules at once, and
    the editor header points at the installed schema, wherever the file is saved."""
    summary = "\n".join(f"# {line}".rstrip() for line in kind_summary(kind).splitlines())
    params = "\n".join(f"#   {n}: {t} ({d})" for n, t, d in _fields(kind.Params)) or "#   (none)"
    example = re.sub(r"^- id: ", "- id: my-", kind_example(kind), flags=re.MULTILINE)
    schema = (data_dir("schemas") / "rules.schema.json").as_uri()
    return (
        f"# yaml-language-server: $schema={schema}\n"
        f"# Rule kind `{kind.NAME}`:\n{summary}\n#\n"
        "# Every rule also has: id (lowercase-with-dashes, unique), kind, description,\n"
        "# severity (safety | structure | preference, default safety), weight (1-1000: how much a\n"
        "# preference counts, or which structure rule gives way last), when (optional,\n"
        "# on the profile: conditions, no_conditions, age_group, level, cleared_by_doctor,\n"
        "# equipment, needs_clearance) and source (where the rule comes from).\n"
        f"# Parameters of {kind.NAME}:\n{params}\n"
        "# Check it with: backplan rules validate THIS_FILE\n"
        "rules:\n" + "".join(f"  {line}\n" if line else "\n" for line in example.splitlines())
    )


def _header_table() -> str:
    rows = ["| key | type | default |", "|---|---|---|"]
    rows += [f"| `{n}` | {t} | {d} |" for n, t, d in _fields(RuleHeader)]
    return "\n".join(rows)


def _selector_doc() -> str:
    intro = (selectors.__doc__ or "").strip().split("\n\n")[1].split(" :data:")[0].replace("``", "`")
    lines = [intro, "", "| key | matches an exercise when |", "|---|---|"]
    lines += [f"| `{key}` | {meaning} |" for key, meaning in selectors.KEYS.items()]
    lines += ["", "Examples:", ""]
    for text, selector in selectors.EXAMPLES:
        lines += [f"- {text}: `select: {selector}`"]
    return "\n".join(lines)


EXAMPLE_RULES = Path(__file__).resolve().parent.parent / "examples" / "rules"  # in the source tree

SCORING = """### How the levels and weights are scored

Every week the solver compares is ranked by one score (`planner/solver/score.py`): levels first
(safety rules always hold; structure rules hold whenever a week exists with them, and one that
must give way weighs 10,000 times its `weight`), then the soft penalty: each preference's amount
missed (in the units `backplan check` reports it, load rules times 10) times its `weight`, in
tenths. The plan's `soft_penalty` is this figure for its preferences. The search keeps the best
of several candidate weeks, then (by default with the csp backend; `backplan plan --search`)
frees one day, then two, at a time and re-solves them, keeping only weeks that score strictly
lower; the doses are then tuned toward the load bands (README, "The score, and searching around
the best week")."""

CHANGING = """## Changing the shipped rules

A rule file can change a shipped rule instead of adding one: an entry with `override: ID` (the
rule's id, no `id:` or `kind:`) gives new values for any of its keys (its kind's parameters,
`severity`, `weight`, `when`, `description`, `tags`, `source`); `severity: off` switches it off.
A new value replaces the old one whole (a new `when:` or `select:` is the rule's whole `when:` or
`select:`), and the result is checked like any rule. Nothing changes silently:

- every override is listed by `backplan rules list` (severity `... (override)` or
  `off (override)`, at the override's file:line) and explained by `backplan rules show ID`;
- every plan made with it prints it, with its reason: in the table and Markdown formats under
  "Rules changed by your rule files", in JSON under `overrides` (`rule`, `change`, `reason`,
  `file`);
- changing or switching off a **safety** rule needs a `reason:` (backplan cannot tell a tightened
  rule from a weakened one, so every change to a safety rule states why); the solver itself never
  relaxes a safety rule;
- a rule can be overridden once; an unknown id is an error with a "did you mean"; defining a
  shipped id again with `id:` is an error that says how to override it.

`backplan plan`, `check`, `batch`, `rules list`, `show` and `diff` take the file with `-r`. A plan
records its rule files (`made_with` in JSON): `check` without `-r` checks against them when they
are still there, unchanged, and warns of every difference otherwise (see README, "Checking a plan
against the rules it was made with").

### New words: conditions and equipment

A top-level `vocabulary:` declares conditions and equipment the catalog does not know, each with a
description, for every rule file and the profile used with it (a condition may also be written as
a mapping with a `description`; a declared condition never needs a doctor's clearance). A word the
vocabulary already has is an error. An unknown word with no close spelling lists the words there
are. Tags need no declaring: a selector's `tags` are the tags exercises carry (see
docs/catalog.md).

Only a rule file declares words, never a profile: a profile with `vocabulary:` is refused with a
message saying to declare the words in a rule file. A condition a profile made up would have no
rule that knows it, and the person would get a plan as if it did not matter; in a rule file the
word stands beside the rules written for it, `rules validate` checks them together, and every plan
made with it records the file.

For example (`examples/rules/clinic_overrides.yaml`, planned by the tests with a profile that
has `conditions: [cannot_get_to_floor]`):"""

OWN_SET = """### Your own rule set instead of the shipped one

A rule file with `shipped: false` leaves every shipped rule out: the plan uses only the files given
with `-r` (the banned moves stay banned: they are never planned, whatever the rules). Every plan
made so says "The shipped rules: left out (shipped: false)", and JSON has an `overrides` entry
with rule `*`. To start from the shipped rules, copy the files of the `rules/` folder, add
`shipped: false` to one of them, and pass them all with `-r`.

`backplan rules validate FILE...` checks files as `plan -r FILE...` loads them, with one
difference: a file that holds at least half of the rule ids of a shipped file (an edited copy of
it) is checked *in place of* that shipped file, with a note saying so; so an edited copy of
`rules/week.yaml` validates on its own, without clashing with the shipped original.

For example (`examples/rules/own_rule_set.yaml`):"""


DIFF = """## What a rule file changes: `backplan rules diff`

`backplan rules diff FILE [-p PROFILE] [--seed N]` plans the profile's week twice with the same
seed: with the shipped rules alone, then with FILE added (loaded as `plan -r FILE` loads it,
overrides included). The second week is re-planned *like the first*: of the weeks that are best by
the usual score (every safety rule, as many structure rules as fit, the lowest soft penalty), it
takes the one that changes the first week least: fewest exercises added or removed per day, then
fewest dose changes, then fewest pairs of exercises swapped in order. So the diff shows what the
file makes change and nothing else: a file that forbids one exercise shows that exercise replaced
on its days, not a reshuffled week. The reference never weakens a rule or raises the soft penalty:
the usual search runs first, unchanged, and the weeks found near the reference only join its
candidates (so the soft penalty can come out lower than a fresh plan's, not higher; when structure
rules give way, which of them do is decided as without the reference).

It prints, per day, the exercises removed (`-`) and added (`+`), the doses changed (`~ id: old ->
new`) and a new order of the same exercises; then each muscle group's share of the week's load
that changed, and the soft penalty before and after. When the rules of FILE do not apply to the
profile (their `when:` does not hold), it says so first, and the week then stays the same.

The same re-planning is `backplan plan --like week.json` (a week saved with `plan -f json`): plan
again, with new rules or a changed profile, and keep as much of the saved week as the rules allow;
in Python, `api.plan_week(..., like=plan)`."""


def _example_file(name: str) -> str:
    return (EXAMPLE_RULES / name).read_text(encoding="utf-8").rstrip()


def module_text(module: ModuleType) -> str:
    """A module's docstring as Markdown (the load model and the balance section document themselves)."""
    return (module.__doc__ or "").strip().replace("``", "`")


def rules_markdown() -> str:
    parts = [
        "# Rule reference",
        "",
        "<!-- generated by `python -m planner.reference`; do not edit by hand -->",
        "",
        "A rule file is YAML with a `rules:` list. Every rule has the common keys below plus the",
        "parameters of its kind. Start from `backplan rules new KIND`, check with",
        "`backplan rules validate FILE`, and see what it changes with `backplan rules diff FILE`.",
        "",
        "## Common keys",
        "",
        _header_table(),
        "",
        "`when` keys (all given keys must hold for the rule to apply):",
        "",
        "| key | meaning |",
        "|---|---|",
        "| `conditions` | the profile has any of these conditions |",
        "| `no_conditions` | the profile has none of these conditions |",
        "| `age_group` | the profile's age group is one of these |",
        "| `level` | the profile's level is one of these |",
        "| `cleared_by_doctor` | the profile's clearance is exactly this |",
        "| `equipment` | the person owns any of these |",
        "| `needs_clearance` | `true`: the profile has a condition `catalog/vocab.yaml` marks `clearance: required`; `false`: none |",
        "",
        SCORING,
        "",
        CHANGING,
        "",
        "```yaml",
        _example_file("clinic_overrides.yaml"),
        "```",
        "",
        OWN_SET,
        "",
        "```yaml",
        _example_file("own_rule_set.yaml"),
        "```",
        "",
        DIFF,
        "",
        "## Selectors",
        "",
        _selector_doc(),
        "",
        "## The load model",
        "",
        module_text(load),
        "",
        "## Balance in the plan",
        "",
        module_text(balance),
        "",
        "## Rule kinds",
        "",
        "",
    ]
    text = "\n".join(parts)
    kinds = "\n".join(kind_reference(REGISTRY[name]) for name in sorted(REGISTRY))
    return text + kinds


def _vocab_section(catalog: Catalog) -> str:
    vocab, graph = catalog.vocab, catalog.graph
    lines = ["## Vocabularies", "", "From `catalog/vocab.yaml` and `catalog/muscles.yaml`.", ""]
    lines += ["| word list | words |", "|---|---|"]
    lines.append("| kind (block it plays) | " + ", ".join(f"`{k}` ({b})" for k, b in vocab.kinds.items()) + " |")
    lines.append("| block (session order) | " + ", ".join(f"`{b}`" for b in vocab.blocks) + " |")
    lines.append("| region (top-down order) | " + ", ".join(f"`{r}`" for r in graph.regions) + " |")
    for name in ("positions", "sides", "levels", "audiences", "age_groups", "days"):
        lines.append(f"| {name.rstrip('s').replace('_', ' ')} | " + ", ".join(f"`{w}`" for w in getattr(vocab, name)) + " |")
    lines.append("| equipment | " + ", ".join(f"`{k}` ({v})" for k, v in vocab.equipment.items()) + " |")
    lines.append("| condition | " + ", ".join(f"`{k}` ({v.description})" for k, v in vocab.conditions.items()) + " |")
    if vocab.tags:
        lines.append("| tag with a meaning | " + "; ".join(f"`{k}`: {v}" for k, v in vocab.tags.items()) + " |")
    lines += ["", "### Muscle graph", "", "| region | group | muscles |", "|---|---|---|"]
    for region, groups in graph.describe().items():
        for group in groups:
            muscles = sorted(m for m in graph.muscles if group in graph.ancestors_of(m))
            lines.append(f"| `{region}` | `{group}` | " + ", ".join(f"`{m}`" for m in muscles) + " |")
    lines += ["", "Antagonist pairs: " + "; ".join(
        f"`{a}` / `{b}`" for a, b in sorted(tuple(sorted(e)) for e in graph.antagonist_graph.edges)) + "."]
    return "\n".join(lines) + "\n"


def catalog_markdown(catalog: Catalog | None = None) -> str:
    catalog = catalog or default_catalog()
    def table(model: type[BaseModel]) -> str:
        rows = ["| field | type | default |", "|---|---|---|"]
        return "\n".join(rows + [f"| `{n}` | {t} | {d} |" for n, t, d in _fields(model)])

    return "\n".join([
        "# Catalog and profile reference",
        "",
        "<!-- generated by `python -m planner.reference`; do not edit by hand -->",
        "",
        "A catalog folder holds `vocab.yaml`, `muscles.yaml` and any number of exercise files, each",
        "with an `exercises:` list. Every word must come from the vocabularies below; a typo is an",
        "error with its file, line and column and a \"did you mean\".",
        "",
        "To see the exercises without reading the files: `backplan catalog list` (filters `--kind`,",
        "`--muscle`, `--equipment`, `--tag`, `--position`, `--level`, `--text`, meaning what the selector",
        "keys of the same name mean; `--equipment none` lists what needs no equipment) and",
        "`backplan catalog show ID` (every field below, with each muscle's group and region). Both take",
        "`--catalog DIR`.",
        "",
        "## Exercise fields",
        "",
        table(Exercise),
        "",
        "`muscles` holds muscle names (leaves of the muscle graph), never groups or regions:",
        "",
        table(Muscles),
        "",
        "`dose` (per side for unilateral exercises):",
        "",
        table(Dose),
        "",
        (Dose.seconds.__doc__ or "").strip().replace("\n        ", "\n"),
        "",
        "`position` is where the exercise starts or spends most of its time; `other_positions` lists",
        "every further position it passes through (a flow, a sequence, swimming strokes). A selector",
        "on `position` matches either, so `forbid {position: [prone, supine]}` also keeps out a yoga",
        "flow that goes down to the floor.",
        "",
        "`banned` marks one of the notorious moves: it stays in the catalog so rules and imports",
        "recognise it, but no plan ever contains it. It gives a `reason` and a safer `alternative`.",
        "",
        "`easier` and `harder` name the exercise's easier and harder versions (catalog ids): its variant",
        "ladder, which a programme (`backplan program`) climbs. Naming one end is enough (`harder: bird_dog`",
        "on the lying arm and leg raise makes it the bird dog's easier version); an unknown id, two",
        "different harder versions of one exercise, or a ladder that comes back to where it started is an",
        "error with its file, line and column.",
        "",
        "`variants` lists the exercise's close variants (catalog ids): the same movement done another",
        "way, with other equipment, in another position, on one side or both (`variants: [single_knee_to_chest]`",
        "on the double knees-to-chest). Naming the pair on one side is enough, and it goes one step (a",
        "variant of a variant is not one). A profile's `exclude` leaves out each excluded exercise's close",
        "variants too (the `profile_exclude` kind's `close_variants`, on by default), and the plan's notes",
        "name them. An unknown id, or an exercise naming itself, is an error with its file, line and column.",
        "",
        "## Profile fields",
        "",
        table(Profile),
        "",
        "## `when` (rule condition on the profile)",
        "",
        table(When),
        "",
        _vocab_section(catalog),
    ])


def write(folder: Path | str) -> list[Path]:
    return write_generated(folder, {"rules.md": rules_markdown(), "catalog.md": catalog_markdown()})


if __name__ == "__main__":  # pragma: no cover
    target = sys.argv[1] if len(sys.argv) > 1 else str(Path(__file__).resolve().parent.parent / "docs")
    for p in write(target):
        print(p)
