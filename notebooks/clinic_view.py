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
# # A clinic view: many people's balance at once
#
# A physiotherapist with a handful of clients wants to see, at a glance, whose week leans on one
# muscle group and whose antagonist pairs are far from even. This plans one week for each profile
# and puts their balance side by side.

# %% tags=["parameters"]
PROFILES = [
    "examples/profiles/child.yaml",
    "examples/profiles/gym_goer.yaml",
    "examples/profiles/hypertension_home_dumbbells.yaml",
    "examples/profiles/two_days_a_week.yaml",
]
SEED = 0

# %%
# %matplotlib inline
import pandas as pd

from planner import api
from planner.analysis import data, tables
from planner.notice import SAFETY_NOTICE

weeks = {}
for path in PROFILES:
    given = api.load_inputs(path)
    plan = api.plan_week(given.profile, rules=given.rules, catalog=given.catalog, seed=SEED)
    weeks[given.profile.name] = data.loads(plan, given.catalog, given.profile)
limit = data.share_limit(given.rules)
print(SAFETY_NOTICE)

# %% [markdown]
# ## Shares per person
#
# One row per person, one column per group, in percent of that person's strength load. The last
# column names the largest group, and whether it is above the balance rule's threshold.

# %%
shares = pd.DataFrame({name: tables.group_shares(frame) for name, frame in weeks.items()}).T
summary = pd.DataFrame({
    "largest group": shares.idxmax(axis=1),
    "its share (%)": shares.max(axis=1).round(1),
    f"above {limit:.0%}": shares.max(axis=1) > limit * 100,
})
summary

# %%
from matplotlib.figure import Figure

fig = Figure(figsize=(11, 3.5), layout="constrained")
ax = fig.subplots()
image = ax.imshow(shares.to_numpy(), cmap="Reds", vmin=0, vmax=max(shares.to_numpy().max(), limit * 100))
ax.set_xticks(range(len(shares.columns)), [c.replace("_", " ") for c in shares.columns], rotation=45, ha="right")
ax.set_yticks(range(len(shares.index)), shares.index)
for (i, j), value in pd.DataFrame(shares.to_numpy()).stack().items():
    if value >= limit * 100:
        ax.text(j, i, f"{value:.0f}%", ha="center", va="center", color="white", fontsize=8, fontweight="bold")
fig.colorbar(image, ax=ax, label="share of the week's strength load (%)")
ax.set_title(f"Group shares per person (numbers: at or above the {limit:.0%} threshold)")
fig

# %% [markdown]
# ## Antagonist ratios per person
#
# First : second as the catalog names each pair; `inf` means only the first was trained, an empty
# cell that neither was.

# %%
pd.DataFrame({name: tables.antagonist_ratios(frame)["ratio"] for name, frame in weeks.items()}).T.round(2)

# %% [markdown]
# ## Load per region
#
# Sets per week in the strength block, neck first, legs last.

# %%
pd.DataFrame({name: tables.week_by_region(frame) for name, frame in weeks.items()}).T
