"""The one way in: load, plan and check weeks, keep the pain diary, for the CLI, notebooks, batch and tests.

Everything here accepts either loaded objects or paths, so a notebook can write::

    from planner import api

    plan = api.plan_week("examples/profiles/child.yaml", seed=3)
    violations = api.check_week(plan)

and the CLI passes what the user typed. Errors are :class:`planner.errors.BackplanError`
subclasses (bad input, a red flag, rules that cannot all hold); nothing here prints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from planner.assemble import to_plan
from planner.catalog import Catalog, default_catalog, load_catalog
from planner.contract import Plan
from planner.errors import InfeasibleError
from planner.models import Profile
from planner.profile import load_profile
from planner.rules import Rule, default_rule_files, load_rule_set

if TYPE_CHECKING:  # the solver is imported when a week is planned, not when the CLI starts
    from planner.diary.adapt import Advice
    from planner.diary.entries import Entry
    from planner.diary.logbook import Logged
    from planner.explain import Explanation
    from planner.programme.contract import Programme
    from planner.programme.schedule import Schedule
    from planner.solver import Settings, Solution
    from planner.solver.reference_week import ReferenceWeek

__all__ = ["Inputs", "load_inputs", "plan_week", "check_week", "to_plan", "reference_week", "plan_programme",
           "check_programme", "explain", "log_session", "import_diary", "read_diary", "diary_advice"]

PathLike = str | Path


@dataclass(frozen=True)
class Inputs:
    """Everything a week is made from: the catalog, the rule set and the person."""

    catalog: Catalog
    rules: list[Rule]
    profile: Profile


def _catalog(catalog: Catalog | PathLike | None) -> Catalog:
    if isinstance(catalog, Catalog):
        return catalog
    return default_catalog() if catalog is None else load_catalog(catalog)


def _rules(rules: Sequence[Rule] | None, extra: Iterable[PathLike], catalog: Catalog) -> tuple[list[Rule], Catalog]:
    """The rules, and the catalog with the words their files declare (``vocabulary:``)."""
    if rules is not None:
        return list(rules), catalog
    loaded = load_rule_set([*default_rule_files(), *extra], catalog)
    return loaded.rules, loaded.catalog


def _profile(profile: Profile | PathLike | None, catalog: Catalog) -> Profile:
    return profile if isinstance(profile, Profile) else load_profile(profile, catalog)


def load_inputs(
    profile: Profile | PathLike | None = None,
    *,
    rules: Sequence[Rule] | None = None,
    extra_rules: Iterable[PathLike] = (),
    catalog: Catalog | PathLike | None = None,
) -> Inputs:
    """Load (or take as given) the catalog, the rules and the profile.

    ``profile``: a :class:`Profile`, a profile file, or ``None`` for the embedded default.
    ``rules``: a complete rule set; when ``None``, the shipped rules plus ``extra_rules`` files.
    ``catalog``: a :class:`Catalog`, a catalog folder, or ``None`` for the shipped catalog.
    """
    rule_list, cat = _rules(rules, extra_rules, _catalog(catalog))
    return Inputs(cat, rule_list, _profile(profile, cat))


def plan_week(
    profile: Profile | PathLike | None = None,
    *,
    rules: Sequence[Rule] | None = None,
    extra_rules: Iterable[PathLike] = (),
    catalog: Catalog | PathLike | None = None,
    seed: int = 0,
    settings: Settings | None = None,
    suggest: bool = False,
    like: Plan | PathLike | ReferenceWeek | None = None,
    prove: bool | float = False,
) -> Plan:
    """Plan one week for ``profile`` (see :func:`load_inputs` for the arguments).

    ``prove`` (``True`` or CP-SAT's seconds; needs ``backplan[exact]``): the plan's ``optimality``
    says whether its soft penalty is proven least (:mod:`planner.optimality`), else ``not_checked``.

    ``like``: a week planned before (a :class:`Plan`, a plan file or a :func:`reference_week`)
    to change as little as possible: among the weeks best by the usual score (hard rules,
    structure rules kept, soft penalty), the one with the fewest exercises added or removed per
    day, then the fewest dose and order changes (:mod:`planner.solver.reference_week`).
    ``backplan rules diff`` and ``backplan plan --like`` use it.

    Raises :class:`planner.errors.RedFlagError` when the person should see a doctor first and
    :class:`planner.errors.InfeasibleError` when the hard rules cannot all hold. With ``suggest``
    (the CLI's ``plan`` asks for it), a refusal because no week exists first says what would help:
    profile changes tried and shown to give a safe week (up to
    :data:`planner.solver.suggest.MAX_TRIALS` small trial plans, so batch runs ask only when told).
    """
    from planner.optimality import optimality, require_exact
    from planner.solver import solve

    if prove:
        require_exact()  # before any search
    given = load_inputs(profile, rules=rules, extra_rules=extra_rules, catalog=catalog)
    reference = like if like is None or _is_reference(like) else reference_week(like, given.catalog)
    try:
        solution = solve(given.rules, given.catalog, given.profile, seed=seed, settings=settings, like=reference)
    except InfeasibleError as exc:
        if suggest and exc.no_week:
            _refuse_with_suggestions(exc, given, seed)
        raise
    from planner.tuning import tune_plan  # doses toward the load bands, or why a band is missed

    def tuned(found: Solution) -> Plan:
        return tune_plan(to_plan(found, given.catalog, given.profile, seed, given.rules), given.rules, given.catalog,
                         given.profile)

    week = tuned(solution)
    if solution.start is not None and (solution.start.days, solution.start.walks) != (solution.days, solution.walks):
        # the neighbourhood search ranked weeks at the rules' doses (the same week is tuned once)
        before = tuned(solution.start)  # tuned, the week it improved on may score lower (or as low, nearer --like)
        if (before.soft_penalty, solution.start.stats.get("distance", [])) < (week.soft_penalty,
                                                                              solution.stats.get("distance", [])):
            week, solution = before, solution.start
    week.optimality = optimality(week, solution, settings, prove)  # of the final week: keep this last
    return week


def plan_programme(
    profile: Profile | PathLike | None = None,
    *,
    weeks: int = 8,
    start: dt.date | None = None,
    rules: Sequence[Rule] | None = None,
    extra_rules: Iterable[PathLike] = (),
    catalog: Catalog | PathLike | None = None,
    seed: int = 0,
    settings: Settings | None = None,
    diary: PathLike | Sequence[Entry] | None = None,
    person: str | None = None,
    schedule: Schedule | None = None,
) -> Programme:
    """A programme of ``weeks`` weeks from ``start`` (a Monday; default: next Monday): week 1 from
    the week planner, later weeks moved along the progression schedule (``schedule``, default
    ``rules/programme/progression.yaml``) and, given a ``diary`` (a diary file or its entries) and
    the ``person``, by how each logged week went (:mod:`planner.programme.build`). Every week passes
    the checker. Raises the see-a-doctor refusal when the profile or a diary answer needs one."""
    from planner.export.weeks import next_monday
    from planner.programme.make import make_programme

    given = load_inputs(profile, rules=rules, extra_rules=extra_rules, catalog=catalog)
    return make_programme(given, weeks=weeks, start=start or next_monday(), seed=seed, settings=settings,
                          diary=diary, person=person, schedule=schedule)


def check_programme(
    programme: Programme,
    *,
    profile: Profile | PathLike | None = None,
    rules: Sequence[Rule] | None = None,
    extra_rules: Iterable[PathLike] = (),
    catalog: Catalog | PathLike | None = None,
) -> dict[int, list]:
    """Every week's violations, by week number: the checker on each week of ``programme`` against
    ``profile`` (default: the programme's own), ``rules`` (default: shipped plus ``extra_rules``)."""
    from planner.programme.build import week_problems

    rule_list, cat = _rules(rules, extra_rules, _catalog(catalog))
    person = _profile(profile if profile is not None else programme.profile, cat)
    return week_problems(programme, rule_list, cat, person)


def _is_reference(like: object) -> bool:
    from planner.solver.reference_week import ReferenceWeek

    return isinstance(like, ReferenceWeek)


def reference_week(plan: Plan | PathLike, catalog: Catalog) -> ReferenceWeek:
    """A planned week (or a plan file, checked as ``backplan check`` reads it) as the solver's
    reference week: each day's exercises in order, a unilateral exercise's two sides once."""
    from planner.checker import load_plan
    from planner.solver.reference_week import ReferenceWeek

    the_plan = plan if isinstance(plan, Plan) else load_plan(plan, catalog)[0]
    days = {}
    for day in the_plan.days:
        first = {}
        for item in day.items:
            first.setdefault(item.exercise, (item.sets, item.reps, item.hold_s, item.minutes))
        days[day.day] = list(first.items())
    return ReferenceWeek(days)


def _refuse_with_suggestions(refusal: InfeasibleError, given: Inputs, seed: int) -> None:
    """Raise ``refusal`` again with what would help first, when some single change does.

    Only when no week is known to exist: after a search that merely gave up, trying changes would
    mostly spend more time to say less."""
    from planner.messages import no_week
    from planner.solver.suggest import suggest

    helps = [s.change for s in suggest(given.rules, given.catalog, given.profile, seed)]
    if helps:
        raise no_week(refusal.rule_ids, proven=refusal.proven, search_gave_up=False, rules=given.rules,
                      helps=helps) from None


def check_week(
    plan: Plan | PathLike,
    *,
    profile: Profile | PathLike | None = None,
    rules: Sequence[Rule] | None = None,
    extra_rules: Iterable[PathLike] = (),
    catalog: Catalog | PathLike | None = None,
) -> list:
    """Every violation of ``plan`` (a :class:`Plan` or a plan file), hard ones first.

    The profile is, in order: the one given, the one stored in the plan, the embedded default.
    The rules: ``rules``, else the shipped ones plus ``extra_rules``; given neither, the plan's own
    rule files (its ``made_with``) when each is still there unchanged, as ``backplan check`` does
    (:mod:`planner.provenance`). The checker shares no code with the solver.
    """
    from planner.checker import check_plan

    the_plan, rule_list, cat, person = _saved_week(plan, profile, rules, extra_rules, catalog)
    return check_plan(the_plan, rule_list, cat, person)


def _saved_week(plan: Plan | PathLike, profile, rules, extra_rules, catalog) -> tuple[Plan, list[Rule], Catalog, Profile]:
    """A plan (or plan file) with what to judge it by, as :func:`check_week` documents: its rules
    (given, else the shipped ones plus ``extra_rules``, else the plan's own unchanged rule
    files), its catalog and its profile (given, else the plan's own, else the default)."""
    from planner.checker import load_plan, plan_profile
    from planner.provenance import reusable_files

    base = _catalog(catalog)
    the_plan, doc = (plan, None) if isinstance(plan, Plan) else load_plan(plan, base)
    extra = list(extra_rules)
    if rules is None and not extra and the_plan.made_with is not None:
        extra = reusable_files(the_plan.made_with) or []
    rule_list, cat = _rules(rules, extra, base)
    if profile is not None or doc is None:
        person = _profile(profile if profile is not None else the_plan.profile, cat)
    else:
        person = plan_profile(the_plan, doc, cat)
    return the_plan, rule_list, cat, person


def explain(
    plan: Plan | PathLike | None = None,
    *,
    exercise: str | None = None,
    profile: Profile | PathLike | None = None,
    rules: Sequence[Rule] | None = None,
    extra_rules: Iterable[PathLike] = (),
    catalog: Catalog | PathLike | None = None,
    seed: int = 0,
) -> Explanation:
    """Why each item of a week is there and how each rule fared, or (``exercise``) why that
    catalog exercise is or is not in it (:mod:`planner.explain`). ``plan``: a :class:`Plan` or a
    plan file, read with the profile and rules :func:`check_week` would use; ``None``: a week
    planned now by :func:`plan_week` from ``profile``, ``rules``, ``extra_rules``, ``catalog``, ``seed``."""
    from planner.explain import explain_plan

    if plan is None:
        given = load_inputs(profile, rules=rules, extra_rules=extra_rules, catalog=catalog)
        week = plan_week(given.profile, rules=given.rules, catalog=given.catalog, seed=seed)
        return explain_plan(week, given.rules, given.catalog, given.profile, exercise)
    the_plan, rule_list, cat, person = _saved_week(plan, profile, rules, extra_rules, catalog)
    return explain_plan(the_plan, rule_list, cat, person, exercise)


# --------------------------------------------------------------------------------------------
# The pain diary: what `backplan log` and `backplan history` do (planner.diary.logbook)


def log_session(
    *, done: bool | None, date: dt.date | str | None = None, day: str | None = None,
    pain_during: int | str | None = None, pain_next_morning: int | str | None = None,
    exercises: Iterable[str | tuple[str, int | str]] = (), red_flags: Sequence[str] = (), note: str = "",
    plan: str = "", person: str = "me", db: PathLike | None = None, catalog: Catalog | PathLike | None = None,
    labels: dict[str, str] | None = None,
) -> Logged:
    """Record a session in the pain diary ``db`` (default: in the user's data folder); ``done``
    ``None``: as recorded before. Dates and pains may be text as typed, ``exercises`` ``id=N``
    texts or ``(id, pain)`` pairs; ``labels`` name fields in messages. A session logged again only
    fills in what was missing. A red-flag answer is recorded and ``Logged.refusal`` is the
    see-a-doctor refusal to raise; with bad input, it is raised at once (``__cause__``: the error)."""
    from planner.diary.logbook import log_session as log

    return log(done=done, date=date, day=day, pain_during=pain_during, pain_next_morning=pain_next_morning, plan=plan,
               exercises=exercises, red_flags=red_flags, note=note, person=person, db=db, catalog=catalog, labels=labels)


def import_diary(path: PathLike, *, person: str = "me", db: PathLike | None = None,
                 catalog: Catalog | PathLike | None = None) -> tuple[int, str]:
    """Record every session of a diary CSV file, or none if a row is refused; the count and the diary's name."""
    from planner.diary.logbook import import_sessions

    return import_sessions(path, person=person, db=db, catalog=catalog)


def read_diary(*, person: str | None = "me", since: dt.date | str | None = None, until: dt.date | str | None = None,
               db: PathLike | None = None, labels: dict[str, str] | None = None) -> tuple[list[Entry], str]:
    """The sessions of ``person`` (``None``: everyone) from ``since`` to ``until``, in date order,
    and the diary's name (reading never creates a diary)."""
    from planner.diary.logbook import read_sessions

    return read_sessions(person=person, since=since, until=until, db=db, labels=labels)


def diary_advice(entries: Sequence[Entry], person: str = "me", week: str | None = None) -> Advice:
    """Progress, hold or step back per exercise for ``week`` (default: the latest session's), by
    the pain-monitoring model; raises the see-a-doctor refusal for a red-flag answer that week."""
    from planner.diary.logbook import advise

    return advise(entries, person, week)
