"""Reading what people write and writing what they keep: the file-handling helpers every
command shares, and nothing about exercise content.

- :mod:`planner.loading.yamlio`: safe YAML with a position for every value, size/depth limits.
- :mod:`planner.loading.validation`: pydantic errors turned into one positioned message.
- :mod:`planner.loading.words`: vocabulary checks with a "did you mean".
- :mod:`planner.loading.resources`: where the shipped data lives (source tree or wheel).
- :mod:`planner.loading.files`: writing output files atomically, never losing what was there.
"""
