"""Programmes: several weeks that progress by the schedule in ``rules/programme/progression.yaml``
and adapt to the pain diary (:mod:`planner.programme.build`, contract in
:mod:`planner.programme.contract`)."""
