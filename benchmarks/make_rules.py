"""Write a rule file of N user rules, for timing how extra rules cost (``plan_time.py --extra``).

Each rule is a copy of a shipped rule (round-robin over ``rules/*.yaml``, ``refer`` rules left
out so that every profile still gets a plan) under a new id, ``user-rule-001`` ...: the same
constraints again, so the week does not change, but every rule is loaded, validated, compiled
and enforced as a rule of its own.

    python benchmarks/make_rules.py 100 /tmp/user_rules.yaml
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def make_rules(n: int, out: Path) -> Path:
    shipped = []
    for path in sorted((ROOT / "rules").glob("*.yaml")):
        shipped += [r for r in yaml.safe_load(path.read_text())["rules"] if r.get("kind") != "refer"]
    rules = []
    for i in range(n):
        rule = dict(shipped[i % len(shipped)])
        rule["id"] = f"user-rule-{i + 1:03d}"
        rules.append(rule)
    out.write_text(yaml.safe_dump({"rules": rules}, sort_keys=False))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    make_rules(args.n, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
