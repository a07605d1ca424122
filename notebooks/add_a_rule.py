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
# # Add a rule, replan, see the balance shift
#
# A week for a gym-goer loads the front of the thighs about three times as much as the back.
# Suppose a physiotherapist wants that nearer even. Rules are YAML; this notebook writes one rule
# below, plans the same person with and without it, and compares the two weeks.
#
# The rule is a `load_ratio` rule: the quadriceps' strength load at most `MAX_RATIO` times the
# hamstrings'. Its severity is `structure`: kept whenever a week allows, given way visibly
# otherwise. Using a ratio of training loads this way is an example, not clinical advice.

# %% tags=["parameters"]
PROFILE = "examples/profiles/gym_goer.yaml"
SEED = 0
MAX_RATIO = 1.5

# %%
# %matplotlib inline
import tempfile
from pathlib import Path

import pandas as pd

from planner import api
from planner.analysis import compare, data, figures, tables

RULE = f"""
rules:
  - id: front-back-thighs
    kind: load_ratio
    description: Quadriceps strength load at most {MAX_RATIO} times the hamstring load.
    severity: structure
    select: {{block: strength}}
    numerator: quadriceps
    denominator: hamstrings
    max_ratio: {MAX_RATIO}
    source: ["notebook example (backplan's illustration, not a clinical source)"]
"""
before_inputs = api.load_inputs(PROFILE)
with tempfile.TemporaryDirectory() as folder:  # the rule file lives only while it is loaded
    rule_file = Path(folder) / "thighs.yaml"
    rule_file.write_text(RULE)
    after_inputs = api.load_inputs(PROFILE, extra_rules=[rule_file])

# %%
before = api.plan_week(before_inputs.profile, rules=before_inputs.rules, catalog=before_inputs.catalog, seed=SEED)
after = api.plan_week(after_inputs.profile, rules=after_inputs.rules, catalog=after_inputs.catalog, seed=SEED)
print(after.notice)
print("rules that gave way with the new rule:", [g.rule for g in after.gave_way] or "none")
before_loads = data.loads(before, before_inputs.catalog)
after_loads = data.loads(after, after_inputs.catalog)

# %% [markdown]
# ## The ratio, before and after
#
# With the rule loaded, its band (up to the maximum) is drawn behind the pair.

# %%
ratios = {"without the rule": tables.antagonist_ratios(before_loads)["ratio"],
          "with the rule": tables.antagonist_ratios(after_loads)["ratio"]}
pd.DataFrame(ratios).round(2)

# %%
figures.ratios(after_loads, data.bands(after_inputs.rules))

# %% [markdown]
# ## What else moved
#
# Meeting one ratio changes the exercises chosen, so other groups' shares move too. Groups whose
# share changed by five percentage points or more are named in red.

# %%
compare.share_difference(before_loads, after_loads).round(1)

# %%
compare.compare(before_loads, after_loads, ("without the rule", "with the rule"), data.share_limit(after_inputs.rules))
