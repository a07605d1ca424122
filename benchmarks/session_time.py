"""Session times by the time model of ``planner/timing.py``, over the everyday profiles.

Plans a week (seed 0, shipped rules and catalog) for each of the 24 profiles of
``tests/everyday/profiles.yaml`` and each of ``examples/profiles/*.yaml``, and times every
session from the plan alone (its items' doses and positions, in order) with
:func:`planner.timing.session_seconds`, the figures the plan and the checker use. It reports:

* sessions: how many sessions the plans hold;
* over: sessions longer than the profile's ``session_minutes``;
* over 10%: sessions more than 10% longer;
* floor returns: sessions that leave the floor and come back to it (floor -> standing or
  seated -> floor), and how many such returns in all;
* moves: the seconds of position changes over all sessions.

Refused profiles (red flags, conflicting rules) are listed apart.

    python benchmarks/session_time.py
    python benchmarks/session_time.py --json session_time.json --verbose
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from _common import code_state  # noqa: E402

from planner import api  # noqa: E402
from planner.errors import InfeasibleError, RedFlagError  # noqa: E402
from planner.models import Profile  # noqa: E402
from planner.timing import floor_returns, moves_seconds, session_seconds  # noqa: E402


def profiles() -> list[tuple[str, Profile | Path]]:
    """The everyday profiles, then the example profiles."""
    everyday = yaml.safe_load((ROOT / "tests/everyday/profiles.yaml").read_text())
    out: list[tuple[str, Profile | Path]] = [(p["name"], Profile.model_validate(p)) for p in everyday]
    out += [(path.stem, path) for path in sorted((ROOT / "examples/profiles").glob("*.yaml"))]
    return out


def measure(verbose: bool = False) -> dict:
    totals = {"profiles": 0, "sessions": 0, "over": 0, "over_10pct": 0, "floor_return_sessions": 0,
              "floor_returns": 0, "move_seconds": 0}
    refused: list[str] = []
    rows = []
    for name, profile in profiles():
        totals["profiles"] += 1
        try:
            plan = api.plan_week(profile, seed=0)
        except (RedFlagError, InfeasibleError) as exc:
            refused.append(f"{name}: {type(exc).__name__}")
            continue
        limit = plan.profile.session_minutes * 60
        for day in plan.days:
            if not day.items:
                continue
            positions = [i.position for i in day.items]
            seconds = session_seconds((i.dose().seconds(), i.position) for i in day.items)
            returns = floor_returns(positions)
            totals["sessions"] += 1
            totals["over"] += seconds > limit
            totals["over_10pct"] += seconds > limit * 1.1
            totals["floor_return_sessions"] += returns > 0
            totals["floor_returns"] += returns
            totals["move_seconds"] += moves_seconds(positions)
            rows.append({"profile": name, "day": day.day, "limit_min": limit // 60, "seconds": seconds,
                         "plan_minutes": day.minutes, "floor_returns": returns})
            if verbose:
                print(f"{name:32} {day.day} {seconds / 60:5.1f}/{limit // 60:3} min, plan says {day.minutes:3},"
                      f" floor returns {returns}  {' '.join(p[:2] for p in positions)}")
    return {"code": code_state(), "totals": totals, "refused": refused, "sessions": rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="also write the report as JSON")
    parser.add_argument("--verbose", action="store_true", help="print every session")
    args = parser.parse_args()
    report = measure(args.verbose)
    t = report["totals"]
    print(f"code: {report['code']}")
    print(f"profiles {t['profiles']}, sessions {t['sessions']}")
    print(f"over session_minutes: {t['over']}; over by more than 10%: {t['over_10pct']}")
    print(f"sessions with floor -> standing/seated -> floor: {t['floor_return_sessions']} "
          f"({t['floor_returns']} returns); position moves: {t['move_seconds']} s in all")
    print(f"refused: {', '.join(report['refused']) or 'none'}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
