"""What a week of diary entries says about next week: progress, hold or step back, per exercise.

This is the pain-monitoring model of Thomee (1997), as Silbernagel et al. (2007) used it: pain
0-2 of 10 is safe; up to 5 is acceptable if it has settled by the next morning and does not rise
from week to week; above 5 is too much. Both studies were of knee (patellofemoral) and Achilles
tendon pain: **using the model for backs is backplan's extrapolation**, and every piece of advice
says so (:data:`CAVEAT`). The numbers are data, in ``rules/diary/pain_model.yaml``
(:mod:`planner.diary.model`). For each exercise (and for the session as a whole, when its own
scores were recorded) in a week:

1. Pain above ``acceptable_max`` during a session, or the next morning: **step back**.
2. The next morning's pain above ``settled_max`` (it had not settled): **step back**.
3. Pain above ``safe_max`` that is higher than the week before: **step back** (it rose).
4. Other pain above ``safe_max`` (acceptable, settled, not rising): ``acceptable_decision``;
   backplan's conservative reading **holds** (Silbernagel et al. let people progress), and it
   holds as well when the next morning's pain was not recorded.
5. Pain within ``safe_max``: **progress**, but only with at least ``progress_min_done`` sessions
   done and at most ``progress_max_skipped`` skipped: skipped sessions never count as progress,
   so otherwise **hold**.

An exercise stepped back ``swap_after_step_backs`` weeks running is marked for a **swap** (an
exercise for the same muscles, more gently). Any red-flag answer in the week stops everything:
:func:`weekly_advice` raises the see-a-doctor refusal the shipped rules use (``refer_rule``,
:func:`planner.messages.red_flag`) instead of advising.

The model is pure (entries in, verdicts out); `backplan program --diary` applies the verdicts to
next week's doses and variants without changing it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from planner.diary.entries import Entry, week_of
from planner.diary.model import PainModel
from planner.render import DAY_NAMES

__all__ = ["CAVEAT", "SESSION", "Advice", "Verdict", "previous_week", "red_flag_refusal", "week_of", "weekly_advice"]

Decision = Literal["progress", "hold", "step back"]
SESSION = "the whole session"
CAVEAT = (
    "backplan's reading of the pain-monitoring model (Thomee 1997; Silbernagel et al. 2007). The model was made "
    "for knee and Achilles tendon rehabilitation: using it for backs is backplan's extrapolation, not something "
    "those studies tested. Ask your physiotherapist before changing your plan."
)


@dataclass(frozen=True)
class Verdict:
    exercise: str  # a catalog id, or SESSION for the session's own pain scores
    decision: Decision
    reason: str
    swap: bool = False

    def __str__(self) -> str:
        swap = "; swap it for a gentler exercise for the same muscles" if self.swap else ""
        return f"{self.exercise}: {self.decision}: {self.reason}{swap}"


@dataclass(frozen=True)
class Advice:
    person: str
    week: str
    verdicts: tuple[Verdict, ...]


def previous_week(week: str) -> str:
    year, number = week.split("-W")
    return week_of(dt.date.fromisocalendar(int(year), int(number), 1) - dt.timedelta(days=7))


def weekly_advice(entries: Sequence[Entry], person: str, week: str, model: PainModel) -> Advice:
    """The verdicts for ``person``'s ``week`` (``2026-W48``) from their diary ``entries`` (other
    people's and other weeks' entries are ignored, but for the weeks before, which say whether
    pain rose and whether an exercise keeps hurting). Raises the see-a-doctor refusal
    (:class:`planner.errors.RedFlagError`) when an entry of the week answers a red flag."""
    mine = [e for e in entries if e.person == person]
    flagged = [e for e in mine if e.week == week and e.red_flags]
    if flagged:
        raise red_flag_refusal(flagged, model)
    this, before = _of(mine, week), _of(mine, previous_week(week))
    exercises = sorted({ex for e in this + before for ex in e.exercises})
    scored = any(e.pain_during is not None or e.pain_next_morning is not None for e in this + before)
    names = [SESSION, *exercises] if scored or not exercises else exercises  # a session verdict needs its scores
    verdicts = tuple(_verdict(name, mine, week, model) for name in names)
    return Advice(person, week, verdicts)


def red_flag_refusal(flagged: Sequence[Entry], model: PainModel, when: str | None = None):
    """The see-a-doctor refusal for entries that answered red flags: what was answered (and in
    which session, or ``when`` for answers not recorded in one), then the shipped referral rule's
    own words (``model.refer_rule``)."""
    from planner.messages import red_flag

    answers = [f"  - {when or _when(e)}: {model.red_flags[f]}" for e in flagged for f in e.red_flags]
    said = "In your diary you answered yes to:\n" + "\n".join(answers)
    return red_flag(f"{said}\n\n{_referral_text(model.refer_rule)}", [model.refer_rule])


def _referral_text(rule_id: str) -> str:
    from planner.loading.resources import data_dir
    from planner.loading.yamlio import load_yaml_file

    doc = load_yaml_file(data_dir("rules") / "safety.yaml")
    return next(r["message"] for r in doc.data["rules"] if r.get("id") == rule_id)


def _of(entries: Sequence[Entry], week: str) -> list[Entry]:
    return [e for e in entries if e.week == week]


def _when(e: Entry) -> str:
    return f"{DAY_NAMES[e.day]}'s session ({e.date.isoformat()})"


def _readings(name: str, entries: Sequence[Entry]) -> list[tuple[Entry, int | None]]:
    """The done sessions that scored ``name``, with the pain during it."""
    if name == SESSION:
        return [(e, e.pain_during) for e in entries if e.done and (e.pain_during is not None or e.pain_next_morning is not None)]
    return [(e, e.exercises[name]) for e in entries if e.done and name in e.exercises]


def _worst(readings: Sequence[tuple[Entry, int | None]]) -> tuple[Entry, int] | None:
    scored = [(e, p) for e, p in readings if p is not None]
    return max(scored, key=lambda r: r[1]) if scored else None


def _verdict(name: str, mine: Sequence[Entry], week: str, model: PainModel) -> Verdict:
    verdict = _judge(name, _of(mine, week), _of(mine, previous_week(week)), model)
    if verdict.decision != "step back" or name == SESSION:
        return verdict
    run, earlier = 1, week
    while run < model.swap_after_step_backs:
        earlier = previous_week(earlier)
        if _judge(name, _of(mine, earlier), _of(mine, previous_week(earlier)), model).decision != "step back":
            return verdict
        run += 1
    weeks = "this week" if run == 1 else f"{run} weeks running"
    return Verdict(name, "step back", f"{verdict.reason}; stepped back {weeks}", swap=True)


def _judge(name: str, this: Sequence[Entry], before: Sequence[Entry], model: PainModel) -> Verdict:
    readings = _readings(name, this)
    worst = _worst(readings)
    acceptable = model.acceptable_max
    if worst and worst[1] > acceptable:
        return Verdict(name, "step back", f"pain {worst[1]} during {_when(worst[0])}: above {acceptable} is too much")
    mornings = [(e, e.pain_next_morning) for e, _ in readings if e.pain_next_morning is not None]
    morning = max(mornings, key=lambda r: r[1]) if mornings else None
    if morning and morning[1] > acceptable:
        return Verdict(name, "step back", f"pain {morning[1]} the morning after {_when(morning[0])}: above {acceptable} is too much")
    if morning and morning[1] > model.settled_max:
        return Verdict(name, "step back", f"pain {morning[1]} the morning after {_when(morning[0])}: it had not "
                                          f"settled to {model.settled_max} or less by the next morning")
    last = _worst(_readings(name, before))
    if worst and worst[1] > model.safe_max and last and worst[1] > last[1]:
        return Verdict(name, "step back", f"pain rose from {last[1]} last week to {worst[1]} during {_when(worst[0])}")
    skipped = [e for e in this if not e.done]
    if not readings:
        return Verdict(name, "hold", "not done this week" if not skipped else
                       f"not done this week ({_sessions(len(skipped))} skipped)")
    if worst and worst[1] > model.safe_max:
        unknown = [e for e, _ in readings if e.pain_next_morning is None]
        if unknown:
            return Verdict(name, "hold", f"pain {worst[1]} during {_when(worst[0])}, and the next morning's pain "
                                         f"after {_when(unknown[0])} was not recorded")
        if model.acceptable_decision == "hold":
            return Verdict(name, "hold", f"pain {worst[1]} during {_when(worst[0])}: acceptable (up to {acceptable}), "
                                         "settled by the next morning and not rising; backplan holds here rather than progresses")
    if len(skipped) > model.progress_max_skipped:
        return Verdict(name, "hold", f"{_sessions(len(skipped))} skipped this week: skipped sessions do not count as progress")
    if len(readings) < model.progress_min_done:
        return Verdict(name, "hold", f"done in {_sessions(len(readings))} this week; "
                                     f"{model.progress_min_done} are needed to progress")
    if worst is None:
        return Verdict(name, "hold", "no pain during the sessions was recorded")
    top = f"pain at most {worst[1]}" if worst[1] else "no pain"
    zone = f"0-{model.safe_max} is safe" if worst[1] <= model.safe_max else f"up to {acceptable} is acceptable"
    settled = ", settled by the next morning" if all(e.pain_next_morning is not None for e, _ in readings) else ""
    return Verdict(name, "progress", f"{top} in {_sessions(len(readings))} done ({zone}){settled}")


def _sessions(n: int) -> str:
    return f"{n} session" + ("" if n == 1 else "s")
