"""The pain diary: sessions done or skipped, pain scores and red-flag answers, in SQLite.

* :mod:`planner.diary.entries`: one entry and the checks every way in shares.
* :mod:`planner.diary.migrations`: the schema, version by version.
* :mod:`planner.diary.store`: where the diary lives, opening it, adding and reading entries.
* :mod:`planner.diary.csvio`: CSV export and all-or-nothing import.
* :mod:`planner.diary.model`: the pain-monitoring model's numbers (``rules/diary/pain_model.yaml``).
* :mod:`planner.diary.adapt`: the decision model: a week's entries to progress, hold or step
  back per exercise (backplan's extrapolation of a knee and tendon model to backs).
* :mod:`planner.diary.views`: the diary and the advice as text for people (table) and programs
  (JSON).
* :mod:`planner.diary.logbook`: what ``backplan log`` and ``history`` do (record, import, read,
  advise), for every caller through :mod:`planner.api`.
"""
