"""``backplan explain`` as text for people (table or Markdown) or as JSON.

Both formats for people start with the safety notice and end with the steps and cues of every
exercise explained that the person may do; text from the user's files is made inert as the plan
renderer does (:func:`planner.render.visible`, :func:`planner.render.md`)."""

from __future__ import annotations

import json

from planner.explain.contract import Cost, ExerciseAnswer, Explanation, ItemWhy
from planner.render import DAY_NAMES, md, visible

__all__ = ["render_explanation"]


def render_explanation(explanation: Explanation, fmt: str) -> str:
    if fmt == "json":
        text = json.dumps(explanation.model_dump(mode="json"), indent=2, ensure_ascii=False)
        return "".join(ch if ch.isprintable() or ch == "\n" else f"\\u{ord(ch):04x}" for ch in text) + "\n"
    markdown = fmt == "markdown"
    esc = md if markdown else visible
    lines = _lines(explanation, esc, markdown)
    return "\n".join(lines).rstrip("\n") + "\n"


def _heading(text: str, markdown: bool, level: int = 2) -> list[str]:
    return [f"{'#' * level} {text}", ""] if markdown else [text, "=" * len(text) if level == 1 else "-" * len(text)]


def _lines(e: Explanation, esc, markdown: bool) -> list[str]:
    out = [*_heading("Why this week: backplan explain", markdown, 1), esc(e.notice), ""]
    if e.exercise is not None:
        out += _answer(e.exercise, esc, markdown)
    else:
        day = None
        for item in e.items:
            if item.day != day:
                day = item.day
                out += ["", *_heading(DAY_NAMES.get(day, day), markdown)]
            out += _item(item, esc, markdown)
        out += ["", *_heading("Rules", markdown)]
        for rule in e.rules:
            detail = f": {esc(rule.detail)}" if rule.detail else ""
            out.append(f"- {esc(rule.rule)} ({rule.level}): {rule.status}{detail}")
        penalty = "" if e.soft_penalty is None else f"Soft penalty {e.soft_penalty}. "
        out += ["", penalty + "Out of band: " + ("; ".join(e.out_of_band) if e.out_of_band else "none") + "."]
    if e.instructions:
        out += ["", *_heading("How to do them", markdown)]
        for ex_id, how in e.instructions.items():
            out.append(f"{esc(how.name)} ({esc(ex_id)})")
            out += [f"  {n}. {esc(step)}" for n, step in enumerate(how.steps, 1)]
            out += [f"  - {esc(cue)}" for cue in how.cues]
    return out


def _item(item: ItemWhy, esc, markdown: bool) -> list[str]:
    sides = "" if item.sides == ["both"] else f", {' and '.join(item.sides)}"
    kind = "a walk of its own, apart from the session" if item.walk else item.block
    title = f"{esc(item.name)} ({esc(item.exercise)}, {kind}{sides}): {esc(item.dose)}, " + ("not counted in the load model" if item.walk else f"{item.seconds:g} s under tension")
    out = [f"{'### ' if markdown else '* '}{title}"]
    if markdown:
        out.append("")
    for label, ids in (("required by", item.required_by), ("placed by", item.placed_by), ("dosed by", item.dosed_by)):
        if ids:
            out.append(f"  - {label}: {esc(', '.join(ids))}")
    out.append(f"  - allowed: passes {len(item.allowed_by)} safety filters ({esc(', '.join(item.allowed_by))})")
    out += [f"  - over {esc(c.exercise)}: {_cost(c, esc)}" for c in item.chosen_over]
    if markdown:
        out.append("")
    return out


def _cost(cost: Cost, esc) -> str:
    return esc(cost.summary) + (f" ({esc(cost.breaks[0])})" if cost.breaks else "")


def _answer(a: ExerciseAnswer, esc, markdown: bool) -> list[str]:
    out = [*_heading(f"{a.name} ({a.exercise})", markdown), esc(a.summary) + "."]
    for x in a.excluded_by:
        out.append(f"- {esc(x.rule)}: {esc(x.reason)}")
    for item in a.items:
        out += ["", *_item(item, esc, markdown)]
    if a.best_fit is not None:
        fit = a.best_fit
        where = f"on {fit.day}" + (f" in place of {fit.instead_of}" if fit.instead_of else ", added")
        out += ["", f"Tried {where}:"]
        for label, lines in (("breaks", fit.breaks), ("misses", fit.misses), ("eases", fit.eases), ("balance", fit.balance)):
            out += [f"- {label}: {esc(line)}" for line in lines]
        if not (fit.breaks or fit.misses or fit.eases or fit.balance):
            out.append("- no rule and no balance figure changes")
    return out
