"""The safety notice every output carries, in one place (and cheap to import: ``--help`` shows it)."""

from __future__ import annotations

__all__ = ["SAFETY_NOTICE"]

SAFETY_NOTICE = (
    "Talk to your doctor or physiotherapist before starting or changing an exercise plan. "
    "Move slowly and never bounce; stop and seek advice if pain is sharp, new or getting worse."
)
