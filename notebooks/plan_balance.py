# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Plan balance
#
# How evenly does a week load the muscle groups, and how do antagonist pairs compare?
# This notebook plans a profile, computes the weekly load per group through the muscle graph
# (primary muscles take the sets, secondary ones half), and plots it.
#
# Open it in Jupyter with jupytext (`pip install jupytext`), or run it as a script:
# `python notebooks/plan_balance.py` writes `plan_balance.png` next to where you run it.

# %%
from pathlib import Path

import matplotlib

if __name__ == "__main__":  # run as a script: draw to a file, not a window
    matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from planner.api import plan_week  # noqa: E402
from planner.catalog import default_catalog  # noqa: E402
from planner.kinds.balance import week_load  # noqa: E402
from planner.kinds.base import Context, Week  # noqa: E402
from planner.profile import load_profile  # noqa: E402
from planner.rules import default_rule_files, load_rules  # noqa: E402

PROFILE = None  # a path such as "examples/profiles/gym_goer.yaml", or None for the default
SEED = 0

catalog = default_catalog()
rules = load_rules(default_rule_files(), catalog)
profile = load_profile(PROFILE, catalog)
plan = plan_week(profile, rules=rules, catalog=catalog, seed=SEED)
print(plan.notice)

# %% [markdown]
# ## Weekly load per muscle group

# %%
week = Week.from_plan(plan, profile.days)
ctx = Context(catalog, profile)
load = week_load(frozenset(catalog.exercises), week, ctx)
groups = catalog.graph.groups
total = sum(load.get(g, 0.0) for g in groups) or 1.0
shares = {g: load.get(g, 0.0) / total for g in groups}
for group, share in sorted(shares.items(), key=lambda kv: -kv[1]):
    print(f"{group:15s} {share:6.1%}")

# %% [markdown]
# ## Antagonist pairs
#
# A ratio far from 1 means one side of a pair is trained much more than the other.

# %%
pairs = sorted(tuple(sorted(edge)) for edge in catalog.graph.antagonist_graph.edges)
ratios = {}
for a, b in pairs:
    la, lb = load.get(a, 0.0), load.get(b, 0.0)
    ratios[f"{a} / {b}"] = la / lb if lb else float("inf")
    print(f"{a:>15s} / {b:<15s} {la:5.1f} / {lb:5.1f}")

# %%
fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.5))
ordered = sorted(shares, key=lambda g: -shares[g])
left.barh(ordered[::-1], [shares[g] for g in ordered[::-1]])
left.set_xlabel("share of the week's load")
left.set_title(f"Muscle-group load: {profile.name}")
finite = {k: v for k, v in ratios.items() if v != float("inf")}
right.barh(list(finite), list(finite.values()))
right.axvline(1.0, linestyle="--", color="grey")
right.set_xlabel("load ratio")
right.set_title("Antagonist pairs")
fig.tight_layout()
out = Path("plan_balance.png")
fig.savefig(out, dpi=80)
print(f"wrote {out}")
