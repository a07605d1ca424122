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
# # Plan a week and read its balance
#
# This notebook plans one week for one person and asks how evenly it loads the muscle groups.
# Everything is read through `planner.analysis` (install it with `pip install "backplan[notebooks]"`):
# the load model of `planner/load.py` (the one the planner, the checker and the plan's balance
# section use) counts an item's seconds under tension, in full for its primary muscles and half for
# its secondary ones (a left or right item counts half), and a muscle passes its load up to its
# group and region.
# Like the balance rule, the pictures count the **strength block** unless told otherwise.
#
# Change the person, the seed or the rule files in the next cell only (it is tagged `parameters`,
# so papermill can set them too).

# %% tags=["parameters"]
PROFILE = "examples/profiles/hypertension_home_dumbbells.yaml"  # a profile file, or None for the default
SEED = 0
EXTRA_RULES: list[str] = []  # rule files added to the shipped rules

# %%
# %matplotlib inline
from planner import api
from planner.analysis import bodymap, data, figures, tables

inputs = api.load_inputs(PROFILE, extra_rules=EXTRA_RULES)
plan = api.plan_week(inputs.profile, rules=inputs.rules, catalog=inputs.catalog, seed=SEED)
loads = data.loads(plan, inputs.catalog, inputs.profile)
limit = data.share_limit(inputs.rules)
print(plan.notice)
print(f"{inputs.profile.name}: {sum(len(d.items) for d in plan.days)} items over {len(inputs.profile.days)} training days")

# %% [markdown]
# ## When is each group worked?
#
# One row per day, one column per muscle group: the day's load in seconds under tension. Empty rows are rest days.

# %%
tables.day_by_group(loads)

# %%
figures.heatmap(loads)

# %% [markdown]
# ## Does one group dominate?
#
# Each group's share of the week's strength load, in percent. The dashed line is the
# over-dominance threshold of the shipped balance rule (`no-over-dominant-group`), read from the
# rules rather than written here; a red bar is above it.

# %%
print(f"threshold from the rules: {limit:.0%}")
tables.group_shares(loads).sort_values(ascending=False).round(1)

# %%
figures.shares(loads, limit)

# %% [markdown]
# ## Antagonist pairs
#
# Each pair is named in one direction, first : second, as the catalog lists it; a ratio above 1
# means the first is loaded more. The axis is logarithmic, so 2 and 1/2 are equally far from even.
# Target bands appear when the rules define them (a `load_ratio` rule does).

# %%
tables.antagonist_ratios(loads).round(2)

# %%
figures.ratios(loads, data.bands(inputs.rules))

# %% [markdown]
# ## Where on the body, and which side?
#
# The body map shades each drawn muscle area by its load; deep groups it cannot show are listed
# below. The left/right table compares the two sides of each group.

# %%
figures.overview(loads, limit, data.bands(inputs.rules))

# %%
tables.left_right(loads)

# %%
print(bodymap.unmapped(loads.attrs["groups"], loads.attrs["members"]))

# %% [markdown]
# ## The whole week, every block
#
# Warm-ups, stretches and relaxation load muscles too; the balance rule leaves them out. Here is
# the load per region and block, and the muscle graph shaded by the strength load.

# %%
tables.by_block(loads, "region")

# %%
figures.muscle_graph(loads, inputs.catalog)
