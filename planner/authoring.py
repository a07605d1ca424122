"""Tools for people who write rules: list, show, validate, and diff a rule file's effect.

The CLI's ``backplan rules`` commands are thin wrappers around these functions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from planner.catalog import Catalog
from planner.errors import InputError, Where, did_you_mean
from planner.models import Profile, Selector, When
from planner.reference import kind_example, kind_summary
from planner.rules import (
    Collector,
    ReadFile,
    Rule,
    distinct_files,
    entries,
    read_rule_file,
    validate_rule_set,
)
from planner.selectors import select
from planner.vocabulary import extend_catalog

__all__ = ["rule_rows", "show_rule", "Finding", "validate_files", "diff_plans", "rule_tags"]


def rule_tags(rule: Rule) -> list[str]:
    """A rule's tags: the ones it declares plus the name of its file (``safety``, ``week`` ...; for
    an overridden rule, the file it was written in and the file that changed it)."""
    written = rule.override.original if rule.override is not None and rule.override.original else rule.where
    return list(dict.fromkeys([*rule.header.tags, Path(written.file).stem, Path(rule.where.file).stem]))


def rule_rows(rules: Sequence[Rule], kind: str | None = None, tag: str | None = None, text: str | None = None
              ) -> list[tuple[str, str, str, str, str]]:
    """(id, kind, severity, source, where) for each rule that passes the filters."""
    if tag and not any(tag in rule_tags(r) for r in rules):
        known = {t for r in rules for t in rule_tags(r)}
        raise InputError(f'no rule has the tag "{tag}"{did_you_mean(tag, known)}; tags in use: {", ".join(sorted(known))}')
    rows = []
    for rule in rules:
        if kind and rule.header.kind != kind:
            continue
        if tag and tag not in rule_tags(rule):
            continue
        haystack = " ".join([rule.id, rule.header.description, *rule.header.source]).lower()
        if text and text.lower() not in haystack:
            continue
        if rule.header.kind == "advice":
            severity = "advice"
        elif rule.level == "preference":
            severity = f"preference ({rule.header.weight})"
        else:
            severity = rule.level
        if rule.override is not None:
            severity = "off (override)" if rule.off else f"{severity} (override)"
        rows.append((rule.id, rule.header.kind, severity, "; ".join(rule.header.source), str(rule.where)))
    return rows


def _selectors(rule: Rule) -> list[tuple[str, Selector]]:
    return [(name, value) for name, value in rule.params if isinstance(value, Selector)]


def rule_yaml(rule: Rule) -> str:
    body = rule.header.model_dump(mode="json", exclude_defaults=True, by_alias=True)
    body.update(rule.params.model_dump(mode="json", exclude_defaults=True, exclude_none=True, by_alias=True))
    return yaml.safe_dump([body], sort_keys=False, allow_unicode=True, width=100)


def show_rule(rule_id: str, rules: Sequence[Rule], catalog: Catalog) -> str:
    """The rule, its kind's documentation and example, and what its selectors match now."""
    by_id = {r.id: r for r in rules}
    if rule_id not in by_id:
        raise InputError(f'unknown rule "{rule_id}"{did_you_mean(rule_id, by_id)}')
    rule = by_id[rule_id]
    lines = [f"{rule.id}  ({rule.where})", ""]
    if rule.override is not None:
        o = rule.override
        lines += [f"Overridden at {o.file} (the rule is written at {o.original}): {o.change}."]
        lines += [f"Reason: {o.reason}"] if o.reason else []
        lines += ["It is switched off: no plan uses it.", ""] if rule.off else [""]
    lines += [rule_yaml(rule).rstrip(), "", f"Kind {rule.header.kind}:"]
    lines += ["  " + line for line in kind_summary(rule.kind).splitlines()]
    lines += ["", "Example:"] + ["  " + line for line in kind_example(rule.kind).splitlines()]
    for name, selector in _selectors(rule):
        ids = sorted(select(selector, catalog))
        lines += ["", f"{name} matches {len(ids)} exercise(s) in the catalog:"]
        lines += [f"  - {i}: {catalog.exercises[i].name}{' (banned: never planned)' if catalog.exercises[i].banned else ''}"
                  for i in ids]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Finding:
    where: Where
    message: str
    error: bool
    note: bool = False  # information, neither an error nor a warning

    def __str__(self) -> str:
        level = "error" if self.error else "note" if self.note else "warning"
        return f"{self.where}: {level}: {self.message}"


def _everyone(when: When | None) -> bool:
    return when is None or when == When()


def _warnings(rule: Rule, catalog: Catalog, referrals: Sequence[Rule] = ()) -> list[Finding]:
    """Things that make a rule do nothing, or make it stop every plan (``referrals``: the rules
    of kind ``refer`` that are hard, which send the profiles they match to a doctor instead of
    planning; a soft one only advises)."""
    out: list[Finding] = []
    when = rule.header.when
    kind = rule.header.kind

    def warn(message: str) -> None:
        out.append(Finding(rule.where, f"rule {rule.id}: {message}", error=False))

    if when is not None:
        for key in ("conditions", "age_group", "level", "equipment"):
            if getattr(when, key) == []:
                warn(f"can never apply: when.{key} is an empty list")
        if when.conditions and when.no_conditions and set(when.conditions) <= set(when.no_conditions):
            warn("can never apply: every condition in when.conditions is also in when.no_conditions")
        if kind != "refer":
            for other in referrals:
                if other.id != rule.id and not _everyone(other.header.when) and when.implies(other.header.when):
                    warn(f"can never matter: every profile it applies to gets no plan (rule {other.id} sends it to a doctor)")
                    break
    if rule.refers and _everyone(when):
        warn("applies to every profile (no condition in when:), so nobody would ever get a plan")
    ages = set(When._many(when.age_group)) if when is not None and when.age_group is not None else None
    for name, selector in _selectors(rule):
        ids = select(selector, catalog)
        if ids and all(catalog.exercises[i].banned for i in ids) and selector.banned is not True:
            warn(f'"{name}" matches only banned moves, which no plan ever contains')
        if ids and ages and kind != "forbid" and not any(ages & set(catalog.exercises[i].audience) for i in ids):
            audiences = sorted({a for i in ids for a in catalog.exercises[i].audience})
            warn(f'"{name}" matches only exercises for {", ".join(audiences)}, '
                 f'but the rule applies only to age group {", ".join(sorted(ages))}')
        for i, sub in enumerate(selector.any or []):
            if not select(sub, catalog):
                warn(f"{name}.any[{i}] matches no exercise in the catalog")
    if kind == "order":
        both = select(rule.params.before, catalog) & select(rule.params.after, catalog)
        if both:
            warn("ignores exercises selected by both before and after: " + ", ".join(sorted(both)))
    return out


_COUNTED = {"session_count": "a session", "weekly_count": "the week"}


def _counts(rule: Rule) -> tuple[str, str, int, int | None] | None:
    """(kind, measure, min, max) of a count rule, or ``None``."""
    if rule.off or rule.header.kind not in _COUNTED:
        return None
    measure = getattr(rule.params, "count", "items")
    if measure == "minutes":
        return None
    return rule.header.kind, measure, rule.params.min or 0, rule.params.max


def _count_clashes(checked: Sequence[Rule], every: Sequence[Rule], catalog: Catalog) -> list[Finding]:
    """Counts that can never be met beside another rule's count (both holding): a minimum on a
    selection inside another rule's selection that the other caps lower (at least five stretches
    a session where at most four are allowed), whichever file each is in. A safety rule then
    refuses every profile both apply to (exit 4), a structure rule gives way, a preference is
    missed. Counts on some weekdays only are left out."""
    out = []
    for rule in checked:
        mine = _counts(rule)
        if mine is None or not mine[2] or getattr(rule.params, "days", None):
            continue
        ids = select(rule.params.select, catalog)
        for other in every:
            theirs = _counts(other)
            if other is rule or theirs is None or theirs[3] is None or theirs[:2] != mine[:2] or not other.hard:
                continue
            if getattr(other.params, "days", None):
                continue
            if ids <= select(other.params.select, catalog) and mine[2] > theirs[3]:
                where = _COUNTED[mine[0]]
                message = (f"rule {rule.id}: asks for at least {mine[2]} in {where}, but rule {other.id} "
                           f"({other.level}, {other.where}) allows at most {theirs[3]} of a selection that includes all "
                           f"of these: both can never hold for a profile they both apply to")
                out.append(Finding(rule.where, message, error=False))
                break
    return out


def _raw_ids(read: ReadFile) -> set[str]:
    return {e["id"] for e in read.body.rules if isinstance(e, dict) and isinstance(e.get("id"), str)}


def validate_files(files: Sequence[Path], catalog: Catalog, shipped: Sequence[Rule] = ()) -> list[Finding]:
    """Errors (one per rule: the first found in it; a file that is not YAML or not a rule file
    stops at its first) and warnings for each rule file, then
    the checks that need the whole rule set (such as order rules forming a cycle) over the shipped
    rules together with every file that loaded.

    The files are checked as ``plan -r FILE...`` loads them (``override:`` entries change the
    shipped rules; ``shipped: false`` leaves them out), with one difference: a file that defines
    at least half of the rule ids of a shipped file (an edited copy of it, or the file itself)
    is checked *in place of* that shipped file, with a note saying so; fewer shared ids are
    clashes, as in a plan.
    """
    findings: list[Finding] = []
    reads: list[tuple[Path, ReadFile]] = []
    for path in distinct_files(files):
        try:
            reads.append((path, read_rule_file(path)))
        except InputError as exc:
            findings.append(Finding(exc.where or Where(str(path)), exc.message, error=True))
    own = any(not read.body.shipped for _, read in reads)
    by_file: dict[Path, list[Rule]] = {}
    for rule in shipped:
        by_file.setdefault(Path(rule.where.file).resolve(), []).append(rule)
    replaced: set[Path] = set()
    if not own:
        for path, read in reads:
            ids = _raw_ids(read)
            for shipped_path, rules in by_file.items():
                if shipped_path != path.resolve() and 2 * len(ids & {r.id for r in rules}) >= len(rules):
                    replaced.add(shipped_path)
                    findings.append(Finding(read.doc.where(()), f"checked in place of the shipped {shipped_path.name} "
                                            "(it defines most of its rule ids: an edited copy); to plan with it, add "
                                            '"shipped: false" and give the other shipped files too, or write your '
                                            'changes as "override:" entries', error=False, note=True))
    base = [] if own else [r for r in shipped if Path(r.where.file).resolve() not in replaced
                           and Path(r.where.file).resolve() not in {p.resolve() for p, _ in reads}]
    try:
        cat = extend_catalog(catalog, [(read.body.vocabulary, read.doc) for _, read in reads])
    except InputError as exc:
        findings.append(Finding(exc.where or Where("rules"), exc.message, error=True))
        return findings
    collected = Collector(base)
    checked: list[Rule] = []
    for path, read in reads:
        for entry, at in entries(read):
            try:  # one error per rule: the next rule of the file is still checked
                checked.append(collected.add(entry, read.doc, at, cat))
            except InputError as exc:
                findings.append(Finding(exc.where or Where(str(path)), exc.message, error=True))
    combined = collected.rules
    referrals = [r for r in combined if r.refers and not r.off]
    for rule in checked:
        findings.extend(_warnings(rule, cat, referrals))
    findings.extend(_count_clashes(checked, combined, cat))
    try:
        validate_rule_set(combined, cat)
    except InputError as exc:
        findings.append(Finding(exc.where or Where("rules"), exc.message, error=True))
    return findings


def _shares(plan, catalog: Catalog, profile: Profile) -> dict[str, float]:
    """Each group's share of the plan's counted load, as its balance section gives it."""
    from planner.balance import plan_balance

    balance = plan.balance or plan_balance(plan, catalog, (), profile)
    return {g.group: g.share for g in balance.groups}


def diff_plans(before, after, catalog: Catalog, profile: Profile) -> str:
    """What a rule file changed: per day, exercises removed and added, doses changed and order;
    then the balance (each group's share of the load model's counted load, :mod:`planner.balance`)."""
    from planner.load import COUNTED_BLOCKS
    from planner.render import dose_text

    lines = []
    for old, new in zip(before.days, after.days):
        was = {i.exercise: dose_text(i) for i in old.items}
        now = {i.exercise: dose_text(i) for i in new.items}
        removed = [e for e in was if e not in now]
        added = [e for e in now if e not in was]
        redosed = [e for e in now if e in was and was[e] != now[e]]
        moved = list(was) != list(now) and not removed and not added
        if not (removed or added or redosed or moved):
            continue
        lines.append(f"{old.day}:")
        lines += [f"  - {e} ({catalog.exercises[e].name})" for e in removed]
        lines += [f"  + {e} ({catalog.exercises[e].name})" for e in added]
        lines += [f"  ~ {e}: {was[e]} -> {now[e]}" for e in redosed]
        if moved:
            lines.append("  ~ same exercises, new order: " + ", ".join(now))
    if not lines:
        lines.append("The week is the same with and without these rules.")
    share_before = _shares(before, catalog, profile)
    share_after = _shares(after, catalog, profile)
    changes = []
    for g in catalog.graph.groups:
        a, b = share_before.get(g, 0.0), share_after.get(g, 0.0)
        if f"{a:.0%}" != f"{b:.0%}":  # a change too small to show in whole percents is left out
            changes.append((abs(a - b), f"  {g}: {a:.0%} -> {b:.0%}"))
    lines += ["", f"Share of the week's muscle-group load ({' and '.join(COUNTED_BLOCKS)} work, seconds under tension):"]
    lines += [text for _, text in sorted(changes, reverse=True)] or ["  unchanged"]
    lines += ["", f"Soft penalty: {before.soft_penalty} -> {after.soft_penalty}"]
    return "\n".join(lines) + "\n"
