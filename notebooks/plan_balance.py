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
# This notebook plans a profile and plots the plan's balance section: the load model of
# `planner/load.py` (seconds under tension in strength work, primary muscles full, secondary ones
# half, passed up the muscle graph), the antagonist pairs against the bands of `rules/balance.yaml`,
# and what is out of band. The figures are the ones `backplan plan` prints and `backplan check`
# recomputes.
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
balance = plan.balance
shares = {g.group: g.share for g in balance.groups}
for g in balance.groups:
    print(f"{g.group:15s} {g.share:6.1%} {g.seconds:7.0f} s  on {g.days} day(s)")
print(f"dominance index: {balance.dominance.group} {balance.dominance.share:.1%}")

# %% [markdown]
# ## Antagonist pairs
#
# Each pair's load ratio against its band (from the `load_ratio` rules); left against right.

# %%
ratios = {}
for pair in balance.pairs:
    ratios[pair.pair] = pair.ratio if pair.ratio is not None else float("inf")
    print(f"{pair.pair:25s} {pair.ratio}  band {pair.low}-{pair.high}  {'in band' if pair.in_band else 'OUT'}")
sides = balance.sides
print(f"left:right {sides.left:.0f} s / {sides.right:.0f} s  band {sides.low}-{sides.high}  {'in band' if sides.in_band else 'OUT'}")
print("out of band:", "; ".join(balance.out_of_band) or "none")

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
