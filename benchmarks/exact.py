"""The exact backend (OR-Tools CP-SAT) against the python-constraint2 one, in process.

Needs the exact extra (``pip install '.[exact]'``). Three tables:

1. **Plans**: per example profile (examples/profiles/*.yaml, seed 0), each backend's whole
   ``plan_week`` (promotion, candidate weeks, giving way, conflict search): wall time, the
   soft penalty of the week, and the outcome (a plan, or a refusal and whether its conflict was
   proven). Every plan is run through the independent checker (``hard`` = hard violations).
2. **Does a week exist?**: per profile, one question under the safety rules (structure rules
   relaxed, as once they give way; one seeded layout), asked of each backend with ``--budget`` nodes (CP-SAT: deterministic
   time, 2,000 nodes a second): a week (feasibility proven by the week), no week (proven), or
   out of budget (nothing proven), and the wall time.
3. **Soft score** (what ``backplan plan --prove`` reports, :mod:`planner.optimality`):
   backplan's soft penalty (seed 0) against the least CP-SAT proves under the same hard rules
   (after any structure rule gave way) over the soft rules it can put exactly (deficits, loads,
   placements: :mod:`planner.solver.exact.objective`; the others are listed as left out), the
   gap, and both wall times. For a gap: the soft rules each week misses, CP-SAT's week being
   ordered and scored by the solver itself (so the least is reached, not just bounded).
4. **Conflicts**: the contradictory rule files of tests/solver/exact/conflicts.yaml: the rules
   named, proven minimal or not, and the wall time of the whole refusal (target: under 2 s with
   the exact backend).

``--catalog DIR`` plans from another catalog too (e.g. the ~900 exercises of free-exercise-db:
``backplan catalog import free-exercise-db.json --from free-exercise-db --out DIR``);
``-r FILE`` adds rule files (e.g. a tight ``load_ratio``, where the CSP runs out of budget).

    python benchmarks/exact.py
    python benchmarks/exact.py --profiles two_days_a_week gym_goer -r tight_ratio.yaml
    python benchmarks/exact.py --catalog /tmp/fedb --skip-conflicts --json exact.json
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import yaml  # noqa: E402
from _common import code_state  # noqa: E402

from planner.api import check_week, load_inputs, plan_week, to_plan  # noqa: E402
from planner.errors import InfeasibleError  # noqa: E402
from planner.profile import load_profile  # noqa: E402
from planner.rules import load_rule_file  # noqa: E402
from planner.solver import Settings, compile_rules, solve  # noqa: E402
from planner.solver.backend import OutOfBudget  # noqa: E402
from planner.solver.backends import backend_named  # noqa: E402
from planner.solver.build import build_model  # noqa: E402
from planner.solver.giveway import relax_structure  # noqa: E402
from planner.solver.search import slot_groups  # noqa: E402
from planner.solver.walks import credit, plan_walks  # noqa: E402

BACKENDS = ("csp", "exact")


def plan_row(profile: Path, backend: str, extra: list[Path], catalog: Path | None) -> dict:
    started = time.perf_counter()
    try:
        plan = plan_week(profile, extra_rules=extra, catalog=catalog, settings=Settings(backend=backend))
    except InfeasibleError as exc:
        return {"seconds": time.perf_counter() - started, "outcome": "refused", "proven": exc.proven,
                "rules": list(exc.rule_ids), "penalty": None, "hard": None}
    seconds = time.perf_counter() - started
    hard = sum(v.hard for v in check_week(plan, profile=profile, extra_rules=extra, catalog=catalog))
    return {"seconds": seconds, "outcome": "plan", "proven": True, "penalty": plan.soft_penalty, "hard": hard}


def exists_row(profile: Path, backend: str, extra: list[Path], catalog: Path | None, budget: int) -> dict:
    given = load_inputs(profile, extra_rules=extra, catalog=catalog)
    compiled = compile_rules(given.rules, given.catalog, given.profile)
    compiled = relax_structure(credit(compiled, plan_walks(compiled)))  # the safety rules, as once rules give way
    model = build_model(compiled, Settings())
    started = time.perf_counter()
    if model.refuted:
        answer = "no week (counting)"
    else:
        try:
            found = backend_named(backend).assign_days(model.days, slot_groups(model, random.Random("0:0")),
                                                       model.constraints, budget)
            answer = "a week" if found is not None else "no week"
        except OutOfBudget:
            answer = "out of budget"
    return {"seconds": time.perf_counter() - started, "answer": answer}


def optimum_row(profile: Path, backend: str, extra: list[Path], catalog: Path | None, seconds: float) -> dict:
    """backplan's week (seed 0) against the least soft score CP-SAT proves under the same hard
    rules (``plan --prove``: :mod:`planner.optimality`), and, to explain a gap, CP-SAT's week
    ordered and scored by the solver itself, with the soft rules each week misses."""
    from planner.optimality import prove
    from planner.solver.exact.optimum import least_soft
    from planner.solver.score import soft_amounts, soft_penalty
    from planner.solver.sessions import order_session

    given = load_inputs(profile, extra_rules=extra, catalog=catalog)
    started = time.perf_counter()
    try:
        solution = solve(given.rules, given.catalog, given.profile, settings=Settings(backend=backend))
    except InfeasibleError:
        return {"note": "refused: nothing to compare"}
    ours_seconds = time.perf_counter() - started
    plan = to_plan(solution, given.catalog, given.profile, 0, given.rules)
    started = time.perf_counter()
    found = prove(plan, solution, seconds=seconds)
    cp_seconds = time.perf_counter() - started
    model = build_model(solution.made_under, Settings())
    ours = {d: list(dict.fromkeys(i.exercise for i in items)) for d, items in solution.days.items() if d in model.days}
    best, _ = least_soft(model, slot_groups(model, random.Random("0:0")), seconds, hint=ours)
    theirs = None
    if best.week is not None:
        csp = backend_named("csp")
        ordered = {d: order_session(csp, solution.made_under, xs, soft_too=True, day=d)
                   or order_session(csp, solution.made_under, xs, soft_too=False, day=d) for d, xs in best.week.items()}
        if all(o is not None for o in ordered.values()):
            theirs = {"penalty": soft_penalty(model, ordered)[0], "misses": _rounded(soft_amounts(model, ordered))}
    return {"ours": plan.soft_penalty, "ours_seconds": ours_seconds, "status": found.status,
            "bound": found.lower_bound, "gap": found.gap, "cp_seconds": cp_seconds, "cp_solve": found.seconds,
            "left_out": found.left_out, "gave_way": [g.rule_id for g in solution.gave_way],
            "our_misses": _rounded(soft_amounts(model, ours)), "cp_week": theirs}


def _rounded(amounts: dict[str, float]) -> dict[str, float]:
    return {rule: round(amount, 3) for rule, amount in sorted(amounts.items())}


def conflict_rows(backend: str) -> list[dict]:
    from planner.api import _catalog, _rules

    catalog = _catalog(None)
    rules = _rules(None, [], catalog)[0]
    rows = []
    for case in yaml.safe_load((ROOT / "tests/solver/exact/conflicts.yaml").read_text()):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "contradictory.yaml"
            path.write_text(yaml.safe_dump({"rules": case["rules"]}, sort_keys=False))
            extra = load_rule_file(path, catalog)
        base = load_profile(None, catalog).model_dump()
        base.update(case["profile"])
        from planner.models import Profile

        profile = Profile.model_validate(base)
        started = time.perf_counter()
        try:
            solve([*rules, *extra], catalog, profile, settings=Settings(backend=backend))
            row = {"rules": [], "proven": False, "note": "a week was found"}
        except InfeasibleError as exc:
            row = {"rules": list(exc.rule_ids), "proven": exc.proven}
        row.update(case=case["name"], backend=backend, seconds=time.perf_counter() - started)
        rows.append(row)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profiles", nargs="*", help="example profile names (default: all)")
    parser.add_argument("-r", "--rules", type=Path, action="append", default=[], help="extra rule file")
    parser.add_argument("--catalog", type=Path, help="another catalog folder, planned from as well")
    parser.add_argument("--budget", type=int, default=30_000, help="nodes for the 'does a week exist' question")
    parser.add_argument("--optimum-seconds", type=float, default=60.0, help="CP-SAT time for the least soft score")
    parser.add_argument("--skip-plans", action="store_true", help="leave out the plans and week-exists tables")
    parser.add_argument("--skip-conflicts", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    profiles = sorted((ROOT / "examples/profiles").glob("*.yaml"))
    if args.profiles:
        profiles = [p for p in profiles if p.stem in args.profiles]
    catalogs = [None] + ([args.catalog] if args.catalog else [])
    report: dict = {"code": code_state(), "plans": [], "exists": [], "optimum": [], "conflicts": []}
    print(f"# exact backend benchmark ({report['code']})")
    if not args.skip_plans:
        print("\n## plans (seed 0): wall s, soft penalty, hard violations by the checker")
        print(f"{'catalog':<10} {'profile':<30} {'backend':<6} {'seconds':>8} {'penalty':>8} {'hard':>5}  outcome")
        for cat in catalogs:
            for profile in profiles:
                for backend in BACKENDS:
                    row = plan_row(profile, backend, args.rules, cat)
                    row.update(profile=profile.stem, backend=backend, catalog=str(cat or "shipped"))
                    report["plans"].append(row)
                    outcome = row["outcome"] if row["outcome"] == "plan" else \
                        f"refused ({'proven' if row['proven'] else 'NOT proven'}: {', '.join(row['rules'])})"
                    print(f"{row['catalog'][-10:]:<10} {profile.stem:<30} {backend:<6} {row['seconds']:>8.2f} "
                          f"{row['penalty'] if row['penalty'] is not None else '-':>8} "
                          f"{row['hard'] if row['hard'] is not None else '-':>5}  {outcome}", flush=True)
        print(f"\n## does a week exist under the safety rules? ({args.budget} nodes)")
        for cat in catalogs:
            for profile in profiles:
                cells = []
                for backend in BACKENDS:
                    row = exists_row(profile, backend, args.rules, cat, args.budget)
                    row.update(profile=profile.stem, backend=backend, catalog=str(cat or "shipped"))
                    report["exists"].append(row)
                    cells.append(f"{backend}: {row['answer']} in {row['seconds']:.2f} s")
                print(f"{str(cat or 'shipped')[-10:]:<10} {profile.stem:<30} " + "; ".join(cells), flush=True)
    print("\n## soft score (plan --prove): backplan's penalty against CP-SAT's proven least under the same hard"
          " rules\n   (tenths; seconds: backplan's whole solve, CP-SAT's proof; 'their week': CP-SAT's week ordered and"
          " scored by the solver; misses: rule: amount)")
    for cat in catalogs:
        for profile in profiles:
            for backend in BACKENDS:
                row = optimum_row(profile, backend, args.rules, cat, args.optimum_seconds)
                row.update(profile=profile.stem, backend=backend, catalog=str(cat or "shipped"))
                report["optimum"].append(row)
                head = f"{str(cat or 'shipped')[-10:]:<10} {profile.stem:<30} {backend:<6}"
                if "note" in row:
                    print(f"{head} {row['note']}", flush=True)
                    continue
                their = row["cp_week"]
                print(f"{head} ours {row['ours']} in {row['ours_seconds']:.2f} s; CP-SAT least {row['bound']} "
                      f"({row['status']}) in {row['cp_seconds']:.2f} s (solve {row['cp_solve']:.2f} s); gap {row['gap']}"
                      f"; left out: {', '.join(row['left_out']) or 'none'}"
                      + (f"; gave way: {', '.join(row['gave_way'])}" if row["gave_way"] else ""), flush=True)
                if row["gap"]:
                    print(f"{'':<10}   our misses: {row['our_misses']}\n{'':<10}   their week: "
                          + (f"{their['penalty']}, misses {their['misses']}" if their else "not orderable"), flush=True)
    if not args.skip_conflicts:
        print("\n## contradictory rule files (tests/solver/exact/conflicts.yaml): whole refusal")
        for backend in BACKENDS:
            for row in conflict_rows(backend):
                report["conflicts"].append(row)
                print(f"{backend:<6} {row['seconds']:>6.2f} s  {'proven minimal' if row['proven'] else 'NOT proven':<15}"
                      f" {', '.join(row['rules'])}  ({row['case']})", flush=True)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
