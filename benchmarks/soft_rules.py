"""How planning time grows with the number of user soft rules (issue 7: it used to be quadratic).

Usage: python benchmarks/soft_rules.py [N ...]      (default: 100 300 600 2000; 3 runs each)

For each N, writes N generated preference rules (session_count / weekly_count on varied
selectors, seeded by N, so the same N gives the same file) to a temporary folder and times whole
``backplan plan -r FILE`` processes on the default profile: median wall and user CPU seconds.
"""

from __future__ import annotations

import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

KINDS = ["aerobic", "cooldown", "mobility", "relaxation", "strength", "stretch", "warmup"]
TAGS = ["breathing", "bridge", "core", "hamstring_stretch", "low_impact", "neck", "plank", "standing_set", "yoga"]
REGIONS = ["neck", "upper_back", "mid_back", "low_back", "core", "hips", "legs"]
POSITIONS = ["prone", "quadruped", "seated", "side", "standing", "supine"]
GROUPS = ["trapezius", "shoulders", "rhomboids", "lats", "erectors", "abdominals", "obliques", "glutes",
          "hip_flexors", "hamstrings"]


def rule_file(n: int, folder: Path) -> Path:
    rng = random.Random(n)

    def selector() -> dict:
        key = rng.choice(["kind", "tags", "region", "position", "muscles"])
        pool = {"kind": KINDS, "tags": TAGS, "region": REGIONS, "position": POSITIONS, "muscles": GROUPS}[key]
        return {key: rng.sample(pool, rng.choice([1, 1, 2]))}

    rules = []
    for i in range(n):
        rule = {"id": f"soft-{i}", "severity": "preference", "weight": rng.randint(1, 9),
                "description": f"generated preference {i}", "source": ["benchmark"]}
        if rng.random() < 0.5:
            rule.update(kind="session_count", select=selector())
            rule["min" if rng.random() < 0.5 else "max"] = rng.choice([1, 1, 2])
        else:
            rule.update(kind="weekly_count", select=selector(), count=rng.choice(["items", "days", "distinct"]))
            rule["min" if rng.random() < 0.5 else "max"] = rng.choice([1, 2, 3])
        rules.append(rule)
    path = folder / f"soft{n}.yaml"
    path.write_text(yaml.safe_dump({"rules": rules}, sort_keys=False))
    return path


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [100, 300, 600, 2000]
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = rule_file(n, Path(tmp))
            walls, cpus = [], []
            for _ in range(3):
                before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
                started = time.perf_counter()
                done = subprocess.run([sys.executable, "-m", "planner", "plan", "-r", str(path), "-f", "json"],
                                      capture_output=True, text=True)
                walls.append(time.perf_counter() - started)
                cpus.append(resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime - before)
            print(f"{n:5d} soft rules: exit {done.returncode}, median wall {statistics.median(walls):.2f} s, "
                  f"median user CPU {statistics.median(cpus):.2f} s")


if __name__ == "__main__":
    main()
