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
# # Two people, and two seeds of one person
#
# The same rules give different weeks to different people: a person with high blood pressure
# training at home with light dumbbells, and a gym-goer. Then the same person twice with two
# search seeds: equally safe weeks that can balance differently.

# %% tags=["parameters"]
FIRST = "examples/profiles/hypertension_home_dumbbells.yaml"
SECOND = "examples/profiles/gym_goer.yaml"
SEEDS = (0, 1)

# %%
# %matplotlib inline
from planner import api
from planner.analysis import compare, data
from planner.notice import SAFETY_NOTICE

inputs = {p: api.load_inputs(p) for p in (FIRST, SECOND)}
limit = data.share_limit(inputs[FIRST].rules)


def week(profile: str, seed: int):
    given = inputs[profile]
    plan = api.plan_week(given.profile, rules=given.rules, catalog=given.catalog, seed=seed)
    return data.loads(plan, given.catalog, given.profile)


first, second = week(FIRST, SEEDS[0]), week(SECOND, SEEDS[0])
print(SAFETY_NOTICE)

# %% [markdown]
# ## Two profiles
#
# Shares in percent of each week's strength load; a positive difference means the second person's
# week gives the group a larger share.

# %%
compare.share_difference(first, second).round(1).sort_values("difference (points)")

# %%
compare.compare(first, second, (first.attrs["profile"], second.attrs["profile"]), limit)

# %% [markdown]
# ## Two seeds of one profile
#
# Seeds change the search order, not the rules: both weeks hold every safety rule.

# %%
again = week(FIRST, SEEDS[1])
compare.share_difference(first, again).round(1).sort_values("difference (points)")

# %%
compare.compare(first, again, (f"seed {SEEDS[0]}", f"seed {SEEDS[1]}"), limit)
